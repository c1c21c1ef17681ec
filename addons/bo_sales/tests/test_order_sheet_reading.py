# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The spreadsheet reader reads each file as its author meant it: OpenDocument
sheets, percentage cells, separators and date orders, totals and blank rows."""

import datetime
import io
import zipfile

import xlsxwriter
import xlwt

from odoo.tests import BaseCase, tagged

from odoo.addons.bo_sales.tools.order_sheet import SheetError, read_order_sheet

from .ods import Percent, make_ods

HEADER = ["Cliente", "Rif. cliente", "Codice articolo", "Qtà", "Prezzo", "Sconto %"]
HEADER += ["Data consegna", "Note"]


def text(message):
    return message._translate("en_US")


@tagged("post_install", "-at_install")
class TestOdsSheets(BaseCase):
    def test_ods_rows_types_and_hidden_sheet(self):
        content = make_ods(
            [
                ["Ordini della settimana"],
                [],
                HEADER,
                ["Rossi", "PO-1", "ART-1", 1000, 12.5, Percent(0.05), datetime.date(2026, 12, 31)],
                ["Rossi", "PO-1", "ART-2", "2", "3,75", None, None, "al mattino"],
            ],
            hidden_sheet=[["vecchi dati"]],
        )
        sheet = read_order_sheet(content, "ordini.ods")
        self.assertEqual(sheet.sheet_name, "Ordini")
        self.assertEqual([r.row for r in sheet.rows], [4, 5])
        first, second = (r.values for r in sheet.rows)
        self.assertEqual(
            (first["quantity"], first["price_unit"], first["discount"]), (1000.0, 12.5, 5.0)
        )
        self.assertEqual(first["commitment_date"], datetime.date(2026, 12, 31))
        self.assertEqual((second["quantity"], second["price_unit"]), (2.0, 3.75))
        self.assertEqual(second["notes"], "al mattino")
        self.assertEqual(
            [text(p.message) for p in sheet.problems],
            ["Hidden sheets were ignored: Nascosto."],
        )

    def test_ods_with_formatted_empty_rows(self):
        content = make_ods([HEADER, ["Rossi", "PO-1", "ART-1", 3]], empty_formatted_rows=25000)
        sheet = read_order_sheet(content, "modello.ods")
        self.assertEqual([r.row for r in sheet.rows], [2])
        self.assertFalse(sheet.has_blocking_problem)

    def test_damaged_ods_is_not_called_excel(self):
        good = make_ods([HEADER, ["Rossi", "PO-1", "ART-1", 3]])
        cut = good[: len(good) // 2]
        for content in (cut, good.replace(b"content.xml", b"contenu.xml")):
            with self.assertRaises(SheetError) as error:
                read_order_sheet(content, "ordini.ods")
            message = text(error.exception.message)
            self.assertIn("OpenDocument spreadsheet", message)
            self.assertNotIn("Excel workbook", message)
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(good)))


@tagged("post_install", "-at_install")
class TestPercentCells(BaseCase):
    """A "Sconto %" column formatted as a percentage holds 0.05 for "5 %"."""

    def assert_discounts(self, sheet):
        self.assertEqual([r.values["discount"] for r in sheet.rows], [5.0, 12.5, 7.0])
        self.assertFalse(sheet.problems, [text(p.message) for p in sheet.problems])

    def test_xlsx_percent_cells(self):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet("Ordini")
        percent = book.add_format({"num_format": "0.0%"})
        sheet.write_row(0, 0, HEADER)
        for index, discount in enumerate((0.05, 0.125), start=1):
            sheet.write_row(index, 0, ["Rossi", "PO-1", "ART-1", 2, 10])
            sheet.write_number(index, 5, discount, percent)
        # A number followed by a literal percent sign is the number itself.
        sheet.write_row(3, 0, ["Rossi", "PO-1", "ART-1", 2, 10])
        sheet.write_number(3, 5, 7, book.add_format({"num_format": '0" %"'}))
        book.close()
        self.assert_discounts(read_order_sheet(output.getvalue(), "sconti.xlsx"))

    def test_xls_percent_cells(self):
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Ordini")
        percent = xlwt.easyxf(num_format_str="0.0%")
        literal = xlwt.easyxf(num_format_str='0" %"')
        for column, label in enumerate(HEADER):
            sheet.write(0, column, label)
        for index, (discount, style) in enumerate(
            ((0.05, percent), (0.125, percent), (7, literal)), start=1
        ):
            for column, value in enumerate(["Rossi", "PO-1", "ART-1", 2, 10]):
                sheet.write(index, column, value)
            sheet.write(index, 5, discount, style)
        output = io.BytesIO()
        book.save(output)
        self.assert_discounts(read_order_sheet(output.getvalue(), "sconti.xls"))

    def test_ods_percent_cells(self):
        rows = [HEADER]
        rows += [["Rossi", "PO-1", "ART-1", 2, 10, Percent(d)] for d in (0.05, 0.125)]
        rows.append(["Rossi", "PO-1", "ART-1", 2, 10, 7])
        self.assert_discounts(read_order_sheet(make_ods(rows), "sconti.ods"))

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

from odoo.addons.bo_sales.tools.order_sheet import ReadOptions, SheetError, read_order_sheet

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
        with self.assertRaises(SheetError) as error:
            read_order_sheet(b"Cliente;Articolo;Qta\nRossi;A;1\n", "ordini.ods")
        self.assertIn("contains plain text", text(error.exception.message))


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


def make_csv(rows, delimiter=";"):
    lines = []
    for row in rows:
        cells = []
        for cell in row:
            cell = str(cell)
            if delimiter in cell or '"' in cell:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        lines.append(delimiter.join(cells))
    return "\n".join(lines).encode("utf-8")


EN_HEADER = ["Customer", "PO number", "Product code", "Qty", "Unit price", "Delivery date"]


@tagged("post_install", "-at_install")
class TestSeparatorsAndDates(BaseCase):
    """Separators and day/month order come from the file's own evidence."""

    def read_csv(self, rows, delimiter=";", **options):
        return read_order_sheet(make_csv(rows, delimiter), "ordini.csv", ReadOptions(**options))

    def values(self, sheet, key):
        return [r.values[key] for r in sheet.rows]

    def test_english_comma_file_asks_for_the_date_order_only(self):
        """The issue's file: price 1.125, quantity 1,500, date 12/07/2026."""
        rows = [EN_HEADER, ["Rossi", "PO-1", "ART-1", "1,500", "1.125", "12/07/2026"]]
        sheet = self.read_csv(rows, ",")
        self.assertEqual(self.values(sheet, "quantity"), [1500.0])
        self.assertEqual(self.values(sheet, "price_unit"), [1.125])
        self.assertEqual(sheet.questions, {"date_order"})
        [question] = [p for p in sheet.problems if p.row == 0]
        self.assertTrue(question.blocking)
        self.assertIn("2026-07-12 (day first) or 2026-12-07 (month first)", text(question.message))
        self.assertIn("Row 2", text(question.message))
        # The clerk's answer settles it.
        sheet = self.read_csv(rows, ",", date_order="mdy")
        self.assertFalse(sheet.questions)
        self.assertEqual(self.values(sheet, "commitment_date"), [datetime.date(2026, 12, 7)])
        self.assertFalse(sheet.problems)

    def test_a_date_read_one_way_settles_the_others(self):
        rows = [
            EN_HEADER,
            ["Rossi", "PO-1", "ART-1", "2", "3.5", "12/07/2026"],
            ["Rossi", "PO-1", "ART-2", "2", "3.5", "07/25/2026"],
        ]
        sheet = self.read_csv(rows, ",")
        self.assertFalse(sheet.questions)
        self.assertEqual(
            self.values(sheet, "commitment_date"),
            [datetime.date(2026, 12, 7), datetime.date(2026, 7, 25)],
        )

    def test_dates_written_two_orders_ask_the_clerk(self):
        rows = [
            EN_HEADER,
            ["Rossi", "PO-1", "ART-1", "2", "3.5", "12/31/2026"],
            ["Rossi", "PO-1", "ART-2", "2", "3.5", "31/12/2026"],
        ]
        sheet = self.read_csv(rows, ",")
        self.assertEqual(sheet.questions, {"date_order"})
        self.assertEqual(
            [(p.row, text(p.message), p.blocking) for p in sheet.problems],
            [
                (
                    0,
                    "The file writes dates in two orders (12/31/2026 on row 2, 31/12/2026 on "
                    "row 3). Choose below how its dates are written, then check again.",
                    True,
                ),
                # Read meanwhile day first.
                (2, "12/31/2026 is not a date: write it as dd/mm/yyyy.", True),
            ],
        )
        # Answered: the date that does not fit is an error of its row.
        sheet = self.read_csv(rows, ",", date_order="mdy")
        self.assertEqual(
            [(p.row, text(p.message)) for p in sheet.problems],
            [(3, "31/12/2026 is not a date: write it as dd/mm/yyyy.")],
        )

    def test_italian_file_is_day_first_and_decimal_comma(self):
        rows = [HEADER, ["Rossi", "PO-1", "ART-1", "1.500", "1,125", "", "12/07/2026"]]
        sheet = self.read_csv(rows)
        self.assertFalse(sheet.questions)
        self.assertEqual(self.values(sheet, "quantity"), [1500.0])
        self.assertEqual(self.values(sheet, "price_unit"), [1.125])
        self.assertEqual(self.values(sheet, "commitment_date"), [datetime.date(2026, 7, 12)])

    def test_ambiguous_numbers_without_evidence_ask_the_clerk(self):
        header = ["Cliente", "SKU", "Qty", "Prezzo"]  # mixed languages: no hint
        rows = [header, ["Rossi", "ART-1", "1.500", "2"], ["Rossi", "ART-2", "1.250", "3"]]
        sheet = self.read_csv(rows)
        self.assertEqual(sheet.questions, {"decimal"})
        self.assertIn("Row 2: 1.500 can be read", text(sheet.problems[0].message))
        sheet = self.read_csv(rows, decimal=".")
        self.assertEqual(self.values(sheet, "quantity"), [1.5, 1.25])
        sheet = self.read_csv(rows, decimal=",")
        self.assertEqual(self.values(sheet, "quantity"), [1500.0, 1250.0])

    def test_a_value_read_one_way_settles_the_others(self):
        header = ["Cliente", "SKU", "Qty", "Prezzo"]
        rows = [header, ["Rossi", "ART-1", "1.500", "2,75"]]
        sheet = self.read_csv(rows)
        self.assertFalse(sheet.questions)
        self.assertEqual(self.values(sheet, "quantity"), [1500.0])
        self.assertEqual(self.values(sheet, "price_unit"), [2.75])

    def test_numbers_written_two_ways_ask_the_clerk(self):
        rows = [HEADER, ["Rossi", "PO-1", "ART-1", "2", "2,75"], ["Rossi", "PO-1", "A", "2", "3.5"]]
        sheet = self.read_csv(rows)
        self.assertEqual(sheet.questions, {"decimal"})
        self.assertEqual(
            [(p.row, text(p.message), p.blocking) for p in sheet.problems],
            [
                (
                    0,
                    "The file writes numbers in two ways (2,75 on row 2, 3.5 on row 3). Choose "
                    "below how its numbers are written, then check again.",
                    True,
                ),
                # Read meanwhile with the decimal comma of the Italian headers.
                (3, "3.5 in column Unit price is not a number.", True),
            ],
        )
        # Answered: the value that does not fit is an error of its row.
        sheet = self.read_csv(rows, decimal=",")
        self.assertEqual(
            [(p.row, text(p.message)) for p in sheet.problems],
            [(3, "3.5 in column Unit price is not a number.")],
        )

    def test_semicolon_csv_with_commas_in_notes(self):
        rows = [HEADER]
        rows += [
            [
                "Rossi",
                "PO-1",
                f"ART-{i}",
                "2",
                "3,5",
                "",
                "",
                "piano terra, scala B, citofono, ore 9",
            ]
            for i in range(5)
        ]
        sheet = self.read_csv(rows)
        self.assertEqual(len(sheet.rows), 5)
        self.assertEqual(sheet.rows[0].values["notes"], "piano terra, scala B, citofono, ore 9")
        self.assertEqual(sheet.rows[0].values["price_unit"], 3.5)

    def test_totals_and_blank_rows(self):
        rows = [
            HEADER,
            ["Rossi", "PO-1", "ART-1", "2", "3,5"],
            ["   ", "  ", "   ", " ", "  "],
            ["Rossi", "PO-1", "ART-2", "4", "1,5"],
            ["TOTALE", "", "", "6", "13,00"],
        ]
        sheet = self.read_csv(rows)
        self.assertEqual([r.row for r in sheet.rows], [2, 4])
        self.assertEqual(
            [(p.row, p.blocking, text(p.message)) for p in sheet.problems],
            [(5, False, "A totals row: skipped, its figures are not an order line.")],
        )

    def test_template_formatted_down_to_row_25000(self):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet("Ordini")
        boxed = book.add_format({"border": 1})
        sheet.write_row(0, 0, HEADER)
        sheet.write_row(1, 0, ["Rossi", "PO-1", "ART-1", 2, 3.5])
        for index in range(2, 25000):
            for column in range(len(HEADER)):
                sheet.write_blank(index, column, None, boxed)
        book.close()
        sheet = read_order_sheet(output.getvalue(), "modello.xlsx")
        self.assertEqual([r.row for r in sheet.rows], [2])
        self.assertEqual(
            [(p.row, p.blocking, text(p.message)) for p in sheet.problems],
            [(0, False, "Rows 3 to 25000 hold no value (at most a format) and were ignored.")],
        )

    def test_absurd_values_are_refused_with_the_bounds(self):
        rows = [
            HEADER,
            ["Rossi", "PO-1", "ART-1", "999.999.999", "999.999.999.999", "", "31/12/9999"],
            ["Rossi", "PO-1", "ART-2", "10", "5", "", "01/02/2027"],
        ]
        sheet = self.read_csv(
            rows,
            max_quantity=1_000_000,
            max_price_unit=1_000_000,
            latest_date=datetime.date(2028, 12, 6),
            today=datetime.date(2026, 12, 7),
        )
        self.assertEqual(
            [(p.row, p.blocking, text(p.message)) for p in sheet.problems],
            [
                (
                    2,
                    True,
                    "The quantity 999999999.0 is above 1000000, the most an imported line "
                    "may order: check the file (a manager can raise the limit).",
                ),
                (
                    2,
                    True,
                    "The unit price 999999999999.0 is above 1000000, the highest an imported "
                    "line may have: check the file (a manager can raise the limit).",
                ),
                (
                    2,
                    True,
                    "The delivery date 9999-12-31 is later than 2028-12-06, the latest an "
                    "import accepts: check the file (a manager can raise the limit).",
                ),
            ],
        )

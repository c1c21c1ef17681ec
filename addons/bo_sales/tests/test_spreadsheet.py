# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The generic spreadsheet reader, with columns that are not an order's."""

import datetime
import io

import xlsxwriter

from odoo.tests import BaseCase, tagged

from odoo.addons.bo_sales.tools.spreadsheet import (
    Problem,
    SheetError,
    SheetRow,
    TableOptions,
    read_table,
)

HEADERS = {
    "name": ["Ragione sociale", "Name"],
    "vat": ["Partita IVA", "VAT"],
    "ateco": ["Codice ATECO", "ATECO"],
    "email": ["Email", "E-mail"],
    "revenue": ["Fatturato", "Revenue"],
    "since": ["Cliente dal", "Since"],
}


def text(message):
    return message._translate("en_US")


def csv_bytes(rows, delimiter=";"):
    return "\n".join(delimiter.join(row) for row in rows).encode("utf-8")


@tagged("post_install", "-at_install")
class TestReadTable(BaseCase):
    def test_typed_rows_under_a_title(self):
        content = csv_bytes(
            [
                ["Fornitori 2026"],
                ["Ragione sociale", "Partita IVA", "ATECO", "E-mail", "Fatturato", "Cliente dal"],
                [
                    "Rossi Srl",
                    "IT01234567890",
                    "46.69.19",
                    "info@rossi.it",
                    "1.234,50",
                    "31/12/2025",
                ],
                [],
                ["Bianchi Spa", "", "28.99", "", "", ""],
            ]
        )
        options = TableOptions(numbers=("revenue",), dates=("since",))
        sheet = read_table(content, "fornitori.csv", HEADERS, options)
        self.assertEqual(
            sheet.columns, {"name": 0, "vat": 1, "ateco": 2, "email": 3, "revenue": 4, "since": 5}
        )
        self.assertEqual(
            sheet.rows,
            [
                SheetRow(
                    3,
                    {
                        "name": "Rossi Srl",
                        "vat": "IT01234567890",
                        "ateco": "46.69.19",
                        "email": "info@rossi.it",
                        "revenue": 1234.5,
                        "since": datetime.date(2025, 12, 31),
                    },
                ),
                SheetRow(
                    5,
                    {
                        "name": "Bianchi Spa",
                        "vat": "",
                        "ateco": "28.99",
                        "email": "",
                        "revenue": None,
                        "since": None,
                    },
                ),
            ],
        )
        self.assertEqual(sheet.problems, [])
        self.assertEqual(sheet.decimal, ",")

    def test_xlsx_reads_the_same_way(self):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        page = book.add_worksheet("Fornitori")
        page.write_row(0, 0, ["Name", "VAT", "Revenue"])
        page.write_row(1, 0, ["Rossi Srl", "IT01234567890", 1500])
        book.close()
        sheet = read_table(output.getvalue(), "f.xlsx", HEADERS, TableOptions(numbers=("revenue",)))
        self.assertEqual(sheet.sheet_name, "Fornitori")
        self.assertEqual(
            sheet.rows,
            [SheetRow(2, {"name": "Rossi Srl", "vat": "IT01234567890", "revenue": 1500.0})],
        )

    def test_header_keys_and_default_messages(self):
        options = TableOptions(header_keys=({"name"}, {"vat", "email"}))
        content = csv_bytes([["Ragione sociale", "ATECO"], ["Rossi Srl", "46.69"]])
        with self.assertRaises(SheetError) as caught:
            read_table(content, "f.csv", HEADERS, options)
        self.assertEqual(
            text(caught.exception.message),
            "No header row found in the first 20 rows. The sheet needs a row naming its "
            "columns: Ragione sociale, Partita IVA, Email.",
        )
        with self.assertRaises(SheetError) as caught:
            read_table(csv_bytes([["Name", "VAT"]]), "f.csv", HEADERS, options)
        self.assertEqual(
            text(caught.exception.message), "The sheet has a header row but no data rows."
        )

    def test_hooks_report_on_their_rows(self):
        def check_row(values, failed):
            if "revenue" in failed:
                return []
            if not values.get("vat"):
                return [Problem(None, "no VAT", blocking=False)]
            return []

        options = TableOptions(
            numbers=("revenue",),
            check_header=lambda columns, row: None if "vat" in columns else f"row {row}",
            check_row=check_row,
        )
        content = csv_bytes([["Name", "VAT", "Revenue"], ["A", "", "x"], ["B", "", "1"]])
        sheet = read_table(content, "f.csv", HEADERS, options)
        self.assertEqual(
            [
                (p.row, text(p.message) if p.blocking else p.message, p.blocking)
                for p in sheet.problems
            ],
            [(2, "x in column Fatturato is not a number.", True), (3, "no VAT", False)],
        )
        with self.assertRaises(SheetError) as caught:
            read_table(csv_bytes([["Name"], ["A"]]), "f.csv", HEADERS, options)
        self.assertEqual(caught.exception.message, "row 1")

    def test_a_number_read_two_ways_asks_then_follows_the_answer(self):
        content = csv_bytes([["Name", "Revenue"], ["A", '"1,500"']], ",")
        options = TableOptions(numbers=("revenue",))
        sheet = read_table(content, "f.txt", {"name": ["Name"], "revenue": ["Revenue"]}, options)
        # No English header names given: the comma delimiter settles it.
        self.assertEqual((sheet.questions, sheet.rows[0].values["revenue"]), (set(), 1500.0))
        content = csv_bytes([["Name", "Revenue"], ["A", "1,500"]], ";")
        sheet = read_table(content, "f.csv", HEADERS, options)
        self.assertEqual(sheet.questions, {"decimal"})
        [question] = sheet.problems
        self.assertEqual((question.row, question.blocking), (0, True))
        self.assertIn("Row 2: 1,500 can be read", text(question.message))
        options.decimal = ","
        sheet = read_table(content, "f.csv", HEADERS, options)
        self.assertEqual((sheet.questions, sheet.rows[0].values["revenue"]), (set(), 1.5))

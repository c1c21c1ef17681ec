# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The spreadsheet reader on its own: formats, headers, values, hostile files."""

import csv
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from odoo.addons.bo_sales.tools import order_sheet
from odoo.addons.bo_sales.tools.order_sheet import SheetError, read_order_sheet
from odoo.addons.bo_sales.tools.spreadsheet import common, detect, values
from odoo.addons.bo_sales.tools.spreadsheet.common import has_value


def text(message):
    return message._translate("en_US")


def make_csv(rows, delimiter=";", encoding="utf-8"):
    return "\n".join(delimiter.join(str(c) for c in row) for row in rows).encode(encoding)


def make_xlsx(rows, hidden_first=False, merge=None, formula=None):
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    if hidden_first:
        hidden = book.add_worksheet("Nascosto")
        hidden.write(0, 0, "vecchi dati")
        hidden.hide()
    sheet = book.add_worksheet("Ordini")
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    index, column, value, book.add_format({"num_format": "dd/mm/yyyy"})
                )
            elif value is not None:
                sheet.write(index, column, value)
    if merge:
        sheet.merge_range(*merge)
    if formula:
        sheet.write_formula(*formula)
    if hidden_first:
        sheet.activate()
    book.close()
    return output.getvalue()


def make_xls(rows, merge=None):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ordini")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(index, column, value, date_style)
            elif value is not None:
                sheet.write(index, column, value)
    if merge:
        sheet.write_merge(*merge)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


HEADER = ["Cliente", "P.IVA", "Rif. cliente", "Codice articolo", "Qtà", "Prezzo", "Sconto %"]


@tagged("post_install", "-at_install")
class TestOrderSheetValues(BaseCase):
    def test_headers_italian_english_accents_synonyms(self):
        columns, duplicates = order_sheet.match_headers(
            ["CLIENTE", "partita iva", "Qta", "Q.TÀ", "sku", "EAN", "Prezzo Unitario", "PO", "X"]
        )
        self.assertEqual(duplicates, ["quantity"])
        self.assertEqual(columns["customer"], 0)
        self.assertEqual(columns["customer_vat"], 1)
        self.assertEqual(columns["quantity"], 2)
        self.assertEqual(columns["product"], 4)
        self.assertEqual(columns["barcode"], 5)
        self.assertEqual(columns["price_unit"], 6)
        self.assertEqual(columns["client_order_ref"], 7)
        self.assertNotIn(8, columns.values())
        columns, _dup = order_sheet.match_headers(
            ["Customer", "Cod. Cliente", "Quantity", "Product code", "Discount %", "Data Consegna"]
        )
        self.assertEqual(
            set(columns),
            {"customer", "customer_code", "quantity", "product", "discount", "commitment_date"},
        )

    def test_numbers(self):
        cases = {
            "1.234,56": 1234.56,
            "1,234.56": 1234.56,
            "12,5": 12.5,
            "1.000": 1000.0,
            "0.125": 0.125,
            "1.5": 1.5,
            "-3": -3.0,
            "1 000,50 €": 1000.5,
            "1.234.567": 1234567.0,
            "1,234,567": 1234567.0,
            "12 %": 12.0,
            7: 7.0,
            2.5: 2.5,
        }
        for raw, expected in cases.items():
            self.assertEqual(values.parse_number(raw), expected, raw)
        self.assertIsNone(values.parse_number(""))
        self.assertIsNone(values.parse_number(None))
        for raw in ("abc", "1e5", "12-3", ",", "--1", float("nan"), True):
            with self.assertRaises(ValueError, msg=raw):
                values.parse_number(raw)

    def test_dates(self):
        expected = datetime.date(2026, 12, 31)
        for raw in ("31/12/2026", "31.12.2026", "31-12-2026", "2026-12-31", "31/12/26", 46387):
            self.assertEqual(values.parse_date(raw), expected, raw)
        self.assertEqual(values.parse_date(datetime.datetime(2026, 12, 31, 8, 0)), expected)
        for raw in ("31/02/2026", "tomorrow", -5, "2026-13-01"):
            with self.assertRaises(ValueError, msg=raw):
                values.parse_date(raw)


@tagged("post_install", "-at_install")
class TestOrderSheetFormats(BaseCase):
    rows = [
        ["Ordini della settimana"],
        [],
        [*HEADER, "Data consegna", "Note"],
        ["Rossi", "IT01234567890", "PO-1", "ART-1", "1.000", "12,50", "5", "31/12/2026", "x"],
        ["Rossi", "IT01234567890", "PO-1", "ART-2", "2", "", "", "", ""],
    ]

    def assert_rows(self, sheet):
        self.assertEqual([r.row for r in sheet.rows], [4, 5])
        first = sheet.rows[0].values
        self.assertEqual(first["quantity"], 1000.0)
        self.assertEqual(first["price_unit"], 12.5)
        self.assertEqual(first["discount"], 5.0)
        self.assertEqual(first["commitment_date"], datetime.date(2026, 12, 31))
        self.assertEqual(first["customer_vat"], "IT01234567890")
        self.assertIsNone(sheet.rows[1].values["price_unit"])
        self.assertFalse(sheet.has_blocking_problem, [text(p.message) for p in sheet.problems])

    def test_csv_semicolon_cp1252(self):
        content = make_csv(self.rows, ";", "cp1252")
        self.assert_rows(read_order_sheet(content, "ordini.csv"))

    def test_csv_comma_utf8_bom(self):
        rows = [[c.replace(",", ".") for c in row] for row in self.rows]
        rows[3][5] = "12.50"
        # NOTE: "12.50" shows this file writes decimals with a point: here
        # "1.000" would be one, so the thousand is written without separator.
        rows[3][4] = "1000"
        content = b"\xef\xbb\xbf" + make_csv(rows, ",", "utf-8")
        self.assert_rows(read_order_sheet(content, "ordini.csv"))

    def test_xlsx(self):
        rows = [list(row) for row in self.rows]
        rows[3][7] = datetime.date(2026, 12, 31)
        rows[3][4] = 1000
        self.assert_rows(read_order_sheet(make_xlsx(rows), "ordini.xlsx"))

    def test_xls_with_excel_serial_date(self):
        rows = [list(row) for row in self.rows]
        rows[3][7] = 46387  # 31/12/2026 as an Excel serial number
        rows[3][4] = 1000.0
        self.assert_rows(read_order_sheet(make_xls(rows), "ordini.xls"))

    def test_row_problems_carry_sheet_row_numbers(self):
        rows = [
            [*HEADER, "Data consegna"],
            ["Rossi", "", "", "ART-1", "due", "", "", ""],
            ["Rossi", "", "", "", "0", "-1", "150", "32/01/2026"],
            ["", "", "", "ART-2", "1", "", "", ""],
        ]
        sheet = read_order_sheet(make_csv(rows), "o.csv")
        problems = [(p.row, text(p.message)) for p in sheet.problems]
        self.assertIn((2, "due in column Quantity is not a number."), problems)
        self.assertIn((3, "The product code is missing."), problems)
        self.assertIn((3, "The quantity must be greater than zero."), problems)
        self.assertIn((3, "The unit price cannot be negative."), problems)
        self.assertIn((3, "The discount must be between 0 and 100%."), problems)
        self.assertIn((3, "32/01/2026 is not a date: write it as dd/mm/yyyy."), problems)
        self.assertIn((4, "The customer is missing."), problems)
        self.assertNotIn((2, "The quantity is missing."), problems)


@tagged("post_install", "-at_install")
class TestOrderSheetBadInput(BaseCase):
    def assert_sheet_error(self, content, filename, expected):
        with self.assertRaises(SheetError) as caught:
            read_order_sheet(content, filename)
        self.assertIn(expected, text(caught.exception.message))

    def test_empty_file(self):
        self.assert_sheet_error(b"", "vuoto.xlsx", "The file is empty.")
        self.assert_sheet_error(b"\n\n;;\n", "vuoto.csv", "The file is empty.")
        self.assert_sheet_error(make_xlsx([]), "vuoto.xlsx", "The file is empty.")

    def test_no_header_or_no_rows(self):
        self.assert_sheet_error(make_csv([["a", "b"], ["1", "2"]]), "x.csv", "No header row")
        self.assert_sheet_error(make_csv([HEADER]), "x.csv", "no order rows")
        self.assert_sheet_error(
            make_csv([["Codice articolo", "Qtà"], ["A", "1"]]), "x.csv", "no customer column"
        )

    def test_wrong_type_renamed(self):
        self.assert_sheet_error(b"%PDF-1.4\n%\xe2\xe3", "ordine.xls", "not a spreadsheet")
        self.assert_sheet_error(
            b"<html><table><tr><td>1</td></tr></table></html>", "ordine.xls", "web page"
        )
        self.assert_sheet_error(make_csv([HEADER]), "ordine.xls", "contains plain text")
        self.assert_sheet_error(b"\x00\x01\x02garbage" * 50, "ordine.xls", "not an Excel workbook")

    def test_corrupt_workbooks(self):
        good_xls = make_xls([HEADER, ["R", "", "", "A", 1, "", ""]])
        self.assert_sheet_error(good_xls[:700], "rotto.xls", "cannot be read")
        good_xlsx = make_xlsx([HEADER, ["R", "", "", "A", 1, "", ""]])
        self.assert_sheet_error(good_xlsx[: len(good_xlsx) // 2], "rotto.xlsx", "cannot be read")
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("hello.txt", "not a workbook")
        self.assert_sheet_error(archive.getvalue(), "zip.xlsx", "cannot be read")

    def test_password_protected(self):
        # An encrypted .xls carries a FILEPASS record right after BOF: turn
        # xlwt's INTERFACEHDR record (same length) into one.
        content = make_xls([HEADER, ["R", "", "", "A", 1, "", ""]])
        interface_header = b"\xe1\x00\x02\x00\xb0\x04"
        self.assertIn(interface_header, content)
        encrypted = content.replace(interface_header, b"\x2f\x00\x02\x00\x00\x00", 1)
        self.assert_sheet_error(encrypted, "protetto.xls", "protected by a password")
        # An encrypted .xlsx is an OLE2 container holding an EncryptedPackage stream.
        ole = detect.OLE2_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
        self.assert_sheet_error(ole + b"\x00" * 400, "protetto.xlsx", "protected by a password")

    def test_too_many_rows(self):
        rows = [HEADER] + [["R", "", "", "A", "1", "", ""]] * 100000
        self.assert_sheet_error(make_csv(rows), "grande.csv", "more than 20000 rows")
        book = xlsxwriter.Workbook(output := io.BytesIO(), {"in_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, HEADER)
        for index in range(1, 100001):
            sheet.write_row(index, 0, ["R", "", "", "A", 1])
        book.close()
        self.assert_sheet_error(output.getvalue(), "grande.xlsx", "more than 20000 rows")

    def test_too_many_rows_xls(self):
        rows = [HEADER] + [["R", "", "", "A", 1]] * (common.MAX_ROWS + 100)
        self.assert_sheet_error(make_xls(rows), "grande.xls", "more than 20000 rows")

    def test_zip_bomb(self):
        """A small .xlsx that would unpack into more than the allowed size is
        refused from the sizes its archive declares, before any XML is parsed."""
        good = make_xlsx([HEADER, ["R", "", "", "A", 1, "", ""]])
        bomb = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(good)) as source,
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                target.writestr(info, source.read(info))
            chunk = b" " * (1024 * 1024)
            with target.open("xl/worksheets/padding.xml", "w") as member:
                for _i in range(common.MAX_UNZIPPED_SIZE // len(chunk) + 1):
                    member.write(chunk)
        self.assertLess(len(bomb.getvalue()), common.MAX_FILE_SIZE // 10)
        self.assert_sheet_error(bomb.getvalue(), "bomba.xlsx", "too large once uncompressed")

    def test_too_large_file(self):
        content = b"a;b\n" * (common.MAX_FILE_SIZE // 4 + 1)
        self.assert_sheet_error(content, "grande.csv", "larger than")

    def test_one_megabyte_cell_on_a_server(self):
        """odoo-bin raises the csv module's field limit to 500 MiB for the whole
        process at start: the reader keeps its own limit all the same."""
        self.addCleanup(csv.field_size_limit, csv.field_size_limit(500 * 1024 * 1024))
        big = "x" * (1024 * 1024)
        self.assert_sheet_error(
            make_csv([HEADER, ["R", "", "", "A", "1", "", big]]), "c.csv", "longer than"
        )

    def test_one_megabyte_cell(self):
        big = "x" * (1024 * 1024)
        self.assert_sheet_error(
            make_csv([HEADER, ["R", "", "", "A", "1", "", big]]), "c.csv", "longer than"
        )
        sheet = read_order_sheet(
            make_xlsx([[*HEADER, "Note"], ["R", "", "", "A", 1, "", "", big[:32000]]]), "c.xlsx"
        )
        self.assertEqual(
            [(p.row, text(p.message)) for p in sheet.problems],
            [(2, "Column Notes holds more than 2000 characters.")],
        )
        sheet = read_order_sheet(
            make_xls([[*HEADER, "Note"], ["R", "", "", "A", 1, "", "", big[:32000]]]), "c.xls"
        )
        self.assertEqual(
            [(p.row, text(p.message)) for p in sheet.problems],
            [(2, "Column Notes holds more than 2000 characters.")],
        )

    def test_hidden_sheet_ignored_with_warning(self):
        content = make_xlsx([HEADER, ["R", "", "", "A", 1, "", ""]], hidden_first=True)
        sheet = read_order_sheet(content, "h.xlsx")
        self.assertEqual(sheet.sheet_name, "Ordini")
        self.assertEqual(len(sheet.rows), 1)
        self.assertFalse(sheet.has_blocking_problem)
        self.assertIn("Hidden sheets were ignored: Nascosto.", text(sheet.problems[0].message))

    def test_merged_cells(self):
        rows = [HEADER, ["R", "", "", "A", 1, "", ""], [None, "", "", "B", 2, "", ""]]
        for content, name in (
            (make_xlsx(rows, merge=(1, 0, 2, 0, "R")), "m.xlsx"),
            (make_xls(rows[:2] + [[None, "", "", "B", 2]], merge=(2, 3, 0, 0, "R")), "m.xls"),
        ):
            sheet = read_order_sheet(content, name)
            self.assertTrue(sheet.has_blocking_problem, name)
            self.assertIn("merged cells", text(sheet.problems[0].message))
        # A merged title above the header is fine.
        title = make_xlsx([["Titolo"], HEADER, ["R", "", "", "A", 1]], merge=(0, 0, 0, 3, "T"))
        self.assertFalse(read_order_sheet(title, "t.xlsx").has_blocking_problem)

    def test_formulas(self):
        rows = [HEADER, ["R", "", "", "A", None, "", ""]]
        # xlsxwriter stores the result given: the value Excel would show.
        sheet = read_order_sheet(make_xlsx(rows, formula=(1, 4, "=1+2", None, 3)), "f.xlsx")
        self.assertEqual(sheet.rows[0].values["quantity"], 3.0)
        self.assertIn("formulas", text(sheet.problems[0].message))
        self.assertFalse(sheet.has_blocking_problem)
        # A formula that was never computed leaves the cell empty: reported.
        book = openpyxl.Workbook()
        book.active.append(HEADER)
        book.active.append(["R", "", "", "A", "=2*3"])
        output = io.BytesIO()
        book.save(output)
        sheet = read_order_sheet(output.getvalue(), "f.xlsx")
        messages = [text(p.message) for p in sheet.problems]
        self.assertIn("The quantity is missing.", messages)
        # An Excel error value is named as such.
        sheet = read_order_sheet(make_xlsx(rows, formula=(1, 4, "=1/0", None, "#DIV/0!")), "e.xlsx")
        self.assertIn("#DIV/0!", " ".join(text(p.message) for p in sheet.problems))


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.sampled_from(["1.234,5", "12,5", "31/12/2026", "2026-01-31", "#REF!", "IT01234567890"]),
)
headers = st.lists(
    st.sampled_from(
        [name for names in order_sheet.HEADERS.values() for name in names] + ["Altro", ""]
    ),
    min_size=1,
    max_size=8,
)


@tagged("post_install", "-at_install")
class TestOrderSheetProperties(BaseCase):
    """Random sheets: the reader returns rows or a clean error, never a traceback."""

    def assert_clean(self, content, filename, table=None):
        """``table``: the cells written in the file, one list per row from row 1."""
        try:
            sheet = read_order_sheet(content, filename)
        except SheetError as error:
            self.assertTrue(text(error.message))
            return
        read = [row.row for row in sheet.rows]
        totals = [p.row for p in sheet.problems if text(p.message).startswith("A totals row")]
        self.assertEqual(read, sorted(set(read)))
        for problem in sheet.problems:
            self.assertTrue(text(problem.message))
            # The whole file (row 0), or a row read or skipped as a totals row.
            self.assertIn(problem.row, {0, *read, *totals})
        if table is not None:
            # Only row 1 can be the header (no data cell is a header name); every
            # other row keeps the number of its line, and holds a value there.
            for number in read + totals:
                self.assertGreater(number, 1)
                self.assertTrue(any(has_value(cell) for cell in table[number - 1]), number)
            # The last row shows an Excel error in every cell: one problem per column.
            labels = order_sheet.column_labels()
            self.assertEqual(
                sorted(text(p.message) for p in sheet.problems if p.row == len(table)),
                sorted(
                    f"Column {text(labels[key])} shows the Excel error #REF!: correct the "
                    "formula or type the value."
                    for key in sheet.columns
                ),
            )

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(header=headers, rows=st.lists(st.lists(cell_values, max_size=9), max_size=15))
    def test_random_sheets(self, header, rows):
        table = [header, *rows, ["#REF!"] * 9]
        self.assert_clean(make_xlsx(table), "r.xlsx", table)
        xls_table = [[c[:30] if isinstance(c, str) else c for c in r] for r in table]
        self.assert_clean(make_xls(xls_table), "r.xls", xls_table)
        # NOTE: no table for the CSV: a quote opens a cell that may span lines,
        # and the rows are numbered as Excel numbers them, by record.
        csv_rows = [["" if c is None else str(c).replace("\n", " ") for c in r] for r in table]
        self.assert_clean(make_csv(csv_rows).replace(b"\r", b""), "r.csv")

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        content=st.binary(max_size=2000),
        prefix=st.sampled_from([b"", detect.OLE2_MAGIC, detect.ZIP_MAGIC]),
        name=st.sampled_from(["a.xls", "a.xlsx", "a.csv", "a"]),
    )
    def test_random_bytes(self, content, prefix, name):
        self.assert_clean(prefix + content, name)


@tagged("post_install", "-at_install")
class TestOrderSheetDemoFile(BaseCase):
    def test_demo_agent_sheet_reads_cleanly(self):
        """The demo .xls (title row, Italian headers, decimal commas) stays readable."""
        path = Path(__file__).parents[1] / "demo" / "ordini_agente_demo.xls"
        sheet = read_order_sheet(path.read_bytes(), path.name)
        self.assertFalse(sheet.problems)
        self.assertEqual([r.row for r in sheet.rows], list(range(4, 11)))
        self.assertEqual(sheet.rows[6].values["quantity"], 1000.0)
        self.assertEqual(sheet.rows[6].values["discount"], 12.5)
        self.assertEqual(sheet.rows[3].values["commitment_date"], datetime.date(2026, 12, 20))

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Read an agent's order spreadsheet (.xls, .xlsx, .ods, .csv) into plain rows.

No ORM here: the module only turns bytes into typed rows and a list of
problems, each with the sheet row number the clerk sees in Excel. Matching the
rows with customers and products is the job of ``bo.order.import``.

Hostile files are expected (agents' files travel by e-mail): the size of the
file, the number of rows and columns and the length of a cell are bounded, and
every reading failure becomes a :class:`SheetError` with a translated message.
"""

import csv
import datetime
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from odoo.tools.translate import LazyTranslate

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes of the uploaded file
MAX_UNZIPPED_SIZE = 150 * 1024 * 1024  # declared size of an .xlsx once unzipped
MAX_ROWS = 20000  # data rows (a day of orders is a few hundred)
MAX_COLUMNS = 60
MAX_CELL_CHARS = 2000
HEADER_SEARCH_ROWS = 20  # title lines allowed above the header row

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}

# Column key -> header names (compared after normalize_header()).
HEADERS = {
    "customer_vat": ["P.IVA", "P. IVA", "Partita IVA", "PIVA", "VAT", "VAT number", "VAT no"],
    "customer_code": [
        "Cod. cliente",
        "Codice cliente",
        "Cod cli",
        "Customer code",
        "Customer ref",
        "Customer internal reference",
    ],
    "customer": ["Cliente", "Customer", "Ragione sociale", "Customer name", "Nome cliente"],
    "product": [
        "Codice articolo",
        "Cod. articolo",
        "Articolo",
        "Codice prodotto",
        "Prodotto",
        "SKU",
        "Product",
        "Product code",
        "Item",
        "Item code",
        "Internal reference",
    ],
    "barcode": ["Barcode", "EAN", "EAN13", "Codice a barre", "GTIN"],
    "quantity": ["Quantità", "Qtà", "Q.tà", "Qta", "Qty", "Quantity", "Pezzi", "Quantita"],
    "price_unit": ["Prezzo", "Prezzo unitario", "Prezzo unit.", "Unit price", "Price"],
    "discount": ["Sconto", "Sconto %", "Sconto (%)", "Discount", "Discount %", "Disc. %"],
    "commitment_date": [
        "Data consegna",
        "Data di consegna",
        "Consegna richiesta",
        "Data consegna richiesta",
        "Delivery date",
        "Requested date",
        "Requested delivery date",
    ],
    "client_order_ref": [
        "Rif. cliente",
        "Riferimento cliente",
        "Ordine cliente",
        "N. ordine cliente",
        "Numero ordine cliente",
        "PO",
        "PO number",
        "Customer reference",
        "Your reference",
    ],
    "agent": ["Agente", "Agent", "Rappresentante", "Sales agent"],
    "notes": ["Note", "Notes", "Nota", "Annotazioni", "Remarks"],
}
TEXT_KEYS = (
    "customer_vat",
    "customer_code",
    "customer",
    "product",
    "barcode",
    "client_order_ref",
    "agent",
    "notes",
)
NUMBER_KEYS = ("quantity", "price_unit", "discount")

# Column labels written in the downloadable template (first synonym wins too).
TEMPLATE_COLUMNS = [
    ("customer", "Cliente"),
    ("customer_vat", "Partita IVA"),
    ("customer_code", "Cod. cliente"),
    ("client_order_ref", "Rif. cliente"),
    ("product", "Codice articolo"),
    ("barcode", "EAN"),
    ("quantity", "Quantità"),
    ("price_unit", "Prezzo unitario"),
    ("discount", "Sconto %"),
    ("commitment_date", "Data consegna"),
    ("agent", "Agente"),
    ("notes", "Note"),
]


def column_labels():
    """Translatable names of the columns, for messages."""
    return {
        "customer_vat": _lt("VAT number"),
        "customer_code": _lt("Customer code"),
        "customer": _lt("Customer"),
        "product": _lt("Product code"),
        "barcode": _lt("Barcode"),
        "quantity": _lt("Quantity"),
        "price_unit": _lt("Unit price"),
        "discount": _lt("Discount %"),
        "commitment_date": _lt("Delivery date"),
        "client_order_ref": _lt("Customer reference"),
        "agent": _lt("Agent"),
        "notes": _lt("Notes"),
    }


@dataclass
class Problem:
    """A problem found in the sheet: row 0 concerns the whole file."""

    row: int
    message: object  # LazyGettext, translated by the caller in the user's language
    blocking: bool = True


@dataclass
class SheetRow:
    row: int  # the row number the clerk sees in Excel (1-based)
    values: dict


@dataclass
class Sheet:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)  # key -> column index
    sheet_name: str = ""

    @property
    def has_blocking_problem(self):
        return any(p.blocking for p in self.problems)


class SheetError(Exception):
    """The file cannot be read at all; ``message`` is a lazy translation."""

    def __init__(self, message):
        super().__init__(repr(message))  # no translation outside a request
        self.message = message


# ---------------------------------------------------------------------------
# Normalization and value parsing
# ---------------------------------------------------------------------------


def normalize_header(text):
    """Lower case, no accents, letters and digits only: 'Q.tà' -> 'qta'."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


HEADER_INDEX = {normalize_header(name): key for key, names in HEADERS.items() for name in names}


def match_headers(cells):
    """Map column keys to indexes for a candidate header row.

    Returns (columns, duplicates): duplicates lists keys found twice.
    """
    columns, duplicates = {}, []
    for index, cell in enumerate(cells):
        key = HEADER_INDEX.get(normalize_header(cell)) if isinstance(cell, str) else None
        if not key:
            continue
        if key in columns:
            duplicates.append(key)
        else:
            columns[key] = index
    return columns, duplicates


NUMBER_CLEAN = re.compile(r"[\s\u00a0\u202f'€%]")
NUMBER_SHAPE = re.compile(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$")


def parse_number(value):
    """Number from a cell: float/int as is; text with decimal comma or point.

    '1.234,56' and '1,234.56' give 1234.56; '12,5' gives 12.5; a single dot
    followed by exactly three digits ('1.000') is a thousands separator, as an
    Italian clerk writes it. Returns None for an empty cell, raises ValueError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(value)
        return float(value)
    text = NUMBER_CLEAN.sub("", str(value))
    if not text:
        return None
    if not NUMBER_SHAPE.match(text):
        raise ValueError(value)
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    elif text.count(".") > 1 or re.match(r"^[1-9][0-9]{0,2}\.[0-9]{3}$", text):
        text = text.replace(".", "")
    if text.count(".") > 1 or not re.match(r"^[0-9]*\.?[0-9]+$|^[0-9]+\.$", text):
        raise ValueError(value)
    return float(sign + text)


DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"), "dmy2"),
)


def parse_date(value, datemode=0):
    """Date from a cell: date/datetime, Excel serial, dd/mm/yyyy or ISO text.

    Returns None for an empty cell, raises ValueError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # NOTE: serials between 1 (1900) and 2958465 (9999-12-31); the 1904
        # system of old Mac workbooks is given by xlrd's datemode.
        if not 1 <= value <= 2958465:
            raise ValueError(value)
        epoch = datetime.datetime(1904, 1, 1) if datemode else EXCEL_EPOCH
        return (epoch + datetime.timedelta(days=int(value))).date()
    text = str(value).strip()
    if not text:
        return None
    for pattern, order in DATE_PATTERNS:
        found = pattern.match(text)
        if not found:
            continue
        a, b, c = (int(g) for g in found.groups()[:3])
        if order == "ymd":
            return datetime.date(a, b, c)
        if order == "dmy2":
            c += 2000
        return datetime.date(c, b, a)
    raise ValueError(value)


def cell_text(value):
    """Text of a cell: numbers without a useless '.0' (codes typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------------------
# File readers: each returns (sheet name, iterator of (row number, cells), warnings)
# ---------------------------------------------------------------------------


class Percent(float):
    """A number the sheet formats as a percentage: 0.05 is shown "5 %"."""


def is_percent_format(number_format):
    """Whether an Excel number format shows its value as a percentage
    (``0%``, ``0.0 %``), not a literal sign (``0"%"`` or ``0\\%``)."""
    if not number_format:
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def _percent_if_formatted(value, number_format):
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return Percent(value) if is_number and is_percent_format(number_format) else value


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _ods_name(prefix, name):
    return f"{{{ODS_NS[prefix]}}}{name}"


def detect_format(content, filename):
    """Format from the file's content; the extension only names the expectation."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if content.startswith(OLE2_MAGIC):
        if (
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e"
            in content
        ):
            raise SheetError(
                _lt(
                    "The workbook is protected by a password. Open it in Excel, remove the "
                    "password (File > Info > Protect Workbook) and upload it again."
                )
            )
        return "xls"
    if content.startswith(ZIP_MAGIC):
        # NOTE: an OpenDocument file starts with its uncompressed "mimetype" member.
        if content[30:38] == b"mimetype" and ODS_MIMETYPE in content[:200]:
            return "ods"
        if extension == "ods":
            return "ods"
        return "xlsx"
    head = content[:2048].lstrip().lower()
    if head.startswith((b"%pdf", b"\x89png", b"\xff\xd8", b"gif8")):
        raise SheetError(
            _lt("The file %(name)s is not a spreadsheet (it is a PDF or an image).", name=filename)
        )
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
        raise SheetError(
            _lt(
                "The file %(name)s is a web page or XML file saved with a spreadsheet name. "
                "Open it in Excel and save it as Excel Workbook (.xlsx).",
                name=filename,
            )
        )
    if b"\x00" in content[:4096]:
        raise SheetError(
            _lt(
                "The file %(name)s is not an Excel workbook nor a CSV file: it may be damaged "
                "or of another type renamed.",
                name=filename,
            )
        )
    if extension in ("xls", "xlsx", "xlsm"):
        raise SheetError(
            _lt(
                "The file %(name)s is named as an Excel workbook but contains plain text. "
                "Rename it with the .csv extension or save it from Excel as .xlsx.",
                name=filename,
            )
        )
    return "csv"


def _unreadable(filename):
    return SheetError(
        _lt(
            "The file %(name)s cannot be read: it is damaged or not a real Excel workbook. "
            "Open it in Excel, save it again as .xlsx and upload it again.",
            name=filename,
        )
    )


def _read_xls(content, filename):
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=content, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise SheetError(
                _lt(
                    "The workbook is protected by a password. Open it in Excel, remove the "
                    "password and upload it again."
                )
            ) from error
        raise _unreadable(filename) from error
    except Exception as error:
        _logger.info("Unreadable .xls %s", filename, exc_info=True)
        raise _unreadable(filename) from error
    warnings = []
    try:
        visible = [i for i in range(book.nsheets) if book.sheet_by_index(i).visibility == 0]
        hidden = [book.sheet_names()[i] for i in range(book.nsheets) if i not in visible]
        if not visible:
            raise SheetError(_lt("The workbook has no visible sheet."))
        sheet = book.sheet_by_index(visible[0])
        warnings += _sheet_warnings(book.sheet_names()[visible[0]], hidden, len(visible))
        if book.sheet_by_index(visible[0]).nrows > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise too_many_rows()
        merged = [(rlo + 1, rhi) for rlo, rhi, _clo, _chi in sheet.merged_cells]
        datemode = book.datemode

        def xls_format(cell):
            xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
            number_format = book.format_map.get(xf.format_key) if xf else None
            return number_format.format_str if number_format else ""

        def rows():
            for index in range(sheet.nrows):
                cells = []
                for cell in sheet.row(index)[:MAX_COLUMNS]:
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        cells.append(parse_date(cell.value, datemode))
                    elif cell.ctype == xlrd.XL_CELL_ERROR:
                        cells.append(xlrd.error_text_from_code.get(cell.value, "#VALUE!"))
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        cells.append(bool(cell.value))
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        cells.append(_percent_if_formatted(cell.value, xls_format(cell)))
                    else:
                        cells.append(cell.value)
                yield index + 1, cells

        return sheet.name, list(rows()), warnings, merged
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Damaged .xls %s", filename, exc_info=True)
        raise _unreadable(filename) from error


def _read_xlsx(content, filename):
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable(filename) from error
    with archive:
        return _read_xlsx_archive(archive, content, filename, openpyxl)


def _read_xlsx_archive(archive, content, filename, openpyxl):
    try:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_SIZE:
            raise SheetError(
                _lt("The workbook is too large once uncompressed; split it in smaller files.")
            )
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise _unreadable(filename)
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Unreadable .xlsx %s", filename, exc_info=True)
        raise _unreadable(filename) from error
    try:
        sheets = book.worksheets
        visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
        hidden = [ws.title for ws in sheets if ws not in visible]
        if not visible:
            raise SheetError(_lt("The workbook has no visible sheet."))
        sheet = visible[0]
        warnings = _sheet_warnings(sheet.title, hidden, len(visible))
        xml = b""
        path = getattr(sheet, "_worksheet_path", None)
        if path in names:
            with archive.open(path) as member:
                xml = member.read(MAX_UNZIPPED_SIZE)
        if re.search(rb"<(?:\w+:)?f[ >]", xml):
            warnings.append(
                Problem(
                    0,
                    _lt(
                        "The sheet contains formulas: the values Excel last computed are "
                        "imported. A formula never computed (file not saved by Excel) "
                        "leaves its cell empty."
                    ),
                    blocking=False,
                )
            )
        merged = []
        for ref in re.findall(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"', xml):
            top = int(re.sub(rb"[A-Z]", b"", ref[0]))
            bottom = int(re.sub(rb"[A-Z]", b"", ref[1]))
            merged.append((top, bottom))

        def rows():
            for index, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                if index > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise too_many_rows()
                yield (
                    index,
                    [
                        _percent_if_formatted(cell.value, getattr(cell, "number_format", ""))
                        for cell in cells
                    ],
                )

        return sheet.title, list(rows()), warnings, merged
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Damaged .xlsx %s", filename, exc_info=True)
        raise _unreadable(filename) from error
    finally:
        book.close()


def _unreadable_ods(filename):
    return SheetError(
        _lt(
            "The file %(name)s cannot be read: it is damaged or not a real OpenDocument "
            "spreadsheet. Open it in LibreOffice or Excel, save it again as .ods or .xlsx and "
            "upload it again.",
            name=filename,
        )
    )


def _read_ods(content, filename):
    """Read the first visible table of an OpenDocument spreadsheet (.ods).

    The XML is read with lxml (no entity, no network); rows and cells repeated
    by ``number-rows-repeated``/``number-columns-repeated`` are expanded only
    when they hold a value, so formatted empty rows cost nothing.
    """
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _unreadable_ods(filename) from error
    with archive:
        try:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_SIZE:
                raise SheetError(
                    _lt("The workbook is too large once uncompressed; split it in smaller files.")
                )
            with archive.open("content.xml") as member:
                xml = member.read(MAX_UNZIPPED_SIZE)
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
            )
            root = etree.fromstring(xml, parser=parser)
        except SheetError:
            raise
        except Exception as error:
            _logger.info("Unreadable .ods %s", filename, exc_info=True)
            raise _unreadable_ods(filename) from error
    try:
        return _read_ods_tree(root, xml)
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Damaged .ods %s", filename, exc_info=True)
        raise _unreadable_ods(filename) from error


def _read_ods_tree(root, xml):
    hidden_styles = {
        style.get(_ods_name("style", "name"))
        for style in root.iter(_ods_name("style", "style"))
        if any(
            props.get(_ods_name("table", "display")) == "false"
            for props in style.iter(_ods_name("style", "table-properties"))
        )
    }
    tables = list(root.iter(_ods_name("table", "table")))
    visible = [t for t in tables if t.get(_ods_name("table", "style-name")) not in hidden_styles]
    hidden = [t.get(_ods_name("table", "name")) or "" for t in tables if t not in visible]
    if not visible:
        raise SheetError(_lt("The workbook has no visible sheet."))
    table = visible[0]
    name = table.get(_ods_name("table", "name")) or ""
    warnings = _sheet_warnings(name, hidden, len(visible))
    if re.search(rb"table:formula=", xml):
        warnings.append(
            Problem(
                0,
                _lt(
                    "The sheet contains formulas: the values last computed are imported. A "
                    "formula never computed leaves its cell empty."
                ),
                blocking=False,
            )
        )
    merged = []
    rows = []
    row_number = 0
    data_rows = 0
    for row in table.iter(_ods_name("table", "table-row")):
        repeat = int(row.get(_ods_name("table", "number-rows-repeated")) or 1)
        cells = []
        for cell in row:
            if cell.tag not in (
                _ods_name("table", "table-cell"),
                _ods_name("table", "covered-table-cell"),
            ):
                continue
            span = int(cell.get(_ods_name("table", "number-rows-spanned")) or 1)
            if span > 1:
                merged.append((row_number + 1, row_number + span))
            value = _ods_cell_value(cell)
            columns = int(cell.get(_ods_name("table", "number-columns-repeated")) or 1)
            cells += [value] * min(columns, MAX_COLUMNS - len(cells))
            if len(cells) >= MAX_COLUMNS:
                break
        if any(_has_value(value) for value in cells):
            for _index in range(repeat):
                row_number += 1
                data_rows += 1
                if data_rows > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise too_many_rows()
                rows.append((row_number, list(cells)))
        else:
            row_number += repeat
    return name, rows, warnings, merged


def _ods_cell_value(cell):
    kind = cell.get(_ods_name("office", "value-type"))
    if kind in ("float", "currency", "percentage"):
        value = float(cell.get(_ods_name("office", "value")))
        return Percent(value) if kind == "percentage" else value
    if kind == "date":
        text = cell.get(_ods_name("office", "date-value")) or ""
        return datetime.date.fromisoformat(text[:10])
    if kind == "boolean":
        return cell.get(_ods_name("office", "boolean-value")) == "true"
    paragraphs = ["".join(p.itertext()) for p in cell.iter(_ods_name("text", "p"))]
    text = "\n".join(paragraphs)
    return text or None


def _has_value(value):
    """A cell counts when it holds something else than blanks."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def _read_csv(content, filename):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(
            _lt("The file %(name)s is not a text file in UTF-8 or Windows encoding.", name=filename)
        )
    # NOTE: title lines may precede the header: count over the first lines.
    head = "\n".join(text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS])
    delimiter = max((";", ",", "\t"), key=head.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            for index, cells in enumerate(reader, start=1):
                if index > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise too_many_rows()
                yield index, cells[:MAX_COLUMNS]
        except csv.Error as error:
            raise SheetError(
                _lt(
                    "Row %(row)s: the file is not a valid CSV file or a cell is longer than "
                    "%(max)s characters.",
                    row=reader.line_num,
                    max=MAX_CELL_CHARS,
                )
            ) from error

    return "", list(rows()), [], []


def too_many_rows():
    return SheetError(
        _lt(
            "The sheet has more than %(max)s rows. Split it into several files.",
            max=MAX_ROWS,
        )
    )


def _sheet_warnings(name, hidden, visible_count):
    warnings = []
    if hidden:
        warnings.append(
            Problem(
                0,
                _lt("Hidden sheets were ignored: %(names)s.", names=", ".join(hidden)),
                blocking=False,
            )
        )
    if visible_count > 1:
        warnings.append(
            Problem(
                0,
                _lt(
                    "Only the first sheet, %(name)s, was read; the other sheets were ignored.",
                    name=name,
                ),
                blocking=False,
            )
        )
    return warnings


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def read_order_sheet(content, filename):
    """Read an order spreadsheet.

    :param bytes content: the uploaded file
    :param str filename: its name (used for messages and the expected type)
    :return: :class:`Sheet` with typed rows (only rows with at least a value)
             and problems; row-level problems keep the sheet row number.
    :raises SheetError: when nothing can be read (empty, damaged, protected,
             too large, no header row).
    """
    if not content:
        raise SheetError(_lt("The file is empty."))
    if len(content) > MAX_FILE_SIZE:
        raise SheetError(
            _lt(
                "The file is larger than %(size)s MB. Split it into several files.",
                size=MAX_FILE_SIZE // (1024 * 1024),
            )
        )
    kind = detect_format(content, filename)
    reader = {"xls": _read_xls, "xlsx": _read_xlsx, "ods": _read_ods, "csv": _read_csv}[kind]
    sheet_name, raw_rows, warnings, merged = reader(content, filename)
    datemode = 0
    sheet = Sheet(sheet_name=sheet_name, problems=list(warnings))

    header_row = None
    for row_number, cells in raw_rows[:HEADER_SEARCH_ROWS]:
        columns, duplicates = match_headers(cells)
        if ("product" in columns or "barcode" in columns) and "quantity" in columns:
            header_row = row_number
            break
    if header_row is None:
        if not any(any(cell not in (None, "") for cell in cells) for _n, cells in raw_rows):
            raise SheetError(_lt("The file is empty."))
        raise SheetError(
            _lt(
                "No header row found in the first %(count)s rows. The sheet needs at least a "
                "product column (Codice articolo, SKU or EAN) and a quantity column "
                "(Quantità, Qtà or Qty); download the template to see every column.",
                count=HEADER_SEARCH_ROWS,
            )
        )
    labels = column_labels()
    if duplicates:
        raise SheetError(
            _lt(
                "Column %(column)s appears twice in the header row %(row)s; keep only one.",
                column=labels[duplicates[0]],
                row=header_row,
            )
        )
    if not {"customer", "customer_vat", "customer_code"} & set(columns):
        raise SheetError(
            _lt(
                "The header row %(row)s has no customer column: add Cliente, Cod. cliente "
                "or Partita IVA.",
                row=header_row,
            )
        )
    sheet.columns = columns
    for top, bottom in merged:
        if bottom > header_row:
            sheet.problems.append(
                Problem(
                    max(top, header_row + 1),
                    _lt(
                        "Rows %(top)s to %(bottom)s contain merged cells: unmerge them so that "
                        "every row carries its own values.",
                        top=top,
                        bottom=bottom,
                    ),
                )
            )

    for row_number, cells in raw_rows:
        if row_number <= header_row:
            continue
        if not any(cell not in (None, "") for cell in cells):
            continue
        problems = []
        values = {}
        for key, index in columns.items():
            raw = cells[index] if index < len(cells) else None
            if isinstance(raw, str):
                if len(raw) > MAX_CELL_CHARS:
                    problems.append(
                        _lt(
                            "Column %(column)s holds more than %(max)s characters.",
                            column=labels[key],
                            max=MAX_CELL_CHARS,
                        )
                    )
                    continue
                if raw.strip() in EXCEL_ERRORS:
                    problems.append(
                        _lt(
                            "Column %(column)s shows the Excel error %(error)s: correct the "
                            "formula or type the value.",
                            column=labels[key],
                            error=raw.strip(),
                        )
                    )
                    continue
            try:
                if key in NUMBER_KEYS:
                    values[key] = parse_number(raw)
                    if key == "discount" and isinstance(raw, Percent):
                        # 0.05 shown as "5 %" is a discount of 5 %.
                        values[key] = round(values[key] * 100, 6)
                elif key == "commitment_date":
                    values[key] = parse_date(raw, datemode)
                else:
                    values[key] = cell_text(raw)
            except (ValueError, OverflowError):
                if key == "commitment_date":
                    problems.append(
                        _lt(
                            "%(value)s is not a date: write it as dd/mm/yyyy.",
                            value=cell_text(raw)[:50],
                        )
                    )
                else:
                    problems.append(
                        _lt(
                            "%(value)s in column %(column)s is not a number.",
                            value=cell_text(raw)[:50],
                            column=labels[key],
                        )
                    )
        problems += _check_row(values, failed={key for key in columns if key not in values})
        sheet.problems += [Problem(row_number, message) for message in problems]
        sheet.rows.append(SheetRow(row_number, values))
    if not sheet.rows:
        raise SheetError(_lt("The sheet has a header row but no order rows."))
    return sheet


def _check_row(values, failed):
    """Row-level problems; ``failed`` are the columns already reported unreadable."""
    problems = []
    if not failed & {"product", "barcode"} and not (values.get("product") or values.get("barcode")):
        problems.append(_lt("The product code is missing."))
    customer_keys = {"customer", "customer_vat", "customer_code"}
    if not failed & customer_keys and not any(values.get(key) for key in customer_keys):
        problems.append(_lt("The customer is missing."))
    quantity = values.get("quantity")
    if quantity is None:
        if "quantity" not in failed:
            problems.append(_lt("The quantity is missing."))
    elif quantity <= 0:
        problems.append(_lt("The quantity must be greater than zero."))
    elif quantity > 1e9:
        problems.append(_lt("The quantity is too large."))
    price = values.get("price_unit")
    if price is not None and (price < 0 or price > 1e12):
        problems.append(_lt("The unit price cannot be negative or that large."))
    discount = values.get("discount")
    if discount is not None and not 0 <= discount <= 100:
        problems.append(_lt("The discount must be between 0 and 100%."))
    return problems

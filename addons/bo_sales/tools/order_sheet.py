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
# Header names that only an English-speaking author writes; the names neither
# Italian nor English (codes, acronyms) tell nothing. Every other name is Italian.
ENGLISH_HEADERS = [
    "VAT", "VAT number", "VAT no", "Customer code", "Customer ref",
    "Customer internal reference", "Customer", "Customer name", "Product", "Product code",
    "Item", "Item code", "Internal reference", "Qty", "Quantity", "Unit price", "Price",
    "Discount", "Discount %", "Disc. %", "Delivery date", "Requested date",
    "Requested delivery date", "Customer reference", "Your reference", "Agent", "Sales agent",
    "Notes", "Remarks",
]  # fmt: skip
NEUTRAL_HEADERS = ["SKU", "Barcode", "EAN", "EAN13", "GTIN", "PO", "PO number"]
# Rows summing up the others ("TOTALE", "Totale ordine", "Total:"), compared
# after normalize_header().
TOTALS_PATTERN = re.compile(
    r"^(sub|grand)?tota(l|le|li|ls)(generale|ordine|order|complessivo|documento|amount)?$"
)
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
class ReadOptions:
    """How to read a file: the clerk's answers and the bounds of a plausible row.

    ``decimal`` ("," or ".") and ``date_order`` ("dmy" or "mdy") are the
    clerk's answers when the file leaves them open; None lets the reader infer
    them from the file. ``format_number`` renders numbers in messages (the
    caller gives one in the user's language).
    """

    decimal: str | None = None
    date_order: str | None = None
    max_quantity: float = 1_000_000
    max_price_unit: float = 1_000_000
    latest_date: datetime.date | None = None
    today: datetime.date | None = None
    format_number: object = str


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
    # Questions the file leaves open ("decimal", "date_order"): the caller asks the clerk.
    questions: set = field(default_factory=set)
    decimal: str | None = None  # the decimal separator read ("," or "."), None if unused
    date_order: str | None = None  # "dmy" or "mdy", None if no date was written as text

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


def parse_number(value, decimal=None):
    """Number from a cell: float/int as is; text with decimal comma or point.

    With ``decimal`` ("," or ".") the text is read strictly that way (the
    other sign groups thousands by three). Without it: '1.234,56' and
    '1,234.56' give 1234.56; '12,5' gives 12.5; a single dot followed by
    exactly three digits ('1.000') is a thousands separator, as an Italian
    clerk writes it. Returns None for an empty cell, raises ValueError.
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
    if decimal:
        thousands = "." if decimal == "," else ","
        whole, _sep, fraction = text.partition(decimal)
        if thousands in whole:
            groups = whole.split(thousands)
            if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
                raise ValueError(value)
            whole = "".join(groups)
        if thousands in fraction or decimal in fraction:
            raise ValueError(value)
        text = f"{whole}.{fraction}" if _sep else whole
    elif "," in text and "." in text:
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


def decimal_evidence(value):
    """What a number written as text says of its decimal separator.

    Returns "," or "." when the text can be read only one way, "?" when it
    reads both ways ('1,500': 1.5 or 1500), None when it has no separator.
    """
    text = NUMBER_CLEAN.sub("", str(value)).lstrip("+-")
    if not NUMBER_SHAPE.match(text or "x"):
        return None
    if "," in text and "." in text:
        return "," if text.rfind(",") > text.rfind(".") else "."
    for sign, other in ((",", "."), (".", ",")):
        if sign not in text:
            continue
        if text.count(sign) > 1:
            return other  # repeated: it groups thousands
        whole, fraction = text.split(sign)
        if len(fraction) != 3 or not whole or whole.startswith("0") or len(whole) > 3:
            return sign
        return "?"
    return None


DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"), "dmy2"),
)


def parse_date(value, datemode=0, order="dmy"):
    """Date from a cell: date/datetime, Excel serial, dd/mm/yyyy or ISO text
    (mm/dd/yyyy when ``order`` is "mdy").

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
    for pattern, kind in DATE_PATTERNS:
        found = pattern.match(text)
        if not found:
            continue
        a, b, c = (int(g) for g in found.groups()[:3])
        if kind == "ymd":
            return datetime.date(a, b, c)
        if kind == "dmy2":
            c += 2000
        if order == "mdy":
            a, b = b, a
        return datetime.date(c, b, a)
    raise ValueError(value)


def date_order_evidence(value):
    """What a date written as text says of its order: "dmy" (31/12/2026),
    "mdy" (12/31/2026), "?" (12/07/2026), None (ISO, or the same both ways)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, _kind in DATE_PATTERNS[1:]:
        found = pattern.match(text)
        if found:
            a, b = int(found.group(1)), int(found.group(2))
            if a > 12 >= b:
                return "dmy"
            if b > 12 >= a:
                return "mdy"
            return "?" if a != b and a <= 12 and b <= 12 else None
    return None


def header_language(cells):
    """ "it" or "en" when the header row is written in one of them, else None."""
    english = {normalize_header(name) for name in ENGLISH_HEADERS}
    neutral = {normalize_header(name) for name in NEUTRAL_HEADERS}
    languages = set()
    for cell in cells:
        name = normalize_header(cell) if isinstance(cell, str) else ""
        if name in HEADER_INDEX and name not in neutral:
            languages.add("en" if name in english else "it")
    return languages.pop() if len(languages) == 1 else None


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
    if extension in ("xls", "xlsx", "xlsm", "ods"):
        raise SheetError(
            _lt(
                "The file %(name)s is named as a spreadsheet but contains plain text. "
                "Rename it with the .csv extension or save it from its program as .xlsx.",
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

        return sheet.name, _rows_with_values(rows()), warnings, merged, {"last_row": sheet.nrows}
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
                info["last_row"] = index
                yield (
                    index,
                    [
                        _percent_if_formatted(cell.value, getattr(cell, "number_format", ""))
                        for cell in cells
                    ],
                )

        info = {"last_row": 0}
        return sheet.title, _rows_with_values(rows()), warnings, merged, info
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
    return name, rows, warnings, merged, {"last_row": row_number}


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


def _rows_with_values(rows):
    """The rows holding a value; empty (or only formatted) rows are dropped, and
    do not count towards the size limit."""
    kept = []
    for row_number, cells in rows:
        if any(_has_value(cell) for cell in cells):
            if len(kept) >= MAX_ROWS + HEADER_SEARCH_ROWS:
                raise too_many_rows()
            kept.append((row_number, cells))
    return kept


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
    delimiter = _csv_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    info = {"delimiter": delimiter, "last_row": 0}

    def rows():
        try:
            for index, cells in enumerate(reader, start=1):
                info["last_row"] = index
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

    return "", _rows_with_values(rows()), [], [], info


def _csv_delimiter(text):
    """The delimiter that splits a line of the first ones into a header row.

    NOTE: counting signs is not enough: notes full of commas outnumber the
    semicolons of a semicolon file. Without a header, the most frequent sign.
    """
    head = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    best, best_count = None, 0
    for delimiter in (";", ",", "\t", "|"):
        try:
            lines = list(csv.reader(io.StringIO("\n".join(head), newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        for cells in lines:
            columns, _duplicates = match_headers(cells)
            if ("product" in columns or "barcode" in columns) and "quantity" in columns:
                if len(columns) > best_count:
                    best, best_count = delimiter, len(columns)
                break
    return best or max((";", ",", "\t"), key="\n".join(head).count)


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


def read_order_sheet(content, filename, options=None):
    """Read an order spreadsheet.

    :param bytes content: the uploaded file
    :param str filename: its name (used for messages and the expected type)
    :param ReadOptions options: the clerk's answers and the bounds of a row
    :return: :class:`Sheet` with typed rows (only rows with at least a value)
             and problems; row-level problems keep the sheet row number. When
             the file can be read two ways, ``questions`` names what to ask
             and a blocking problem of the whole file (row 0) says it.
    :raises SheetError: when nothing can be read (empty, damaged, protected,
             too large, no header row).
    """
    options = options or ReadOptions()
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
    sheet_name, raw_rows, warnings, merged, info = reader(content, filename)
    datemode = 0
    sheet = Sheet(sheet_name=sheet_name, problems=list(warnings))
    if not raw_rows:
        raise SheetError(_lt("The file is empty."))

    header_row = None
    for row_number, cells in raw_rows[:HEADER_SEARCH_ROWS]:
        columns, duplicates = match_headers(cells)
        if ("product" in columns or "barcode" in columns) and "quantity" in columns:
            header_row, header_cells = row_number, cells
            break
    if header_row is None:
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

    data_rows = []
    for row_number, cells in raw_rows:
        if row_number <= header_row:
            continue
        if _is_totals_row(cells, columns):
            sheet.problems.append(
                Problem(
                    row_number,
                    _lt("A totals row: skipped, its figures are not an order line."),
                    blocking=False,
                )
            )
            continue
        data_rows.append((row_number, cells))
    last_data_row = data_rows[-1][0] if data_rows else header_row
    if info.get("last_row", 0) > last_data_row + 1:
        sheet.problems.append(
            Problem(
                0,
                _lt(
                    "Rows %(first)s to %(last)s hold no value (at most a format) and were ignored.",
                    first=last_data_row + 1,
                    last=info["last_row"],
                ),
                blocking=False,
            )
        )
    if not data_rows:
        raise SheetError(_lt("The sheet has a header row but no order rows."))

    language = header_language(header_cells)
    sheet.decimal = _infer_decimal(sheet, data_rows, options, info, language)
    sheet.date_order = _infer_date_order(sheet, data_rows, options, language)

    for row_number, cells in data_rows:
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
                    values[key] = parse_number(raw, sheet.decimal)
                    if key == "discount" and isinstance(raw, Percent):
                        # 0.05 shown as "5 %" is a discount of 5 %.
                        values[key] = round(values[key] * 100, 6)
                elif key == "commitment_date":
                    values[key] = parse_date(raw, datemode, sheet.date_order or "dmy")
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
        failed = {key for key in columns if key not in values}
        problems += _check_row(values, failed, options)
        sheet.problems += [
            Problem(row_number, problem.message, problem.blocking)
            if isinstance(problem, Problem)
            else Problem(row_number, problem)
            for problem in problems
        ]
        sheet.rows.append(SheetRow(row_number, values))
    return sheet


def _is_totals_row(cells, columns):
    """A row whose label says it sums up the others ("TOTALE", "Total:")."""
    notes = columns.get("notes")
    return any(
        isinstance(cell, str) and TOTALS_PATTERN.match(normalize_header(cell))
        for index, cell in enumerate(cells)
        if index != notes
    )


def _infer_decimal(sheet, data_rows, options, info, language):
    """The decimal separator of the numbers written as text, from the file's
    own evidence: values that read only one way, then the CSV delimiter (a
    comma-separated file writes decimals with a point) and the language of the
    headers. Adds a question when the file leaves it open."""
    if options.decimal:
        return options.decimal
    indexes = [sheet.columns[key] for key in NUMBER_KEYS if key in sheet.columns]
    votes, ambiguous = {}, None
    for row_number, cells in data_rows:
        for index in indexes:
            value = cells[index] if index < len(cells) else None
            if not isinstance(value, str) or not value.strip():
                continue
            evidence = decimal_evidence(value)
            if evidence == "?":
                ambiguous = ambiguous or (row_number, value.strip())
            elif evidence:
                votes.setdefault(evidence, (row_number, value.strip()))
    if len(votes) == 1:
        return next(iter(votes))
    if not votes and not ambiguous:
        return None
    hints = set()
    if info.get("delimiter") == ",":
        hints.add(".")
    if language:
        hints.add("," if language == "it" else ".")
    if not votes and len(hints) == 1:
        return hints.pop()
    if votes:
        (row_a, value_a), (row_b, value_b) = sorted(votes.values())
        message = _lt(
            "The file writes numbers in two ways (%(first)s on row %(first_row)s, %(second)s "
            "on row %(second_row)s). Choose below how its numbers are written, then check "
            "again.",
            first=value_a,
            first_row=row_a,
            second=value_b,
            second_row=row_b,
        )
    else:
        row_number, value = ambiguous
        message = _lt(
            "Row %(row)s: %(value)s can be read as a decimal number or as a number with "
            "thousands, and nothing in the file tells which. Choose below how its numbers are "
            "written, then check again.",
            row=row_number,
            value=value,
        )
    sheet.questions.add("decimal")
    sheet.problems.append(Problem(0, message))
    return "," if language == "it" else "."


def _infer_date_order(sheet, data_rows, options, language):
    """Day/month order of the dates written as text: dates that read only one
    way, else an Italian header or a decimal comma (day first). Adds a
    question when the file leaves it open."""
    if options.date_order:
        return options.date_order
    index = sheet.columns.get("commitment_date")
    if index is None:
        return None
    votes, ambiguous = {}, None
    for row_number, cells in data_rows:
        value = cells[index] if index < len(cells) else None
        evidence = date_order_evidence(value)
        if evidence == "?":
            ambiguous = ambiguous or (row_number, value.strip())
        elif evidence:
            votes.setdefault(evidence, (row_number, value.strip()))
    if len(votes) == 1:
        return next(iter(votes))
    if not votes and not ambiguous:
        return None
    if not votes and (language == "it" or sheet.decimal == ","):
        return "dmy"
    if votes:
        (row_a, value_a), (row_b, value_b) = sorted(votes.values())
        message = _lt(
            "The file writes dates in two orders (%(first)s on row %(first_row)s, %(second)s "
            "on row %(second_row)s). Choose below how its dates are written, then check "
            "again.",
            first=value_a,
            first_row=row_a,
            second=value_b,
            second_row=row_b,
        )
    else:
        row_number, value = ambiguous
        day_first = parse_date(value, order="dmy")
        month_first = parse_date(value, order="mdy")
        message = _lt(
            "Row %(row)s: the date %(value)s can be read as %(day_first)s (day first) or "
            "%(month_first)s (month first), and nothing in the file tells which. Choose below "
            "how its dates are written, then check again.",
            row=row_number,
            value=value,
            day_first=day_first.isoformat(),
            month_first=month_first.isoformat(),
        )
    sheet.questions.add("date_order")
    sheet.problems.append(Problem(0, message))
    return "dmy"


def _check_row(values, failed, options):
    """Row-level problems; ``failed`` are the columns already reported unreadable.

    Returns lazy messages (blocking problems of the row) and :class:`Problem`
    (row None: the caller sets it) for warnings.
    """
    problems = []
    fmt = options.format_number
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
    elif quantity > options.max_quantity:
        problems.append(
            _lt(
                "The quantity %(value)s is above %(max)s, the most an imported line may "
                "order: check the file (a manager can raise the limit).",
                value=fmt(quantity),
                max=fmt(options.max_quantity),
            )
        )
    price = values.get("price_unit")
    if price is not None and price < 0:
        problems.append(_lt("The unit price cannot be negative."))
    elif price is not None and price > options.max_price_unit:
        problems.append(
            _lt(
                "The unit price %(value)s is above %(max)s, the highest an imported line may "
                "have: check the file (a manager can raise the limit).",
                value=fmt(price),
                max=fmt(options.max_price_unit),
            )
        )
    discount = values.get("discount")
    if discount is not None and not 0 <= discount <= 100:
        problems.append(_lt("The discount must be between 0 and 100%."))
    date = values.get("commitment_date")
    if date and options.latest_date and date > options.latest_date:
        problems.append(
            _lt(
                "The delivery date %(date)s is later than %(latest)s, the latest an import "
                "accepts: check the file (a manager can raise the limit).",
                date=date.isoformat(),
                latest=options.latest_date.isoformat(),
            )
        )
    elif date and options.today and date < options.today:
        problems.append(
            Problem(
                None,
                _lt("The delivery date %(date)s is in the past.", date=date.isoformat()),
                blocking=False,
            )
        )
    return problems

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Values of spreadsheet cells: header names, numbers, dates, percentages, text.

Pure functions: no file, no ORM. ``parse_number`` and ``parse_date`` raise
ValueError on a value they cannot read; the ``*_evidence`` functions say what a
value written as text tells of the way the whole file writes its numbers and
dates, for :mod:`.table` to infer (or ask) it.
"""

import datetime
import re
import unicodedata

EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}


def normalize_header(text):
    """Lower case, no accents, letters and digits only: 'Q.tà' -> 'qta'."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


def header_index(headers):
    """Normalized header name -> column key, from ``{key: [names]}``."""
    return {normalize_header(name): key for key, names in headers.items() for name in names}


def match_headers(cells, index):
    """Map column keys to indexes for a candidate header row.

    ``index`` is a :func:`header_index`. Returns (columns, duplicates):
    duplicates lists keys found twice.
    """
    columns, duplicates = {}, []
    for position, cell in enumerate(cells):
        key = index.get(normalize_header(cell)) if isinstance(cell, str) else None
        if not key:
            continue
        if key in columns:
            duplicates.append(key)
        else:
            columns[key] = position
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


def cell_text(value):
    """Text of a cell: numbers without a useless '.0' (codes typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


class Percent(float):
    """A number the sheet formats as a percentage: 0.05 is shown "5 %"."""


def is_percent_format(number_format):
    """Whether an Excel number format shows its value as a percentage
    (``0%``, ``0.0 %``), not a literal sign (``0"%"`` or ``0\\%``)."""
    if not number_format:
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def percent_if_formatted(value, number_format):
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return Percent(value) if is_number and is_percent_format(number_format) else value

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Courier tracking files (CSV: tracking number, status, date) parsed without the ORM.

The files come from outside (couriers' portals, e-mail): their size, number of
rows and length of a cell are bounded, and a file that cannot be read raises
:class:`TrackingFileError` instead of a traceback.
"""

import csv
import io
from datetime import datetime

MAX_FILE_SIZE = 5 * 1024 * 1024  # bytes: a day of tracking updates is a few hundred KB
MAX_ROWS = 20000
MAX_CELL_CHARS = 100  # tracking numbers, status words and dates are short
MAX_SHOWN_CHARS = 40  # of a wrong value, repeated in the error message
# NOTE: the csv module's default field limit, enforced here: the limit is global
# to the process and odoo-bin raises it to 500 MiB at start.
MAX_CSV_FIELD = 128 * 1024

# Words couriers use in their exports, mapped to our shipping states.
STATUS_WORDS = {
    "picked_up": "picked_up",
    "picked up": "picked_up",
    "ritirato": "picked_up",
    "ritirata": "picked_up",
    "in_transit": "in_transit",
    "in transit": "in_transit",
    "in transito": "in_transit",
    "in consegna": "in_transit",
    "delivered": "delivered",
    "consegnato": "delivered",
    "consegnata": "delivered",
    "exception": "exception",
    "giacenza": "exception",
    "in giacenza": "exception",
    "anomalia": "exception",
    "returned": "returned",
    "reso": "returned",
    "reso al mittente": "returned",
}

DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")


def parse_date(text):
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


class TrackingFileError(Exception):
    """The whole file is refused: ``kind`` says why ('size', 'encoding', 'rows',
    'csv'), ``params`` hold the figures for the message."""

    def __init__(self, kind, **params):
        super().__init__(kind)
        self.kind = kind
        self.params = params


def _shorten(value):
    return value if len(value) <= MAX_SHOWN_CHARS else value[:MAX_SHOWN_CHARS] + "..."


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TrackingFileError("encoding")


def parse(content):
    """Rows and problems of a tracking file.

    ``content``: bytes (UTF-8 or Windows-1252, comma or semicolon separated,
    optional header row), at most ``MAX_FILE_SIZE`` bytes and ``MAX_ROWS`` lines.
    Returns (rows, errors): rows are (line number, tracking, state, datetime);
    errors are (line number, kind, value) with kind in 'columns', 'long',
    'status', 'date' (values shortened for display).
    Raises :class:`TrackingFileError` when the file cannot be read at all.
    """
    if len(content) > MAX_FILE_SIZE:
        raise TrackingFileError("size", max_mb=MAX_FILE_SIZE // (1024 * 1024))
    if b"\x00" in content:
        raise TrackingFileError("encoding")
    text = _decode(content)
    dialect = csv.excel
    sample = text[:2048]
    if sample.count(";") > sample.count(","):
        dialect = type("SemicolonDialect", (csv.excel,), {"delimiter": ";"})
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise TrackingFileError("rows", max=MAX_ROWS)
            if any(len(cell) > MAX_CSV_FIELD for cell in cells):
                raise TrackingFileError("csv", line=reader.line_num)
            _parse_row(number, cells, rows, errors)
    except csv.Error as error:
        # NOTE: the csv module refuses a cell longer than its field size limit
        # (where nothing raised it) and malformed quoting.
        raise TrackingFileError("csv", line=reader.line_num) from error
    return rows, errors


def _parse_row(number, cells, rows, errors):
    """Append the row to ``rows`` or its problem to ``errors``."""
    cells = [c.strip() for c in cells]
    if not any(cells):
        return
    if any(len(cell) > MAX_CELL_CHARS for cell in cells):
        longest = max(cells, key=len)
        errors.append((number, "long", _shorten(longest)))
        return
    if number == 1 and cells[0].lower().replace(" ", "_") in (
        "tracking",
        "tracking_number",
        "tracking_ref",
    ):
        return
    if len(cells) < 3 or not cells[0]:
        errors.append((number, "columns", _shorten(";".join(cells))))
        return
    state = STATUS_WORDS.get(cells[1].lower())
    if not state:
        errors.append((number, "status", cells[1]))
        return
    when = parse_date(cells[2])
    if not when:
        errors.append((number, "date", cells[2]))
        return
    rows.append((number, cells[0], state, when))

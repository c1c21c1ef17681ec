# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Courier tracking files (CSV: tracking number, status, date) parsed without the ORM."""

import csv
import io
from datetime import datetime

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


def parse(content):
    """Rows and problems of a tracking file.

    ``content``: bytes (UTF-8, comma or semicolon separated, optional header row).
    Returns (rows, errors): rows are (line number, tracking, state, datetime);
    errors are (line number, kind, value) with kind in 'columns', 'status', 'date'.
    """
    text = content.decode("utf-8-sig")
    dialect = csv.excel
    sample = text[:2048]
    if sample.count(";") > sample.count(","):
        dialect = type("SemicolonDialect", (csv.excel,), {"delimiter": ";"})
    rows, errors = [], []
    for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower().replace(" ", "_") in (
            "tracking",
            "tracking_number",
            "tracking_ref",
        ):
            continue
        if len(cells) < 3 or not cells[0]:
            errors.append((number, "columns", ";".join(cells)))
            continue
        state = STATUS_WORDS.get(cells[1].lower())
        if not state:
            errors.append((number, "status", cells[1]))
            continue
        when = parse_date(cells[2])
        if not when:
            errors.append((number, "date", cells[2]))
            continue
        rows.append((number, cells[0], state, when))
    return rows, errors

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""XLSX output of a report payload with xlsxwriter (shipped with Odoo).

One sheet per table, real numbers with number formats, frozen header row and
autofilter, so that marketing can keep working on the figures.
"""

import io
import re

import xlsxwriter

FORMATS = {
    "money": "#,##0.00",
    "int": "#,##0",
    "pct": "0.0%",
    "float": "#,##0.00",
}


def _sheet_name(title, used):
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:28] or "Sheet"
    candidate, index = name, 2
    while candidate.lower() in used:
        candidate = f"{name[:25]} {index}"
        index += 1
    used.add(candidate.lower())
    return candidate


def payload_to_xlsx(payload):
    """Return the XLSX bytes of ``payload`` (see ``bo.report.kind._bo_payload``)."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    formats = {key: book.add_format({"num_format": fmt}) for key, fmt in FORMATS.items()}
    used = set()
    info = book.add_worksheet(_sheet_name(payload["labels"]["info"], used))
    rows = [
        (payload["labels"]["report"], payload["title"]),
        (payload["labels"]["period"], payload["period_label"]),
        (payload["labels"]["comparison"], payload["comparison_label"] or ""),
        (payload["labels"]["currency"], payload["currency"]),
        (payload["labels"]["generated"], payload["generated_at"]),
    ] + [(label, value) for label, value in payload["filters"]]
    rows += [("", note) for note in payload["notes"]]
    for row, (label, value) in enumerate(rows):
        info.write(row, 0, label, bold)
        info.write(row, 1, value)
    info.set_column(0, 0, 28)
    info.set_column(1, 1, 60)
    for table in payload["tables"]:
        sheet = book.add_worksheet(_sheet_name(table["title"], used))
        columns = table["columns"]
        for col, column in enumerate(columns):
            sheet.write(0, col, column["label"], bold)
            sheet.set_column(col, col, 28 if column["type"] == "text" else 16)
        for row, values in enumerate(table["rows"], start=1):
            for col, value in enumerate(values):
                kind = columns[col]["type"]
                if kind == "text" or value is None or isinstance(value, str):
                    sheet.write_string(row, col, "" if value is None else str(value))
                else:
                    sheet.write_number(row, col, value, formats[kind])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(table["rows"]), 1), max(len(columns) - 1, 0))
    book.close()
    return output.getvalue()

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Text files of values separated by a delimiter (.csv)."""

import csv
import io

from odoo.tools.translate import LazyTranslate

from .common import HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, SheetError, rows_with_values

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)

# NOTE: the csv module's own default field limit (128 KiB), enforced here: the
# limit is global to the process and odoo-bin raises it to 500 MiB at start,
# so a server would otherwise read a cell of hundreds of megabytes whole.
MAX_CSV_FIELD = 128 * 1024


def read_csv(content, filename, header_columns):
    """Rows of a CSV file in UTF-8 or Windows encoding.

    ``header_columns(cells)`` returns the columns a header row names (empty when
    the cells are no header row): it chooses the delimiter.
    """
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
    delimiter = _csv_delimiter(text, header_columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    info = {"delimiter": delimiter, "last_row": 0}

    def invalid():
        return SheetError(
            _lt(
                "Row %(row)s: the file is not a valid CSV file or a cell is longer than "
                "%(max)s characters.",
                row=reader.line_num,
                max=MAX_CELL_CHARS,
            )
        )

    def rows():
        try:
            for index, cells in enumerate(reader, start=1):
                info["last_row"] = index
                if any(len(cell) > MAX_CSV_FIELD for cell in cells):
                    raise invalid()
                yield index, cells[:MAX_COLUMNS]
        except csv.Error as error:
            raise invalid() from error

    return "", rows_with_values(rows()), [], [], info


def _csv_delimiter(text, header_columns):
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
            columns = header_columns(cells)
            if columns:
                if len(columns) > best_count:
                    best, best_count = delimiter, len(columns)
                break
    return best or max((";", ",", "\t"), key="\n".join(head).count)

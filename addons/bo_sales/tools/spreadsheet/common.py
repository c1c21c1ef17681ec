# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What every reader of the package shares: limits, results and errors."""

from dataclasses import dataclass, field

from odoo.tools.translate import LazyTranslate

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes of the uploaded file
MAX_UNZIPPED_SIZE = 150 * 1024 * 1024  # declared size of an .xlsx once unzipped
MAX_ROWS = 20000  # data rows (a day of orders is a few hundred)
MAX_COLUMNS = 60
MAX_CELL_CHARS = 2000
HEADER_SEARCH_ROWS = 20  # title lines allowed above the header row


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


def unreadable(filename):
    """The error of a workbook that cannot be opened (.xls, .xlsx)."""
    return SheetError(
        _lt(
            "The file %(name)s cannot be read: it is damaged or not a real Excel workbook. "
            "Open it in Excel, save it again as .xlsx and upload it again.",
            name=filename,
        )
    )


def has_value(value):
    """A cell counts when it holds something else than blanks."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def rows_with_values(rows):
    """The rows holding a value; empty (or only formatted) rows are dropped, and
    do not count towards the size limit."""
    kept = []
    for row_number, cells in rows:
        if any(has_value(cell) for cell in cells):
            if len(kept) >= MAX_ROWS + HEADER_SEARCH_ROWS:
                raise too_many_rows()
            kept.append((row_number, cells))
    return kept


def too_many_rows():
    return SheetError(
        _lt(
            "The sheet has more than %(max)s rows. Split it into several files.",
            max=MAX_ROWS,
        )
    )


def sheet_warnings(name, hidden, visible_count):
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

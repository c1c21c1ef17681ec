# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A table of typed values from a spreadsheet: the header row, the data rows,
and what the file leaves open (decimal separator, day/month order)."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from odoo.tools.translate import LazyTranslate

from .common import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_FILE_SIZE,
    Problem,
    Sheet,
    SheetError,
    SheetRow,
)
from .csv_file import read_csv
from .detect import detect_format
from .ods import read_ods
from .values import (
    EXCEL_ERRORS,
    Percent,
    cell_text,
    date_order_evidence,
    decimal_evidence,
    header_index,
    match_headers,
    normalize_header,
    parse_date,
    parse_number,
)
from .xls import read_xls
from .xlsx import read_xlsx

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)

# Rows summing up the others ("TOTALE", "Totale ordine", "Total:"), compared
# after normalize_header().
TOTALS_PATTERN = re.compile(
    r"^(sub|grand)?tota(l|le|li|ls)(generale|ordine|order|complessivo|documento|amount)?$"
)


@dataclass
class TableOptions:
    """What the caller knows of its table, and the user's answers.

    Column types: ``numbers`` and ``dates`` are keys of the columns read as
    numbers and dates (the others are read as text); among the numbers,
    ``percents`` are figures in percent, so a cell formatted as a percentage
    (0.05 shown "5 %") gives 5. ``free_text`` columns may hold any word (a
    "Totale" there does not make the row a totals row).

    Header row: the first of the first rows naming a column of each group of
    ``header_keys`` (by default, any known column). ``labels`` name the columns
    in messages (by default, their first header name); ``header_languages``
    maps header names to "it" or "en", the language of whoever writes them
    (names missing tell nothing): it settles the decimal separator and the
    day/month order when the values leave them open.

    ``decimal`` ("," or ".") and ``date_order`` ("dmy" or "mdy") are the user's
    answers when the file leaves them open; None lets the reader infer them.

    Hooks: ``check_header(columns, row)`` returns the message of a header row
    that cannot do (or None); ``check_row(values, failed)`` returns the
    problems of a data row, whose ``failed`` columns were unreadable: lazy
    messages (blocking) or :class:`Problem` (their row is set by the reader).
    ``no_header_message``, ``no_rows_message`` and ``totals_row_message``
    replace the default messages of a sheet without header row, of a sheet
    without data rows and of a skipped totals row.
    """

    numbers: tuple = ()
    dates: tuple = ()
    percents: tuple = ()
    free_text: tuple = ()
    header_keys: tuple = ()
    labels: dict = field(default_factory=dict)
    header_languages: dict = field(default_factory=dict)
    decimal: str | None = None
    date_order: str | None = None
    check_header: Callable | None = None
    check_row: Callable | None = None
    no_header_message: object = None
    no_rows_message: object = None
    totals_row_message: object = None


def read_table(content, filename, headers, options=None):
    """Read the first visible sheet of a spreadsheet into typed rows.

    :param bytes content: the uploaded file (.xlsx, .xls, .ods or .csv: the
        format is read from the content, the name only states the expectation)
    :param str filename: its name, for messages
    :param dict headers: column key -> accepted header names; names are compared
        without case, accents, spaces or punctuation ("Q.tà" is "qta")
    :param TableOptions options: column types, hooks and the user's answers
    :return: :class:`Sheet` whose ``rows`` are :class:`SheetRow` (the row number
        the user sees, and a dict key -> value: float or None for numbers,
        ``datetime.date`` or None for dates, str for text; a value that cannot
        be read is left out and reported) for the rows holding a value below the
        header row; ``problems`` are :class:`Problem` (row 0: the whole file;
        ``blocking`` False for warnings); when the file reads two ways,
        ``questions`` holds "decimal" and/or "date_order" and a blocking
        problem of row 0 says what to answer (then call again with the answer
        in ``options``).
    :raises SheetError: when nothing can be read (empty, damaged, protected,
        too large, not a spreadsheet, no header row, no data row); its
        ``message`` is a lazy translation.
    """
    options = options or TableOptions()
    index = header_index(headers)
    header_keys = options.header_keys or (set(headers),)
    labels = {key: names[0] for key, names in headers.items()} | options.labels

    def header_columns(cells):
        columns, duplicates = match_headers(cells, index)
        if all(set(group) & set(columns) for group in header_keys):
            return columns, duplicates
        return None, None

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
    if kind == "csv":
        read = read_csv(content, filename, lambda cells: header_columns(cells)[0])
    else:
        read = {"xls": read_xls, "xlsx": read_xlsx, "ods": read_ods}[kind](content, filename)
    sheet_name, raw_rows, warnings, merged, info = read
    datemode = 0
    sheet = Sheet(sheet_name=sheet_name, problems=list(warnings))
    if not raw_rows:
        raise SheetError(_lt("The file is empty."))

    header_row = None
    for row_number, cells in raw_rows[:HEADER_SEARCH_ROWS]:
        columns, duplicates = header_columns(cells)
        if columns is not None:
            header_row, header_cells = row_number, cells
            break
    if header_row is None:
        raise SheetError(
            options.no_header_message
            or _lt(
                "No header row found in the first %(count)s rows. The sheet needs a row naming "
                "its columns: %(columns)s.",
                count=HEADER_SEARCH_ROWS,
                columns=", ".join(
                    names[0]
                    for key, names in headers.items()
                    if any(key in group for group in header_keys)
                ),
            )
        )
    if duplicates:
        raise SheetError(
            _lt(
                "Column %(column)s appears twice in the header row %(row)s; keep only one.",
                column=labels[duplicates[0]],
                row=header_row,
            )
        )
    message = options.check_header and options.check_header(columns, header_row)
    if message:
        raise SheetError(message)
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
        if _is_totals_row(cells, columns, options.free_text):
            sheet.problems.append(
                Problem(
                    row_number,
                    options.totals_row_message
                    or _lt("A totals row: skipped, its figures are not a row of data."),
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
        raise SheetError(
            options.no_rows_message or _lt("The sheet has a header row but no data rows.")
        )

    language = _header_language(header_cells, options.header_languages)
    sheet.decimal = _infer_decimal(sheet, data_rows, options, info, language)
    sheet.date_order = _infer_date_order(sheet, data_rows, options, language)

    for row_number, cells in data_rows:
        problems = []
        values = {}
        for key, position in columns.items():
            raw = cells[position] if position < len(cells) else None
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
                if key in options.numbers:
                    values[key] = parse_number(raw, sheet.decimal)
                    if key in options.percents and isinstance(raw, Percent):
                        # 0.05 shown as "5 %" is 5 %.
                        values[key] = round(values[key] * 100, 6)
                elif key in options.dates:
                    values[key] = parse_date(raw, datemode, sheet.date_order or "dmy")
                else:
                    values[key] = cell_text(raw)
            except (ValueError, OverflowError):
                if key in options.dates:
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
        if options.check_row:
            failed = {key for key in columns if key not in values}
            problems += options.check_row(values, failed)
        sheet.problems += [
            Problem(row_number, problem.message, problem.blocking)
            if isinstance(problem, Problem)
            else Problem(row_number, problem)
            for problem in problems
        ]
        sheet.rows.append(SheetRow(row_number, values))
    return sheet


def _is_totals_row(cells, columns, free_text):
    """A row whose label says it sums up the others ("TOTALE", "Total:")."""
    free = {columns[key] for key in free_text if key in columns}
    return any(
        isinstance(cell, str) and TOTALS_PATTERN.match(normalize_header(cell))
        for position, cell in enumerate(cells)
        if position not in free
    )


def _header_language(cells, header_languages):
    """ "it" or "en" when the header row is written in one of them, else None."""
    languages_by_name = {normalize_header(name): lang for name, lang in header_languages.items()}
    languages = set()
    for cell in cells:
        name = normalize_header(cell) if isinstance(cell, str) else ""
        if name in languages_by_name:
            languages.add(languages_by_name[name])
    return languages.pop() if len(languages) == 1 else None


def _infer_decimal(sheet, data_rows, options, info, language):
    """The decimal separator of the numbers written as text, from the file's
    own evidence: values that read only one way, then the CSV delimiter (a
    comma-separated file writes decimals with a point) and the language of the
    headers. Adds a question when the file leaves it open."""
    if options.decimal:
        return options.decimal
    hints = set()
    if info.get("delimiter") == ",":
        hints.add(".")
    if language:
        hints.add("," if language == "it" else ".")
    return _settle_question(
        sheet,
        data_rows,
        "decimal",
        options.numbers,
        decimal_evidence,
        hint=hints.pop() if len(hints) == 1 else None,
        default="," if language == "it" else ".",
        two_ways=lambda **values: _lt(
            "The file writes numbers in two ways (%(first)s on row %(first_row)s, %(second)s "
            "on row %(second_row)s). Choose below how its numbers are written, then check "
            "again.",
            **values,
        ),
        open_value=lambda row, value: _lt(
            "Row %(row)s: %(value)s can be read as a decimal number or as a number with "
            "thousands, and nothing in the file tells which. Choose below how its numbers are "
            "written, then check again.",
            row=row,
            value=value,
        ),
    )


def _infer_date_order(sheet, data_rows, options, language):
    """Day/month order of the dates written as text: dates that read only one
    way, else an Italian header or a decimal comma (day first). Adds a
    question when the file leaves it open."""
    if options.date_order:
        return options.date_order
    return _settle_question(
        sheet,
        data_rows,
        "date_order",
        options.dates,
        date_order_evidence,
        hint="dmy" if language == "it" or sheet.decimal == "," else None,
        default="dmy",
        two_ways=lambda **values: _lt(
            "The file writes dates in two orders (%(first)s on row %(first_row)s, %(second)s "
            "on row %(second_row)s). Choose below how its dates are written, then check "
            "again.",
            **values,
        ),
        open_value=lambda row, value: _lt(
            "Row %(row)s: the date %(value)s can be read as %(day_first)s (day first) or "
            "%(month_first)s (month first), and nothing in the file tells which. Choose below "
            "how its dates are written, then check again.",
            row=row,
            value=value,
            day_first=parse_date(value, order="dmy").isoformat(),
            month_first=parse_date(value, order="mdy").isoformat(),
        ),
    )


def _settle_question(
    sheet, data_rows, question, keys, evidence, hint, default, two_ways, open_value
):
    """How the file writes something it may leave open (``question``: "decimal"
    or "date_order"), from the text values of the columns ``keys``.

    ``evidence(text)`` tells what one value says: a setting, "?" when it reads
    both ways, None when it tells nothing. One setting among the values wins;
    values that all read both ways fall back on ``hint``. Otherwise (two
    settings, or no evidence and no hint) the question goes to the user: it is
    added to ``sheet.questions`` with a blocking problem of the whole file,
    whose message is ``two_ways(first=, first_row=, second=, second_row=)`` or
    ``open_value(row, value)``, and the file is read with ``default``.
    Returns the setting, or None when no value concerns it.
    """
    indexes = [sheet.columns[key] for key in keys if key in sheet.columns]
    votes, ambiguous = {}, None
    for row_number, cells in data_rows:
        for index in indexes:
            value = cells[index] if index < len(cells) else None
            if not isinstance(value, str) or not value.strip():
                continue
            found = evidence(value)
            if found == "?":
                ambiguous = ambiguous or (row_number, value.strip())
            elif found:
                votes.setdefault(found, (row_number, value.strip()))
    if len(votes) == 1:
        return next(iter(votes))
    if not votes and not ambiguous:
        return None
    if not votes and hint:
        return hint
    if votes:
        (row_a, value_a), (row_b, value_b) = sorted(votes.values())
        message = two_ways(first=value_a, first_row=row_a, second=value_b, second_row=row_b)
    else:
        message = open_value(*ambiguous)
    sheet.questions.add(question)
    sheet.problems.append(Problem(0, message))
    return default

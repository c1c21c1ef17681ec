# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Excel 97-2003 workbooks (.xls), through xlrd."""

import io
import logging

from odoo.tools.translate import LazyTranslate

from .common import MAX_COLUMNS, SheetError, rows_with_values, sheet_warnings, unreadable
from .values import parse_date, percent_if_formatted

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)


def read_xls(content, filename):
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
        raise unreadable(filename) from error
    except Exception as error:
        _logger.info("Unreadable .xls %s", filename, exc_info=True)
        raise unreadable(filename) from error
    warnings = []
    try:
        visible = [i for i in range(book.nsheets) if book.sheet_by_index(i).visibility == 0]
        hidden = [book.sheet_names()[i] for i in range(book.nsheets) if i not in visible]
        if not visible:
            raise SheetError(_lt("The workbook has no visible sheet."))
        sheet = book.sheet_by_index(visible[0])
        warnings += sheet_warnings(book.sheet_names()[visible[0]], hidden, len(visible))
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
                        cells.append(percent_if_formatted(cell.value, xls_format(cell)))
                    else:
                        cells.append(cell.value)
                yield index + 1, cells

        return sheet.name, rows_with_values(rows()), warnings, merged, {"last_row": sheet.nrows}
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Damaged .xls %s", filename, exc_info=True)
        raise unreadable(filename) from error

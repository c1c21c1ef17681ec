# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Excel workbooks (.xlsx), through openpyxl in read-only mode."""

import io
import logging
import re
import zipfile

from odoo.tools.translate import LazyTranslate

from .common import (
    MAX_COLUMNS,
    MAX_UNZIPPED_SIZE,
    Problem,
    SheetError,
    rows_with_values,
    sheet_warnings,
    unreadable,
)
from .values import percent_if_formatted

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)


def read_xlsx(content, filename):
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise unreadable(filename) from error
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
            raise unreadable(filename)
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Unreadable .xlsx %s", filename, exc_info=True)
        raise unreadable(filename) from error
    try:
        sheets = book.worksheets
        visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
        hidden = [ws.title for ws in sheets if ws not in visible]
        if not visible:
            raise SheetError(_lt("The workbook has no visible sheet."))
        sheet = visible[0]
        warnings = sheet_warnings(sheet.title, hidden, len(visible))
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
                        percent_if_formatted(cell.value, getattr(cell, "number_format", ""))
                        for cell in cells
                    ],
                )

        info = {"last_row": 0}
        return sheet.title, rows_with_values(rows()), warnings, merged, info
    except SheetError:
        raise
    except Exception as error:
        _logger.info("Damaged .xlsx %s", filename, exc_info=True)
        raise unreadable(filename) from error
    finally:
        book.close()

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""OpenDocument spreadsheets (.ods), through lxml."""

import datetime
import io
import logging
import re
import zipfile

from odoo.tools.translate import LazyTranslate

from .common import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNZIPPED_SIZE,
    Problem,
    SheetError,
    has_value,
    sheet_warnings,
    too_many_rows,
)
from .values import Percent

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _ods_name(prefix, name):
    return f"{{{ODS_NS[prefix]}}}{name}"


def _unreadable_ods(filename):
    return SheetError(
        _lt(
            "The file %(name)s cannot be read: it is damaged or not a real OpenDocument "
            "spreadsheet. Open it in LibreOffice or Excel, save it again as .ods or .xlsx and "
            "upload it again.",
            name=filename,
        )
    )


def read_ods(content, filename):
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
    warnings = sheet_warnings(name, hidden, len(visible))
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
        if any(has_value(value) for value in cells):
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

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The format of an uploaded file, read from its content."""

from odoo.tools.translate import LazyTranslate

from .common import SheetError

# NOTE: no environment here (pure module): messages are lazy translations that
# the caller renders in the user's language with env._(message).
# pylint: disable=prefer-env-translation
_lt = LazyTranslate(__name__)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def detect_format(content, filename):
    """Format from the file's content; the extension only names the expectation."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if content.startswith(OLE2_MAGIC):
        if (
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e"
            in content
        ):
            raise SheetError(
                _lt(
                    "The workbook is protected by a password. Open it in Excel, remove the "
                    "password (File > Info > Protect Workbook) and upload it again."
                )
            )
        return "xls"
    if content.startswith(ZIP_MAGIC):
        # NOTE: an OpenDocument file starts with its uncompressed "mimetype" member.
        if content[30:38] == b"mimetype" and ODS_MIMETYPE in content[:200]:
            return "ods"
        if extension == "ods":
            return "ods"
        return "xlsx"
    head = content[:2048].lstrip().lower()
    if head.startswith((b"%pdf", b"\x89png", b"\xff\xd8", b"gif8")):
        raise SheetError(
            _lt("The file %(name)s is not a spreadsheet (it is a PDF or an image).", name=filename)
        )
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
        raise SheetError(
            _lt(
                "The file %(name)s is a web page or XML file saved with a spreadsheet name. "
                "Open it in Excel and save it as Excel Workbook (.xlsx).",
                name=filename,
            )
        )
    if b"\x00" in content[:4096]:
        raise SheetError(
            _lt(
                "The file %(name)s is not an Excel workbook nor a CSV file: it may be damaged "
                "or of another type renamed.",
                name=filename,
            )
        )
    if extension in ("xls", "xlsx", "xlsm", "ods"):
        raise SheetError(
            _lt(
                "The file %(name)s is named as a spreadsheet but contains plain text. "
                "Rename it with the .csv extension or save it from its program as .xlsx.",
                name=filename,
            )
        )
    return "csv"

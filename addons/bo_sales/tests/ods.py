# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write small OpenDocument spreadsheets (.ods) for the tests, as LibreOffice
Calc saves them: the uncompressed ``mimetype`` member first, a manifest, and a
``content.xml`` whose cells carry their value type (float, percentage, date,
string) and whose empty formatted rows are one repeated row."""

import datetime
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3"
     manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office:version="1.3">
 <office:automatic-styles>
  <style:style style:name="ta1" style:family="table">
   <style:table-properties table:display="true"/>
  </style:style>
  <style:style style:name="ta_hidden" style:family="table">
   <style:table-properties table:display="false"/>
  </style:style>
  <style:style style:name="ce1" style:family="table-cell"/>
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
{tables}
  </office:spreadsheet>
 </office:body>
</office:document-content>
"""


class Percent(float):
    """A value written as a percentage cell (0.05 is shown "5 %")."""


def _cell(value):
    if value is None or value == "":
        return '<table:table-cell table:style-name="ce1"/>'
    if isinstance(value, Percent):
        shown = f"{value * 100:g} %"
        return (
            f'<table:table-cell office:value-type="percentage" office:value="{float(value)!r}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="boolean" '
            f'office:boolean-value="{str(value).lower()}"><text:p>{value}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.strftime('%d/%m/%Y')}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def _table(name, rows, empty_formatted_rows=0, hidden=False):
    style = "ta_hidden" if hidden else "ta1"
    lines = [f"<table:table table:name={quoteattr(name)} table:style-name={quoteattr(style)}>"]
    lines.append('<table:table-column table:number-columns-repeated="12"/>')
    for row in rows:
        lines.append("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>")
    if empty_formatted_rows:
        lines.append(
            f'<table:table-row table:number-rows-repeated="{empty_formatted_rows}">'
            '<table:table-cell table:style-name="ce1" table:number-columns-repeated="12"/>'
            "</table:table-row>"
        )
    lines.append("</table:table>")
    return "\n".join(lines)


def make_ods(rows, sheet_name="Ordini", empty_formatted_rows=0, hidden_sheet=None):
    """The bytes of an .ods whose first visible sheet holds ``rows``.

    :param rows: lists of cells (str, int, float, :class:`Percent`, date, None)
    :param empty_formatted_rows: formatted empty rows after the data
    :param hidden_sheet: rows of a hidden sheet placed before the visible one
    """
    tables = []
    if hidden_sheet is not None:
        tables.append(_table("Nascosto", hidden_sheet, hidden=True))
    tables.append(_table(sheet_name, rows, empty_formatted_rows))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "content.xml",
            CONTENT.format(tables="\n".join(tables)),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return output.getvalue()

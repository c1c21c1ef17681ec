# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Read a spreadsheet (.xlsx, .xls, .ods, .csv) into typed rows.

One entry point, :func:`read_table`::

    from odoo.addons.bo_sales.tools.spreadsheet import SheetError, TableOptions, read_table

    headers = {"name": ["Ragione sociale", "Name"], "revenue": ["Fatturato", "Revenue"]}
    options = TableOptions(numbers=("revenue",), header_keys=({"name"},))
    sheet = read_table(content, "suppliers.csv", headers, options)
    for row in sheet.rows:  # SheetRow(row=5, values={"name": "Rossi Srl", "revenue": 1500.0})
        ...

No ORM here: the package only turns bytes into typed rows and a list of
problems, each with the sheet row number the user sees in Excel. What the rows
mean is the caller's business.

Hostile files are expected (they travel by e-mail): the size of the file, the
number of rows and columns and the length of a cell are bounded, and every
reading failure becomes a :class:`SheetError` with a translated message.

Modules: :mod:`.table` (the entry point: header row, data rows, inference of
the decimal separator and the date order), :mod:`.values` (cell values),
:mod:`.detect` (the format of a file) and one module per format (:mod:`.xls`,
:mod:`.xlsx`, :mod:`.ods`, :mod:`.csv_file`), :mod:`.common` (limits, results).
"""

from .common import Problem, Sheet, SheetError, SheetRow
from .table import TableOptions, read_table

__all__ = ["Problem", "Sheet", "SheetError", "SheetRow", "TableOptions", "read_table"]

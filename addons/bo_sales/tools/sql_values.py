# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Large lists of values passed to PostgreSQL in one parameter.

psycopg2 adapts a Python list into ``ARRAY[v1, v2, ...]``: PostgreSQL then
parses and evaluates one expression per element, which costs about 1 ms per
thousand ids in every query of a check run, and more for strings. A single
text parameter, an array literal, is read in one go.
"""

from odoo.tools import SQL


def int_array(ids):
    """``%s::int[]`` for the integers ``ids`` (None is NULL), as one array literal."""
    values = ",".join("NULL" if id_ is None else str(int(id_)) for id_ in ids)
    return SQL("%s::int[]", f"{{{values}}}")

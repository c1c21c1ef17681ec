# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Findings in the reader's language (18.0.1.4.0).

A finding now stores its message key and values, and its text is written when
read. The texts stored by earlier versions are kept in ``message_text`` (shown
as is) until the order is checked again.
"""

from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "bo_check_finding", "message") and not column_exists(
        cr, "bo_check_finding", "message_text"
    ):
        cr.execute(
            SQL(
                "ALTER TABLE bo_check_finding RENAME COLUMN %s TO %s",
                SQL.identifier("message"),
                SQL.identifier("message_text"),
            )
        )
        cr.execute(
            SQL(
                "ALTER TABLE bo_check_finding ALTER COLUMN %s DROP NOT NULL",
                SQL.identifier("message_text"),
            )
        )

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order checks made cheaper to write (18.0.1.1.0).

Findings lost their log and company columns: Odoo leaves the columns of removed
fields in place, with their foreign keys, whose triggers would still run on
every finding the engine inserts. The orders' check state and main rule are no
longer indexed (so that writing them is a HOT update): Odoo keeps the indexes
of fields that lose ``index``.
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "ALTER TABLE bo_check_finding %s",
            SQL(", ").join(
                SQL("DROP COLUMN IF EXISTS %s", SQL.identifier(column))
                for column in ("company_id", "create_uid", "write_uid", "create_date", "write_date")
            ),
        )
    )
    cr.execute(
        SQL(
            "DROP INDEX IF EXISTS %s, %s",
            SQL.identifier("sale_order__bo_check_state_index"),
            SQL.identifier("sale_order__bo_check_rule_id_index"),
        )
    )

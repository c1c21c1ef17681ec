# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Install and uninstall hooks: the records taken over from bo_sales, and what
Odoo cannot clean up by itself when the module is uninstalled."""

from odoo.tools import SQL

from odoo.addons.bo_sales.hooks import keep_activities_as_todo

# Records bo_sales made before their feature moved here (the courier's delivery notice).
MOVED_FROM_BO_SALES = ["mail_template_delivery_notice"]


def adopt_records_of_bo_sales(cr):
    """Take over the records that moved from bo_sales, by their external ids.

    The same record goes on under bo_logistics' name: Odoo neither leaves the
    old one behind (bo_sales declared it ``noupdate``) beside a new one, nor
    loses what a manager changed in it. For upgrades (migration 18.0.1.1.0) and
    installs on a database where bo_sales made them.
    """
    cr.execute(
        SQL(
            """UPDATE ir_model_data old SET module = 'bo_logistics'
                WHERE old.module = 'bo_sales' AND old.name = ANY(%s)
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data own
                                   WHERE own.module = 'bo_logistics' AND own.name = old.name)""",
            MOVED_FROM_BO_SALES,
        )
    )


def pre_init_hook(env):
    adopt_records_of_bo_sales(env.cr)


def uninstall_hook(env):
    keep_activities_as_todo(env, "bo_logistics")
    # The DDT sequences are made per company in code (no external id), so Odoo
    # does not know they belong to the module; the documents they number go
    # with it.
    env["ir.sequence"].with_context(active_test=False).search(
        [("code", "=", "bo.transport.document")]
    ).unlink()

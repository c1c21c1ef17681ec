# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What Odoo cannot clean up by itself when the module is uninstalled."""

from odoo.addons.bo_sales.hooks import keep_activities_as_todo


def uninstall_hook(env):
    keep_activities_as_todo(env, "bo_logistics")
    # The DDT sequences are made per company in code (no external id), so Odoo
    # does not know they belong to the module; the documents they number go
    # with it.
    env["ir.sequence"].with_context(active_test=False).search(
        [("code", "=", "bo.transport.document")]
    ).unlink()

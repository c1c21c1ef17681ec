# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Databases made by scripts/create_db.py (make run, make test) are ones Odoo's
scheduler works on: it skips any database with a module left in a 'to ...'
state, and then no scheduled job of the suite (nightly checks, reminders,
reports) would ever run."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDatabaseSetup(TransactionCase):
    def test_no_module_left_in_a_transient_state(self):
        stuck = self.env["ir.module.module"].search(
            [("state", "in", ("to install", "to upgrade", "to remove"))]
        )
        self.assertFalse(stuck, f"modules left {stuck.mapped('state')}: {stuck.mapped('name')}")

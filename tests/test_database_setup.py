# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Databases made by scripts/create_db.py (make run, make test) are ones Odoo's
scheduler works on: it skips any database with a module left in a 'to ...'
state, and then no scheduled job of the suite (nightly checks, reminders,
reports) would ever run."""

import os

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDatabaseSetup(TransactionCase):
    def test_no_module_left_in_a_transient_state(self):
        stuck = self.env["ir.module.module"].search(
            [("state", "in", ("to install", "to upgrade", "to remove"))]
        )
        self.assertFalse(stuck, f"modules left {stuck.mapped('state')}: {stuck.mapped('name')}")

    def test_profile_modules(self):
        """The Italian profile (default) has Odoo's Italian localization complete,
        as it auto-installs for an Italian company; the plain one has none of
        Italy's e-invoicing (BO_DB_PROFILE, scripts/create_db.py). The suite's
        bridges install by themselves where their dependencies are."""
        profile = os.environ.get("BO_DB_PROFILE") or "italian"
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    (
                        "l10n_it",
                        "l10n_it_edi",
                        "l10n_it_stock_ddt",
                        "account_peppol",
                        "bo_logistics_it_ddt",
                        "bo_reporting_logistics",
                    ),
                )
            ]
        )
        states = {module.name: module.state for module in modules}
        self.assertEqual(self.env.company.country_id.code, "IT")
        self.assertEqual(states.pop("l10n_it"), "installed")
        # The reports' bridge to the shipment tracking installs by itself with
        # bo_logistics and bo_reporting, in both profiles.
        self.assertEqual(states.pop("bo_reporting_logistics"), "installed")
        if profile == "italian":
            self.assertEqual(
                states,
                dict.fromkeys(
                    (
                        "l10n_it_edi",
                        "l10n_it_stock_ddt",
                        "account_peppol",
                        # The bridge auto-installs with Odoo's DDT numbering.
                        "bo_logistics_it_ddt",
                    ),
                    "installed",
                ),
            )
        else:
            # Odoo's module list may show them 'uninstalled' again once the
            # install is done: what matters is that they were not installed.
            self.assertIn(states.get("l10n_it_edi"), ("uninstalled", "uninstallable"))
            self.assertIn(states.get("l10n_it_stock_ddt"), ("uninstalled", "uninstallable"))
            # Without Odoo's DDT numbering the bridge is not installed (nor its
            # tests collected, see conftest.py): the suite numbers its DDTs.
            self.assertIn(states.get("bo_logistics_it_ddt"), ("uninstalled", "uninstallable"))

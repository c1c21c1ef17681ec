# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every term an addon of the suite adds has its Italian translation in i18n/it.po."""

import os

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")
SUITE = ("bo_sales", "bo_logistics", "bo_reporting")
# Bridges Odoo installs by itself where their other dependency is (Italian
# localization; bo_logistics for the reports' shipment tracking).
BRIDGES = ("bo_logistics_it_ddt", "bo_reporting_logistics")


@tagged("post_install", "-at_install")
class TestItalianTranslations(TransactionCase):
    def _terms(self, addon):
        """Source terms Odoo exports for the addon (code, views, data, reports)."""
        reader = TranslationModuleReader(self.env.cr, modules=[addon])
        return {source for __, __, __, __, source, __, __ in reader if source.strip()}

    def test_every_term_translated(self):
        bridges = self.env["ir.module.module"].search(
            [("name", "in", BRIDGES), ("state", "=", "installed")]
        )
        for addon in SUITE + tuple(bridges.mapped("name")):
            with self.subTest(addon=addon):
                po_path = os.path.join(ADDONS_DIR, addon, "i18n", "it.po")
                self.assertTrue(os.path.isfile(po_path), f"{addon} has no i18n/it.po")
                po = polib.pofile(po_path)
                translated = {
                    entry.msgid for entry in po if entry.translated() and not entry.obsolete
                }
                terms = self._terms(addon)
                self.assertTrue(terms, f"{addon}: no translatable term found")
                missing = sorted(terms - translated)
                self.assertFalse(
                    missing,
                    f"{addon}: {len(missing)} terms without an Italian translation in "
                    f"i18n/it.po (run `make i18n`, then translate): {missing[:20]}",
                )

    def test_italian_is_served(self):
        """The Italian translations are loaded: a clerk in Italian sees Italian menus."""
        menu = self.env.ref("bo_sales.bo_orders_to_check_menu")
        self.assertTrue(self.env["res.lang"]._lang_get("it_IT"), "Italian is not installed")
        self.assertEqual(menu.with_context(lang="it_IT").name, "Ordini da controllare")

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Back Office as an app: where its users land, its settings, its demo language."""

from odoo.tests import Form, new_test_user, tagged

from .common import BoSalesCommon


@tagged("post_install", "-at_install")
class TestBackOfficeApp(BoSalesCommon):
    def test_clerk_lands_on_orders_to_check(self):
        """The web client opens the first app of the menu at login: for the
        suite's users it is the Back Office, which opens Orders to Check."""
        menus = self.env["ir.ui.menu"].with_user(self.bo_user).load_web_menus(debug=False)
        first_app = menus[menus["root"]["children"][0]]
        self.assertEqual(first_app["xmlid"], "bo_sales.bo_root_menu")
        self.assertEqual(
            first_app["actionID"], self.env.ref("bo_sales.bo_sale_order_to_check_action").id
        )
        # A user outside the suite keeps Odoo's first app.
        outsider = new_test_user(self.env, login="bo_outsider", groups="base.group_user")
        menus = self.env["ir.ui.menu"].with_user(outsider).load_web_menus(debug=False)
        self.assertNotIn(self.env.ref("bo_sales.bo_root_menu").id, menus["root"]["children"])

    def test_settings_hold_the_suites_parameters(self):
        params = self.env["ir.config_parameter"]
        for key in (
            "bo_sales.import_max_quantity",
            "bo_sales.import_max_price_unit",
            "bo_sales.import_max_days_ahead",
            "bo_sales.import_background_orders",
            "bo_sales.import_background_batch",
        ):
            params.search([("key", "=", key)]).unlink()
        admin = new_test_user(self.env, login="bo_settings_admin", groups="base.group_system")
        settings = Form(self.env["res.config.settings"].with_user(admin))
        # What the code uses, shown as it is (defaults where nothing was set).
        self.assertEqual(
            settings.bo_offer_followup_days,
            int(params.get_param("bo_sales.offer_followup_days")),
        )
        self.assertEqual(
            settings.bo_travel_buffer_minutes,
            int(params.get_param("bo_sales.travel_buffer_minutes")),
        )
        self.assertEqual(settings.bo_import_max_quantity, 1000000)
        self.assertEqual(settings.bo_import_max_price_unit, 1000000)
        self.assertEqual(settings.bo_import_max_days_ahead, 730)
        self.assertEqual(settings.bo_import_background_orders, 200)
        self.assertEqual(settings.bo_import_background_batch, 500)
        settings.bo_offer_followup_days = 5
        settings.bo_reminder_level_2_days = 30
        settings.bo_travel_buffer_minutes = 45
        settings.bo_check_inline_activity_limit = 20
        settings.bo_import_max_days_ahead = 365
        settings.bo_import_background_orders = 50
        settings.save().execute()
        self.assertEqual(params.get_param("bo_sales.offer_followup_days"), "5")
        self.assertEqual(params.get_param("bo_sales.reminder_level_2_days"), "30")
        self.assertEqual(params.get_param("bo_sales.travel_buffer_minutes"), "45")
        self.assertEqual(params.get_param("bo_sales.check_inline_activity_limit"), "20")
        self.assertEqual(params.get_param("bo_sales.import_max_days_ahead"), "365")
        # ... and the code reads them.
        self.assertEqual(self.env["bo.payment.reminder"]._bo_level_days()["2"], 30)
        self.assertEqual(
            self.env["bo.order.import"]._get_background_param("bo_sales.import_background_orders"),
            50,
        )
        # The section is in the settings form, reached from the Back Office menu.
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="bo_sales"', arch)
        self.assertIn('name="bo_import_max_quantity"', arch)
        action = self.env.ref("bo_sales.bo_config_settings_action")
        self.assertEqual(self.env.ref("bo_sales.bo_config_settings_menu").action, action)

    def test_demo_language_loaded_or_left_out(self):
        """The demo loads the language of its users when the database lacks it,
        and leaves out a language Odoo does not know instead of failing."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        tagalog = Lang.search([("code", "=", "tl_PH")])
        self.assertFalse(tagalog.active, "the premise: a language not loaded")
        self.assertTrue(Lang._bo_load_demo_language("tl_PH"))
        self.assertTrue(tagalog.active)
        self.assertTrue(Lang._bo_load_demo_language("tl_PH"), "loaded once")
        self.assertFalse(Lang._bo_load_demo_language("xx_XX"))

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""In the browser, from the home page: an Italian clerk reads an order's findings
in Italian; a manager reads in the override dialog what they override."""

from odoo.tests import tagged

from .common_tours import BoTourCase


@tagged("post_install", "-at_install")
class TestReaderLanguageTours(BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        address = {
            "is_company": True,
            "country_id": cls.italy.id,
            "street": "Via Emilia 10",
            "zip": "41121",
            "city": "Modena",
            "state_id": cls.env.ref("base.state_it_mo").id,
        }
        cls.customer_one, cls.customer_ref = cls.env["res.partner"].create(
            [
                dict(address, name="Ferramenta Tour Uno S.r.l."),
                dict(address, name="Ferramenta Tour Tre S.r.l.", bo_requires_client_ref=True),
            ]
        )
        cls.cheap, cls.drill = cls.env["product.product"].create(
            [
                {
                    "name": "Trapano Minimo Tour",
                    "default_code": "TOUR-FLOOR",
                    "list_price": 141.75,
                    "bo_floor_price": 150.0,
                    "type": "consu",
                },
                {
                    "name": "Trapano Tour",
                    "default_code": "TOUR-DRILL",
                    "list_price": 120.0,
                    "type": "consu",
                },
            ]
        )

    def _order_of(self, partner, user):
        order = self.env["sale.order"].search(
            [("partner_id", "=", partner.id), ("create_uid", "=", user.id)]
        )
        self.assertEqual(len(order), 1, "the order was keyed in through the form")
        return order

    def test_italian_clerk_reads_findings_in_italian(self):
        self.bo_start_tour("/odoo", "bo_sales_italian_findings_tour", self.clerk)

        order = self._order_of(self.customer_one, self.clerk)
        self.assertEqual(order.order_line.product_id, self.cheap)
        self.assertEqual(order.bo_check_state, "blocked")

        def floor_message(lang):
            findings = order.with_context(lang=lang).bo_check_finding_ids
            return findings.filtered(lambda f: f.code == "price_floor").message

        # Checked again by the nightly job (no language): still each reader's own.
        order.with_context(lang="en_US").action_bo_check()
        self.assertIn("è inferiore al prezzo minimo", floor_message("it_IT"))
        self.assertIn("141,75", floor_message("it_IT"))
        self.assertIn("is below its floor price", floor_message("en_US"))
        self.assertIn("141.75", floor_message("en_US"))

    def test_manager_reads_findings_in_override_dialog(self):
        self.bo_start_tour("/odoo", "bo_sales_override_dialog_tour", self.manager)

        order = self._order_of(self.customer_ref, self.manager)
        self.assertEqual(order.bo_check_state, "overridden")
        self.assertEqual(order.bo_override_user_id, self.manager)
        self.assertEqual(order.bo_override_reason, "Riferimento confermato al telefono")
        client_ref = order.bo_check_finding_ids.filtered(lambda f: f.code == "client_ref")
        self.assertTrue(client_ref.overridden)
        self.assertFalse(
            order.bo_check_finding_ids.filtered(
                lambda f: f.severity == "blocking" and not f.overridden
            )
        )

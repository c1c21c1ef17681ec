# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A clerk in the browser keys in an order, ships its delivery with a courier and
prints its DDT."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.bo_sales.tests.common_pdf import PrintedPdfCase, read_pages
from odoo.addons.bo_sales.tests.common_tours import BoTourCase


@tagged("post_install", "-at_install")
class TestLogisticsTours(PrintedPdfCase, BoTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Magazzini Tour S.r.l.",
                "is_company": True,
                "street": "Via Indipendenza 8",
                "zip": "40121",
                "city": "Bologna",
                "state_id": cls.env.ref("base.state_it_bo").id,
                "country_id": cls.italy.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Carrello Tour",
                "default_code": "TOUR-CART",
                "list_price": 250.0,
                "type": "consu",
                "weight": 12.0,
            }
        )
        cls.box = cls.env["product.product"].create(
            {
                "name": "Scatola Tour",
                "default_code": "TOUR-BOX",
                "list_price": 9.0,
                "type": "consu",
                "weight": 1.0,
            }
        )
        cls.cheap_courier = cls._courier("Slow Tour Courier", base_price=6.0, transit_days=3)
        cls.fast_courier = cls._courier(
            "Fast Tour Courier", base_price=15.0, transit_days=1, express=True
        )
        # Only this test's couriers compete in the choice.
        cls.env["delivery.carrier"].search(
            [("id", "not in", (cls.cheap_courier | cls.fast_courier).ids)]
        ).active = False

    @classmethod
    def _courier(cls, name, base_price, transit_days, express=False):
        services = [Command.create({"code": "STD", "name": "Standard"})]
        if express:
            services.append(
                Command.create(
                    {
                        "code": "EXP",
                        "name": "Express",
                        "transit_days_delta": -1,
                        "surcharge": 8.0,
                    }
                )
            )
        return cls.env["delivery.carrier"].create(
            {
                "name": name,
                "product_id": cls.env["product.product"]
                .create({"name": f"Shipping {name}", "type": "service"})
                .id,
                "delivery_type": "base_on_rule",
                "integration_level": "rate",
                "price_rule_ids": [
                    Command.create(
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": 100,
                            "list_base_price": base_price,
                        }
                    )
                ],
                "bo_transit_ids": [
                    Command.create({"country_id": cls.italy.id, "transit_days": transit_days})
                ],
                "bo_service_ids": services,
            }
        )

    def test_ship_and_print_ddt_tour(self):
        orders_before = self.env["sale.order"].search([])

        self.bo_start_tour_from_home("bo_logistics_ship_ddt_tour", self.clerk)

        # The order the clerk keyed in, as she typed it.
        order = self.env["sale.order"].search([("id", "not in", orders_before.ids)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.user_id, self.clerk)
        self.assertEqual(order.create_uid, self.clerk)
        self.assertEqual(order.state, "sale")
        goods = order.order_line.filtered(lambda line: not line.is_delivery)
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in goods],
            [(self.product, 3.0), (self.box, 2.0)],
        )
        # Choosing the courier on the delivery charges its shipping on the order.
        self.assertEqual(
            order.order_line.filtered("is_delivery").product_id, self.fast_courier.product_id
        )
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.carrier_id, self.fast_courier)
        self.assertEqual(picking.bo_service_id.code, "EXP")
        self.assertEqual(
            sorted((move.product_id.default_code, move.quantity) for move in picking.move_ids),
            [("TOUR-BOX", 2.0), ("TOUR-CART", 3.0)],
        )
        document = picking.bo_transport_document_ids
        self.assertEqual(len(document), 1)
        self.assertEqual(document.state, "done")
        # The suite's number, or the delivery's where Odoo's Italian DDT numbers it.
        self.assertRegex(document.name, r"^(DDT/\d{4}/|\w+/\w+/DDT)\d{5}$")
        self.assertEqual(document.partner_id, self.customer)
        self.assertEqual(document.carrier_id, self.fast_courier)
        self.assertEqual(
            sorted((line.product_id.default_code, line.quantity) for line in document.line_ids),
            [("TOUR-BOX", 2.0), ("TOUR-CART", 3.0)],
        )
        # The DDT the clerk printed, as the server prints it, read back.
        pdf = self.render_pdf(
            "bo_logistics.bo_transport_document_report",
            document.ids,
            report=self.env["ir.actions.report"].with_user(self.clerk),
        )
        (text,) = read_pages(pdf)
        for expected in (
            document.name,
            "Magazzini Tour S.r.l.",
            "Fast Tour Courier",
            "TOUR-CART",
            "TOUR-BOX",
        ):
            self.assertPrinted(expected, text)

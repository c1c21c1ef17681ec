# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from odoo.addons.bo_sales.tests.common import BoSalesCommon


class BoLogisticsCommon(BoSalesCommon):
    """Two couriers (cheap and slow, fast and dear), addressed customers, weighed products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["res.lang"]._activate_lang("en_US")
        cls.company.partner_id.tz = "Europe/Rome"
        # Couriers work the company's working days: Monday to Friday here.
        cls.company.resource_calendar_id = cls._make_calendar("Test Week", range(5))
        cls.customer.write(
            {"street": "Via Roma 1", "city": "Bologna", "zip": "40121", "lang": "en_US"}
        )
        cls.other_customer.write({"street": "Via Etnea 5", "city": "Catania", "zip": "95100"})
        cls.product.write({"weight": 2.0, "volume": 0.01})
        cls.product_heavy = cls.env["product.product"].create(
            {
                "name": "Test Pallet Jack",
                "default_code": "T-JACK",
                "list_price": 400.0,
                "type": "consu",
                "weight": 80.0,
            }
        )
        Product = cls.env["product.product"]
        cls.cheap_carrier = cls._make_carrier(
            "Slow Cheap Courier",
            cod=False,
            rules=[(30, 5.0, 0.0)],
            zones=[("", "", 3), ("40000", "40999", 2)],
            services=[("STD", "Standard", 0, 0.0)],
            product=Product,
        )
        cls.fast_carrier = cls._make_carrier(
            "Fast Dear Courier",
            cod=True,
            rules=[(30, 12.0, 0.0), (500, 10.0, 0.5)],
            zones=[("", "", 1)],
            services=[("STD", "Standard", 0, 0.0), ("EXP", "Express", -1, 8.0)],
            product=Product,
        )
        # Only this test's couriers compete in the choice.
        cls.env["delivery.carrier"].search(
            [("id", "not in", (cls.cheap_carrier | cls.fast_carrier).ids)]
        ).active = False

    @classmethod
    def _make_calendar(cls, name, weekdays):
        """A working calendar, 8:00-12:00 and 13:00-17:00 in Rome on ``weekdays`` (0: Monday)."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "Europe/Rome",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{name} {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in weekdays
                    for period, hour_from, hour_to in (
                        ("morning", 8.0, 12.0),
                        ("afternoon", 13.0, 17.0),
                    )
                ],
            }
        )

    @classmethod
    def _make_carrier(cls, name, cod, rules, zones, services, product):
        delivery_product = product.create(
            {"name": f"Shipping {name}", "type": "service", "list_price": 0.0}
        )
        return cls.env["delivery.carrier"].create(
            {
                "name": name,
                "product_id": delivery_product.id,
                "delivery_type": "base_on_rule",
                "integration_level": "rate",
                "tracking_url": "https://track.example.com/?n=<shipmenttrackingnumber>",
                "bo_pickup_email": f"pickup@{name.split()[0].lower()}.example.com",
                "bo_cutoff_time": 16.0,
                "bo_cod_available": cod,
                "bo_cod_fee": 3.0,
                "price_rule_ids": [
                    Command.create(
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": max_w,
                            "list_base_price": base,
                            "list_price": per_kg,
                            "variable_factor": "weight",
                            "sequence": i,
                        }
                    )
                    for i, (max_w, base, per_kg) in enumerate(rules)
                ],
                "bo_transit_ids": [
                    Command.create(
                        {
                            "country_id": cls.italy.id,
                            "zip_from": zf,
                            "zip_to": zt,
                            "transit_days": days,
                        }
                    )
                    for zf, zt, days in zones
                ],
                "bo_service_ids": [
                    Command.create(
                        {"code": code, "name": sname, "transit_days_delta": delta, "surcharge": sur}
                    )
                    for code, sname, delta, sur in services
                ],
            }
        )

    @classmethod
    def _make_order(cls, partner=None, qty=1.0, product=None, commitment_date=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "commitment_date": commitment_date,
                "order_line": [
                    Command.create(
                        {"product_id": (product or cls.product).id, "product_uom_qty": qty}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _ship(cls, pickings):
        """Validate transfers as the warehouse does (all quantities picked)."""
        for picking in pickings:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            move_ids = picking.move_ids
            move_ids.picked = True
        pickings._action_done()
        return pickings

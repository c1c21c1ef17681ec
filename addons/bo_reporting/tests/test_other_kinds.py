# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import fields
from odoo.tests import new_test_user, tagged

from ..tools import periods
from .common import BoReportingCommon


@tagged("post_install", "-at_install")
class TestOtherKinds(BoReportingCommon):
    """The agents', order quality and deliveries kinds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Report Courier",
                "product_id": cls.env["product.product"]
                .create({"name": "Report shipping", "type": "service"})
                .id,
            }
        )
        cls.orders = cls._bo_orders(
            [
                (cls.customer, [(cls.drill, 1, 100.0)], datetime.datetime(2024, 3, 5, 9, 0), None),
                (
                    cls.other_customer,
                    [(cls.gloves, 2, 10.0)],
                    datetime.datetime(2024, 3, 6, 9, 0),
                    None,
                ),
            ]
        )
        pickings = cls.orders.picking_ids
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.button_validate()
        pickings.write(
            {
                "carrier_id": cls.carrier.id,
                "carrier_price": 12.5,
                "date_done": datetime.datetime(2024, 3, 8, 10, 0),
            }
        )
        cls.pickings = pickings

    def _payload(self, kind, period=None):
        period = period or self.march
        report = self.monthly_report.copy({"name": f"Kind {kind}", "kind": kind})
        run = self.env["bo.periodic.report.run"].create(
            {"report_id": report.id, "period_start": period.start, "period_end": period.end}
        )
        return run._bo_payload()

    def test_deliveries(self):
        payload = self._payload("deliveries")
        self.assertEqual(payload["notes"], [])
        table = payload["tables"][0]
        self.assertEqual(
            [column["label"] for column in table["columns"][:3]],
            ["Courier", "Shipments", "Courier cost"],
        )
        [row] = [row for row in table["rows"] if row[0] == self.carrier.display_name]
        self.assertEqual(row[1], len(self.pickings))
        self.assertAlmostEqual(row[2], sum(self.pickings.mapped("carrier_price")), places=2)
        kpis = {kpi["label"]: kpi["value"] for kpi in payload["kpis"]}
        self.assertEqual(kpis["Shipments"], sum(row[1] for row in table["rows"]))
        self.assertAlmostEqual(kpis["Courier cost"], sum(row[2] for row in table["rows"]))

    def test_agents_activity(self):
        start = datetime.datetime(2024, 3, 4, 9, 0)
        visits = self.env["calendar.event"].create(
            [
                {
                    "name": f"Visit {state}",
                    "start": start + datetime.timedelta(hours=2 * index),
                    "stop": start + datetime.timedelta(hours=2 * index + 1),
                    "bo_agent_id": self.agent_partner.id,
                    "bo_customer_id": self.customer.id,
                    "bo_kind": "visit",
                    "bo_state": state,
                }
                for index, state in enumerate(("done", "done", "planned"))
            ]
        )
        visit_order = self._bo_orders(
            [(self.customer, [(self.drill, 2, 50.0)], datetime.datetime(2024, 3, 4, 15), None)]
        )
        visit_order.bo_visit_id = visits[0]
        payload = self._payload("agents")
        rows = {row[0]: row for row in payload["tables"][0]["rows"]}
        row = rows[self.agent_partner.display_name]
        invoiced = self.env["account.move"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("state", "=", "posted"),
                ("invoice_date", ">=", self.march.start),
            ]
        )
        self.assertAlmostEqual(row[2], sum(invoiced.mapped("amount_untaxed_signed")), places=2)
        self.assertEqual(row[1], 1)  # customers of the agent
        self.assertEqual(payload["notes"], [])
        self.assertEqual(row[3:6], [2, 1, 0])
        self.assertEqual(row[6], 1)
        self.assertAlmostEqual(row[7], 1.0)  # the agent's one customer was visited
        # Orders taken at the agent's visits: count and untaxed amount.
        self.assertEqual(row[8], 1)
        self.assertAlmostEqual(row[9], visit_order.amount_untaxed, places=2)

    def test_order_quality(self):
        order = self._bo_orders(
            [(self.customer, [(self.drill, 1, 100.0)], fields.Datetime.now(), None)]
        )
        # A salesperson of its own: the demo history may hold other orders
        # confirmed this month.
        order.user_id = new_test_user(self.env, login="bo_quality_seller", groups="base.group_user")
        order.date_order = order.create_date + datetime.timedelta(hours=5)
        period = periods.period_containing(
            "monthly", periods.local_today(order.date_order, "Europe/Rome")
        )
        payload = self._payload("quality", period)
        times = next(t for t in payload["tables"] if t["title"] == "Time to confirm")
        [row] = [row for row in times["rows"] if row[0] == order.user_id.display_name]
        self.assertEqual(row[1], 1)
        self.assertAlmostEqual(row[2], 5.0, places=2)
        self.assertEqual(payload["notes"], [])
        self.assertEqual(
            [table["title"] for table in payload["tables"]],
            ["Time to confirm", "Check outcome", "Findings per rule", "Blocked and overridden"],
        )

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo.tests import tagged

from odoo.addons.bo_reporting.tests.common import BoReportingCommon


@tagged("post_install", "-at_install")
class TestDeliveriesReport(BoReportingCommon):
    """The deliveries report shows the shipment tracking: late shipments per
    courier, the on-time rate and the list of late shipments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Tracked Courier",
                "product_id": cls.env["product.product"]
                .create({"name": "Tracked shipping", "type": "service"})
                .id,
            }
        )
        orders = cls._bo_orders(
            [
                (cls.customer, [(cls.drill, 1, 100.0)], datetime.datetime(2024, 3, 5, 9), None),
                (cls.customer, [(cls.drill, 2, 100.0)], datetime.datetime(2024, 3, 5, 10), None),
                (cls.other_customer, [(cls.gloves, 2, 10.0)], datetime.datetime(2024, 3, 6), None),
            ]
        )
        pickings = orders.picking_ids
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.button_validate()
        pickings.write(
            {
                "carrier_id": cls.carrier.id,
                "carrier_price": 10.0,
                "date_done": datetime.datetime(2024, 3, 8, 10, 0),
                "bo_expected_date": datetime.date(2024, 3, 12),
            }
        )
        cls.late = pickings.filtered(lambda picking: picking.partner_id == cls.other_customer)
        cls.late.bo_expected_date = datetime.date(2024, 3, 9)
        cls.late._bo_flag_late(datetime.date(2024, 3, 10))
        cls.pickings = pickings

    def _payload(self):
        report = self.monthly_report.copy({"name": "Deliveries", "kind": "deliveries"})
        run = self.env["bo.periodic.report.run"].create(
            {"report_id": report.id, "period_start": self.march.start, "period_end": self.march.end}
        )
        return run._bo_payload()

    def test_late_shipments_per_courier(self):
        payload = self._payload()
        self.assertEqual(payload["notes"], [])
        couriers = payload["tables"][0]
        self.assertEqual(
            [(column["label"], column["type"]) for column in couriers["columns"]],
            [
                ("Courier", "text"),
                ("Shipments", "int"),
                ("Courier cost", "money"),
                ("Late", "int"),
                ("On time", "pct"),
            ],
        )
        [row] = [row for row in couriers["rows"] if row[0] == self.carrier.display_name]
        self.assertEqual(row[1:4], [3, 30.0, 1])
        self.assertAlmostEqual(row[4], 2 / 3)
        total = sum(row[1] for row in couriers["rows"])
        late_total = sum(row[3] for row in couriers["rows"])
        rate = next(kpi for kpi in payload["kpis"] if kpi["label"] == "On-time rate")
        self.assertEqual(rate["type"], "pct")
        self.assertAlmostEqual(rate["value"], (total - late_total) / total)

    def test_list_of_late_shipments(self):
        late = next(t for t in self._payload()["tables"] if t["title"] == "Late shipments")
        self.assertEqual(
            [column["label"] for column in late["columns"]],
            ["Shipment", "Customer", "Courier", "Expected", "Delivered"],
        )
        [row] = [row for row in late["rows"] if row[0] in self.pickings.mapped("name")]
        self.assertEqual(
            row,
            [
                self.late.name,
                self.late.partner_id.display_name,
                self.carrier.display_name,
                "2024-03-09",
                "",
            ],
        )

    def test_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.env = self.env(context=dict(self.env.context, lang="it_IT"))
        payload = self._payload()
        self.assertEqual(
            [column["label"] for column in payload["tables"][0]["columns"][3:]],
            ["In ritardo", "In orario"],
        )
        self.assertIn("Percentuale in orario", [kpi["label"] for kpi in payload["kpis"]])
        self.assertIn("Spedizioni in ritardo", [table["title"] for table in payload["tables"]])

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.bo_sales.tests.common_pdf import PrintedPdfCase, read_pages

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-05 09:00:00")
class TestPickupManifest(PrintedPdfCase, BoLogisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipments = cls.env["stock.picking"]
        for i, partner in enumerate((cls.customer, cls.other_customer)):
            picking = cls._make_order(partner=partner, qty=i + 1).picking_ids
            picking.write(
                {
                    "carrier_id": cls.cheap_carrier.id,
                    "carrier_tracking_ref": f"SLOW{i}",
                    "bo_package_count": i + 1,
                    "bo_cod_amount": 50.0 * i,
                }
            )
            cls.shipments |= cls._ship(picking)

    def test_manifest_lists_shipments_and_goes_to_mail_queue(self):
        action = self.shipments.with_user(self.bo_user)._bo_add_to_manifests()
        manifest = self.env["bo.pickup.manifest"].search(action["domain"])
        self.assertEqual(manifest.picking_ids, self.shipments)
        self.assertEqual(
            (manifest.package_count, manifest.total_weight, manifest.total_cod), (3, 6.0, 50.0)
        )
        pdf = self.render_pdf("bo_logistics.bo_pickup_manifest_report", manifest.ids)
        (text,) = read_pages(pdf)
        for expected in (
            "SLOW0",
            "SLOW1",
            "Cliente Agente S.r.l.",
            "Catania",
            "Total: 2 shipments",
        ):
            self.assertPrinted(expected, text)
        # the cash on delivery, with the decimal separator of the reader's language
        self.assertPrinted("50.00", text)  # 50.00 or 50,00: separators are not compared
        manifest.with_user(self.bo_user).with_context(force_report_rendering=True).action_bo_send()
        mail = self.env["mail.mail"].search(
            [("model", "=", "bo.pickup.manifest"), ("res_id", "=", manifest.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, sent by the mail cron")
        self.assertEqual(mail.email_to, "pickup@slow.example.com")
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(set(self.shipments.mapped("bo_shipping_state")), {"picked_up"})
        with self.assertRaises(UserError):
            manifest.action_bo_send()

    def test_shipment_never_on_two_manifests(self):
        Manifest = self.env["bo.pickup.manifest"]
        first = Manifest.create({"carrier_id": self.cheap_carrier.id})
        second = Manifest.create({"carrier_id": self.cheap_carrier.id})
        first.action_bo_add_shipments(self.shipments[0])
        with self.assertRaisesRegex(UserError, self.shipments[0].name):
            second.action_bo_add_shipments(self.shipments)
        self.assertFalse(second.picking_ids)
        other = Manifest.create({"carrier_id": self.fast_carrier.id})
        with self.assertRaises(ValidationError):
            other.action_bo_add_shipments(self.shipments[1])

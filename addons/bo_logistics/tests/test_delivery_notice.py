# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.bo_logistics.hooks import adopt_records_of_bo_sales

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
class TestDeliveryNotice(BoLogisticsCommon):
    def test_delivery_notice_with_tracking_link(self):
        picking = self._make_order().picking_ids
        picking.write({"carrier_id": self.cheap_carrier.id, "carrier_tracking_ref": "BRT123456"})
        self._ship(picking)
        picking.with_user(self.bo_user).action_bo_send_delivery_notice()
        mail = self.env["mail.mail"].search(
            [("model", "=", "stock.picking"), ("res_id", "=", picking.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "the email waits in the mail queue")
        self.assertIn("https://track.example.com/?n=BRT123456", mail.body_html)
        self.assertIn("Slow Cheap Courier", mail.body_html)
        self.assertIn(self.customer, mail.recipient_ids)
        self.assertIn(mail.mail_message_id, picking.message_ids)

    def test_template_made_by_bo_sales_is_taken_over(self):
        """Where bo_sales made the template (before the notice moved here), the
        same record goes on under bo_logistics' name: not a second template."""
        template = self.env.ref("bo_logistics.mail_template_delivery_notice")
        xmlid = self.env["ir.model.data"].search(
            [("module", "=", "bo_logistics"), ("name", "=", "mail_template_delivery_notice")]
        )
        xmlid.module = "bo_sales"
        self.env.flush_all()
        adopt_records_of_bo_sales(self.env.cr)
        adopt_records_of_bo_sales(self.env.cr)
        self.env.invalidate_all()
        self.assertEqual((xmlid.module, xmlid.res_id), ("bo_logistics", template.id))

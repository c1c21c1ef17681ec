# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import MockEmail

from .common import BoLogisticsCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 06:00:00")
class TestLateShipments(BoLogisticsCommon, MockEmail):
    def test_flag_late_once_with_one_activity(self):
        late = self._make_order().picking_ids
        on_time = self._make_order().picking_ids
        delivered = self._make_order().picking_ids
        late.write({"bo_expected_date": date(2026, 3, 9), "user_id": self.bo_user.id})
        on_time.bo_expected_date = date(2026, 3, 10)
        delivered.write({"bo_expected_date": date(2026, 3, 6), "bo_shipping_state": "delivered"})
        Picking = self.env["stock.picking"]
        activity_type = self.env.ref("bo_logistics.mail_activity_type_late_shipment")
        Picking._cron_bo_flag_late_shipments()
        Picking._cron_bo_flag_late_shipments()
        self.assertTrue(late.bo_is_late)
        self.assertFalse(on_time.bo_is_late)
        self.assertFalse(delivered.bo_is_late)
        activities = late.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activities), 1, "a re-run creates no second activity")
        self.assertEqual(activities.user_id, self.bo_user)
        self.assertTrue(late.sale_id.bo_is_late, "the order shows the late delivery")
        self.assertFalse(on_time.activity_ids)
        # Once delivered the shipment leaves the late list.
        late._bo_set_shipping_state("delivered")
        self.assertFalse(late.bo_is_late)
        self.assertEqual(late.sale_id.bo_shipping_state, "delivered")
        domain = safe_eval(self.env.ref("bo_logistics.bo_late_shipment_action").domain)
        self.assertFalse(Picking.search([*domain, ("id", "in", (late | on_time).ids)]))

    def test_assignee_told_through_the_mail_queue(self):
        """The job sends nothing itself, called directly or by the scheduler: the
        "activity assigned" email waits in the queue, created with the flag."""
        late = self._make_order().picking_ids
        late.write({"bo_expected_date": date(2026, 3, 9), "user_id": self.bo_user.id})
        # The activity speaks the assignee's language, whoever runs the job.
        self.env["res.lang"]._activate_lang("it_IT")
        self.bo_user.lang = "it_IT"
        with self.mock_mail_gateway():
            self.env["stock.picking"]._cron_bo_flag_late_shipments()
        self.assertTrue(late.bo_is_late)
        self.assertNotSentEmail()
        mail = self.assertMailMail(self.bo_user.partner_id, "outgoing")
        self.assertEqual((mail.model, mail.res_id), ("stock.picking", late.id))
        self.assertIn("Spedizione in ritardo", mail.subject)
        self.assertIn("09/03/2026", mail.subject, "the date as the assignee writes it")

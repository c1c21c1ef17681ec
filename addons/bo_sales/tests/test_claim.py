# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_aftersales import BoAfterSalesCommon


@tagged("post_install", "-at_install")
class TestClaim(BoAfterSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Sla = cls.env["bo.claim.sla"]
        Sla.search([("company_id", "=", cls.company.id)]).unlink()
        Sla.create(
            [
                {"kind": "late", "days": 2, "working_days": True},
                {"kind": "quality", "days": 10, "working_days": False},
            ]
        )
        # Standard 40 h, Monday to Friday: the working-days SLA skips weekends.
        cls.company.resource_calendar_id = cls.env.ref("resource.resource_calendar_std")

    def _claim(self, **values):
        return self.env["bo.claim"].create(
            {"subject": "Broken box", "partner_id": self.customer.id, **values}
        )

    def test_deadline_calendar_days(self):
        claim = self._claim(kind="quality", date="2026-03-06 09:00:00")
        self.assertEqual(str(claim.deadline), "2026-03-16")

    def test_deadline_working_days_skips_weekend(self):
        # Friday 6 March 2026 + 2 working days = Tuesday 10 March.
        claim = self._claim(kind="late", date="2026-03-06 09:00:00")
        self.assertEqual(str(claim.deadline), "2026-03-10")
        claim.kind = "quality"
        self.assertEqual(str(claim.deadline), "2026-03-16")

    def test_no_sla_no_deadline(self):
        claim = self._claim(kind="damaged")
        self.assertFalse(claim.deadline)

    def test_acknowledgement_and_resolution_emails(self):
        claim = self._claim(kind="quality")
        self.assertTrue(claim.name.startswith("CLAIM/"))
        ack = self.env["mail.mail"].search([("model", "=", "bo.claim"), ("res_id", "=", claim.id)])
        self.assertEqual(len(ack), 1)
        self.assertIn(claim.name, ack.subject)
        self.assertEqual(ack.state, "outgoing", "queued, not sent inside the transaction")
        self.assertIn(self.customer, ack.recipient_ids)
        with self.assertRaises(UserError):
            claim.action_resolve()
        claim.resolution = "credit_note"
        claim.action_resolve()
        self.assertEqual(claim.state, "resolved")
        mails = self.env["mail.mail"].search(
            [("model", "=", "bo.claim"), ("res_id", "=", claim.id)]
        )
        self.assertEqual(len(mails), 2)
        self.assertIn("resolved", (mails - ack).subject)

    def test_late_claims_escalated_once(self):
        with freeze_time("2026-03-06 10:00:00"):
            claim = self._claim(kind="late", date="2026-03-06 09:00:00")
            on_time = self._claim(kind="quality", date="2026-03-06 09:00:00")
        with freeze_time("2026-03-12 10:00:00"):
            late = self.env["bo.claim"].search(
                [("is_late", "=", True), ("id", "in", (claim | on_time).ids)]
            )
            self.assertEqual(late, claim)
            self.assertTrue(claim.is_late)
            self.env["bo.claim"]._cron_escalate_late_claims()
            self.env["bo.claim"]._cron_escalate_late_claims()
            activity_type = self.env.ref("bo_sales.mail_activity_type_claim_escalation")
            activities = (claim | on_time).activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(activities.res_id, claim.id)
            self.assertEqual(len(activities), 1)
            self.assertIn(activities.user_id, self.env.ref("bo_sales.bo_sales_group_manager").users)
            claim.write({"resolution": "none"})
            claim.action_resolve()
            self.assertFalse(claim.is_late)

    def test_agent_works_on_own_customers_claims(self):
        mine = (
            self.env["bo.claim"]
            .with_user(self.agent_user)
            .create({"subject": "Missing box", "partner_id": self.customer.id, "kind": "missing"})
        )
        foreign = self._claim(partner_id=self.other_customer.id)
        Claim = self.env["bo.claim"].with_user(self.agent_user)
        self.assertEqual(Claim.search([("id", "in", (mine | foreign).ids)]), mine)
        with self.assertRaises(AccessError):
            Claim.create({"subject": "Not mine", "partner_id": self.other_customer.id})
        with self.assertRaises(AccessError):
            mine.with_user(self.agent_user).write({"state": "rejected"})
        self.assertEqual(
            self.env["bo.claim"]
            .with_user(self.bo_user)
            .search_count([("id", "in", (mine | foreign).ids)]),
            2,
        )

    def test_emails_in_customer_language(self):
        self.env.ref("base.lang_it").active = True
        self.customer.lang = "it_IT"
        it_claim = self._claim(kind="quality")
        en_claim = self._claim(kind="quality", partner_id=self.other_customer.id)
        mails = self.env["mail.mail"].search(
            [("model", "=", "bo.claim"), ("res_id", "in", (it_claim | en_claim).ids)]
        )
        it_mail = mails.filtered(lambda m: m.res_id == it_claim.id)
        en_mail = mails.filtered(lambda m: m.res_id == en_claim.id)
        self.assertIn("Abbiamo ricevuto il vostro reclamo", it_mail.subject)
        self.assertIn("Gentile", it_mail.body_html)
        self.assertIn("We received your complaint", en_mail.subject)
        self.assertIn("Dear", en_mail.body_html)

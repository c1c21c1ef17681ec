# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common_aftersales import BoAfterSalesCommon


@tagged("post_install", "-at_install")
class TestOffers(BoAfterSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = cls.env["res.partner.category"].create({"name": "Campaign Test Tag"})
        cls.env.ref("base.lang_it").active = True
        cls.customer.write({"category_id": [(4, cls.tag.id)], "lang": "it_IT"})
        cls.other_customer.write({"category_id": [(4, cls.tag.id)], "lang": "en_US"})
        cls.no_email = cls.env["res.partner"].create(
            {"name": "Senza Email S.r.l.", "is_company": True, "category_id": [(4, cls.tag.id)]}
        )
        (cls.customer | cls.other_customer | cls.no_email).customer_rank = 1

    def test_campaign_sent_once_per_customer(self):
        campaign = self.env["bo.offer.campaign"].create(
            {
                "name": "Promo trapani",
                "date_start": "2026-04-01",
                "date_end": "2026-04-30",
                "discount": 15.0,
                "product_ids": [(6, 0, self.product.ids)],
                "category_ids": [(6, 0, self.tag.ids)],
            }
        )
        self.assertEqual(
            campaign._bo_recipients(), self.customer | self.other_customer | self.no_email
        )
        campaign.with_user(self.bo_user).action_send()
        lines = campaign.line_ids
        self.assertEqual(len(lines), 3)
        sent = lines.filtered(lambda r: r.state == "sent")
        self.assertEqual(sent.partner_id, self.customer | self.other_customer)
        failed = lines - sent
        self.assertEqual(failed.partner_id, self.no_email)
        self.assertTrue(failed.failure_reason)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", sent.message_id.ids)])
        self.assertEqual(len(mails), 2)
        self.assertTrue(all("Promo trapani" in m.subject for m in mails))
        # Each customer reads the offer in their language.
        it_mail = mails.filtered(lambda m: self.customer in m.recipient_ids)
        en_mail = mails.filtered(lambda m: self.other_customer in m.recipient_ids)
        self.assertIn("Un'offerta speciale per voi", it_mail.subject)
        self.assertIn("A special offer for you", en_mail.subject)
        self.assertTrue(all(self.product.name in m.body_html for m in mails))
        self.assertIn(sent[0].message_id, sent[0].partner_id.message_ids)
        # Sending again reaches nobody twice; a new matching customer gets it.
        late_comer = self.env["res.partner"].create(
            {
                "name": "Nuovo Cliente S.r.l.",
                "is_company": True,
                "email": "nuovo@example.com",
                "customer_rank": 1,
                "category_id": [(4, self.tag.id)],
            }
        )
        campaign.action_send()
        self.assertEqual(len(campaign.line_ids), 4)
        self.assertEqual(
            campaign.line_ids.filtered(lambda r: r.partner_id == late_comer).state, "sent"
        )
        mails = self.env["mail.mail"].search(
            [("mail_message_id", "in", campaign.line_ids.message_id.ids)]
        )
        self.assertEqual(len(mails), 3)

    def test_selection_by_agent_and_country(self):
        self.customer.bo_visit_class_id = self.env.ref("bo_sales.bo_visit_class_a")
        self.other_customer.bo_visit_class_id = self.env.ref("bo_sales.bo_visit_class_a")
        campaign = self.env["bo.offer.campaign"].create(
            {
                "name": "Promo agente",
                "date_start": "2026-04-01",
                "date_end": "2026-04-30",
                "agent_ids": [(6, 0, self.agent_partner.ids)],
                "country_ids": [(6, 0, self.italy.ids)],
                "visit_classes": "A",
            }
        )
        recipients = campaign._bo_recipients()
        self.assertIn(self.customer, recipients)
        self.assertNotIn(self.other_customer, recipients)

    def test_offer_expiry_followup_once(self):
        self.customer.lang = "en_US"
        with freeze_time("2026-05-01"):
            expiring = self._create_order()
            expiring.write({"validity_date": "2026-05-03", "user_id": self.bo_user.id})
            later = self._create_order()
            later.write({"validity_date": "2026-05-30", "user_id": self.bo_user.id})
            expired = self._create_order()
            expired.write({"validity_date": "2026-05-03", "user_id": self.bo_user.id})
        with freeze_time("2026-05-01"):
            self.env["sale.order"]._cron_bo_offer_followup()
            self.env["sale.order"]._cron_bo_offer_followup()
            activity_type = self.env.ref("bo_sales.mail_activity_type_offer_followup")
            followups = (expiring | later | expired).activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(len(followups), 2)
            self.assertEqual(set(followups.mapped("res_id")), {expiring.id, expired.id})
            self.assertEqual(followups.user_id, self.bo_user)
            self.assertFalse(expiring.bo_is_expired)
        with freeze_time("2026-05-04"):
            self.env["sale.order"]._cron_bo_offer_followup()
            self.assertTrue(expiring.bo_is_expired)
            self.assertFalse(later.bo_is_expired)
            self.assertEqual(
                self.env["sale.order"].search(
                    [("bo_is_expired", "=", True), ("id", "in", (expiring | later).ids)]
                ),
                expiring,
            )

    def test_agreement_expiry_reminder_once(self):
        Agreement = self.env["bo.customer.agreement"]
        with freeze_time("2026-06-01"):
            soon = Agreement.create(
                {
                    "name": "Accordo quadro",
                    "partner_id": self.customer.id,
                    "date_start": "2025-07-01",
                    "date_end": "2026-06-25",
                    "user_id": self.bo_user.id,
                    "line_ids": [(0, 0, {"product_id": self.product.id, "discount": 10})],
                }
            )
            far = Agreement.create(
                {
                    "name": "Accordo lungo",
                    "partner_id": self.customer.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "user_id": self.bo_user.id,
                }
            )
            self.assertEqual(soon.state, "running")
            Agreement._cron_remind_expiring()
            Agreement._cron_remind_expiring()
            activity_type = self.env.ref("bo_sales.mail_activity_type_agreement_expiry")
            activities = (soon | far).activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.res_id, soon.id)
            self.assertEqual(activities.user_id, self.bo_user)
            self.assertEqual(
                Agreement.search([("state", "=", "running"), ("id", "in", (soon | far).ids)]),
                soon | far,
            )
        with freeze_time("2026-07-01"):
            (soon | far).invalidate_recordset(["state"])
            self.assertEqual(soon.state, "expired")
            self.assertEqual(
                Agreement.search([("state", "!=", "expired"), ("id", "in", (soon | far).ids)]), far
            )

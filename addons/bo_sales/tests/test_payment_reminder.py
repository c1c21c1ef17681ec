# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_aftersales import BoAfterSalesCommon


@tagged("post_install", "-at_install")
class TestPaymentReminder(BoAfterSalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        for level, days in (("1", 7), ("2", 21), ("3", 45)):
            params.set_param(f"bo_sales.reminder_level_{level}_days", days)
        Reminder = cls.env["bo.payment.reminder"]
        # Invoices of other tests or demo data must not weigh on our plan.
        cls.Reminder = Reminder
        cls.inv_a = cls._create_invoice(cls.customer, 100.0, "2026-01-10")
        cls.inv_b = cls._create_invoice(cls.customer, 50.0, "2026-01-20")
        cls.inv_disputed = cls._create_invoice(cls.other_customer, 70.0, "2026-01-10")
        cls.inv_disputed.action_toggle_block_payment()
        cls.inv_other = cls._create_invoice(cls.other_customer, 30.0, "2026-01-12")
        cls.ours = cls.inv_a | cls.inv_b | cls.inv_disputed | cls.inv_other

    def _plan(self):
        return [
            (item["partner"], item["level"], item["moves"])
            for item in self.Reminder._bo_reminder_plan()
            if item["moves"] & self.ours
        ]

    def _reminders(self):
        return self.Reminder.search([("line_ids.move_id", "in", self.ours.ids)])

    def test_levels_sent_once_and_disputed_skipped(self):
        with freeze_time("2026-01-18"):
            # 8 days after inv_a's due date: level 1; inv_b not yet due.
            self.assertEqual(self._plan(), [(self.customer, "1", self.inv_a)])
        with freeze_time("2026-01-20"):
            plan = self._plan()
            self.assertEqual(len(plan), 2)
            self.assertIn((self.customer, "1", self.inv_a), plan)
            self.assertIn((self.other_customer, "1", self.inv_other), plan)
            self.assertNotIn(self.inv_disputed, sum((p[2] for p in plan), self.env["account.move"]))
            self.Reminder._cron_send_reminders()
            sent = self._reminders()
            self.assertEqual(len(sent), 2)
            mails = self.env["mail.mail"].search([("mail_message_id", "in", sent.message_id.ids)])
            self.assertEqual(len(mails), 2)
            self.assertEqual(set(mails.mapped("state")), {"outgoing"})
            mail_a = mails.filtered(lambda m: self.customer in m.recipient_ids)
            self.assertIn(self.inv_a.name, mail_a.body_html)
            self.assertIn("Payment reminder", mail_a.subject)
            # On the customer's chatter.
            self.assertIn(
                sent.filtered(lambda r: r.partner_id == self.customer).message_id,
                self.customer.message_ids,
            )
            # A second run the same day sends nothing.
            self.assertEqual(self._plan(), [])
            self.Reminder._cron_send_reminders()
            self.assertEqual(len(self._reminders()), 2)
        with freeze_time("2026-01-28"):
            # inv_b reaches level 1; inv_a is still at level 1 (already sent).
            self.assertEqual(
                [p for p in self._plan() if p[0] == self.customer],
                [(self.customer, "1", self.inv_b)],
            )
        with freeze_time("2026-02-05"):
            # inv_a 26 days late: level 2 due; inv_b level 1 (16 days).
            plan = [p for p in self._plan() if p[0] == self.customer]
            self.assertEqual(
                plan, [(self.customer, "1", self.inv_b), (self.customer, "2", self.inv_a)]
            )
            self.Reminder._cron_send_reminders()
            levels = self._reminders().filtered(lambda r: r.partner_id == self.customer)
            self.assertEqual(sorted(levels.mapped("level")), ["1", "1", "2"])
            self.assertEqual(self._plan(), [])
        # The disputed invoice never got a reminder line.
        self.assertFalse(
            self.env["bo.payment.reminder.line"].search([("move_id", "=", self.inv_disputed.id)])
        )

    def test_unique_key_blocks_a_second_reminder(self):
        reminder = self.Reminder.create(
            {
                "partner_id": self.customer.id,
                "level": "1",
                "line_ids": [fields.Command.create({"move_id": self.inv_a.id, "level": "1"})],
            }
        )
        self.assertTrue(reminder)
        with freeze_time("2026-01-20"):
            self.assertNotIn((self.customer, "1", self.inv_a), self._plan())
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.Reminder.create(
                {
                    "partner_id": self.customer.id,
                    "level": "1",
                    "line_ids": [fields.Command.create({"move_id": self.inv_a.id, "level": "1"})],
                }
            ).flush_recordset()
            self.env.flush_all()

    def test_customers_to_remind_list_uses_the_plan(self):
        with freeze_time("2026-01-20"):
            action = self.env["bo.payment.reminder.plan"].with_user(self.bo_user).action_open_plan()
            rows = self.env["bo.payment.reminder.plan"].search(action["domain"])
            ours = rows.filtered(lambda r: r.move_ids & self.ours)
            self.assertEqual(len(ours), 2)
            row_a = ours.filtered(lambda r: r.partner_id == self.customer)
            self.assertEqual(row_a.move_ids, self.inv_a)
            self.assertEqual(row_a.amount_due, 100.0)
            self.assertEqual(row_a.level, "1")
            # Showing the plan sends nothing.
            self.assertFalse(self._reminders())

    def test_order_payment_figures(self):
        with freeze_time("2026-03-01"):
            order = self._create_order(qty=2, price=100.0)
            order.action_confirm()
            self._deliver(order)
            invoice = order._create_invoices()
            invoice.write(
                {
                    "invoice_date": "2026-03-01",
                    "invoice_payment_term_id": False,
                    "invoice_date_due": "2026-03-10",
                }
            )
            invoice.action_post()
        with freeze_time("2026-03-20"):
            order.invalidate_recordset()
            self.assertEqual(order.bo_amount_invoiced, 200.0)
            self.assertEqual(order.bo_amount_paid, 0.0)
            self.assertEqual(order.bo_amount_overdue, 200.0)
            self.assertEqual(order.bo_invoice_due_dates, "2026-03-10")
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": 80.0, "payment_date": "2026-03-20"})._create_payments()
            order.invalidate_recordset()
            self.assertEqual(order.bo_amount_paid, 80.0)
            self.assertEqual(order.bo_amount_overdue, 120.0)

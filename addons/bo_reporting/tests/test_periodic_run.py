# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import BoReportingCommon


@tagged("post_install", "-at_install")
class TestPeriodicRun(BoReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["bo.periodic.report"].search([("id", "!=", cls.monthly_report.id)]).active = False
        cls.env.ref("base.lang_it").active = True
        cls.italian_user = new_test_user(
            cls.env,
            login="bo_report_it",
            name="Direttore",
            email="direttore@example.com",
            lang="it_IT",
        )
        cls.english_contact = cls.env["res.partner"].create(
            {"name": "Marketing Agency", "email": "agency@example.com", "lang": "en_US"}
        )
        cls.monthly_report.write(
            {
                "formats": "xlsx",
                "recipient_user_ids": [Command.set(cls.italian_user.ids)],
                "recipient_partner_ids": [Command.set(cls.english_contact.ids)],
            }
        )
        cls._bo_orders(
            [(cls.customer, [(cls.drill, 2, 100.0)], datetime.datetime(2024, 3, 5, 9, 0), None)]
        )

    def _runs(self):
        return self.env["bo.periodic.report.run"].search(
            [("report_id", "=", self.monthly_report.id)]
        )

    @freeze_time("2024-04-02 08:00:00")
    def test_cron_produces_each_period_once(self):
        Report = self.env["bo.periodic.report"]
        Report._cron_generate_due()
        run = self._runs()
        self.assertEqual(len(run), 1)
        self.assertEqual((run.period_start, run.period_end), (self.march.start, self.march.end))
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.mail_ids), 2)
        self.assertEqual(run.attachment_ids.mapped("name"), ["Monthly sales 2024-03-01.xlsx"])
        self.assertEqual(run.recipient_ids, self.italian_user.partner_id | self.english_contact)
        for mail in run.mail_ids:
            self.assertEqual(mail.state, "outgoing")  # queued, the mail queue sends it
            self.assertEqual(mail.attachment_ids, run.attachment_ids)
        # The job runs again (every hour): nothing new is produced or sent.
        Report._cron_generate_due()
        self.assertEqual(self._runs(), run)
        self.assertEqual(self.env["mail.mail"].search_count([("id", "in", run.mail_ids.ids)]), 2)
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", run._name), ("res_id", "=", run.id)]
            ),
            2,
        )

    @freeze_time("2024-04-01 08:00:00")
    def test_run_day_not_reached_produces_previous_period(self):
        self.env["bo.periodic.report"]._cron_generate_due()
        self.assertEqual(self._runs().period_start, datetime.date(2024, 2, 1))

    @freeze_time("2024-03-31 22:30:00")
    def test_company_time_zone_decides_the_day(self):
        # 22:30 UTC on 31 March is 00:30 on 1 April in Rome: with run day 1
        # March is due, although it is still March in UTC.
        self.monthly_report.run_day = 1
        self.env["bo.periodic.report"]._cron_generate_due()
        self.assertEqual(self._runs().period_start, self.march.start)

    @freeze_time("2024-04-02 08:00:00")
    def test_email_in_each_recipient_language(self):
        self.env["bo.periodic.report"]._cron_generate_due()
        mails = self._runs().mail_ids
        italian = mails.filtered(lambda m: m.recipient_ids == self.italian_user.partner_id)
        english = mails.filtered(lambda m: m.recipient_ids == self.english_contact)
        self.assertIn("in allegato", italian.body_html)
        self.assertIn("please find attached", english.body_html)
        self.assertIn("2024-03-01", italian.subject)

    @freeze_time("2024-04-02 08:00:00")
    def test_failed_run_is_retried_not_duplicated(self):
        Kind = type(self.env["bo.report.kind.sales"])
        with patch.object(Kind, "_bo_collect", side_effect=UserError("figures unavailable")):
            self.env["bo.periodic.report"]._cron_generate_due()
        run = self._runs()
        self.assertEqual(run.state, "failed")
        self.assertIn("figures unavailable", run.error)
        self.assertFalse(run.attachment_ids)
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", run._name), ("res_id", "=", run.id)])
        )
        self.env["bo.periodic.report"]._cron_generate_due()
        self.assertEqual(self._runs(), run)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.attempt_count, 2)
        self.assertFalse(run.error)
        self.assertEqual(len(run.mail_ids), 2)

    @freeze_time("2024-04-02 08:00:00")
    def test_failed_run_waits_for_the_next_job_run(self):
        """Under the scheduler a failed run is retried once per run of the job:
        not by the next batches of the run it failed in (the job would never
        end), by the next run."""
        cron = self.env.ref("bo_reporting.bo_periodic_report_cron")
        Kind = type(self.env["bo.report.kind.sales"])

        def scheduled_call():
            cron_in_run, progress = cron._add_progress()
            cron_in_run.env["bo.periodic.report"]._cron_generate_due(batch_size=1)
            return progress

        with patch.object(Kind, "_bo_collect", side_effect=UserError("figures unavailable")):
            progress = scheduled_call()
        run = self._runs()
        self.assertEqual((run.state, progress.done, progress.remaining), ("failed", 1, 0))
        progress = scheduled_call()
        self.assertEqual((run.state, progress.done, progress.remaining), ("failed", 0, 0))
        # An hour later, the job having completed in between: its next run retries.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE bo_periodic_report_run SET write_date = write_date - interval '1 hour'"
                " WHERE id = %s",
                run.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE ir_cron_progress SET create_date = create_date - interval '1 hour'"
                " WHERE cron_id = %s",
                cron.id,
            )
        )
        self.env.invalidate_all()
        cron.lastcall = self.env.cr.now() - datetime.timedelta(minutes=30)
        progress = scheduled_call()
        self.assertEqual((run.state, progress.done), ("done", 1))
        self.assertEqual(run.attempt_count, 2)
        self.assertEqual(len(run.mail_ids), 2)

    @freeze_time("2024-04-02 08:00:00")
    def test_crash_while_sending_leaves_nothing_half_done(self):
        Run = type(self.env["bo.periodic.report.run"])
        original = Run._bo_send

        def send_then_crash(run):
            original(run)
            raise OSError("SMTP queue unavailable")

        with patch.object(Run, "_bo_send", send_then_crash):
            self.env["bo.periodic.report"]._cron_generate_due()
        run = self._runs()
        self.assertEqual(run.state, "failed")
        # The emails queued before the crash were rolled back with the run's output.
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", run._name), ("res_id", "=", run.id)])
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", run._name), ("res_id", "=", run.id)]
            )
        )

    @freeze_time("2024-04-02 08:00:00")
    def test_generate_now_sends_once(self):
        report = self.monthly_report.with_user(self.bo_manager)
        action = report.action_generate_now()
        run = self._runs()
        self.assertEqual(action["res_id"], run.id)
        self.assertEqual(len(run.mail_ids), 2)
        report.action_generate_now()
        self.assertEqual(self._runs(), run)
        self.assertEqual(len(run.mail_ids), 2)
        self.assertEqual(len(run.attachment_ids), 1)
        with self.assertRaises(AccessError):
            self.monthly_report.with_user(self.bo_user).write({"name": "Renamed"})

    @freeze_time("2024-04-02 08:00:00")
    def test_users_see_runs_of_their_company_only(self):
        self.env["bo.periodic.report"]._cron_generate_due()
        run = self._runs()
        other_company = self.env["res.company"].create({"name": "Other Company S.p.A."})
        outsider = new_test_user(
            self.env,
            login="bo_outsider",
            groups="base.group_user,bo_sales.bo_sales_group_user",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        Run = self.env["bo.periodic.report.run"]
        self.assertIn(run, Run.with_user(self.bo_user).search([]))
        self.assertNotIn(run, Run.with_user(outsider).search([]))
        self.assertFalse(self.env["bo.periodic.report"].with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            run.with_user(outsider).read(["name"])

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import format_date

from .common_supplier import BoSupplierCommon


@tagged("post_install", "-at_install")
class TestSupplierDocumentsJob(BoSupplierCommon):
    """The daily job: documents' status, one reminder per expiry, suspension."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("bo_sales.mail_activity_type_bo_supplier_document")
        cls.Document = cls.env["bo.supplier.document"]

    def _qualified(self, name, durc_issue, visura_issue=date(2026, 10, 1)):
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": True, "bo_supplier_state": "candidate"}
        )
        self._document(self.durc, partner, number=f"DURC {name}", date_issue=durc_issue)
        self._document(self.visura, partner, number=f"CCIAA {name}", date_issue=visura_issue)
        partner._bo_supplier_set_state("evaluation")
        partner._bo_supplier_set_state("qualified")
        return partner

    def _run_job(self):
        self.Document._cron_bo_supplier_documents()
        self.env.flush_all()

    def _reminders(self, documents):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "bo.supplier.document"),
                ("res_id", "in", documents.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_reminder_once_then_suspension(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.company.partner_id.lang = "it_IT"
        with freeze_time("2026-11-20 06:00:00"):
            # DURC of 15 August: expires on 13 December, reminded from 28 November.
            supplier = self._qualified("Trafilerie Lombarde S.p.A.", date(2026, 8, 15))
            durc = supplier.bo_supplier_document_ids.filtered(
                lambda d: d.document_type_id == self.durc
            )
            durc.user_id = self.bo_user
            self.bo_user.lang = "en_US"  # the reminder speaks its reader's language
            self._run_job()
            self.assertEqual(durc.state, "valid")
            self.assertFalse(self._reminders(durc))
        with freeze_time("2026-11-29 06:00:00"):
            self._run_job()
            self.assertEqual(durc.state, "expiring", "refreshed by the job")
            self.assertEqual(supplier.bo_supplier_document_alert, "expiring")
            reminder = self._reminders(durc)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.user_id, self.bo_user)
            self.assertEqual(reminder.date_deadline, date(2026, 12, 13))
            self.assertIn("Renew DURC (social security compliance) of Trafilerie", reminder.summary)
            self.assertEqual(durc.reminder_expiry, date(2026, 12, 13))
            # Run again, and again once the clerk has marked it done: never twice.
            self._run_job()
            self.assertEqual(self._reminders(durc), reminder)
            reminder.action_feedback(feedback="Richiesto all'ufficio amministrativo")
            self._run_job()
            self.assertFalse(self._reminders(durc))
            self.assertEqual(supplier.bo_supplier_state, "qualified")
        with freeze_time("2026-12-13 06:00:00"):
            self._run_job()
            self.assertEqual(durc.state, "expiring", "valid through its last day")
            self.assertEqual(supplier.bo_supplier_state, "qualified")
        with freeze_time("2026-12-14 06:00:00"):
            self._run_job()
            self.assertEqual(durc.state, "expired")
            self.assertFalse(supplier.bo_supplier_documents_valid)
            self.assertEqual(supplier.bo_supplier_state, "suspended")
            self.assertFalse(self._reminders(durc), "the expiry was reminded already")
            # Written in the company's language, for the whole back office.
            expected = "DURC (regolarità contributiva) scaduto il " + format_date(
                self.env, date(2026, 12, 13), lang_code="it_IT"
            )
            self.assertIn(expected, supplier.bo_supplier_state_reason)
            author, body, values = self._messages(supplier)[0]
            self.assertEqual(values, [("Qualificato", "Sospeso")])
            self.assertIn("Il controllo giornaliero dei documenti di qualifica ha trovato", body)
            self.assertIn(expected, body)
            self.assertEqual(author, self.env.user.partner_id)
            # The next day nothing more happens.
            count = len(supplier.message_ids)
            self._run_job()
            self.assertEqual(len(supplier.message_ids), count)

    def test_what_the_job_leaves_alone(self):
        with freeze_time("2026-09-01 06:00:00"):
            # Its visura (mandatory, no suspension) expires on 28 September.
            visura_late = self._qualified(
                "Visura Scaduta S.r.l.", date(2026, 8, 20), visura_issue=date(2026, 4, 1)
            )
        with freeze_time("2026-11-01 06:00:00"):
            # DURC of 1 July expired on 29 October, renewed on 30 October.
            renewed = self._qualified("Rinnovata S.r.l.", date(2026, 10, 30))
            old_durc = self._document(self.durc, renewed, number="OLD", date_issue=date(2026, 7, 1))
            self.assertFalse(old_durc.active)
            # A rejected supplier's documents are not reminded.
            rejected = self.env["res.partner"].create(
                {"name": "Scartata S.r.l.", "is_company": True, "bo_supplier_state": "candidate"}
            )
            rejected_durc = self._document(self.durc, rejected, date_issue=date(2026, 7, 20))
            rejected._bo_supplier_set_state("rejected", "Prezzi fuori mercato")
            # A candidate whose DURC expired is reminded, never suspended.
            self._document(self.durc, self.supplier, date_issue=date(2026, 6, 1))
            self._run_job()
            self.assertEqual(renewed.bo_supplier_state, "qualified")
            self.assertEqual(visura_late.bo_supplier_state, "qualified")
            self.assertEqual(visura_late.bo_supplier_document_alert, "expired")
            self.assertFalse(visura_late.bo_supplier_documents_valid)
            self.assertEqual(self.supplier.bo_supplier_state, "candidate")
            self.assertEqual(
                len(self._reminders(visura_late.bo_supplier_document_ids)), 1, "the visura"
            )
            self.assertEqual(len(self._reminders(self.supplier.bo_supplier_document_ids)), 1)
            self.assertFalse(self._reminders(rejected_durc | old_durc))
            # The suppliers to requalify: qualified ones with documents to renew.
            action = self.env.ref("bo_sales.bo_supplier_requalify_action")
            to_requalify = self.env["res.partner"].search(
                [*eval(action.domain), ("id", "in", (renewed | visura_late).ids)]  # noqa: S307
            )
            self.assertEqual(to_requalify, visura_late)

    def test_new_expiry_date_reminded_again(self):
        with freeze_time("2026-11-29 06:00:00"):
            supplier = self._qualified("Corretta S.r.l.", date(2026, 8, 15))
            durc = supplier.bo_supplier_document_ids.filtered(
                lambda d: d.document_type_id == self.durc
            )
            self._run_job()
            first = self._reminders(durc)
            self.assertEqual(len(first), 1)
            first.action_feedback()
            # The clerk corrects the expiry date: the new date gets its reminder.
            durc.date_expiry = date(2026, 12, 10)
            self._run_job()
            second = self._reminders(durc)
            self.assertEqual(second.date_deadline, date(2026, 12, 10))

    def test_job_queries_do_not_grow_with_suppliers(self):
        def measure(count, day):
            """The job's queries over ``count`` suppliers whose DURC is to be
            reminded; whatever else the database holds was handled by a first
            run of the day."""
            with freeze_time(f"2026-11-{day:02d} 06:00:00"):
                self._run_job()
                suppliers = self.env["res.partner"].browse()
                for index in range(count):
                    suppliers |= self._qualified(
                        f"Lotto {day} {index} S.r.l.", date(2026, 7, 12 + index)
                    )
                self.env.invalidate_all()
                with self.assertQueryCount(__system__=32):
                    self._run_job()
                reminders = self._reminders(suppliers.bo_supplier_document_ids)
                self.assertEqual(len(reminders), count)

        # DURCs expiring from 9 November: reminded from 25 October.
        measure(2, 5)
        # NOTE: five times more suppliers and reminders, the same budget.
        measure(10, 6)

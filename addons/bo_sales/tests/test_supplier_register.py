# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common_supplier import BoSupplierCommon


@tagged("post_install", "-at_install")
class TestSupplierRegister(BoSupplierCommon):
    """The status workflow of the register, its audit and the documents."""

    def _valid_documents(self, partner=None):
        return self._document(self.durc, partner, number="INPS_123", date_issue=date(2026, 11, 2)) | (
            self._document(self.visura, partner, number="CR-77", date_issue=date(2026, 10, 1))
        )

    @freeze_time("2026-12-01 09:00:00")
    def test_workflow_with_audit(self):
        supplier = self.supplier.with_user(self.bo_user)
        supplier.action_bo_supplier_start_evaluation()
        self.assertEqual(supplier.bo_supplier_state, "evaluation")
        self.assertEqual(supplier.bo_supplier_state_user_id, self.bo_user)
        self.assertEqual(str(supplier.bo_supplier_state_date), "2026-12-01 09:00:00")
        author, _body, values = self._messages(supplier)[0]
        self.assertEqual(author, self.bo_user.partner_id)
        self.assertEqual(values, [("Candidate", "Under Evaluation")])

        self._valid_documents()
        supplier.action_bo_supplier_qualify()
        self.assertEqual(supplier.bo_supplier_state, "qualified")
        self.assertTrue(supplier.bo_supplier_documents_valid)

        # Suspend: the wizard asks why, the chatter says who and why.
        action = supplier.action_bo_supplier_suspend()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.bo_user).with_context(action["context"])
        )
        self.assertEqual(wizard.state, "suspended")
        wizard.reason = "Tre consegne in ritardo a novembre"
        wizard.save().action_apply()
        self.assertEqual(supplier.bo_supplier_state, "suspended")
        self.assertEqual(supplier.bo_supplier_state_reason, "Tre consegne in ritardo a novembre")
        author, body, values = self._messages(supplier)[0]
        self.assertEqual(author, self.bo_user.partner_id)
        self.assertIn("Reason: Tre consegne in ritardo a novembre", body)
        self.assertEqual(values, [("Qualified", "Suspended")])

        supplier.action_bo_supplier_reinstate()
        self.assertEqual(supplier.bo_supplier_state, "qualified")
        self.assertFalse(supplier.bo_supplier_state_reason)
        action = supplier.action_bo_supplier_reject()
        self.env[action["res_model"]].with_user(self.bo_user).create(
            {"partner_ids": supplier.ids, "state": "rejected", "reason": "Fuori mercato"}
        ).action_apply()
        self.assertEqual(supplier.bo_supplier_state, "rejected")
        supplier.action_bo_supplier_reopen()
        self.assertEqual(supplier.bo_supplier_state, "candidate")
        history = [values for _a, _b, values in self._messages(supplier) if values]
        self.assertEqual(
            history[:6],
            [
                [("Rejected", "Candidate")],
                [("Qualified", "Rejected")],
                [("Suspended", "Qualified")],
                [("Qualified", "Suspended")],
                [("Under Evaluation", "Qualified")],
                [("Candidate", "Under Evaluation")],
            ],
        )

    @freeze_time("2026-12-01 09:00:00")
    def test_inconsistent_moves_refused(self):
        supplier = self.supplier.with_user(self.bo_user)
        with self.assertRaisesRegex(UserError, "is Candidate: it cannot become Qualified"):
            supplier.action_bo_supplier_qualify()
        with self.assertRaisesRegex(UserError, "cannot become Suspended"):
            supplier.action_bo_supplier_suspend()
        with self.assertRaisesRegex(UserError, "already Candidate"):
            supplier.action_bo_supplier_reopen()
        stranger = self.env["res.partner"].create(
            {"name": "Non Fornitore S.p.A.", "is_company": True}
        ).with_user(self.bo_user)
        with self.assertRaisesRegex(UserError, "not in the supplier register"):
            stranger.action_bo_supplier_start_evaluation()
        stranger.action_bo_supplier_add()
        self.assertEqual(stranger.bo_supplier_state, "candidate")
        # A reason is required to suspend or reject.
        with self.assertRaisesRegex(UserError, "reason"):
            supplier._bo_supplier_set_state("rejected", "  ")
        # The status is written by the workflow only, over RPC as in the form.
        with self.assertRaisesRegex(AccessError, "only through the buttons"):
            supplier.write({"bo_supplier_state": "qualified"})
        with self.assertRaisesRegex(AccessError, "only through the buttons"):
            self.env["res.partner"].create(
                {"name": "Già Qualificata S.r.l.", "bo_supplier_state": "qualified"}
            )
        # Contacts of a supplier are not in the register themselves.
        contact = self.env["res.partner"].create(
            {"name": "Mario Rossi", "parent_id": self.supplier.id}
        )
        with self.assertRaisesRegex(UserError, "contact of"):
            contact.with_user(self.bo_user).action_bo_supplier_add()
        with self.assertRaises(ValidationError):
            contact.with_context(bo_supplier_workflow=True).bo_supplier_state = "candidate"
        self.assertEqual(self.supplier.bo_supplier_state, "candidate")

    @freeze_time("2026-12-01 09:00:00")
    def test_qualify_with_expired_or_missing_document(self):
        supplier = self.supplier.with_user(self.bo_user)
        supplier.action_bo_supplier_start_evaluation()
        self._document(self.durc, number="OLD", date_issue=date(2026, 7, 1))  # expired 29/10
        with self.assertRaises(UserError) as caught:
            supplier.action_bo_supplier_qualify()
        message = str(caught.exception)
        self.assertIn(
            "DURC (social security compliance) expired on "
            + format_date(self.env, date(2026, 10, 29)),
            message,
        )
        self.assertIn("Chamber of commerce extract (visura camerale) missing", message)
        self.assertEqual(supplier.bo_supplier_state, "evaluation")
        self.assertFalse(supplier.bo_supplier_documents_valid)
        self.assertEqual(supplier.bo_supplier_document_alert, "expired")

    @freeze_time("2026-12-01 09:00:00")
    def test_refusal_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.bo_user.lang = "it_IT"
        supplier = self.supplier.with_user(self.bo_user).with_context(lang="it_IT")
        supplier.action_bo_supplier_start_evaluation()
        self._document(self.durc, number="OLD", date_issue=date(2026, 7, 1))
        with self.assertRaises(UserError) as caught:
            supplier.action_bo_supplier_qualify()
        message = str(caught.exception)
        self.assertIn("Un fornitore è qualificato solo con tutti i documenti obbligatori", message)
        self.assertIn("DURC (regolarità contributiva) scaduto il 29/10/2026", message)
        self.assertIn("Visura camerale mancante", message)
        with self.assertRaisesRegex(AccessError, "Lo stato del fornitore cambia solo"):
            supplier.write({"bo_supplier_state": "qualified"})

    @freeze_time("2026-12-01 09:00:00")
    def test_documents_expiry_state_and_replacement(self):
        durc = self._document(self.durc, number="A1", date_issue=date(2026, 8, 15))
        self.assertEqual(durc.date_expiry, date(2026, 12, 13), "120 days from the issue")
        self.assertEqual(durc.state, "expiring", "within the 15 reminder days")
        self.assertEqual(durc.name, "DURC (social security compliance) A1")
        given = self._document(
            self.visura, date_issue=date(2026, 11, 1), date_expiry=date(2027, 1, 31)
        )
        self.assertEqual(given.date_expiry, date(2027, 1, 31), "an expiry given is kept")
        self.assertEqual(given.state, "valid")
        self.assertTrue(self.supplier.bo_supplier_documents_valid)
        self.assertEqual(self.supplier.bo_supplier_document_alert, "expiring")
        # A newer DURC replaces the old one, which is archived.
        renewed = self._document(self.durc, number="A2", date_issue=date(2026, 11, 30))
        self.assertFalse(durc.active)
        self.assertTrue(renewed.active)
        self.assertEqual(self.supplier.bo_supplier_document_ids, given | renewed)
        self.assertEqual(self.supplier.bo_supplier_document_alert, "ok")
        # Entering an older document afterwards archives that one, not the newer.
        older = self._document(self.durc, number="A0", date_issue=date(2026, 5, 1))
        self.assertFalse(older.active)
        self.assertTrue(renewed.active)
        # Types allowing several documents keep them side by side.
        certificates = self._document(
            self.other_type, number="ISO 14001", date_expiry=date(2027, 5, 1)
        ) | self._document(self.other_type, number="SOA OG1", date_expiry=date(2028, 1, 1))
        self.assertEqual(certificates.mapped("active"), [True, True])
        # A manager makes ISO 9001 mandatory: every supplier is judged again.
        self.iso.with_user(self.bo_manager).mandatory = True
        self.assertFalse(self.supplier.bo_supplier_documents_valid)
        self.assertEqual(self.supplier.bo_supplier_document_alert, "missing")

    def test_documents_asked_by_country(self):
        """DURC and visura are Italian: a German supplier is qualified without."""
        german = self.env["res.partner"].create(
            {
                "name": "Schrauben Test GmbH",
                "is_company": True,
                "country_id": self.env.ref("base.de").id,
                "bo_supplier_state": "candidate",
            }
        )
        self.assertTrue(german.bo_supplier_documents_valid)
        self.assertFalse(self.supplier.bo_supplier_documents_valid)
        german.with_user(self.bo_user).action_bo_supplier_start_evaluation()
        german.with_user(self.bo_user).action_bo_supplier_qualify()
        self.assertEqual(german.bo_supplier_state, "qualified")
        # The manager asks the DURC of German suppliers too: judged again.
        self.durc.with_user(self.bo_manager).country_ids |= self.env.ref("base.de")
        self.assertFalse(german.bo_supplier_documents_valid)
        self.assertEqual(german.bo_supplier_document_alert, "missing")

    def test_outside_the_register(self):
        customer = self.customer
        self.assertFalse(customer.bo_supplier_documents_valid)
        self.assertFalse(customer.bo_supplier_document_alert)

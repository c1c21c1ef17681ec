# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common_agenda import MONDAY, BoAgendaCommon

H = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestVisitPlannerWizard(BoAgendaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.agent_partner.lang = "it_IT"
        cls.customer.write({"email": "modena@example.com", "lang": "en_US"})
        cls.customer_carpi.write({"email": "carpi@example.com", "lang": "it_IT"})
        cls.customer_recent, cls.customer_milan = Partner.create(
            [
                {
                    "name": "Cliente Visitato Ora",
                    "city": "Modena",
                    "zip": "41100",
                    "bo_agent_id": cls.agent_partner.id,
                    "bo_visit_class_id": cls.class_a.id,
                },
                {
                    "name": "Cliente Milano",
                    "city": "Milano",
                    "zip": "20121",
                    "bo_agent_id": cls.agent_partner.id,
                    "bo_visit_class_id": cls.class_a.id,
                },
            ]
        )
        # Carpi visited in October (class C: 90 days, overdue); the recent one on
        # 1 March (class A: due on 15 March, after the period).
        cls._appointment(
            datetime(2029, 10, 1, 8),
            datetime(2029, 10, 1, 9),
            customer=cls.customer_carpi,
            bo_state="done",
        )
        cls._appointment(
            datetime(2030, 3, 1, 8),
            datetime(2030, 3, 1, 9),
            customer=cls.customer_recent,
            bo_state="done",
        )
        # Monday 9-10 Rome already taken; Tuesday away; Wednesday a holiday.
        cls._appointment(MONDAY + 8 * H, MONDAY + 9 * H, customer=cls.other_customer)
        cls.env["resource.calendar.leaves"].create(
            [
                {
                    "name": "Fiera",
                    "bo_agent_id": cls.agent_partner.id,
                    "date_from": MONDAY + 24 * H,
                    "date_to": MONDAY + 48 * H,
                },
                {"name": "Patrono", "date_from": MONDAY + 48 * H, "date_to": MONDAY + 72 * H},
            ]
        )

    def _wizard(self, **vals):
        return (
            self.env["bo.visit.planner.wizard"]
            .with_user(self.bo_user)
            .create(
                dict(
                    {
                        "agent_ids": [(6, 0, self.agent_partner.ids)],
                        "date_from": date(2030, 3, 4),
                        "date_to": date(2030, 3, 8),
                        "max_per_day": 2,
                        "duration_minutes": 60,
                    },
                    **vals,
                )
            )
        )

    def test_proposals(self):
        wizard = self._wizard()
        wizard.action_propose()
        self.assertEqual(wizard.state, "review")
        plan = [(line.customer_id, line.start) for line in wizard.line_ids.sorted("start")]
        thursday = MONDAY + 72 * H
        self.assertEqual(
            plan,
            [
                # Monday: one slot left after the existing visit and its travel buffer
                (self.customer, MONDAY + 9.5 * H),
                # Tuesday away, Wednesday holiday; Thursday from 8:00 Rome: never
                # visited Milan first, then overdue Carpi after the travel buffer
                (self.customer_milan, thursday + 7 * H),
                (self.customer_carpi, thursday + 8.5 * H),
            ],
        )
        carpi_line = wizard.line_ids.filtered(lambda line: line.customer_id == self.customer_carpi)
        self.assertEqual(carpi_line.last_visit_date, date(2029, 10, 1))
        self.assertEqual(self.customer_recent.bo_last_visit_date, date(2030, 3, 1))

    def test_confirm_creates_appointments_and_invites_in_each_language(self):
        wizard = self._wizard(notify_customer=True)
        wizard.action_propose()
        # The clerk moves Milan to Friday 9:00 Rome before confirming.
        milan_line = wizard.line_ids.filtered(lambda line: line.customer_id == self.customer_milan)
        milan_line.start = MONDAY + 96 * H + 8 * H
        self.assertEqual(milan_line.stop, MONDAY + 96 * H + 9 * H)
        action = wizard.action_confirm()
        events = self.env["calendar.event"].search(action["domain"])
        self.assertEqual(len(events), 3)
        milan_event = events.filtered(lambda e: e.bo_customer_id == self.customer_milan)
        self.assertEqual(milan_event.start, MONDAY + 96 * H + 8 * H)
        self.assertEqual(events.bo_agent_id, self.agent_partner)
        self.assertEqual(set(events.mapped("bo_state")), {"planned"})
        mails = self.env["mail.mail"].search(
            [("model", "=", "calendar.event"), ("res_id", "in", events.ids)]
        )
        agent_mails = mails.filtered(lambda m: m.recipient_ids == self.agent_partner)
        self.assertEqual(len(agent_mails), 3)
        self.assertEqual(set(agent_mails.mapped("state")), {"outgoing"})
        for mail in agent_mails:
            self.assertIn("Nuovo appuntamento", mail.subject)
            self.assertIn("ha pianificato un nuovo appuntamento", mail.body_html)
        modena_mail = mails.filtered(lambda m: m.recipient_ids == self.customer)
        self.assertIn("Visit of our agent", modena_mail.subject)
        self.assertIn("will visit you", modena_mail.body_html)
        carpi_mail = mails.filtered(lambda m: m.recipient_ids == self.customer_carpi)
        self.assertIn("Visita del nostro agente", carpi_mail.subject)
        # Milan has no e-mail address: no mail, no error.
        self.assertFalse(mails.filtered(lambda m: m.recipient_ids == self.customer_milan))

    def test_limits_and_no_customer_due(self):
        wizard = self._wizard(max_per_day=1, date_to=date(2030, 3, 4))
        wizard.action_propose()
        self.assertFalse(wizard.line_ids, "Monday already has its one visit")
        wizard = self._wizard(agent_ids=[(6, 0, self.other_agent_partner.ids)])
        wizard.action_propose()
        self.assertFalse(wizard.line_ids, "the other agent has no classified customer")

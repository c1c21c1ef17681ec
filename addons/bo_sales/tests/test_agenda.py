# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

import vobject
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common_agenda import MONDAY, BoAgendaCommon
from .common_pdf import PrintedPdfCase, read_pages

H = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestAgendaConflicts(BoAgendaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Monday 9:00-10:00 Rome, Modena.
        cls.first = cls._appointment(MONDAY + 8 * H, MONDAY + 9 * H)

    def _assert_refused(self, text, start, stop, customer=None, **vals):
        with self.assertRaisesRegex(ValidationError, text), self.env.cr.savepoint():
            self._appointment(start, stop, customer=customer, **vals)

    def test_fitting_appointment_is_accepted(self):
        event = self._appointment(MONDAY + 9 * H, MONDAY + 10 * H)
        self.assertFalse(event.bo_conflict_warning)
        self.assertEqual(event.partner_ids, self.agent_partner | self.customer)
        self.assertEqual(event.name, "Visit: Cliente Agente S.r.l.")

    def test_overlap_is_refused_even_when_forced(self):
        self._assert_refused("overlaps", MONDAY + 8.5 * H, MONDAY + 9.5 * H)
        self._assert_refused(
            "overlaps", MONDAY + 8.5 * H, MONDAY + 9.5 * H, bo_force_conflicts=True
        )
        # Another agent at the same time is fine.
        self._appointment(MONDAY + 8 * H, MONDAY + 9 * H, agent=self.other_agent_partner)
        # A cancelled appointment frees the slot.
        self.first.action_bo_cancel()
        self._appointment(MONDAY + 8.5 * H, MONDAY + 9.5 * H)

    def test_overlap_within_one_batch(self):
        with self.assertRaisesRegex(ValidationError, "overlaps"), self.env.cr.savepoint():
            self.env["calendar.event"].create(
                [
                    {
                        "bo_agent_id": self.agent_partner.id,
                        "bo_customer_id": self.customer.id,
                        "start": MONDAY + 24 * H + 8 * H,
                        "stop": MONDAY + 24 * H + 9 * H,
                    },
                    {
                        "bo_agent_id": self.agent_partner.id,
                        "bo_customer_id": self.customer.id,
                        "start": MONDAY + 24 * H + 8.5 * H,
                        "stop": MONDAY + 24 * H + 9.5 * H,
                    },
                ]
            )

    def test_absence_is_refused(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Trade fair",
                "bo_agent_id": self.agent_partner.id,
                "date_from": MONDAY + 24 * H,
                "date_to": MONDAY + 48 * H,
            }
        )
        tuesday = MONDAY + 24 * H
        self._assert_refused("away", tuesday + 8 * H, tuesday + 9 * H, bo_force_conflicts=True)
        # The other agent is not away.
        self._appointment(tuesday + 8 * H, tuesday + 9 * H, agent=self.other_agent_partner)

    def test_warnings_need_force(self):
        wednesday = MONDAY + 48 * H
        self.env["resource.calendar.leaves"].create(
            {"name": "Patrono", "date_from": wednesday, "date_to": wednesday + 24 * H}
        )
        cases = [
            ("working hours", MONDAY + 18 * H, MONDAY + 19 * H, self.customer),  # 19:00 Rome
            ("holiday", wednesday + 8 * H, wednesday + 9 * H, self.customer),
            # Carpi 9:10 Rome right after Modena 9:00-10:00 (ends 09:00 UTC)
            (
                "travel",
                MONDAY + 9 * H + timedelta(minutes=10),
                MONDAY + 10 * H,
                self.customer_carpi,
            ),
        ]
        for text, start, stop, customer in cases:
            with self.subTest(text):
                self._assert_refused(text, start, stop, customer=customer)
                event = self._appointment(start, stop, customer=customer, bo_force_conflicts=True)
                self.assertIn(text, event.bo_conflict_warning)
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    event.bo_force_conflicts = False
                # Recording what happened is never refused.
                event.action_bo_mark_done()
                event.bo_force_conflicts = False
                event.action_bo_cancel()

    def test_travel_buffer_only_between_towns_and_onsite(self):
        # Same town right after: no travel.
        self._appointment(MONDAY + 9 * H, MONDAY + 10 * H)
        # A call needs no travel.
        self._appointment(
            MONDAY + 10 * H, MONDAY + 10.5 * H, customer=self.customer_carpi, bo_kind="call"
        )
        # Buffer is configurable.
        self.env["ir.config_parameter"].set_param("bo_sales.travel_buffer_minutes", "0")
        self._appointment(MONDAY + 10.5 * H, MONDAY + 11 * H, customer=self.customer_carpi)

    def test_conflict_check_is_set_based(self):
        def batch(count, day):
            base = MONDAY + day * 24 * H
            return self.env["calendar.event"].create(
                [
                    {
                        "bo_agent_id": self.agent_partner.id,
                        "bo_customer_id": self.customer.id,
                        "start": base + (7 + i * 0.5) * H,
                        "stop": base + (7.5 + i * 0.5) * H,
                    }
                    for i in range(count)
                ]
            )

        small, large = batch(2, 7), batch(8, 8)
        counts = []
        for events in (small, large):
            events.invalidate_recordset()
            before = self.env.cr.sql_log_count
            conflicts = events._bo_get_conflicts()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertFalse(conflicts)
        self.assertEqual(counts[0], counts[1], "queries do not grow with the appointments")

    def test_warning_shown_on_form_before_saving(self):
        form = Form(self.env["calendar.event"])
        form.name = "Evening visit"
        form.bo_agent_id = self.agent_partner
        form.bo_customer_id = self.customer
        form.start = MONDAY + 18 * H
        form.stop = MONDAY + 19 * H
        self.assertIn("working hours", form.bo_conflict_warning)
        form.start = MONDAY + 9 * H
        form.stop = MONDAY + 10 * H
        self.assertFalse(form.bo_conflict_warning)

    def test_clerk_books_through_the_agenda_form(self):
        """The form of the agents' agenda proposes the title and leaves the clerk out
        of the attendees: the agent and the customer are invited."""
        action = self.env.ref("bo_sales.bo_appointment_action")
        Event = self.env["calendar.event"].with_user(self.bo_user)
        form = Form(Event.with_context(**safe_eval(action.context)))
        form.bo_agent_id = self.agent_partner
        form.bo_customer_id = self.customer
        self.assertEqual(form.name, "Visit: Cliente Agente S.r.l.")
        form.bo_kind = "demo"
        self.assertEqual(form.name, "Demo: Cliente Agente S.r.l.")
        form.bo_customer_id = self.customer_carpi
        self.assertEqual(form.name, "Demo: Cliente Carpi S.r.l.")
        form.name = "Presentazione catalogo"
        form.bo_customer_id = self.customer
        self.assertEqual(form.name, "Presentazione catalogo", "a typed title stays")
        form.start = MONDAY + 9 * H
        form.stop = MONDAY + 10 * H
        event = form.save()
        self.assertEqual(event.partner_ids, self.agent_partner | self.customer)
        self.assertEqual(event.user_id, self.bo_user)

    def test_agent_cannot_force(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["calendar.event"].with_user(self.agent_user).create(
                {
                    "bo_agent_id": self.agent_partner.id,
                    "bo_customer_id": self.customer.id,
                    "start": MONDAY + 18 * H,
                    "stop": MONDAY + 19 * H,
                    "bo_force_conflicts": True,
                }
            )


@tagged("post_install", "-at_install")
class TestAgendaAccessAndOrders(BoAgendaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._appointment(MONDAY + 8 * H, MONDAY + 9 * H)
        cls.foreign = cls._appointment(
            MONDAY + 8 * H,
            MONDAY + 9 * H,
            customer=cls.other_customer,
            agent=cls.other_agent_partner,
        )

    def test_agent_sees_and_edits_only_own_appointments(self):
        Event = self.env["calendar.event"].with_user(self.agent_user)
        visible = Event.search([("id", "in", (self.own | self.foreign).ids)])
        self.assertEqual(visible, self.own)
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.agent_user).read(["name"])
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.agent_user).write({"bo_outcome": "Not mine"})
        self.own.with_user(self.agent_user).write({"bo_outcome": "Good visit", "bo_state": "done"})
        self.assertEqual(self.own.bo_state, "done")
        # The agent may book in their own agenda, not in another agent's one.
        Event.create(
            {
                "bo_agent_id": self.agent_partner.id,
                "bo_customer_id": self.customer.id,
                "start": MONDAY + 9 * H,
                "stop": MONDAY + 10 * H,
            }
        )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Event.create(
                {
                    "bo_agent_id": self.other_agent_partner.id,
                    "bo_customer_id": self.other_customer.id,
                    "start": MONDAY + 10 * H,
                    "stop": MONDAY + 11 * H,
                }
            )

    def test_agent_books_through_the_form(self):
        form = Form(self.env["calendar.event"].with_user(self.agent_user))
        form.name = "Follow-up"
        form.bo_agent_id = self.agent_partner
        form.bo_customer_id = self.customer
        form.start = MONDAY + 24 * H + 8 * H
        form.stop = MONDAY + 24 * H + 9 * H
        self.assertFalse(form.bo_conflict_warning)
        event = form.save()
        self.assertEqual(event.bo_state, "planned")
        self.assertIn(self.customer, event.partner_ids)

    def test_back_office_sees_every_appointment(self):
        for user in (self.bo_user, self.bo_manager):
            visible = (
                self.env["calendar.event"]
                .with_user(user)
                .search([("id", "in", (self.own | self.foreign).ids)])
            )
            self.assertEqual(visible, self.own | self.foreign, user.login)

    def test_order_from_done_visit(self):
        with self.assertRaises(UserError):
            self.own.action_bo_create_order()
        self.own.action_bo_mark_done()
        without_order = self.env["calendar.event"].search(
            [
                ("id", "in", (self.own | self.foreign).ids),
                ("bo_order_ids", "=", False),
                ("bo_state", "=", "done"),
            ]
        )
        self.assertEqual(without_order, self.own)
        action = self.own.with_user(self.bo_user).action_bo_create_order()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.bo_agent_id, self.agent_partner)
        self.assertEqual(order.bo_visit_id, self.own)
        self.assertEqual(self.own.bo_order_count, 1)
        self.assertFalse(
            self.env["calendar.event"].search(
                [("id", "=", self.own.id), ("bo_order_ids", "=", False)]
            )
        )

    @freeze_time("2030-03-20 10:00:00")
    def test_agent_figures(self):
        self.own.action_bo_mark_done()  # 4 March, done
        self.foreign.action_bo_mark_done()
        self._appointment(MONDAY + 17 * 24 * H + 8 * H, MONDAY + 17 * 24 * H + 9 * H)  # planned
        # Carpi visited long ago: outside its 90 days; Modena (14 days) 16 days ago.
        self._appointment(
            datetime(2029, 10, 1, 8),
            datetime(2029, 10, 1, 9),
            customer=self.customer_carpi,
            bo_state="done",
        )
        order = self.own.action_bo_create_order()
        order = self.env["sale.order"].browse(order["res_id"])
        order.order_line = [
            (0, 0, {"product_id": self.product.id, "product_uom_qty": 3, "price_unit": 100.0})
        ]
        order.action_confirm()
        agents = self.agent_partner | self.other_agent_partner
        agents.invalidate_recordset()
        with self.assertQueryCount(12):  # grouped queries, none per agent
            agents._compute_bo_agent_figures()
        self.assertEqual(self.agent_partner.bo_visit_done_month_count, 1)
        self.assertEqual(self.agent_partner.bo_visit_planned_month_count, 1)
        self.assertEqual(self.agent_partner.bo_visit_order_count, 1)
        self.assertAlmostEqual(self.agent_partner.bo_visit_turnover, 300.0)
        self.assertEqual(self.agent_partner.bo_visit_coverage, 0.0)
        # A visit to Modena yesterday: one of two classified customers covered.
        self._appointment(datetime(2030, 3, 19, 8), datetime(2030, 3, 19, 9), bo_state="done")
        self.agent_partner.invalidate_recordset()
        self.assertEqual(self.agent_partner.bo_visit_coverage, 50.0)
        self.assertEqual(self.other_agent_partner.bo_visit_done_month_count, 1)


@tagged("post_install", "-at_install")
class TestWeeklyAgenda(PrintedPdfCase, BoAgendaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._appointment(MONDAY + 8 * H, MONDAY + 9 * H)
        cls.call = cls._appointment(
            MONDAY + 24 * H + 13 * H,
            MONDAY + 24 * H + 13.5 * H,
            customer=cls.customer_carpi,
            bo_kind="call",
        )
        # Next week: not in this week's agenda.
        cls._appointment(MONDAY + 7 * 24 * H + 8 * H, MONDAY + 7 * 24 * H + 9 * H)

    def test_ics_parsed_back(self):
        events = self.agent_partner._bo_agenda_events(date(2030, 3, 4))
        self.assertEqual(events, self.visit | self.call)
        cal = vobject.readOne(self.env["bo.agenda.dispatch"]._bo_agenda_ics(events).decode())
        vevents = sorted(cal.vevent_list, key=lambda v: v.dtstart.value)
        self.assertEqual(len(vevents), 2)
        self.assertEqual(vevents[0].summary.value, "Visit: Cliente Agente S.r.l.")
        self.assertEqual(vevents[0].dtstart.value.replace(tzinfo=None), MONDAY + 8 * H)
        self.assertEqual(vevents[0].dtend.value.replace(tzinfo=None), MONDAY + 9 * H)
        self.assertIn("Modena", vevents[0].location.value)
        self.assertEqual(vevents[1].summary.value, "Call: Cliente Carpi S.r.l.")
        self.assertNotEqual(vevents[0].uid.value, vevents[1].uid.value)

    def test_weekly_pdf_lists_the_week(self):
        pdf = self.render_pdf(
            "bo_sales.bo_agent_agenda_report",
            self.agent_partner.ids,
            data={"week_start": "2030-03-04"},
        )
        (text,) = read_pages(pdf)
        self.assertPrinted("Cliente Agente", text)
        self.assertPrinted("Cliente Carpi", text)
        self.assertPrinted("09:00", text)  # local time in Rome
        self.assertPrinted("04/03/2030", text)
        self.assertNotPrinted("11/03/2030", text)

    @freeze_time("2030-03-04 05:00:00")
    def test_cron_sends_once_per_week(self):
        Mail = self.env["mail.mail"]
        # The scheduled job itself, as the scheduler runs it.
        cron = self.env.ref("bo_sales.bo_agenda_weekly_cron")
        self.assertEqual(cron.model_id.model, "bo.agenda.dispatch")
        cron.ir_actions_server_id.with_context(force_report_rendering=True).run()
        mails = Mail.search([("model", "=", "res.partner"), ("res_id", "=", self.agent_partner.id)])
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.agent_partner)
        self.assertEqual(mails.state, "outgoing", "queued, not sent in the transaction")
        names = sorted(mails.attachment_ids.mapped("name"))
        self.assertEqual(names, ["agenda-2030-03-04.ics", "agenda-2030-03-04.pdf"])
        ics = mails.attachment_ids.filtered(lambda a: a.name.endswith(".ics")).raw.decode()
        self.assertEqual(len(vobject.readOne(ics).vevent_list), 2)
        self.assertTrue(
            self.env["bo.agenda.dispatch"].search(
                [("agent_id", "=", self.agent_partner.id), ("week_start", "=", "2030-03-04")]
            )
        )
        # A re-run sends nothing twice.
        self.env["bo.agenda.dispatch"]._cron_bo_send_weekly_agenda()
        self.assertEqual(
            Mail.search_count(
                [("model", "=", "res.partner"), ("res_id", "=", self.agent_partner.id)]
            ),
            1,
        )
        # The button sends on demand, even after the weekly mail.
        self.agent_partner.with_user(self.bo_user).action_bo_send_agenda()
        self.assertEqual(
            Mail.search_count(
                [("model", "=", "res.partner"), ("res_id", "=", self.agent_partner.id)]
            ),
            2,
        )
        with self.assertRaises(UserError):
            self.other_agent_partner.action_bo_send_agenda()

    def test_weekly_mail_in_agent_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.other_agent_partner.write({"email": "hans@example.com", "lang": "en_US"})
        self.agent_partner.lang = "it_IT"
        agents = self.agent_partner | self.other_agent_partner
        mails = self.env["bo.agenda.dispatch"]._bo_send_weekly_agenda(agents, date(2030, 3, 4))
        italian = mails.filtered(lambda m: m.recipient_ids == self.agent_partner)
        english = mails.filtered(lambda m: m.recipient_ids == self.other_agent_partner)
        self.assertEqual(italian.subject, "La tua agenda della settimana")
        self.assertIn("Buona settimana", italian.body_html)
        self.assertEqual(english.subject, "Your agenda of the week")
        self.assertIn("Have a good week", english.body_html)


@tagged("post_install", "-at_install")
class TestAgentTerritory(BoAgendaCommon):
    def test_assign_by_territory_most_specific_wins(self):
        modena = self.env.ref("base.state_it_mo")
        milano = self.env.ref("base.state_it_mi")
        self.agent_partner.write(
            {
                "bo_territory_country_ids": [(6, 0, self.italy.ids)],
                "bo_territory_state_ids": [(6, 0, modena.ids)],
            }
        )
        self.other_agent_partner.write(
            {
                "bo_territory_country_ids": [(6, 0, self.italy.ids)],
                "bo_territory_zip_ranges": "41000-41099, 20121",
            }
        )
        Partner = self.env["res.partner"]
        modena_city, carpi, milan, germany, assigned = Partner.create(
            [
                {
                    "name": "Modena Co",
                    "is_company": True,
                    "country_id": self.italy.id,
                    "state_id": modena.id,
                    "zip": "41121",
                },
                {
                    "name": "Carpi Co",
                    "is_company": True,
                    "country_id": self.italy.id,
                    "state_id": modena.id,
                    "zip": "41012",
                },
                {
                    "name": "Milan Co",
                    "is_company": True,
                    "country_id": self.italy.id,
                    "state_id": milano.id,
                    "zip": "20121",
                },
                {
                    "name": "Berlin Co",
                    "is_company": True,
                    "country_id": self.env.ref("base.de").id,
                    "zip": "10115",
                },
                {
                    "name": "Already Assigned",
                    "is_company": True,
                    "country_id": self.italy.id,
                    "state_id": modena.id,
                    "zip": "41012",
                    "bo_agent_id": self.agent_partner.id,
                },
            ]
        )
        wizard = (
            self.env["bo.agent.assign.wizard"]
            .with_user(self.bo_user)
            .with_context(
                active_model="res.partner",
                active_ids=(modena_city | carpi | milan | germany | assigned).ids,
            )
            .create({})
        )
        wizard.action_assign()
        self.assertEqual(modena_city.bo_agent_id, self.agent_partner)
        self.assertEqual(carpi.bo_agent_id, self.other_agent_partner, "postcode beats province")
        self.assertEqual(milan.bo_agent_id, self.other_agent_partner)
        # NOTE: other agents of the database (demo data) may cover Germany;
        # neither of these two does.
        self.assertNotIn(germany.bo_agent_id, self.agent_partner | self.other_agent_partner)
        self.assertEqual(assigned.bo_agent_id, self.agent_partner, "kept without 'replace'")
        wizard.overwrite = True
        wizard.action_assign()
        self.assertEqual(assigned.bo_agent_id, self.other_agent_partner)

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.visit_planner import PlanAgent, PlanCustomer, area_of, plan_visits


class BoVisitPlannerWizard(models.TransientModel):
    _name = "bo.visit.planner.wizard"
    _description = "Visit Planner"

    agent_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Agents",
        domain=[("bo_is_agent", "=", True)],
        required=True,
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self)
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=13),
    )
    duration_minutes = fields.Integer(string="Visit Length (Minutes)", default=60, required=True)
    max_per_day = fields.Integer(string="Visits per Day at Most", default=5, required=True)
    notify_customer = fields.Boolean(
        string="Invite the Customers",
        help="Also send the invitation to each customer, in the customer's language.",
    )
    line_ids = fields.One2many(
        comodel_name="bo.visit.planner.line", inverse_name="wizard_id", string="Proposed Visits"
    )
    state = fields.Selection(
        selection=[("setup", "Setup"), ("review", "Review")], default="setup", required=True
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" and "agent_ids" in fields_list:
            agents = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
            res["agent_ids"] = [Command.set(agents.filtered("bo_is_agent").ids)]
        return res

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Visit Planner"),
        }

    def action_propose(self):
        """Compute proposals and show them for review (replacing earlier ones)."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The planning period ends before it starts."))
        if self.duration_minutes <= 0 or self.max_per_day <= 0:
            raise UserError(self.env._("Visit length and visits per day must be positive."))
        proposals, customers = self._bo_compute_proposals()
        self.line_ids.unlink()
        self.env["bo.visit.planner.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "agent_id": proposal.agent_id,
                    "customer_id": proposal.customer_id,
                    "start": proposal.start,
                    "stop": proposal.stop,
                    "due_date": customers[proposal.customer_id].due_date,
                    "last_visit_date": customers[proposal.customer_id].last_visit,
                }
                for proposal in proposals
            ]
        )
        self.state = "review"
        return self._reopen()

    def action_back(self):
        self.state = "setup"
        return self._reopen()

    def action_confirm(self):
        """Create the appointments of the reviewed lines and queue the invitations."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("There is no visit to plan."))
        # NOTE: our own invitations (in each recipient's language) replace Odoo's.
        events = (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                [
                    {
                        "bo_agent_id": line.agent_id.id,
                        "bo_customer_id": line.customer_id.id,
                        "bo_kind": "visit",
                        "start": line.start,
                        "stop": line.stop,
                        "location": line.customer_id._display_address(without_company=True).replace(
                            "\n", ", "
                        ),
                    }
                    for line in self.line_ids
                ]
            )
        )
        events._bo_send_invitations(notify_customer=self.notify_customer)
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_agenda_action")
        action["domain"] = [("id", "in", events.ids)]
        action["view_mode"] = "list,calendar,form"
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        return action

    # ------------------------------------------------------------
    # Prefetch for the pure planner
    # ------------------------------------------------------------

    def _bo_compute_proposals(self):
        """Prefetch plain data with a few queries and run the planner.

        :return: (list of PlanProposal, {customer id: PlanCustomer})
        """
        agents = self.agent_ids
        default_calendar = self.env.company.resource_calendar_id
        low = datetime.combine(self.date_from, time.min) - timedelta(days=1)
        high = datetime.combine(self.date_to, time.max) + timedelta(days=1)

        # Working windows: one attendance computation per calendar.
        windows_by_calendar = {}
        calendar_of = {}
        for agent in agents:
            calendar = agent.bo_resource_calendar_id or default_calendar
            calendar_of[agent.id] = calendar
            if calendar and calendar not in windows_by_calendar:
                tz = pytz.timezone(calendar.tz or "UTC")
                start = tz.localize(datetime.combine(self.date_from, time.min))
                stop = tz.localize(datetime.combine(self.date_to, time.max))
                intervals = calendar._attendance_intervals_batch(start, stop, tz=tz)[False]
                windows_by_calendar[calendar] = [
                    (
                        i_start.astimezone(pytz.utc).replace(tzinfo=None),
                        i_stop.astimezone(pytz.utc).replace(tzinfo=None),
                    )
                    for i_start, i_stop, _att in intervals
                ]

        # Busy: appointments, absences and holidays, in two queries.
        busy = defaultdict(list)
        for row in (
            self.env["calendar.event"]
            .sudo()  # sudo: every appointment of the agent blocks its slot
            .search_read(
                [
                    ("bo_agent_id", "in", agents.ids),
                    ("bo_state", "!=", "cancelled"),
                    ("start", "<", high),
                    ("stop", ">", low),
                ],
                ["bo_agent_id", "start", "stop", "bo_kind"],
                load=None,
            )
        ):
            busy[row["bo_agent_id"]].append((row["start"], row["stop"], row["bo_kind"] == "visit"))
        calendars = self.env["resource.calendar"].union(*windows_by_calendar)
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()  # sudo: absences block the planning even if the clerk cannot read them
            .search_read(
                self.env["resource.calendar.leaves"]._bo_agents_leaves_domain(
                    agents, calendars, low, high, holiday_company=self.env.company
                ),
                ["bo_agent_id", "calendar_id", "date_from", "date_to"],
                load=None,
            )
        )
        for leave in leaves:
            for agent in agents:
                if leave["bo_agent_id"] == agent.id or (
                    not leave["bo_agent_id"]
                    and leave["calendar_id"] in (False, calendar_of[agent.id].id)
                ):
                    busy[agent.id].append((leave["date_from"], leave["date_to"], False))

        # Customers with a class, their last done visit, and when they are due.
        Partner = self.env["res.partner"]
        customer_rows = Partner.search_read(
            [("bo_agent_id", "in", agents.ids), ("bo_visit_class_id", "!=", False)],
            ["bo_agent_id", "bo_visit_class_id", "city", "zip"],
            load=None,
        )
        frequency = {
            vc.id: vc.visit_frequency_days
            for vc in self.env["bo.visit.class"].with_context(active_test=False).search([])
        }
        last_visits = Partner.browse([row["id"] for row in customer_rows])._bo_last_visit_dates()
        customers = {}
        for row in customer_rows:
            last = last_visits.get(row["id"])
            due = (
                last + timedelta(days=frequency[row["bo_visit_class_id"]])
                if last
                else self.date_from
            )
            customers[row["id"]] = PlanCustomer(
                id=row["id"],
                agent_id=row["bo_agent_id"],
                due_date=max(due, self.date_from),
                last_visit=last,
                town=(row["city"] or "").strip().lower(),
                area=area_of(row["zip"], row["city"]),
            )
        plan_agents = [
            PlanAgent(
                id=agent.id,
                windows=windows_by_calendar.get(calendar_of[agent.id], []),
                busy=busy[agent.id],
            )
            for agent in agents
        ]
        proposals = plan_visits(
            plan_agents,
            list(customers.values()),
            self.date_from,
            self.date_to,
            duration_minutes=self.duration_minutes,
            buffer_minutes=int(
                self.env["calendar.event"]._bo_travel_buffer().total_seconds() // 60
            ),
            max_per_day=self.max_per_day,
        )
        return proposals, customers


class BoVisitPlannerLine(models.TransientModel):
    _name = "bo.visit.planner.line"
    _description = "Proposed Visit"
    _order = "agent_id, start"

    wizard_id = fields.Many2one(
        comodel_name="bo.visit.planner.wizard", required=True, ondelete="cascade"
    )
    agent_id = fields.Many2one(comodel_name="res.partner", required=True)
    customer_id = fields.Many2one(comodel_name="res.partner", required=True)
    customer_city = fields.Char(related="customer_id.city", string="Town")
    customer_zip = fields.Char(related="customer_id.zip", string="Postcode")
    visit_class_id = fields.Many2one(related="customer_id.bo_visit_class_id")
    start = fields.Datetime(required=True)
    stop = fields.Datetime(compute="_compute_stop", store=True, readonly=False, required=True)
    due_date = fields.Date(string="Due Since")
    last_visit_date = fields.Date(string="Last Visit")

    @api.depends("start")
    def _compute_stop(self):
        for line in self:
            if line.start:
                line.stop = line.start + timedelta(minutes=line.wizard_id.duration_minutes or 60)

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Agents and the customers they follow: territory, working hours, absences,
visit class, and the agenda of their week (mailed by ``bo.agenda.dispatch``).

The partner's other concerns are in their own files: e-invoicing data
(``res_partner_einvoicing.py``), master-data problems
(``res_partner_data_issue.py``), duplicate detection
(``res_partner_duplicate.py``) and visit figures (``res_partner_kpi.py``).
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    bo_is_agent = fields.Boolean(
        string="Sales Agent",
        help="External agent (agente di commercio), representative or internal "
        "salesperson whose customers and agenda the back office follows.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        domain=[("bo_is_agent", "=", True)],
        index="btree_not_null",
        tracking=True,
        help="Agent who follows this customer.",
    )
    bo_agent_customer_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="bo_agent_id",
        string="Agent's Customers",
    )
    bo_max_discount = fields.Float(
        string="Maximum Discount (%)",
        help="Agents: highest line discount the agent may grant on the orders they bring; "
        "0 means no maximum. The order checks report larger discounts.",
    )
    bo_requires_client_ref = fields.Boolean(
        string="Requires Order Reference",
        help="The customer wants its own purchase order number on every order and invoice; "
        "the order checks block orders without it.",
    )
    bo_agent_customer_count = fields.Integer(
        string="Customers",
        compute="_compute_bo_agent_customer_count",
    )

    bo_visit_class_id = fields.Many2one(
        comodel_name="bo.visit.class",
        string="Visit Class",
        index="btree_not_null",
        help="How often the agent should visit this customer.",
    )
    # Agent's territory: every criterion that is set must match the customer.
    bo_territory_country_ids = fields.Many2many(
        comodel_name="res.country",
        relation="bo_agent_territory_country_rel",
        column1="partner_id",
        column2="country_id",
        string="Territory Countries",
    )
    bo_territory_state_ids = fields.Many2many(
        comodel_name="res.country.state",
        relation="bo_agent_territory_state_rel",
        column1="partner_id",
        column2="state_id",
        string="Territory Provinces",
    )
    bo_territory_zip_ranges = fields.Char(
        string="Territory Postcodes",
        help="Postcode ranges separated by commas, e.g. 40100-40199, 41012.",
    )
    bo_language_ids = fields.Many2many(
        comodel_name="res.lang",
        relation="bo_agent_language_rel",
        column1="partner_id",
        column2="lang_id",
        string="Languages Spoken",
    )
    bo_resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        help="Hours in which the agent takes appointments; holidays of this calendar "
        "and of the company apply.",
    )
    bo_leave_ids = fields.One2many(
        comodel_name="resource.calendar.leaves",
        inverse_name="bo_agent_id",
        string="Absences",
    )
    bo_home_base_id = fields.Many2one(
        comodel_name="res.partner",
        string="Home Base",
        help="Address the agent leaves from; empty means the agent's own address.",
    )
    bo_agent_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent's Login",
        compute="_compute_bo_agent_user_id",
        help="User of this agent when the agent has a login.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("bo_agent_customer_ids")
    def _compute_bo_agent_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("bo_agent_id", "in", self.ids)], ["bo_agent_id"], ["__count"]
            )
        )
        for partner in self:
            partner.bo_agent_customer_count = counts.get(partner, 0)

    def _compute_bo_agent_user_id(self):
        for partner in self:
            partner.bo_agent_user_id = partner.user_ids[:1]

    # ------------------------------------------------------------
    # CRUD: agents keep their customers
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_check_agent_assignment(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._bo_check_agent_assignment([vals])
        return super().write(vals)

    def _bo_check_agent_assignment(self, vals_list):
        """An agent who is not a back-office user cannot give a customer to
        another agent (the back office assigns customers)."""
        if self.env.su or not any("bo_agent_id" in vals for vals in vals_list):
            return
        user = self.env.user
        if user._bo_is_agent_only() and any(
            vals.get("bo_agent_id") not in (None, False, user.partner_id.id) for vals in vals_list
        ):
            raise AccessError(
                self.env._(
                    "You cannot assign a customer to another agent: ask the back office to "
                    "reassign it."
                )
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_bo_view_agent_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_customer_action")
        action["domain"] = [("bo_agent_id", "=", self.id)]
        action["context"] = {"default_bo_agent_id": self.id}
        return action

    def action_bo_send_agenda(self):
        """Button on the agent's form: send this week's agenda now (again if the
        weekly mail already left: the agenda may have changed since)."""
        week_start = self._bo_week_start()
        missing = self.filtered(lambda p: not p.email)
        if missing:
            raise UserError(
                self.env._(
                    "Agent %(names)s has no e-mail address.",
                    names=", ".join(missing.mapped("display_name")),
                )
            )
        self.env["bo.agenda.dispatch"]._bo_send_weekly_agenda(self, week_start, once=False)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The agenda of this week was queued for sending."),
                "sticky": False,
            },
        }

    def action_bo_print_agenda(self):
        self.ensure_one()
        return self.env.ref("bo_sales.bo_agent_agenda_report").report_action(
            self, data={"week_start": fields.Date.to_string(self._bo_week_start())}
        )

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    def _bo_agent_tz(self):
        """Time zone of the agent's day: working hours first, then the contact's."""
        self.ensure_one()
        return (
            self.bo_resource_calendar_id.tz
            or self.tz
            or self.env.user.tz
            or self.env.company.resource_calendar_id.tz
            or "Europe/Rome"
        )

    @api.model
    def _bo_parse_zip_ranges(self, text):
        """'40100-40199, 41012' -> [('40100', '40199'), ('41012', '41012')]."""
        ranges = []
        for chunk in (text or "").split(","):
            chunk = chunk.strip()
            if not chunk:
                continue
            low, _sep, high = chunk.partition("-")
            ranges.append((low.strip(), (high or low).strip()))
        return ranges

    def _bo_territory_score(self, customer):
        """How specifically this agent's territory covers the customer: 0 when it does
        not, else 1 (country), 2 (province) or 3 (postcode) for the finest criterion."""
        self.ensure_one()
        score = 0
        if self.bo_territory_country_ids:
            if customer.country_id not in self.bo_territory_country_ids:
                return 0
            score = 1
        if self.bo_territory_state_ids:
            if customer.state_id not in self.bo_territory_state_ids:
                return 0
            score = 2
        ranges = self._bo_parse_zip_ranges(self.bo_territory_zip_ranges)
        if ranges:
            zip_code = (customer.zip or "").strip()
            if not any(
                len(low) == len(zip_code) and low <= zip_code <= high for low, high in ranges
            ):
                return 0
            score = 3
        return score

    def _bo_assign_agents_by_territory(self, overwrite=False):
        """Give each customer of self the agent whose territory covers it most
        specifically. Returns the customers that got an agent."""
        agents = self.search([("bo_is_agent", "=", True)])
        customers = self.filtered(lambda p: not p.bo_is_agent and (overwrite or not p.bo_agent_id))
        by_agent = {}
        for customer in customers:
            best, best_score = None, 0
            for agent in agents:
                score = agent._bo_territory_score(customer)
                if score > best_score:
                    best, best_score = agent, score
            if best and best != customer.bo_agent_id:
                by_agent.setdefault(best, self.browse())
                by_agent[best] |= customer
        assigned = self.browse()
        for agent, agent_customers in by_agent.items():
            agent_customers.write({"bo_agent_id": agent.id})
            assigned |= agent_customers
        return assigned

    # ------------------------------------------------------------
    # Weekly agenda
    # ------------------------------------------------------------

    @api.model
    def _bo_week_start(self, day=None):
        day = day or fields.Date.context_today(self)
        return day - timedelta(days=day.weekday())

    def _bo_agenda_events(self, week_start):
        """Appointments of the agents in self during the week starting on week_start
        (a Monday, in the agent's time zone approximated by the user's)."""
        start = datetime.combine(week_start, time.min)
        return (
            self.env["calendar.event"]
            .search(
                [
                    ("bo_agent_id", "in", self.ids),
                    ("bo_state", "!=", "cancelled"),
                    ("start", ">=", start - timedelta(days=1)),
                    ("start", "<", start + timedelta(days=8)),
                ],
                order="start",
            )
            .filtered(
                lambda e: week_start <= e._bo_local_start().date() < week_start + timedelta(7)
            )
        )

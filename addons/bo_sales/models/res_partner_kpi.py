# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Visit figures: a customer's last visit, an agent's visits, coverage and
orders of the month, each computed in a handful of grouped queries."""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import fields, models


class ResPartner(models.Model):
    # NOTE: res.partner is extended in one file per concern (res_partner.py
    # lists them): these extensions are meant apart, not to be merged.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    bo_last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_bo_last_visit_date",
        help="Date of the last visit done at this customer.",
    )
    bo_visit_done_month_count = fields.Integer(
        string="Visits Done (Month)", compute="_compute_bo_agent_figures"
    )
    bo_visit_planned_month_count = fields.Integer(
        string="Visits Planned (Month)", compute="_compute_bo_agent_figures"
    )
    bo_visit_coverage = fields.Float(
        string="Coverage (%)",
        compute="_compute_bo_agent_figures",
        help="Share of the agent's classified customers visited within their class frequency.",
    )
    bo_visit_order_count = fields.Integer(
        string="Orders from Visits", compute="_compute_bo_agent_figures"
    )
    bo_visit_turnover = fields.Float(
        string="Turnover from Visits",
        compute="_compute_bo_agent_figures",
        help="Untaxed amount of the confirmed orders taken at this agent's visits.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    def _compute_bo_last_visit_date(self):
        last = self._bo_last_visit_dates()
        for partner in self:
            partner.bo_last_visit_date = last.get(partner.id, False)

    def _compute_bo_agent_figures(self):
        """Figures of agents in a handful of grouped queries, whatever their number."""
        agents = self.filtered("bo_is_agent")
        (self - agents).update(
            {
                "bo_visit_done_month_count": 0,
                "bo_visit_planned_month_count": 0,
                "bo_visit_coverage": 0.0,
                "bo_visit_order_count": 0,
                "bo_visit_turnover": 0.0,
            }
        )
        if not agents:
            return
        today = fields.Date.context_today(self)
        month_start = datetime.combine(today.replace(day=1), time.min)
        month_end = month_start + relativedelta(months=1)
        Event = self.env["calendar.event"]
        visit_counts = {
            (agent.id, state): count
            for agent, state, count in Event._read_group(
                [
                    ("bo_agent_id", "in", agents.ids),
                    ("bo_state", "in", ("done", "planned")),
                    ("start", ">=", month_start),
                    ("start", "<", month_end),
                ],
                ["bo_agent_id", "bo_state"],
                ["__count"],
            )
        }
        orders = {
            agent.id: (count, amount)
            for agent, count, amount in self.env["sale.order"]._read_group(
                [
                    ("bo_agent_id", "in", agents.ids),
                    ("bo_visit_id", "!=", False),
                    ("state", "=", "sale"),
                ],
                ["bo_agent_id"],
                ["__count", "amount_untaxed:sum"],
            )
        }
        customers = self.search(
            [("bo_agent_id", "in", agents.ids), ("bo_visit_class_id", "!=", False)]
        )
        last_visits = customers._bo_last_visit_dates()
        covered, total = {}, {}
        for customer in customers:
            agent_id = customer.bo_agent_id.id
            total[agent_id] = total.get(agent_id, 0) + 1
            last = last_visits.get(customer.id)
            frequency = customer.bo_visit_class_id.visit_frequency_days
            if last and (today - last).days <= frequency:
                covered[agent_id] = covered.get(agent_id, 0) + 1
        for agent in agents:
            agent.bo_visit_done_month_count = visit_counts.get((agent.id, "done"), 0)
            agent.bo_visit_planned_month_count = visit_counts.get((agent.id, "planned"), 0)
            agent.bo_visit_order_count, agent.bo_visit_turnover = orders.get(agent.id, (0, 0.0))
            agent.bo_visit_coverage = (
                100.0 * covered.get(agent.id, 0) / total[agent.id] if total.get(agent.id) else 0.0
            )

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    def _bo_last_visit_dates(self):
        """{customer id: date of the last done visit} in one grouped query."""
        if not self.ids:
            return {}
        groups = self.env["calendar.event"]._read_group(
            [("bo_customer_id", "in", self.ids), ("bo_state", "=", "done")],
            ["bo_customer_id"],
            ["start:max"],
        )
        return {customer.id: last.date() for customer, last in groups if last}

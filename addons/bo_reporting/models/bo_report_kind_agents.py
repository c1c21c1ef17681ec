# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models

from ..tools import charts


class BoReportKindAgents(models.AbstractModel):
    """Agents' activity: turnover per agent, visits of their agenda and orders taken at them."""

    _name = "bo.report.kind.agents"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: agents' activity"

    @api.model
    def _bo_collect(self, ctx):
        period = ctx["period"]
        company = ctx["company"]
        agent_domain = [("bo_is_agent", "=", True)]
        if ctx["report"].agent_ids:
            agent_domain.append(("id", "in", ctx["report"].agent_ids.ids))
        agents = self._bo_env(ctx, "res.partner").search(agent_domain)
        customers = dict(
            self._bo_env(ctx, "res.partner")._read_group(
                [("bo_agent_id", "in", agents.ids), ("is_company", "=", True)],
                ["bo_agent_id"],
                ["__count"],
            )
        )
        turnover = dict(
            self._bo_env(ctx, "account.invoice.report")._read_group(
                self._bo_invoice_domain(ctx)
                + self._bo_date_domain("invoice_date", period)
                + [("bo_agent_id", "in", agents.ids)],
                ["bo_agent_id"],
                ["price_subtotal:sum"],
            )
        )
        visits = defaultdict(lambda: defaultdict(int))
        events = self._bo_env(ctx, "calendar.event")
        domain = [
            ("bo_agent_id", "in", agents.ids),
            ("bo_kind", "=", "visit"),
            *self._bo_datetime_domain(ctx, "start", period),
        ]
        for agent, state, count in events._read_group(
            domain, ["bo_agent_id", "bo_state"], ["__count"]
        ):
            visits[agent][state] = count
        visited = dict(
            events._read_group(
                [*domain, ("bo_state", "=", "done")],
                ["bo_agent_id"],
                ["bo_customer_id:count_distinct"],
            )
        )
        orders = self._bo_env(ctx, "sale.order")
        # NOTE: grouped by visit, then summed per the visit's agent: Odoo 18
        # cannot group by a field of a related record.
        per_agent = defaultdict(lambda: [0, 0.0])
        for visit, count, amount in orders._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "sale"),
                ("bo_visit_id", "!=", False),
                ("bo_visit_id.bo_agent_id", "in", agents.ids),
                *self._bo_datetime_domain(ctx, "date_order", period),
            ],
            ["bo_visit_id"],
            ["__count", "amount_untaxed:sum"],
        ):
            per_agent[visit.bo_agent_id][0] += count
            per_agent[visit.bo_agent_id][1] += amount
        from_visits = {agent: tuple(figures) for agent, figures in per_agent.items()}
        columns = [
            self._bo_column(self.env._("Agent")),
            self._bo_column(self.env._("Customers"), "int"),
            self._bo_column(self.env._("Invoiced"), "money"),
            self._bo_column(self.env._("Visits done"), "int"),
            self._bo_column(self.env._("Visits planned"), "int"),
            self._bo_column(self.env._("Visits missed"), "int"),
            self._bo_column(self.env._("Customers visited"), "int"),
            self._bo_column(self.env._("Coverage"), "pct"),
            self._bo_column(self.env._("Orders from visits"), "int"),
            self._bo_column(self.env._("Ordered from visits"), "money"),
        ]
        rows = []
        for agent in agents:
            count_customers = customers.get(agent, 0)
            count, amount = from_visits.get(agent, (0, 0.0))
            rows.append(
                [
                    agent.display_name,
                    count_customers,
                    self._bo_round(ctx, turnover.get(agent, 0.0)),
                    visits[agent]["done"],
                    visits[agent]["planned"],
                    visits[agent]["missed"],
                    visited.get(agent, 0),
                    visited.get(agent, 0) / count_customers if count_customers else None,
                    count,
                    self._bo_round(ctx, amount),
                ]
            )
        rows.sort(key=lambda row: (-row[2], row[0]))
        kpis = [
            {
                "label": self.env._("Invoiced turnover of agents' customers"),
                "type": "money",
                "value": self._bo_round(ctx, sum(row[2] for row in rows)),
                "comparison": None,
                "change": None,
            },
            {
                "label": self.env._("Visits done"),
                "type": "int",
                "value": sum(row[3] for row in rows),
                "comparison": None,
                "change": None,
            },
        ]
        chart_list = [
            charts.bar_chart(
                self.env._("Invoiced turnover by agent"),
                [row[0] for row in rows[:10]],
                [(self.env._("Invoiced"), [row[2] for row in rows[:10]])],
                horizontal=True,
            )
        ]
        tables = [{"title": self.env._("Agents"), "columns": columns, "rows": rows}]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": []}

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL

from ..tools import charts


class BoReportKindQuality(models.AbstractModel):
    """Order quality: outcome of the order checks, findings per rule, time to confirm."""

    _name = "bo.report.kind.quality"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: order quality"

    @api.model
    def _bo_confirmation_times(self, ctx):
        """Per salesperson: confirmed orders and average hours from quotation to confirmation."""
        start, stop = self._bo_datetime_domain(ctx, "date_order", ctx["period"])
        self.env["sale.order"].flush_model(
            ["date_order", "create_date", "state", "company_id", "user_id"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT so.user_id, COUNT(*),
                       AVG(EXTRACT(EPOCH FROM so.date_order - so.create_date)) / 3600.0
                  FROM sale_order so
                 WHERE so.company_id = %s AND so.state = 'sale'
                   AND so.date_order >= %s AND so.date_order < %s
              GROUP BY so.user_id
                """,
                ctx["company"].id,
                start[2],
                stop[2],
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _bo_collect(self, ctx):
        times = self._bo_confirmation_times(ctx)
        # sudo: names of every salesperson, archived ones included (see _bo_env).
        users = self.env["res.users"].sudo().browse([row[0] for row in times if row[0]])
        names = dict(zip(users.ids, users.mapped("display_name"), strict=True))
        time_rows = sorted(
            (
                [names.get(user_id, self.env._("(none)")), count, round(hours or 0.0, 2)]
                for user_id, count, hours in times
            ),
            key=lambda row: row[0],
        )
        total_orders = sum(row[1] for row in time_rows)
        average = sum(row[1] * row[2] for row in time_rows) / total_orders if total_orders else 0.0
        kpis = [
            {
                "label": self.env._("Confirmed orders"),
                "type": "int",
                "value": total_orders,
                "comparison": None,
                "change": None,
            },
            {
                "label": self.env._("Hours from quotation to confirmation"),
                "type": "float",
                "value": round(average, 2),
                "comparison": None,
                "change": None,
            },
        ]
        tables = [
            {
                "title": self.env._("Time to confirm"),
                "columns": [
                    self._bo_column(self.env._("Salesperson")),
                    self._bo_column(self.env._("Orders"), "int"),
                    self._bo_column(self.env._("Average hours"), "float"),
                ],
                "rows": time_rows,
            }
        ]
        chart_list = [
            charts.bar_chart(
                self.env._("Hours from quotation to confirmation"),
                [row[0] for row in time_rows[:10]],
                [(self.env._("Average hours"), [row[2] for row in time_rows[:10]])],
                horizontal=True,
            )
        ]
        orders = self._bo_env(ctx, "sale.order")
        order_domain = [
            ("company_id", "=", ctx["company"].id),
            *self._bo_datetime_domain(ctx, "date_order", ctx["period"]),
        ]
        states = orders._read_group(order_domain, ["bo_check_state"], ["__count"])
        selection = dict(orders._fields["bo_check_state"]._description_selection(self.env))
        state_rows = [
            [selection.get(state, state or self.env._("(none)")), count] for state, count in states
        ]
        findings = self._bo_env(ctx, "bo.check.finding")._read_group(
            [("order_id", "in", orders._search(order_domain))],
            ["rule_id", "severity"],
            ["__count", "order_id:count_distinct"],
        )
        finding_rows = sorted(
            (
                [rule.display_name, str(severity), count, count_orders]
                for rule, severity, count, count_orders in findings
            ),
            key=lambda row: (-row[2], row[0]),
        )
        flagged = orders.search(
            [*order_domain, ("bo_check_state", "in", ("blocked", "overridden"))],
            order="date_order desc",
            limit=100,
        )
        flagged_rows = [
            [
                order.name,
                order.partner_id.display_name,
                selection.get(order.bo_check_state, ""),
                order.bo_override_reason or "",
                order.bo_override_user_id.display_name or "",
            ]
            for order in flagged
        ]
        kpis.append(
            {
                "label": self.env._("Orders checked"),
                "type": "int",
                "value": sum(row[1] for row in state_rows),
                "comparison": None,
                "change": None,
            }
        )
        tables += [
            {
                "title": self.env._("Check outcome"),
                "columns": [
                    self._bo_column(self.env._("Outcome")),
                    self._bo_column(self.env._("Orders"), "int"),
                ],
                "rows": state_rows,
            },
            {
                "title": self.env._("Findings per rule"),
                "columns": [
                    self._bo_column(self.env._("Rule")),
                    self._bo_column(self.env._("Severity")),
                    self._bo_column(self.env._("Findings"), "int"),
                    self._bo_column(self.env._("Orders"), "int"),
                ],
                "rows": finding_rows,
            },
            {
                "title": self.env._("Blocked and overridden"),
                "columns": [
                    self._bo_column(self.env._("Order")),
                    self._bo_column(self.env._("Customer")),
                    self._bo_column(self.env._("Outcome")),
                    self._bo_column(self.env._("Reason")),
                    self._bo_column(self.env._("Overridden by")),
                ],
                "rows": flagged_rows,
            },
        ]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": []}

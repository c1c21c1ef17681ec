# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL

from ..tools import charts


class BoReportKindReceivables(models.AbstractModel):
    """Receivables: overdue amounts by customer and age, payments received."""

    _name = "bo.report.kind.receivables"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: receivables"

    @api.model
    def _bo_overdue(self, ctx):
        """Rows (commercial partner id, 0-30, 31-60, 61-90, >90) at the period's end.

        Open amounts are the residuals in company currency as they stand when
        the report is generated, aged on the days between due date and the
        period's end.
        """
        report = ctx["report"]
        as_of = ctx["period"].end
        conditions = [
            SQL("aml.company_id = %s", ctx["company"].id),
            SQL("aml.parent_state = 'posted'"),
            SQL("account.account_type = 'asset_receivable'"),
            SQL("aml.reconciled IS NOT TRUE"),
            SQL("aml.amount_residual != 0"),
            SQL("COALESCE(aml.date_maturity, aml.date) < %s", as_of),
        ]
        if report.agent_ids:
            conditions.append(SQL("partner.bo_agent_id = ANY(%s)", report.agent_ids.ids))
        if report.country_ids:
            conditions.append(SQL("partner.country_id = ANY(%s)", report.country_ids.ids))
        if report.team_ids:
            conditions.append(SQL("move.team_id = ANY(%s)", report.team_ids.ids))
        if report.partner_category_ids:
            conditions.append(
                SQL(
                    "EXISTS (SELECT 1 FROM res_partner_res_partner_category_rel rel"
                    " WHERE rel.partner_id = partner.id AND rel.category_id = ANY(%s))",
                    report.partner_category_ids.ids,
                )
            )
        age = SQL("(%s::date - COALESCE(aml.date_maturity, aml.date))", as_of)
        query = SQL(
            """
            SELECT partner.id,
                   SUM(aml.amount_residual) FILTER (WHERE %(age)s <= 30),
                   SUM(aml.amount_residual) FILTER (WHERE %(age)s BETWEEN 31 AND 60),
                   SUM(aml.amount_residual) FILTER (WHERE %(age)s BETWEEN 61 AND 90),
                   SUM(aml.amount_residual) FILTER (WHERE %(age)s > 90)
              FROM account_move_line aml
              JOIN account_account account ON account.id = aml.account_id
              JOIN account_move move ON move.id = aml.move_id
              JOIN res_partner line_partner ON line_partner.id = aml.partner_id
              JOIN res_partner partner ON partner.id = line_partner.commercial_partner_id
             WHERE %(where)s
          GROUP BY partner.id
            """,
            age=age,
            where=SQL(" AND ").join(conditions),
        )
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _bo_payments(self, ctx):
        domain = [
            ("company_id", "=", ctx["company"].id),
            ("partner_type", "=", "customer"),
            ("payment_type", "=", "inbound"),
            ("state", "in", ("in_process", "paid")),
            *self._bo_date_domain("date", ctx["period"]),
        ]
        domain += self._bo_partner_domain(ctx, "partner_id.commercial_partner_id")
        return self._bo_env(ctx, "account.payment")._read_group(
            domain, ["partner_id"], ["amount_company_currency_signed:sum", "__count"]
        )

    @api.model
    def _bo_collect(self, ctx):
        overdue = self._bo_overdue(ctx)
        # sudo: names of every overdue customer, whoever their agent (see _bo_env).
        partners = self.env["res.partner"].sudo().browse([row[0] for row in overdue])
        names = dict(zip(partners.ids, partners.mapped("display_name"), strict=True))
        rows = []
        totals = [0.0] * 4
        for partner_id, *buckets in overdue:
            buckets = [self._bo_round(ctx, amount) for amount in buckets]
            totals = [a + b for a, b in zip(totals, buckets, strict=True)]
            rows.append([names[partner_id], *buckets, self._bo_round(ctx, sum(buckets))])
        rows.sort(key=lambda row: (-row[5], row[0]))
        payments = [
            [partner.display_name, count, self._bo_round(ctx, amount)]
            for partner, amount, count in self._bo_payments(ctx)
        ]
        payments.sort(key=lambda row: (-row[2], row[0]))
        received = self._bo_round(ctx, sum(row[2] for row in payments))
        bucket_labels = [
            self.env._("0-30 days"),
            self.env._("31-60 days"),
            self.env._("61-90 days"),
            self.env._("Over 90 days"),
        ]
        kpis = [
            {
                "label": self.env._("Overdue"),
                "type": "money",
                "value": self._bo_round(ctx, sum(totals)),
                "comparison": None,
                "change": None,
            },
            {
                "label": self.env._("Payments received"),
                "type": "money",
                "value": received,
                "comparison": None,
                "change": None,
            },
        ] + [
            {
                "label": label,
                "type": "money",
                "value": self._bo_round(ctx, total),
                "comparison": None,
                "change": None,
            }
            for label, total in zip(bucket_labels, totals, strict=True)
        ]
        tables = [
            {
                "title": self.env._("Overdue by customer"),
                "columns": [self._bo_column(self.env._("Customer"))]
                + [self._bo_column(label, "money") for label in bucket_labels]
                + [self._bo_column(self.env._("Total overdue"), "money")],
                "rows": rows,
            },
            {
                "title": self.env._("Payments received"),
                "columns": [
                    self._bo_column(self.env._("Customer")),
                    self._bo_column(self.env._("Payments"), "int"),
                    self._bo_column(self.env._("Amount"), "money"),
                ],
                "rows": payments,
            },
        ]
        chart_list = [
            charts.bar_chart(
                self.env._("Overdue by age"), bucket_labels, [(self.env._("Overdue"), totals)]
            )
        ]
        notes = [
            self.env._(
                "Open amounts as they stand at generation time, aged at the end of the period."
            )
        ]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": notes}

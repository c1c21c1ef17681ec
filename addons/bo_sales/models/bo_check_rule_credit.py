# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..tools.sql_values import int_array


class BoCheckRule(models.Model):
    """Shipped rules on the customer's credit: credit limit, overdue invoices."""

    # One file per family of rules, on purpose (see bo_check_rule.py).
    _inherit = "bo.check.rule"  # pylint: disable=consider-merging-classes-inherited

    code = fields.Selection(
        selection_add=[
            ("credit_limit", "Credit limit exceeded"),
            ("overdue", "Overdue invoices"),
        ]
    )

    def _bo_check_credit_limit(self, orders, facts):
        """Open receivables + confirmed orders not invoiced yet + this order,
        in company currency, against the customer's credit limit (Odoo's field)."""
        limited = [f for f in self._bo_order_facts(orders, facts).values() if f.credit_limit > 0]
        if not limited:
            return []
        partner_ids = {f.partner_id for f in limited}
        receivables = self._bo_receivables(partner_ids, SQL("TRUE"))
        uninvoiced = dict(
            self._bo_query(
                SQL(
                    """
                    SELECT p.commercial_partner_id,
                           SUM(l.untaxed_amount_to_invoice
                               * CASE WHEN l.price_subtotal <> 0
                                      THEN l.price_total / l.price_subtotal ELSE 1 END
                               / COALESCE(NULLIF(so.currency_rate, 0), 1))
                      FROM sale_order_line l
                      JOIN sale_order so ON so.id = l.order_id
                      JOIN res_partner p ON p.id = so.partner_invoice_id
                     WHERE so.partner_invoice_id = ANY(%s) AND so.company_id = %s
                       AND so.state = 'sale' AND l.untaxed_amount_to_invoice > 0
                     GROUP BY p.commercial_partner_id
                    """,
                    int_array(
                        contact
                        for contact, customer in self._bo_customer_contacts(orders, facts).items()
                        if customer in partner_ids
                    ),
                    self.env.company.id,
                )
            )
        )
        currency = self.env.company.currency_id
        findings = []
        for order in limited:
            exposure = (
                (receivables.get(order.partner_id, (0.0,))[0] or 0.0)
                + (uninvoiced.get(order.partner_id) or 0.0)
                + (order.total_company or 0.0)
            )
            if currency.compare_amounts(exposure, order.credit_limit) > 0:
                findings.append(
                    {
                        "order_id": order.id,
                        "message_key": "credit_limit",
                        "message_params": {
                            "exposure": {"amount": exposure, "currency": currency.id},
                            "limit": {"amount": order.credit_limit, "currency": currency.id},
                        },
                    }
                )
        return findings

    def _bo_check_overdue(self, orders, facts):
        days = self.param_days or 0
        limit_date = fields.Date.context_today(self) - timedelta(days=days)
        order_facts = self._bo_order_facts(orders, facts).values()
        overdue = self._bo_receivables(
            {f.partner_id for f in order_facts}, SQL("aml.date_maturity < %s", limit_date)
        )
        if not overdue:
            return []
        currency = self.env.company.currency_id
        findings = []
        for order in order_facts:
            if order.partner_id not in overdue:
                continue
            amount, count, oldest = overdue[order.partner_id]
            findings.append(
                {
                    "order_id": order.id,
                    "message_key": "overdue",
                    "message_params": {
                        "count": {"number": count},
                        "days": {"number": days},
                        "amount": {"amount": amount, "currency": currency.id},
                        "date": {"date": fields.Date.to_string(oldest)},
                    },
                }
            )
        return findings

    def _bo_receivables(self, partner_ids, extra_condition):
        """{commercial partner id: (amount, count, oldest due date)} of the open
        receivable items of the current company."""
        rows = self._bo_query(
            SQL(
                """
                SELECT aml.partner_id, SUM(aml.amount_residual), COUNT(*), MIN(aml.date_maturity)
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE aml.partner_id = ANY(%s) AND aml.company_id = %s
                   AND aml.parent_state = 'posted' AND acc.account_type = 'asset_receivable'
                   AND NOT aml.reconciled AND aml.amount_residual > 0 AND %s
                 GROUP BY aml.partner_id
                """,
                list(partner_ids),
                self.env.company.id,
                extra_condition,
            )
        )
        return {row[0]: row[1:] for row in rows}

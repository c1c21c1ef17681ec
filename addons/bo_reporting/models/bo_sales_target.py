# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BoSalesTarget(models.Model):
    _name = "bo.sales.target"
    _description = "Agent sales target"
    _order = "date_from desc, agent_id"
    _check_company_auto = True

    agent_id = fields.Many2one(
        "res.partner", required=True, domain="[('bo_is_agent', '=', True)]", index=True
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    amount = fields.Monetary(
        string="Target turnover", required=True, help="Invoiced turnover, net of credit notes."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A target must be a positive amount."),
    ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for target in self:
            if target.date_to < target.date_from:
                raise ValidationError(
                    self.env._(
                        "The target of %(agent)s ends before it starts.",
                        agent=target.agent_id.display_name,
                    )
                )

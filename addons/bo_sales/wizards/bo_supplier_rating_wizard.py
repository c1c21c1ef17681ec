# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.bo_supplier_rating import quarter_start

QUARTERS = [
    ("1", "Q1 (January-March)"),
    ("2", "Q2 (April-June)"),
    ("3", "Q3 (July-September)"),
    ("4", "Q4 (October-December)"),
]


def _previous_quarter(today):
    return quarter_start(today) - relativedelta(months=3)


class BoSupplierRatingWizard(models.TransientModel):
    """Dialog rating the suppliers of the current company for a chosen quarter,
    replacing that quarter's ratings (after late receipts or complaints, or new
    thresholds)."""

    _name = "bo.supplier.rating.wizard"
    _description = "Rate Suppliers for a Quarter"

    year = fields.Integer(
        required=True, default=lambda self: _previous_quarter(fields.Date.context_today(self)).year
    )
    quarter = fields.Selection(
        QUARTERS,
        required=True,
        default=lambda self: str(
            (_previous_quarter(fields.Date.context_today(self)).month + 2) // 3
        ),
    )
    period_start = fields.Date(string="Quarter Start", compute="_compute_period_start")

    @api.depends("year", "quarter")
    def _compute_period_start(self):
        for wizard in self:
            valid = wizard.quarter and 1900 < wizard.year < 10000
            wizard.period_start = (
                date(wizard.year, 3 * int(wizard.quarter) - 2, 1) if valid else False
            )

    def action_rate(self):
        self.ensure_one()
        if not self.period_start:
            raise UserError(self.env._("Choose a year and a quarter."))
        if self.period_start > fields.Date.context_today(self):
            raise UserError(self.env._("That quarter has not started yet."))
        self.env["bo.supplier.rating"]._bo_rate_quarter(self.period_start, self.env.company)
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_supplier_rating_action")
        action["domain"] = [
            ("period_start", "=", fields.Date.to_string(self.period_start)),
            ("company_id", "=", self.env.company.id),
        ]
        return action

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class BoCheckOverrideWizard(models.TransientModel):
    """Dialog asking a Back Office Manager why blocked orders may go ahead."""

    _name = "bo.check.override.wizard"
    _description = "Override Order Checks"

    order_ids = fields.Many2many(comodel_name="sale.order", string="Orders", required=True)
    finding_ids = fields.Many2many(
        comodel_name="bo.check.finding",
        string="Blocking Findings",
        compute="_compute_finding_ids",
    )
    reason = fields.Text(required=True)

    # NOTE: depends on the orders so that the dialog lists the findings as soon
    # as it opens (the orders come from the context), before it is saved.
    @api.depends("order_ids")
    def _compute_finding_ids(self):
        for wizard in self:
            wizard.finding_ids = wizard.order_ids.bo_check_finding_ids.filtered(
                lambda f: f.severity == "blocking" and not f.overridden
            )

    def action_apply(self):
        self.ensure_one()
        self.order_ids._bo_override_checks(self.reason)
        return {"type": "ir.actions.act_window_close"}

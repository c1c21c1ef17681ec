# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..models.res_partner_supplier import SUPPLIER_STATES


class BoSupplierStateWizard(models.TransientModel):
    """Dialog asking why suppliers are suspended or rejected."""

    _name = "bo.supplier.state.wizard"
    _description = "Change Supplier Status"

    partner_ids = fields.Many2many("res.partner", string="Suppliers", required=True)
    state = fields.Selection(SUPPLIER_STATES, string="New Status", required=True, readonly=True)
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.partner_ids._bo_supplier_set_state(self.state, self.reason)
        return {"type": "ir.actions.act_window_close"}

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    bo_import_id = fields.Many2one(
        comodel_name="bo.order.import",
        string="Import Batch",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Spreadsheet import that created this order.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        compute="_compute_bo_agent_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain=[("bo_is_agent", "=", True)],
        tracking=True,
        help="Agent who took the order; by default the customer's agent.",
    )
    bo_visit_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Visit",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Appointment at which the agent took this order.",
    )

    @api.depends("partner_id")
    def _compute_bo_agent_id(self):
        for order in self:
            order.bo_agent_id = order.partner_id.commercial_partner_id.bo_agent_id

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"

    # The sales team (team_id) is sale's own column of this report.
    bo_agent_id = fields.Many2one("res.partner", string="Agent", readonly=True)

    @api.model
    def _select(self) -> SQL:
        return SQL("%s, commercial_partner.bo_agent_id AS bo_agent_id", super()._select())

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleReport(models.Model):
    _inherit = "sale.report"

    bo_agent_id = fields.Many2one("res.partner", string="Agent", readonly=True)

    def _bo_agent_sql(self):
        # NOTE: the order's own agent wins over the agent of the customer's
        # commercial partner.
        return "COALESCE(s.bo_agent_id, bo_commercial.bo_agent_id)"

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["bo_agent_id"] = self._bo_agent_sql()
        return res

    def _from_sale(self):
        return (
            super()._from_sale()
            + " LEFT JOIN res_partner bo_commercial"
            + " ON bo_commercial.id = partner.commercial_partner_id "
        )

    def _group_by_sale(self):
        return super()._group_by_sale() + ", " + self._bo_agent_sql()

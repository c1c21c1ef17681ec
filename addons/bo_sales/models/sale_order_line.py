# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.check_engine import is_engine


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    bo_check_finding_ids = fields.One2many(
        comodel_name="bo.check.finding", inverse_name="line_id", string="Check Findings"
    )

    # ------------------------------------------------------------------
    # CRUD methods
    # ------------------------------------------------------------------

    @api.model
    def _bo_check_trigger_fields(self):
        """Fields of a line whose change (outside the order form) re-checks its order."""
        return [
            "product_id",
            "product_uom_qty",
            "product_uom",
            "price_unit",
            "discount",
            "product_packaging_id",
        ]

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_refuse_engine_vals(vals_list)
        lines = super().create(vals_list)
        if not self.env.context.get("bo_check_skip"):
            lines.order_id._bo_check_open()
        return lines

    def _bo_refuse_engine_vals(self, vals_list):
        if not is_engine(self.env) and any(vals.get("bo_check_finding_ids") for vals in vals_list):
            raise AccessError(
                self.env._(
                    "Order check findings are written by the order checks only: "
                    "run the checks again, or ask a Back Office Manager to override them."
                )
            )

    def write(self, vals):
        self._bo_refuse_engine_vals([vals])
        if not set(vals) & set(self._bo_check_trigger_fields()):
            return super().write(vals)
        if self.env.context.get("bo_check_skip"):
            # NOTE: overridden orders are re-checked all the same: their override
            # covers the values it approved (see sale.order write()).
            overridden = self.order_id.filtered(lambda o: o.bo_check_state == "overridden")
            res = super().write(vals)
            overridden._bo_check_open()
            return res
        res = super().write(vals)
        self.order_id._bo_check_open()
        return res

    def unlink(self):
        orders = self.order_id
        if self.env.context.get("bo_check_skip"):
            orders = orders.filtered(lambda o: o.bo_check_state == "overridden")
        res = super().unlink()
        orders.exists()._bo_check_open()
        return res

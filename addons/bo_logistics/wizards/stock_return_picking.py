# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..models.stock_picking import RETURN_REASONS


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    bo_return_reason = fields.Selection(RETURN_REASONS, string="Return Reason")
    bo_return_note = fields.Char(string="Return Notes")

    def _create_return(self):
        new_picking = super()._create_return()
        if self.picking_id.picking_type_code == "outgoing":
            new_picking.write(
                {"bo_return_reason": self.bo_return_reason, "bo_return_note": self.bo_return_note}
            )
            # The draft return DDT is the back office's paper, made for it: the
            # warehouse operator who records the return may not create DDTs, and
            # the return must not fail for that. Goods coming back into an
            # internal step (a return operation type that is not a receipt)
            # travel on no DDT.
            if new_picking.picking_type_code in ("incoming", "outgoing"):
                self.env["bo.transport.document"].sudo()._bo_create_from_pickings(
                    new_picking, transport_reason="return"
                )
        return new_picking

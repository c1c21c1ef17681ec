# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class BoTransportDocumentLine(models.Model):
    """The goods of a DDT (nature, quantity, unit), changed only while it is a draft."""

    _name = "bo.transport.document.line"
    _description = "Transport Document Goods"
    _order = "document_id, sequence, id"

    document_id = fields.Many2one(
        "bo.transport.document", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="document_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    picking_id = fields.Many2one("stock.picking", string="Transfer")
    move_id = fields.Many2one("stock.move")
    product_id = fields.Many2one("product.product")
    name = fields.Char(string="Description", required=True)
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if any(line.document_id.state != "draft" for line in lines):
            raise UserError(self.env._("The goods of a validated DDT cannot be changed."))
        return lines

    def write(self, vals):
        if any(line.document_id.state != "draft" for line in self):
            raise UserError(self.env._("The goods of a validated DDT cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(line.document_id.state != "draft" for line in self):
            raise UserError(self.env._("The goods of a validated DDT cannot be changed."))

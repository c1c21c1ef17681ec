# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    bo_floor_price = fields.Float(
        string="Floor Price",
        digits="Product Price",
        help="Lowest net unit price (after discount, in company currency) at which the "
        "product may be sold; the order checks report lines below it.",
    )
    bo_min_order_qty = fields.Float(
        string="Minimum Order Quantity",
        digits="Product Unit of Measure",
        help="Smallest quantity a customer may order, in the product's unit of measure.",
    )

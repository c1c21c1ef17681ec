# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    bo_pays_shipping = fields.Boolean(
        string="Pays Shipping",
        default=True,
        help="The courier cost is added to this customer's orders as a delivery line.",
    )

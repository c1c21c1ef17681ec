# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoClaim(models.Model):
    """The supplier whose goods a complaint is about, for the supplier rating."""

    _inherit = "bo.claim"

    bo_supplier_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        groups="bo_sales.bo_sales_group_user",
        help="The supplier of the goods complained about: the complaint counts in the "
        "supplier's quarterly rating (unless rejected).",
    )

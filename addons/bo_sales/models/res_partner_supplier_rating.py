# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .bo_supplier_rating import GRADES


# NOTE: the supplier features of res.partner are kept in files of their own,
# apart from the customer and agent ones of res_partner.py.
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    """The supplier's quarterly ratings, on its form (back office only)."""

    _inherit = "res.partner"

    bo_supplier_rating_count = fields.Integer(
        string="Ratings",
        compute="_compute_bo_supplier_rating",
        groups="bo_sales.bo_sales_group_user",
    )
    bo_supplier_last_rating = fields.Selection(
        GRADES,
        string="Last Rating",
        compute="_compute_bo_supplier_rating",
        groups="bo_sales.bo_sales_group_user",
        help="The supplier's rating for the latest quarter rated in the current company.",
    )

    @api.depends_context("company")
    def _compute_bo_supplier_rating(self):
        Rating = self.env["bo.supplier.rating"]
        commercial = self.commercial_partner_id
        domain = [("partner_id", "in", commercial.ids), ("company_id", "=", self.env.company.id)]
        counts = dict(Rating._read_group(domain, ["partner_id"], ["__count"]))
        latest = {}
        for rating in Rating.search(domain, order="period_start desc"):
            latest.setdefault(rating.partner_id, rating.rating)
        for partner in self:
            partner.bo_supplier_rating_count = counts.get(partner.commercial_partner_id, 0)
            partner.bo_supplier_last_rating = latest.get(partner.commercial_partner_id, False)

    def action_bo_view_supplier_ratings(self):
        """The supplier's ratings, quarter by quarter."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_supplier_rating_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        action["view_mode"] = "list,pivot,graph,form"
        action["views"] = [(False, mode) for mode in action["view_mode"].split(",")]
        return action

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # NOTE: the Italian e-invoicing data of a partner, declared exactly as
    # l10n_it_edi declares it (same names, same column), so that the suite works
    # without the Italian localization and shares its data when it is installed.
    l10n_it_codice_fiscale = fields.Char(string="Codice Fiscale", size=16)
    l10n_it_pa_index = fields.Char(
        string="Destination Code",
        size=7,
        help="SDI recipient code (codice destinatario) for electronic invoices: "
        "7 characters for businesses, 6 for the public administration.",
    )
    l10n_it_pec_email = fields.Char(string="PEC e-mail")

    bo_is_agent = fields.Boolean(
        string="Sales Agent",
        help="External agent (agente di commercio), representative or internal "
        "salesperson whose customers and agenda the back office follows.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        domain=[("bo_is_agent", "=", True)],
        index="btree_not_null",
        tracking=True,
        help="Agent who follows this customer.",
    )
    bo_agent_customer_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="bo_agent_id",
        string="Agent's Customers",
    )
    bo_agent_customer_count = fields.Integer(
        string="Customers",
        compute="_compute_bo_agent_customer_count",
    )

    @api.depends("bo_agent_customer_ids")
    def _compute_bo_agent_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("bo_agent_id", "in", self.ids)], ["bo_agent_id"], ["__count"]
            )
        )
        for partner in self:
            partner.bo_agent_customer_count = counts.get(partner, 0)

    def action_bo_view_agent_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_customer_action")
        action["domain"] = [("bo_agent_id", "=", self.id)]
        action["context"] = {"default_bo_agent_id": self.id}
        return action

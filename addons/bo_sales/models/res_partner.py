# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import tax_codes


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
    bo_max_discount = fields.Float(
        string="Maximum Discount (%)",
        help="Agents: highest line discount the agent may grant on the orders they bring; "
        "0 means no maximum. The order checks report larger discounts.",
    )
    bo_requires_client_ref = fields.Boolean(
        string="Requires Order Reference",
        help="The customer wants its own purchase order number on every order and invoice; "
        "the order checks block orders without it.",
    )
    bo_data_issue_ids = fields.Many2many(
        comodel_name="bo.partner.issue",
        string="Data Problems",
        compute="_compute_bo_data_issue_ids",
        store=True,
        help="Problems in the master data of this customer or supplier, to be fixed "
        "by the back office.",
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

    @api.depends(
        "name",
        "vat",
        "l10n_it_codice_fiscale",
        "l10n_it_pa_index",
        "l10n_it_pec_email",
        "email",
        "street",
        "zip",
        "city",
        "country_id",
        "is_company",
        "parent_id",
        "customer_rank",
        "supplier_rank",
        "bo_is_agent",
        "property_payment_term_id",
        "property_supplier_payment_term_id",
    )
    def _compute_bo_data_issue_ids(self):
        """Set-based: the duplicates of all partners at once (one query), the
        other problems from the partner's own fields."""
        Issue = self.env["bo.partner.issue"]
        issues = {issue.code: issue for issue in Issue.search([])}
        checked = self.filtered(lambda p: p._bo_needs_data_check())
        duplicate_vats, duplicate_names = checked._bo_duplicate_keys()
        for partner in self:
            if partner not in checked:
                partner.bo_data_issue_ids = Issue
                continue
            codes = partner._bo_data_issue_codes(duplicate_vats, duplicate_names)
            # NOTE: a recordset, not a list: an empty list of ids is read as
            # "no command" and would leave the old problems in place.
            partner.bo_data_issue_ids = Issue.union(
                *(issues[code] for code in codes if code in issues)
            )

    def _bo_needs_data_check(self):
        self.ensure_one()
        return (
            not self.parent_id
            and not self.bo_is_agent
            and (self.is_company or self.customer_rank > 0 or self.supplier_rank > 0)
        )

    def _bo_duplicate_keys(self):
        """(VAT numbers, normalised names) of these partners that another
        company-level partner shares."""
        vats = {partner: tax_codes.normalise_vat(partner.vat) for partner in self}
        names = {partner: tax_codes.normalise_name(partner.name) for partner in self}
        vat_count = Counter(vat for vat in vats.values() if vat)
        name_count = Counter(name for name in names.values() if name)
        if vat_count or name_count:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT vat, name FROM (
                        SELECT %s AS vat, %s AS name
                          FROM res_partner p
                         WHERE p.active AND p.parent_id IS NULL AND p.id <> ALL(%s)
                    ) n
                    WHERE n.vat = ANY(%s) OR n.name = ANY(%s)
                    """,
                    SQL(tax_codes.VAT_SQL),
                    SQL(tax_codes.NAME_SQL),
                    [pid for pid in self._origin.ids if pid],
                    list(vat_count),
                    list(name_count),
                )
            )
            for vat, name in self.env.cr.fetchall():
                if vat in vat_count:
                    vat_count[vat] += 1
                if name in name_count:
                    name_count[name] += 1
        return (
            {vat for vat, count in vat_count.items() if count > 1},
            {name for name, count in name_count.items() if count > 1},
        )

    def _bo_data_issue_codes(self, duplicate_vats, duplicate_names):
        self.ensure_one()
        country = self.country_id.code
        italian_business = country == "IT" and self.is_company
        codes = []
        if self.vat and not tax_codes.is_valid_vat(self.vat, country):
            codes.append("vat_invalid")
        elif not self.vat and self.is_company and country in tax_codes.EU_COUNTRY_CODES:
            codes.append("vat_missing")
        if self.l10n_it_codice_fiscale and not tax_codes.is_valid_fiscal_code(
            self.l10n_it_codice_fiscale
        ):
            codes.append("fiscal_code_invalid")
        elif country == "IT" and not self.is_company and not self.l10n_it_codice_fiscale:
            codes.append("fiscal_code_missing")
        if (
            italian_business
            and (self.l10n_it_pa_index or "0000000") == "0000000"
            and not (self.l10n_it_pec_email)
        ):
            codes.append("einvoice_missing")
        if not self.email:
            codes.append("email_missing")
        if not (self.street and self.zip and self.city and self.country_id):
            codes.append("address_missing")
        is_supplier_only = self.supplier_rank > 0 and not self.customer_rank
        if not (
            self.property_supplier_payment_term_id
            if is_supplier_only
            else self.property_payment_term_id
        ):
            codes.append("payment_term_missing")
        if tax_codes.normalise_vat(self.vat) in duplicate_vats:
            codes.append("duplicate_vat")
        if tax_codes.normalise_name(self.name) in duplicate_names:
            codes.append("duplicate_name")
        return codes

    @api.model
    def _cron_bo_check_partner_data(self):
        """Nightly (and on demand): re-evaluate every company-level partner, since a
        new partner can make an existing one a duplicate without touching it."""
        partners = self.with_context(active_test=False).search([("parent_id", "=", False)])
        self.env.add_to_compute(self._fields["bo_data_issue_ids"], partners)
        partners._recompute_recordset(["bo_data_issue_ids"])

    def action_bo_check_partner_data(self):
        self.env["res.partner"]._cron_bo_check_partner_data()
        return True

    def action_bo_view_agent_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_customer_action")
        action["domain"] = [("bo_agent_id", "=", self.id)]
        action["context"] = {"default_bo_agent_id": self.id}
        return action

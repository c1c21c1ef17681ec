# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Problems in the master data of customers and suppliers, for the back
office to fix (``bo.partner.issue``): tax codes, e-invoicing channel, address,
e-mail, payment terms and duplicates (``res_partner_duplicate.py``)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools import tax_codes


class ResPartner(models.Model):
    # NOTE: res.partner is extended in one file per concern (res_partner.py
    # lists them): these extensions are meant apart, not to be merged.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    bo_data_issue_ids = fields.Many2many(
        comodel_name="bo.partner.issue",
        string="Data Problems",
        compute="_compute_bo_data_issue_ids",
        store=True,
        help="Problems in the master data of this customer or supplier, to be fixed "
        "by the back office.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends(
        "name",
        "vat",
        "l10n_it_codice_fiscale",
        "l10n_it_pa_index",
        "l10n_it_pec_email",
        "email",
        "street",
        "street2",
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
        einvoicing = self._bo_italian_einvoicing()
        for partner in self:
            if partner not in checked:
                partner.bo_data_issue_ids = Issue
                continue
            codes = partner._bo_data_issue_codes(duplicate_vats, duplicate_names, einvoicing)
            # NOTE: a recordset, not a list: an empty list of ids is read as
            # "no command" and would leave the old problems in place.
            partner.bo_data_issue_ids = Issue.union(
                *(issues[code] for code in codes if code in issues)
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_bo_check_partner_data(self):
        # NOTE: the check rewrites the stored problems of every partner: a
        # back-office duty, refused to anybody else calling it over RPC.
        if not self.env.user.has_group("bo_sales.bo_sales_group_user"):
            raise AccessError(
                self.env._("Only the back office can check the partners' master data.")
            )
        self.env["res.partner"]._cron_bo_check_partner_data()
        return True

    # ------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------

    @api.model
    def _cron_bo_check_partner_data(self):
        """Nightly (and on demand): re-evaluate every company-level partner, since a
        new partner can make an existing one a duplicate without touching it."""
        partners = self.with_context(active_test=False).search([("parent_id", "=", False)])
        self.env.add_to_compute(self._fields["bo_data_issue_ids"], partners)
        partners._recompute_recordset(["bo_data_issue_ids"])

    def _bo_needs_data_check(self):
        self.ensure_one()
        return (
            not self.parent_id
            and not self.bo_is_agent
            and (self.is_company or self.customer_rank > 0 or self.supplier_rank > 0)
        )

    def _bo_data_issue_codes(self, duplicate_vats, duplicate_names, einvoicing=False):
        self.ensure_one()
        country = self.country_id.code
        italian_business = country == "IT" and self.is_company
        codes = []
        is_supplier_only = self.supplier_rank > 0 and not self.customer_rank
        if self.vat and not tax_codes.is_valid_vat(self.vat, country):
            codes.append("vat_invalid")
        elif not self.vat and self.is_company and country in tax_codes.EU_COUNTRY_CODES:
            codes.append("vat_missing")
        elif (
            einvoicing
            and not is_supplier_only
            and not (self.vat or self.l10n_it_codice_fiscale)
            and country != "IT"
        ):
            # NOTE: Italian private customers get "fiscal code missing" below.
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
        # NOTE: the address as Italian e-invoicing requires it (street or street2).
        if not ((self.street or self.street2) and self.zip and self.city and self.country_id):
            codes.append("address_missing")
        if not (
            self.property_supplier_payment_term_id
            if is_supplier_only
            else self.property_payment_term_id
        ):
            codes.append("payment_term_missing")
        if self in duplicate_vats:
            codes.append("duplicate_vat")
        if self in duplicate_names:
            codes.append("duplicate_name")
        return codes

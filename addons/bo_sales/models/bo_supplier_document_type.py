# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class BoSupplierDocumentType(models.Model):
    """A kind of qualification document asked of suppliers (DURC, chamber of
    commerce extract, ISO 9001 certificate...), with how long it is valid and
    what its expiry means for the supplier."""

    _name = "bo.supplier.document.type"
    _description = "Supplier Document Type"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code, unique per company (DURC, VISURA...).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    validity_days = fields.Integer(
        string="Validity (Days)",
        help="Days a document of this type is valid from its issue date; the expiry date "
        "of a new document is computed from it. 0: no standard validity, the expiry date "
        "is entered by hand.",
    )
    mandatory = fields.Boolean(
        help="Every supplier in the register must hold a valid document of this type: "
        "a supplier cannot be qualified without it.",
    )
    suspend_on_expiry = fields.Boolean(
        string="Suspend on Expiry",
        help="When the document of a qualified supplier expires (and no newer one is "
        "valid), the daily job suspends the supplier. Only for mandatory types.",
    )
    reminder_days = fields.Integer(
        string="Reminder (Days Before)",
        default=30,
        help="Days before the expiry date the back office gets an activity to renew the "
        "document; the document shows as expiring from then on.",
    )
    multiple = fields.Boolean(
        string="Several per Supplier",
        help="A supplier may hold several documents of this type at once (certificates of "
        "different schemes). Otherwise a newer document replaces the previous one, which "
        "is archived.",
    )
    country_ids = fields.Many2many(
        "res.country",
        relation="bo_supplier_document_type_country_rel",
        column1="type_id",
        column2="country_id",
        string="Countries",
        help="Asked only of suppliers of these countries (a DURC exists for Italian "
        "companies only); empty: of every supplier.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to ask this document in every company.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a supplier document type must be unique per company.",
        ),
        (
            "days_positive",
            "check(validity_days >= 0 and reminder_days >= 0)",
            "The validity and reminder days of a document type cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        types.filtered("mandatory")._bo_recompute_suppliers()
        return types

    def write(self, vals):
        mandatory_before = self.filtered("mandatory")
        res = super().write(vals)
        if {"mandatory", "active", "company_id", "country_ids"} & set(vals):
            (mandatory_before | self.filtered("mandatory"))._bo_recompute_suppliers()
        return res

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_recompute_suppliers(self):
        """A mandatory type that appears, goes or changes company changes which
        suppliers hold every document they must: recompute them all."""
        if not self:
            return
        # sudo: the register's documents status is judged on all suppliers,
        # whatever the configuring manager may read.
        suppliers = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("bo_supplier_state", "!=", False)])
        )
        for fname in ("bo_supplier_documents_valid", "bo_supplier_document_alert"):
            self.env.add_to_compute(suppliers._fields[fname], suppliers)

    def _bo_applies_to(self, partner):
        """Whether this type is asked of ``partner``: types shared by every
        company apply to every supplier, a company's own types to that
        company's suppliers; types of some countries to their suppliers."""
        self.ensure_one()
        # NOTE: a partner without country is taken for one of the company's.
        country = partner.country_id or partner.company_id.country_id or self.env.company.country_id
        return (not self.company_id or self.company_id == partner.company_id) and (
            not self.country_ids or country in self.country_ids
        )

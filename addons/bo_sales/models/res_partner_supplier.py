# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

SUPPLIER_STATES = [
    ("candidate", "Candidate"),
    ("evaluation", "Under Evaluation"),
    ("qualified", "Qualified"),
    ("suspended", "Suspended"),
    ("rejected", "Rejected"),
]

DOCUMENT_ALERTS = [
    ("ok", "Up to Date"),
    ("expiring", "Expiring"),
    ("missing", "Missing"),
    ("expired", "Expired"),
]

#: Context key of the supplier workflow, the only writer of the status.
WORKFLOW_KEY = "bo_supplier_workflow"


class ResPartner(models.Model):
    """The supplier register (albo fornitori) on the commercial entity: status
    with its audit, supplied categories, qualification documents."""

    _inherit = "res.partner"

    bo_supplier_state = fields.Selection(
        SUPPLIER_STATES,
        string="Supplier Status",
        tracking=True,
        index=True,
        copy=False,
        groups="bo_sales.bo_sales_group_user",
        help="Where the supplier stands in the register; changed by the buttons of the "
        "supplier form, each recorded in the chatter with who, when and why.",
    )
    bo_supplier_state_reason = fields.Text(
        string="Status Reason",
        readonly=True,
        copy=False,
        groups="bo_sales.bo_sales_group_user",
        help="Why the supplier is in its current status.",
    )
    bo_supplier_state_date = fields.Datetime(
        string="Status Since", readonly=True, copy=False, groups="bo_sales.bo_sales_group_user"
    )
    bo_supplier_state_user_id = fields.Many2one(
        "res.users",
        string="Status Set By",
        readonly=True,
        copy=False,
        groups="bo_sales.bo_sales_group_user",
    )
    bo_supplier_category_ids = fields.Many2many(
        "product.category",
        relation="bo_supplier_product_category_rel",
        column1="partner_id",
        column2="category_id",
        string="Supplied Categories",
        groups="bo_sales.bo_sales_group_user",
        help="Categories of goods or services the supplier offers.",
    )
    bo_supplier_ateco_code = fields.Char(
        string="ATECO Code",
        groups="bo_sales.bo_sales_group_user",
        help="Economic activity code (ATECO) of the chamber of commerce.",
    )
    bo_supplier_document_ids = fields.One2many(
        "bo.supplier.document",
        "partner_id",
        string="Qualification Documents",
        groups="bo_sales.bo_sales_group_user",
    )
    bo_supplier_documents_valid = fields.Boolean(
        string="Documents Valid",
        compute="_compute_bo_supplier_documents",
        store=True,
        groups="bo_sales.bo_sales_group_user",
        help="The supplier holds every mandatory document, none expired. Always false "
        "outside the supplier register.",
    )
    bo_supplier_document_alert = fields.Selection(
        DOCUMENT_ALERTS,
        string="Documents",
        compute="_compute_bo_supplier_documents",
        store=True,
        groups="bo_sales.bo_sales_group_user",
        help="Worst news among the supplier's documents: a document expired, a mandatory "
        "one missing, one about to expire.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends(
        "bo_supplier_state",
        "company_id",
        "bo_supplier_document_ids",
        "bo_supplier_document_ids.active",
        "bo_supplier_document_ids.state",
        "bo_supplier_document_ids.document_type_id",
    )
    def _compute_bo_supplier_documents(self):
        suppliers = self.filtered("bo_supplier_state")
        (self - suppliers).update(
            {"bo_supplier_documents_valid": False, "bo_supplier_document_alert": False}
        )
        if not suppliers:
            return
        mandatory = (
            self.env["bo.supplier.document.type"].sudo().search([("mandatory", "=", True)])
        )
        for partner in suppliers:
            missing, expired_mandatory = partner._bo_supplier_document_gaps(mandatory)
            states = set(partner.bo_supplier_document_ids.mapped("state"))
            partner.bo_supplier_documents_valid = not missing and not expired_mandatory
            if "expired" in states:
                partner.bo_supplier_document_alert = "expired"
            elif missing:
                partner.bo_supplier_document_alert = "missing"
            elif "expiring" in states:
                partner.bo_supplier_document_alert = "expiring"
            else:
                partner.bo_supplier_document_alert = "ok"

    def _bo_supplier_document_gaps(self, mandatory_types):
        """(types missing, types whose documents are all expired) among the
        mandatory ``mandatory_types`` asked of this supplier."""
        self.ensure_one()
        asked = mandatory_types.filtered(lambda t: t._bo_applies_to(self))
        documents = self.bo_supplier_document_ids
        held = documents.document_type_id
        current = documents.filtered(lambda d: d.state != "expired").document_type_id
        return asked - held, (asked & held) - current

    @api.constrains("bo_supplier_state", "parent_id")
    def _check_bo_supplier_commercial(self):
        for partner in self:
            if partner.bo_supplier_state and partner.commercial_partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is a contact of %(company)s: the supplier register "
                        "holds the company, not its contacts.",
                        contact=partner.display_name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(WORKFLOW_KEY) and any(
            vals.get("bo_supplier_state") not in (None, False, "candidate") for vals in vals_list
        ):
            raise AccessError(self._bo_supplier_state_locked_message())
        return super().create(vals_list)

    def write(self, vals):
        if "bo_supplier_state" in vals and not self.env.context.get(WORKFLOW_KEY):
            raise AccessError(self._bo_supplier_state_locked_message())
        return super().write(vals)

    def _bo_supplier_state_locked_message(self):
        return self.env._(
            "The supplier status changes only through the buttons of the supplier "
            "(Start Evaluation, Qualify, Suspend, Reject...), which record who, when and why."
        )

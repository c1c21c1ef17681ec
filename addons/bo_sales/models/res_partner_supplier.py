# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

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

#: Written by the workflow (status and its audit) and by the documents'
#: check only, never by a client.
WORKFLOW_FIELDS = frozenset(
    [
        "bo_supplier_state",
        "bo_supplier_state_reason",
        "bo_supplier_state_date",
        "bo_supplier_state_user_id",
        "bo_supplier_documents_valid",
        "bo_supplier_document_alert",
    ]
)

#: The statuses a supplier may come from, for each status (False: not in the register).
TRANSITIONS = {
    "candidate": (False, "rejected"),
    "evaluation": ("candidate", "qualified", "suspended"),
    "qualified": ("evaluation", "suspended"),
    "suspended": ("qualified",),
    "rejected": ("candidate", "evaluation", "qualified", "suspended"),
}
#: Statuses that need a reason, asked through the status wizard.
REASON_REQUIRED = ("suspended", "rejected")


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
        "country_id",
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
        # NOTE: a contact may be created straight into the register, as a
        # candidate; anything further is the workflow's.
        if not self.env.context.get(WORKFLOW_KEY) and any(
            vals.get("bo_supplier_state") not in (None, False, "candidate")
            or (WORKFLOW_FIELDS - {"bo_supplier_state"}) & set(vals)
            for vals in vals_list
        ):
            raise AccessError(self._bo_supplier_state_locked_message())
        for vals in vals_list:
            if vals.get("bo_supplier_state"):
                vals.setdefault("bo_supplier_state_date", fields.Datetime.now())
                vals.setdefault("bo_supplier_state_user_id", self.env.uid)
        return super().create(vals_list)

    def write(self, vals):
        if WORKFLOW_FIELDS & set(vals) and not self.env.context.get(WORKFLOW_KEY):
            raise AccessError(self._bo_supplier_state_locked_message())
        return super().write(vals)

    def _bo_supplier_state_locked_message(self):
        return self.env._(
            "The supplier status changes only through the buttons of the supplier "
            "(Start Evaluation, Qualify, Suspend, Reject...), which record who, when and why."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_bo_supplier_add(self):
        """Put these partners in the supplier register, as candidates."""
        self._bo_supplier_set_state("candidate")
        return True

    def action_bo_supplier_start_evaluation(self):
        self._bo_supplier_set_state("evaluation")
        return True

    def action_bo_supplier_qualify(self):
        """Qualify the suppliers; refused while a mandatory document is missing or expired."""
        self._bo_supplier_set_state("qualified")
        return True

    def action_bo_supplier_reinstate(self):
        """Suspended suppliers qualified again, their documents valid."""
        self._bo_supplier_set_state("qualified")
        return True

    def action_bo_supplier_reopen(self):
        """Rejected suppliers back among the candidates."""
        self._bo_supplier_set_state("candidate")
        return True

    def action_bo_supplier_suspend(self):
        return self._bo_supplier_open_state_wizard("suspended")

    def action_bo_supplier_reject(self):
        return self._bo_supplier_open_state_wizard("rejected")

    def action_bo_supplier_add_document(self):
        """A new qualification document of this supplier, in a dialog."""
        self.ensure_one()
        self._bo_supplier_check_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Qualification Document"),
            "res_model": "bo.supplier.document",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_supplier_open_state_wizard(self, state):
        self._bo_supplier_check_access()
        self._bo_supplier_check_transition(state)
        return {
            "type": "ir.actions.act_window",
            "name": dict(self._fields["bo_supplier_state"]._description_selection(self.env))[
                state
            ],
            "res_model": "bo.supplier.state.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": self.ids,
                "default_state": state,
            },
        }

    def _bo_supplier_check_access(self):
        """Only back-office users move suppliers in the register, and only
        suppliers they can see."""
        if not self.env.su and not self.env.user.has_group("bo_sales.bo_sales_group_user"):
            raise AccessError(
                self.env._("Only back-office users manage the supplier register.")
            )
        self.check_access("read")

    def _bo_supplier_check_transition(self, state):
        """Raise a UserError if any of these partners may not go to ``state``."""
        labels = dict(self._fields["bo_supplier_state"]._description_selection(self.env))
        for partner in self:
            if partner.commercial_partner_id != partner:
                raise UserError(
                    self.env._(
                        "%(contact)s is a contact of %(company)s: change the status of the "
                        "company.",
                        contact=partner.display_name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )
            current = partner.bo_supplier_state
            if current not in TRANSITIONS[state]:
                if not current:
                    message = self.env._(
                        "%(supplier)s is not in the supplier register: add it as a candidate "
                        "first.",
                        supplier=partner.display_name,
                    )
                elif current == state:
                    message = self.env._(
                        "%(supplier)s is already %(status)s.",
                        supplier=partner.display_name,
                        status=labels[state],
                    )
                else:
                    message = self.env._(
                        "%(supplier)s is %(current)s: it cannot become %(status)s.",
                        supplier=partner.display_name,
                        current=labels[current],
                        status=labels[state],
                    )
                raise UserError(message)
        if state == "qualified":
            self._bo_supplier_check_documents()

    def _bo_supplier_check_documents(self):
        """Raise a UserError naming the mandatory documents missing or expired."""
        mandatory = self.env["bo.supplier.document.type"].sudo().search([("mandatory", "=", True)])
        problems = []
        for partner in self:
            missing, expired = partner._bo_supplier_document_gaps(mandatory)
            parts = [
                self.env._("%(document)s missing", document=doc_type.name)
                for doc_type in missing
            ]
            for doc_type in expired:
                last = partner.bo_supplier_document_ids.filtered(
                    lambda d, t=doc_type: d.document_type_id == t
                ).sorted("date_expiry")[-1:]
                parts.append(
                    self.env._(
                        "%(document)s expired on %(date)s",
                        document=doc_type.name,
                        date=format_date(self.env, last.date_expiry),
                    )
                )
            if parts:
                problems.append(
                    self.env._(
                        "%(supplier)s: %(problems)s.",
                        supplier=partner.display_name,
                        problems="; ".join(parts),
                    )
                )
        if problems:
            raise UserError(
                "\n".join(
                    [
                        self.env._(
                            "A supplier is qualified only with every mandatory document "
                            "valid:"
                        ),
                        *problems,
                        self.env._("Add or renew the documents, then qualify again."),
                    ]
                )
            )

    def _bo_supplier_set_state(self, state, reason=None, check=True):
        """Move these partners to supplier status ``state``, recording who,
        when and why in the chatter (the tracking message carries the reason).

        :param reason: why; required for the statuses of ``REASON_REQUIRED``.
        :param check: refuse moves that the workflow does not allow (the
            daily job, which knows its move is sound, skips the check).
        """
        if not self:
            return
        reason = (reason or "").strip()
        if state in REASON_REQUIRED and not reason:
            raise UserError(self.env._("Give the reason of the new status."))
        self._bo_supplier_check_access()
        if check:
            self._bo_supplier_check_transition(state)
        # sudo: the buttons are the authority on the status, for every
        # back-office user (checked above), whether or not they may edit
        # contacts; the author of the change stays the user.
        partners = self.sudo().with_context(**{WORKFLOW_KEY: True}, mail_notrack=True)
        initial = {p.id: {"bo_supplier_state": p.bo_supplier_state} for p in partners}
        partners.write(
            {
                "bo_supplier_state": state,
                "bo_supplier_state_reason": reason or False,
                "bo_supplier_state_date": fields.Datetime.now(),
                "bo_supplier_state_user_id": self.env.uid,
            }
        )
        # NOTE: the change is the audit trail of the register: logged at once,
        # one message per move (tracking would merge the moves of a
        # transaction) and even where the caller's context turns tracking off.
        if reason:
            partners._track_set_log_message(
                Markup("<p>%s</p>") % self.env._("Reason: %(reason)s", reason=reason)
            )
        partners._message_track(["bo_supplier_state"], initial)

    @api.model
    def _bo_supplier_suspend_expired(self):
        """Suspend the qualified suppliers whose mandatory document, of a type
        that suspends on expiry, has expired with no newer one valid.

        :return: the partners suspended
        """
        Document = self.env["bo.supplier.document"]
        types = self.env["bo.supplier.document.type"].search(
            [("mandatory", "=", True), ("suspend_on_expiry", "=", True)]
        )
        expired = Document.search(
            [
                ("state", "=", "expired"),
                ("document_type_id", "in", types.ids),
                ("partner_id.bo_supplier_state", "=", "qualified"),
            ]
        )
        current = Document.search(
            [
                ("state", "!=", "expired"),
                ("document_type_id", "in", types.ids),
                ("partner_id", "in", expired.partner_id.ids),
            ]
        )
        held = {(d.partner_id.id, d.document_type_id.id) for d in current}
        lapsed = defaultdict(lambda: Document)
        for document in expired:
            partner, doc_type = document.partner_id, document.document_type_id
            if (partner.id, doc_type.id) not in held and doc_type._bo_applies_to(partner):
                lapsed[partner] |= document
        by_reason = defaultdict(lambda: self.browse())
        for partner, documents in lapsed.items():
            company = partner.company_id or self.env.company
            lang = company.partner_id.lang or self.env.lang
            env = self.with_context(lang=lang).env
            reason = env._(
                "The daily check of the qualification documents found %(documents)s.",
                documents=", ".join(
                    env._(
                        "%(document)s expired on %(date)s",
                        document=d.document_type_id.with_env(env).name,
                        date=format_date(env, d.date_expiry),
                    )
                    for d in documents.sorted("date_expiry")
                ),
            )
            by_reason[lang, reason] |= partner
        suspended = self.browse()
        for (lang, reason), partners in by_reason.items():
            partners.with_context(lang=lang)._bo_supplier_set_state(
                "suspended", reason, check=False
            )
            suspended |= partners
        return suspended

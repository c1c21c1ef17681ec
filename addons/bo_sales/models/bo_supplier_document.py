# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date

DOCUMENT_STATES = [
    ("valid", "Valid"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
]


class BoSupplierDocument(models.Model):
    """A qualification document of a supplier: DURC, chamber of commerce
    extract, certificate, with its number, dates and file."""

    _name = "bo.supplier.document"
    _description = "Supplier Qualification Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_expiry, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
        domain="[('bo_supplier_state', '!=', False)]",
    )
    document_type_id = fields.Many2one(
        "bo.supplier.document.type",
        string="Document Type",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    mandatory = fields.Boolean(related="document_type_id.mandatory")
    number = fields.Char(tracking=True, help="Number or protocol of the document.")
    date_issue = fields.Date(string="Issued On", tracking=True)
    date_expiry = fields.Date(
        string="Expires On",
        compute="_compute_date_expiry",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Last day the document is valid. Computed from the issue date and the "
        "validity of its type when not given.",
    )
    attachment = fields.Binary(string="File", attachment=True, copy=False)
    attachment_name = fields.Char(string="File Name", copy=False)
    state = fields.Selection(
        DOCUMENT_STATES,
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        help="Expiring from the reminder days of its type before the expiry date; "
        "refreshed every day by the suppliers' job.",
    )
    reminder_expiry = fields.Date(
        string="Reminded For",
        readonly=True,
        copy=False,
        help="Expiry date the back office was last reminded of: one reminder per expiry.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who renews the document: the reminders are theirs.",
    )
    note = fields.Text()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("document_type_id.name", "number", "partner_id.name")
    def _compute_name(self):
        for document in self:
            parts = [document.document_type_id.name, document.number]
            document.name = " ".join(part for part in parts if part) or False

    @api.depends("date_issue", "document_type_id.validity_days")
    def _compute_date_expiry(self):
        for document in self:
            days = document.document_type_id.validity_days
            if document.date_issue and days:
                document.date_expiry = document.date_issue + timedelta(days=days)
            elif not document.date_expiry:
                document.date_expiry = False

    @api.depends("date_expiry", "document_type_id.reminder_days")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.state = document._bo_state_on(today)

    def _bo_state_on(self, day):
        """The status of this document on ``day``."""
        self.ensure_one()
        expiry = self.date_expiry
        if not expiry or expiry >= day + timedelta(days=self.document_type_id.reminder_days + 1):
            return "valid"
        return "expiring" if expiry >= day else "expired"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any({"state", "reminder_expiry"} & set(vals) for vals in vals_list):
            raise AccessError(self._bo_locked_message())
        documents = super().create(vals_list)
        documents._bo_archive_replaced()
        return documents

    def write(self, vals):
        # NOTE: the status follows the dates and the reminder mark is the
        # daily job's: a client forging them would hide an expiry.
        if {"state", "reminder_expiry"} & set(vals) and not self.env.su:
            raise AccessError(self._bo_locked_message())
        return super().write(vals)

    def _bo_locked_message(self):
        return self.env._(
            "The status of a qualification document follows its expiry date and its "
            "reminders are the daily check's: change the dates instead."
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_bo_open_supplier(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------

    @api.model
    def _cron_bo_supplier_documents(self):
        """The daily check of the supplier register: documents' status of the
        day, one reminder per document before it expires, suspension of the
        qualified suppliers whose mandatory document has expired."""
        today = fields.Date.context_today(self)
        self._bo_refresh_states(today)
        self._bo_remind_expiring()
        self.env["res.partner"]._bo_supplier_suspend_expired()

    @api.model
    def _bo_refresh_states(self, today):
        """Recompute the status of the documents that the date alone changes
        (valid to expiring, expiring to expired), and their suppliers'."""
        types = self.env["bo.supplier.document.type"].with_context(active_test=False).search([])
        horizon = today + timedelta(days=max(types.mapped("reminder_days") or [0]))
        documents = self.search(
            [
                ("date_expiry", "!=", False),
                "|",
                "&",
                ("state", "=", "valid"),
                ("date_expiry", "<=", horizon),
                "&",
                ("state", "=", "expiring"),
                ("date_expiry", "<", today),
            ]
        )
        # NOTE: marks the status and what depends on it (the suppliers'
        # documents flags) to recompute, as a change of the expiry date would.
        documents.modified(["date_expiry"])
        documents.flush_recordset(["state"])
        return documents

    @api.model
    def _bo_remind_expiring(self):
        """One activity per document about to expire (or expired unseen) for
        its responsible, never twice for the same expiry date.

        :return: the activities created
        """
        documents = self.search(
            [
                ("state", "in", ("expiring", "expired")),
                ("partner_id.bo_supplier_state", "not in", (False, "rejected")),
            ]
        ).filtered(lambda d: d.reminder_expiry != d.date_expiry)
        if not documents:
            return self.env["mail.activity"]
        activity_type = self.env.ref("bo_sales.mail_activity_type_bo_supplier_document")
        open_ids = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", documents.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for document in documents.filtered(lambda d: d.id not in open_ids):
            user = document.user_id or document.create_uid
            # in the language of the person who will read it
            env = self.with_context(lang=user.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": document.id,
                    "activity_type_id": activity_type.id,
                    "summary": env._(
                        "Renew %(document)s of %(supplier)s: expires on %(date)s",
                        document=document.document_type_id.with_env(env).name,
                        supplier=document.partner_id.display_name,
                        date=format_date(env, document.date_expiry),
                    ),
                    "user_id": user.id,
                    "date_deadline": document.date_expiry,
                }
            )
        activities = self.env["mail.activity"].create(vals_list)
        by_expiry = defaultdict(lambda: self.browse())
        for document in documents:
            by_expiry[document.date_expiry] |= document
        for expiry, same_day in by_expiry.items():
            # sudo: the reminder mark is the job's own (see write()).
            same_day.sudo().write({"reminder_expiry": expiry})
        return activities

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_archive_replaced(self):
        """Keep one active document per supplier and type (unless the type
        allows several): the one valid longest; the others are archived."""
        single = self.filtered(lambda d: not d.document_type_id.multiple and d.active)
        if not single:
            return
        candidates = self.search(
            [
                ("partner_id", "in", single.partner_id.ids),
                ("document_type_id", "in", single.document_type_id.ids),
            ]
        )
        keys = {(d.partner_id.id, d.document_type_id.id) for d in single}
        latest = {}
        for document in candidates:
            key = (document.partner_id.id, document.document_type_id.id)
            if key in keys:
                latest[key] = max(latest.get(key, document), document, key=self._bo_expiry_key)
        candidates.filtered(
            lambda d: (d.partner_id.id, d.document_type_id.id) in keys
            and d != latest[d.partner_id.id, d.document_type_id.id]
        ).action_archive()

    @staticmethod
    def _bo_expiry_key(document):
        """Order of validity: without expiry last (never expires), then by id."""
        return (not document.date_expiry, document.date_expiry or fields.Date.today(), document.id)

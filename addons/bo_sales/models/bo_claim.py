# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .bo_claim_sla import CLAIM_KINDS

#: Order references as Odoo numbers them (S00042) found in an email subject.
ORDER_REFERENCE_RE = re.compile(r"\b(S\d{4,})\b")

OPEN_STATES = ("new", "in_progress", "waiting")


class BoClaim(models.Model):
    """A customer complaint after the sale, worked by the back office."""

    _name = "bo.claim"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/", index=True
    )
    subject = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", tracking=True, index=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    agent_id = fields.Many2one(related="partner_id.commercial_partner_id.bo_agent_id", store=True)
    order_id = fields.Many2one("sale.order", tracking=True, index=True, check_company=True)
    product_id = fields.Many2one("product.product", check_company=True)
    ddt_reference = fields.Char(
        string="DDT Reference", help="Number of the transport document (DDT) the goods came with."
    )
    kind = fields.Selection(CLAIM_KINDS, required=True, default="damaged", tracking=True)
    description = fields.Html()
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now)
    deadline = fields.Date(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="Computed from the service level of the complaint's kind; can be moved by hand.",
    )
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    state = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("waiting", "Waiting Customer"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    resolution = fields.Selection(
        [
            ("replacement", "Replacement"),
            ("return", "Return"),
            ("credit_note", "Credit Note"),
            ("none", "None"),
        ],
        tracking=True,
    )
    resolution_note = fields.Html()
    credit_note_ids = fields.Many2many(
        "account.move",
        string="Credit Notes",
        domain="[('move_type', '=', 'out_refund')]",
        check_company=True,
    )
    replacement_order_ids = fields.Many2many(
        "sale.order",
        "bo_claim_replacement_order_rel",
        "claim_id",
        "order_id",
        string="Replacement Orders",
        check_company=True,
    )
    document_count = fields.Integer(compute="_compute_document_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("kind", "date", "company_id")
    def _compute_deadline(self):
        slas = self.env["bo.claim.sla"].search([("company_id", "in", self.company_id.ids)])
        sla_by_key = {(sla.kind, sla.company_id.id): sla for sla in slas}
        for claim in self:
            sla = sla_by_key.get((claim.kind, claim.company_id.id))
            if not sla or not claim.date:
                claim.deadline = False
                continue
            claim.deadline = claim._bo_deadline_from(sla)

    def _bo_deadline_from(self, sla):
        """Date by which this complaint must be settled under ``sla``."""
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.date)
        calendar = self.company_id.resource_calendar_id
        if sla.working_days and calendar and sla.days:
            # NOTE: plan from the end of the receiving day so a complaint
            # received on a working day counts that day as started, not spent.
            planned = calendar.plan_days(
                sla.days, datetime.combine(start.date(), time(23, 59)), compute_leaves=True
            )
            if planned:
                return planned.date()
        return start.date() + timedelta(days=sla.days)

    @api.depends("deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for claim in self:
            claim.is_late = bool(
                claim.state in OPEN_STATES and claim.deadline and claim.deadline < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on late complaints."))
        today = fields.Date.context_today(self)
        late = [("state", "in", OPEN_STATES), ("deadline", "<", today)]
        if (operator == "=") == value:
            return late
        return ["!", "&", *late]

    @api.depends("credit_note_ids", "replacement_order_ids")
    def _compute_document_count(self):
        for claim in self:
            claim.document_count = len(claim.credit_note_ids) + len(claim.replacement_order_ids)

    # ------------------------------------------------------------------
    # Onchanges and CRUD
    # ------------------------------------------------------------------

    @api.onchange("order_id")
    def _onchange_order_id(self):
        if self.order_id and not self.partner_id:
            self.partner_id = self.order_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("bo.claim") or "/"
            if vals.get("order_id") and not vals.get("partner_id"):
                vals["partner_id"] = self.env["sale.order"].browse(vals["order_id"]).partner_id.id
        claims = super().create(vals_list)
        claims._bo_send_template("bo_sales.mail_template_claim_acknowledgement")
        return claims

    # ------------------------------------------------------------------
    # Mail gateway
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Turn an email to the back-office alias into a complaint.

        When the subject names an existing order (e.g. "Re: S00042"), the
        message belongs to that order's conversation: it is returned as the
        thread, so the mail gateway posts the email on the order's chatter and
        no complaint is created.
        """
        order = self._bo_order_from_subject(msg_dict.get("subject") or "")
        if order:
            return order
        values = {
            # "/" keeps the reference from the sequence (message_new would
            # otherwise copy the subject into the record name).
            "name": "/",
            "subject": msg_dict.get("subject") or self.env._("Complaint by email"),
            "description": msg_dict.get("body"),
            "partner_id": msg_dict.get("author_id") or False,
            "user_id": False,
        }
        values.update(custom_values or {})
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _bo_order_from_subject(self, subject):
        references = ORDER_REFERENCE_RE.findall(subject)
        if not references:
            return self.env["sale.order"]
        return self.env["sale.order"].search([("name", "in", references)], limit=1)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start(self):
        self.filtered(lambda c: c.state in ("new", "waiting")).write({"state": "in_progress"})

    def action_wait_customer(self):
        self.filtered(lambda c: c.state in ("new", "in_progress")).write({"state": "waiting"})

    def action_resolve(self):
        without = self.filtered(lambda c: not c.resolution)
        if without:
            raise UserError(
                self.env._(
                    "Choose a resolution before resolving complaint(s): %(names)s",
                    names=", ".join(without.mapped("name")),
                )
            )
        to_resolve = self.filtered(lambda c: c.state in OPEN_STATES)
        to_resolve.write({"state": "resolved"})
        to_resolve._bo_send_template("bo_sales.mail_template_claim_resolution")

    def action_reject(self):
        self.filtered(lambda c: c.state in OPEN_STATES).write(
            {"state": "rejected", "resolution": "none"}
        )

    def action_reopen(self):
        self.filtered(lambda c: c.state in ("resolved", "rejected")).write({"state": "in_progress"})

    def action_create_replacement_order(self):
        """Quotation sending the claimed goods again free of charge."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._("Set the customer of complaint %(name)s first.", name=self.name)
            )
        products = self.product_id or self.order_id.order_line.product_id
        if not products:
            raise UserError(
                self.env._("Complaint %(name)s names no product to replace.", name=self.name)
            )
        quantities = {line.product_id: line.product_uom_qty for line in self.order_id.order_line}
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "origin": self.name,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1 if self.product_id else quantities.get(product, 1),
                            "discount": 100.0,
                        }
                    )
                    for product in products
                ],
            }
        )
        self.write({"replacement_order_ids": [Command.link(order.id)], "resolution": "replacement"})
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def action_create_credit_note(self):
        """Draft credit note reversing the order's invoices, to adjust and post."""
        self.ensure_one()
        invoices = self.order_id.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        )
        if not invoices:
            raise UserError(
                self.env._(
                    "Complaint %(name)s has no posted invoice to credit (set its order).",
                    name=self.name,
                )
            )
        refunds = invoices._reverse_moves(
            default_values_list=[
                {"ref": self.env._("Complaint %(name)s", name=self.name)} for _inv in invoices
            ]
        )
        self.write(
            {"credit_note_ids": [Command.link(r.id) for r in refunds], "resolution": "credit_note"}
        )
        return self.action_view_documents()

    def action_view_documents(self):
        self.ensure_one()
        if self.credit_note_ids and not self.replacement_order_ids:
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "account.action_move_out_refund_type"
            )
            action["domain"] = [("id", "in", self.credit_note_ids.ids)]
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("id", "in", self.replacement_order_ids.ids)]
        return action

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_send_template(self, template_xmlid):
        """Post ``template_xmlid`` on each complaint having a customer email.

        Mails go through the queue (created in this transaction, sent by the
        mail cron), so a rollback leaves nothing sent.
        """
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        # NOTE: sudo because an agent may open a complaint (create) without the
        # write right that posting on its chatter asks for; the message is the
        # company's automatic acknowledgement, still authored by the user.
        for claim in self.filtered(lambda c: c.partner_id.email).sudo():
            claim.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", force_send=False
            )

    @api.model
    def _cron_escalate_late_claims(self):
        """Give the manager one activity per late complaint (never twice)."""
        late = self.search([("is_late", "=", True)])
        if not late:
            return
        manager = self.env.ref("bo_sales.bo_sales_group_manager").users[:1]
        late._bo_activity_schedule_once(
            self.env.ref("bo_sales.mail_activity_type_claim_escalation"),
            user=lambda claim: manager or claim.user_id or self.env.user,
            # in the language of the person who will read it
            summary=lambda claim, env: env._("Late complaint %(name)s", name=claim.name),
            date_deadline=fields.Date.context_today(self),
        )

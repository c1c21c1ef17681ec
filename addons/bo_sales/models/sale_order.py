# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, pdf

from ..tools.amount_words import amount_to_words


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "bo.check.engine"]

    bo_import_id = fields.Many2one(
        comodel_name="bo.order.import",
        string="Import Batch",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Spreadsheet import that created this order.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        compute="_compute_bo_agent_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain=[("bo_is_agent", "=", True)],
        tracking=True,
        help="Agent who brought the order; by default the customer's agent.",
    )
    bo_visit_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Visit",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Appointment at which the agent took this order.",
    )
    bo_check_finding_ids = fields.One2many(
        comodel_name="bo.check.finding", inverse_name="order_id", string="Check Findings"
    )
    bo_check_blocking_count = fields.Integer(
        string="Blocking Findings", compute="_compute_bo_check_counts"
    )
    bo_check_warning_count = fields.Integer(
        string="Warning Findings", compute="_compute_bo_check_counts"
    )
    bo_amount_total_words = fields.Char(
        string="Total in Words", compute="_compute_bo_amount_total_words"
    )
    bo_is_expired = fields.Boolean(
        string="Offer Expired",
        compute="_compute_bo_is_expired",
        store=True,
        help="A quotation whose validity date has passed; refreshed every night.",
    )
    bo_amount_invoiced = fields.Monetary(
        string="Invoiced", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_amount_paid = fields.Monetary(
        string="Paid", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_amount_overdue = fields.Monetary(
        string="Overdue", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_invoice_due_dates = fields.Char(string="Due Dates", compute="_compute_bo_payment_figures")
    # Complaints are the back office's: sales users outside it see orders without them.
    bo_claim_ids = fields.One2many(
        "bo.claim", "order_id", string="Complaints", groups="bo_sales.bo_sales_group_agent"
    )
    bo_claim_count = fields.Integer(
        compute="_compute_bo_claim_count",
        string="Complaints Count",
        groups="bo_sales.bo_sales_group_agent",
    )
    bo_file_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        string="Order File",
        default="open",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    bo_file_closed_date = fields.Date(string="File Closed On", copy=False, readonly=True)
    bo_file_attachment_id = fields.Many2one(
        "ir.attachment", string="File Archive", copy=False, readonly=True
    )
    bo_customer_agent_id = fields.Many2one(
        related="partner_id.commercial_partner_id.bo_agent_id",
        string="Customer's Agent",
        store=True,
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_bo_agent_id(self):
        for order in self:
            order.bo_agent_id = order.partner_id.commercial_partner_id.bo_agent_id

    @api.depends("bo_check_finding_ids.severity", "bo_check_finding_ids.overridden")
    def _compute_bo_check_counts(self):
        for order in self:
            findings = order.bo_check_finding_ids
            order.bo_check_blocking_count = len(
                findings.filtered(lambda f: f.severity == "blocking" and not f.overridden)
            )
            order.bo_check_warning_count = len(findings.filtered(lambda f: f.severity == "warning"))

    @api.depends("amount_total", "partner_id.lang", "currency_id")
    def _compute_bo_amount_total_words(self):
        for order in self:
            label = None if order.currency_id.name == "EUR" else order.currency_id.name
            order.bo_amount_total_words = amount_to_words(
                abs(order.amount_total), order.partner_id.lang or self.env.lang, label
            )

    @api.depends("validity_date", "state")
    def _compute_bo_is_expired(self):
        today = fields.Date.context_today(self)
        for order in self:
            order.bo_is_expired = bool(
                order.state in ("draft", "sent")
                and order.validity_date
                and order.validity_date < today
            )

    @api.depends("invoice_ids.amount_total_signed", "invoice_ids.amount_residual_signed")
    def _compute_bo_payment_figures(self):
        """Invoiced, paid and overdue amounts with the invoices' due dates.

        Set-based: the orders' posted invoices are read once, their receivable
        lines once with a grouped read; an invoice shared by several orders
        counts fully on each of them (as Odoo's own invoice smart button does).
        """
        today = fields.Date.context_today(self)
        moves = self.invoice_ids.filtered(lambda m: m.state == "posted")
        due_dates = defaultdict(set)
        if moves:
            groups = self.env["account.move.line"]._read_group(
                [
                    ("move_id", "in", moves.ids),
                    ("account_type", "=", "asset_receivable"),
                    ("date_maturity", "!=", False),
                ],
                ["move_id", "date_maturity:day"],
            )
            for move, maturity in groups:
                due_dates[move.id].add(fields.Date.to_date(maturity))
        for order in self:
            invoiced = paid = overdue = 0.0
            dates = set()
            for move in order.invoice_ids:
                if move.state != "posted":
                    continue
                # Amounts in the invoice's currency, signed (credit notes subtract).
                sign = -1 if move.move_type == "out_refund" else 1
                total = move.amount_total_in_currency_signed
                residual = sign * move.amount_residual
                invoiced += total
                paid += total - residual
                if move.invoice_date_due and move.invoice_date_due < today and residual > 0:
                    overdue += residual
                dates |= due_dates.get(move.id, set())
            order.bo_amount_invoiced = invoiced
            order.bo_amount_paid = paid
            order.bo_amount_overdue = overdue
            order.bo_invoice_due_dates = ", ".join(fields.Date.to_string(d) for d in sorted(dates))

    @api.depends("bo_claim_ids")
    def _compute_bo_claim_count(self):
        counts = dict(
            self.env["bo.claim"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.bo_claim_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # CRUD methods
    # ------------------------------------------------------------------

    @api.model
    def _bo_check_trigger_fields(self):
        """Fields of the order whose change re-runs the checks on save.
        Extend this list in addons that add rules on other fields."""
        return [
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "payment_term_id",
            "client_order_ref",
            "commitment_date",
            "pricelist_id",
            "user_id",
            "bo_agent_id",
            "order_line",
            "company_id",
            "warehouse_id",
            "date_order",
        ]

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_refuse_engine_vals(vals_list, creating=True)
        self._bo_check_agent_customers(vals_list)
        orders = super(SaleOrder, self.with_context(bo_check_skip=True)).create(vals_list)
        orders = orders.with_env(self.env)
        if not self.env.context.get("bo_check_skip"):
            orders._bo_check_open()
        return orders

    def write(self, vals):
        self._bo_refuse_engine_vals([vals])
        self._bo_check_agent_customers([vals])
        if not set(vals) & set(self._bo_check_trigger_fields()):
            return super().write(vals)
        if self.env.context.get("bo_check_skip"):
            # NOTE: an override covers the values it approved: a save that skips
            # the checks still re-checks the overridden orders, so a change
            # withdraws their override at once.
            overridden = self.filtered(lambda o: o.bo_check_state == "overridden")
            res = super().write(vals)
            overridden._bo_check_open()
            return res
        # NOTE: line changes made through the order are checked once, here.
        res = super(SaleOrder, self.with_context(bo_check_skip=True)).write(vals)
        self._bo_check_open()
        return res

    def _bo_check_agent_customers(self, vals_list):
        """An agent who is not a back-office user takes and edits orders of their
        own customers only, and cannot give an order to another agent."""
        user = self.env.user
        if self.env.su or not user._bo_is_agent_only():
            return
        own = user.partner_id
        # sudo: the customers named may be hidden from the agent; only their
        # agent is read, to refuse them without showing anything of them.
        Partner = self.env["res.partner"].sudo()
        customers = (
            Partner.browse({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
            | self.sudo().partner_id
        )
        if any(c.bo_agent_id != own for c in customers.commercial_partner_id):
            raise AccessError(
                self.env._(
                    "You can take and edit orders only for your own customers: this customer "
                    "is not assigned to you. Ask the back office to take the order."
                )
            )
        if any(vals.get("bo_agent_id") not in (None, False, own.id) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "You cannot assign an order to another agent: ask the back office to "
                    "reassign it."
                )
            )

    def _bo_check_open(self):
        """Check the quotations among these orders (confirmed ones keep their findings)."""
        quotations = self.filtered(lambda o: o.state in ("draft", "sent"))
        if quotations:
            quotations.action_bo_check()

    # ------------------------------------------------------------------
    # Action methods
    # ------------------------------------------------------------------

    def action_confirm(self):
        self._bo_check_open()
        return super().action_confirm()

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or self.bo_check_state != "blocked":
            return error
        blocking = self.bo_check_finding_ids.filtered(
            lambda f: f.severity == "blocking" and not f.overridden
        )
        return self.env._(
            "Order %(order)s cannot be confirmed because of these checks:\n%(findings)s\n"
            "Correct the order, or ask a Back Office Manager to override the checks.",
            order=self.name,
            findings="\n".join(f"- {f.rule_id.name}: {f.message}" for f in blocking),
        )

    def action_bo_print_offer(self):
        return self.env.ref("bo_sales.bo_offer_report").report_action(self)

    def action_bo_send_offer(self):
        self._bo_post_template("bo_sales.mail_template_offer")

    def action_bo_send_confirmation(self):
        self._bo_post_template("bo_sales.mail_template_order_confirmation")

    def action_bo_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_claim_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    def action_bo_close_file(self):
        """Close the order files, refusing (with the reasons) if one cannot."""
        to_close = self.filtered(lambda o: o.bo_file_state == "open")
        blockers = to_close._bo_file_blockers()
        if blockers:
            raise UserError(
                self.env._(
                    "These order files cannot be closed yet:\n%(lines)s",
                    lines="\n".join(
                        f"{order.name}: {', '.join(reasons)}" for order, reasons in blockers.items()
                    ),
                )
            )
        to_close._bo_close_file()
        return True

    def action_bo_reopen_file(self):
        self.filtered(lambda o: o.bo_file_state == "closed").write(
            {"bo_file_state": "open", "bo_file_closed_date": False}
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _bo_post_template(self, template_xmlid):
        """Post a template on each order's chatter; mails wait in the queue."""
        template = self.env.ref(template_xmlid)
        for order in self:
            order.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", force_send=False
            )

    @api.model
    def _cron_bo_offer_followup(self):
        """Mark expired quotations and remind salespeople of expiring ones.

        One follow-up activity per quotation and salesperson, however many
        times the job runs.
        """
        today = fields.Date.context_today(self)
        quotations = self.search(
            [("state", "in", ("draft", "sent")), ("validity_date", "!=", False)]
        )
        quotations._compute_bo_is_expired()
        # sudo: system parameters are readable by administrators only.
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("bo_sales.offer_followup_days", 3)
        )
        expiring = quotations.filtered(
            lambda o: o.user_id and today <= o.validity_date <= today + timedelta(days=days)
        )
        activity_type = self.env.ref("bo_sales.mail_activity_type_offer_followup")
        expiring._bo_activity_schedule_once(
            activity_type,
            user=lambda order: order.user_id,
            summary=lambda order, env: env._("Offer %(name)s expires soon", name=order.name),
            date_deadline=lambda order: order.validity_date,
        )

    def _bo_file_blockers(self):
        """Why each order's file cannot be closed yet.

        :returns: dict {order: [reasons]}; an order absent from it can close.
        """
        blockers = defaultdict(list)
        open_claims = self.env["bo.claim"]._read_group(
            [("order_id", "in", self.ids), ("state", "in", ("new", "in_progress", "waiting"))],
            ["order_id"],
            ["__count"],
        )
        claim_counts = dict(open_claims)
        for order in self:
            if order.state != "sale":
                blockers[order].append(self.env._("the order is not confirmed"))
                continue
            undelivered = order.order_line.filtered(
                lambda line: line.product_id.type == "consu"
                and not line.display_type
                and float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding,
                )
                < 0
            )
            if undelivered or order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ):
                blockers[order].append(self.env._("goods not fully delivered"))
            invoices = order.invoice_ids.filtered(lambda m: m.state != "cancel")
            if order.invoice_status != "invoiced" or not invoices:
                blockers[order].append(self.env._("not fully invoiced"))
            if invoices.filtered(lambda m: m.state != "posted"):
                blockers[order].append(self.env._("draft invoices"))
            if invoices.filtered(
                lambda m: m.payment_state not in ("paid", "in_payment", "reversed")
            ):
                blockers[order].append(self.env._("invoices not paid"))
            if claim_counts.get(order):
                blockers[order].append(self.env._("open complaints"))
        return blockers

    @api.model
    def _cron_bo_close_files(self):
        """Close every confirmed order file that meets the conditions."""
        candidates = self.search(
            [
                ("state", "=", "sale"),
                ("bo_file_state", "=", "open"),
                ("invoice_status", "=", "invoiced"),
            ]
        )
        blockers = candidates._bo_file_blockers()
        candidates.filtered(lambda o: o not in blockers)._bo_close_file()

    def _bo_close_file(self):
        for order in self:
            content = order._bo_render_file_pdf()
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.env._("Order file %(name)s.pdf", name=order.name),
                    "type": "binary",
                    "datas": base64.b64encode(content),
                    "mimetype": "application/pdf",
                    "res_model": order._name,
                    "res_id": order.id,
                }
            )
            order.write(
                {
                    "bo_file_state": "closed",
                    "bo_file_closed_date": fields.Date.context_today(order),
                    "bo_file_attachment_id": attachment.id,
                }
            )
            order.message_post(
                body=self.env._("Order file closed and archived."),
                attachment_ids=attachment.ids,
            )

    def _bo_file_documents(self):
        """Documents printed into the closed order file archive, in order.

        :returns: list of (report xmlid, records). Other addons extend it
            (bo_logistics adds the DDTs) by calling super() and inserting.
        """
        self.ensure_one()
        documents = [("sale.action_report_saleorder", self)]
        invoices = self.invoice_ids.filtered(lambda m: m.state == "posted")
        if invoices:
            documents.append(("account.account_invoices", invoices))
        return documents

    def _bo_render_file_pdf(self):
        """Render every document of the file and merge them into one PDF."""
        self.ensure_one()
        reports = self.env["ir.actions.report"]
        documents = []
        for report_ref, records in self._bo_file_documents():
            if not records:
                continue
            # NOTE: sudo because the archive must hold every document of the
            # file even when the closing user cannot read e.g. accounting.
            documents.append(reports.sudo()._render_qweb_pdf(report_ref, records.ids)[0])
        return pdf.merge_pdf(documents)

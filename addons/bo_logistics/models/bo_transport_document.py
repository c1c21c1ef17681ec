# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Over 500 lines: one model, the DDT, with its numbering and locking (sections below).
import json
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, pdf

TRANSPORT_REASONS = [
    ("sale", "Sale"),
    ("return", "Return (reso)"),
    ("repair", "Repair"),
    ("consignment", "Consignment"),
    ("on_approval", "On approval"),
    ("loan", "Loan for use"),
    ("subcontracting", "Processing by third parties"),
    ("gift", "Free sample or gift"),
    ("transfer", "Transfer between sites"),
]


class BoTransportDocument(models.Model):
    """Documento di trasporto (DDT, DPR 472/1996) for one or more outgoing transfers.

    The number is taken at validation from a gapless ``ir.sequence`` (implementation
    'no_gap': a row-locked counter, unlike 'standard' which draws from a PostgreSQL
    sequence and loses numbers on rollback) with one range per year, so a number is never consumed
    by a draft, never skipped and never given twice. A cancelled DDT keeps its number.
    """

    _name = "bo.transport.document"
    _description = "Transport Document (DDT)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, name desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", default="/", readonly=True, copy=False, index=True)
    date = fields.Date(default=fields.Date.context_today, required=True, copy=False, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Validated"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Consignee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    partner_shipping_id = fields.Many2one(
        "res.partner",
        string="Destination",
        check_company=True,
        help="Delivery address when it differs from the consignee's.",
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        "bo_transport_document_picking_rel",
        "document_id",
        "picking_id",
        string="Transfers",
        check_company=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "bo.transport.document.line", "document_id", string="Goods", copy=True
    )
    transport_reason = fields.Selection(
        TRANSPORT_REASONS, required=True, default="sale", tracking=True
    )
    transport_by = fields.Selection(
        [("sender", "Sender"), ("consignee", "Consignee"), ("carrier", "Courier")],
        required=True,
        default="carrier",
    )
    carrier_id = fields.Many2one("delivery.carrier", string="Courier", check_company=True)
    carrier_partner_id = fields.Many2one(
        "res.partner",
        string="Courier Details",
        compute="_compute_carrier_partner_id",
        store=True,
        readonly=False,
    )
    goods_appearance = fields.Char(
        string="Appearance of Goods",
        translate=True,
        default=lambda self: self.env._("Boxes"),
    )
    package_count = fields.Integer(string="Packages")
    gross_weight = fields.Float(digits="Stock Weight")
    net_weight = fields.Float(digits="Stock Weight")
    transport_start = fields.Datetime()
    incoterm_id = fields.Many2one("account.incoterms")
    port = fields.Selection(
        [("paid", "Carriage paid (franco)"), ("forward", "Carriage forward (assegnato)")],
        string="Carriage",
        default="paid",
    )
    note = fields.Text(string="Notes")
    # Delivery tracking: the only fields a validated DDT lets the clerk change.
    delivered_date = fields.Date(string="Received On", tracking=True)
    delivery_note = fields.Char(string="Delivery Notes", tracking=True)
    invoice_ids = fields.Many2many(
        "account.move",
        "bo_transport_document_invoice_rel",
        "document_id",
        "move_id",
        string="Invoices",
        copy=False,
        readonly=True,
    )
    invoice_state = fields.Selection(
        [("none", "Not Invoiced"), ("invoiced", "Invoiced")],
        compute="_compute_invoice_state",
        store=True,
    )
    sale_ids = fields.Many2many("sale.order", compute="_compute_sale_ids", string="Orders")

    def init(self):
        # NOTE: drafts share the "/" placeholder; a number is unique per company.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS bo_transport_document_number_uniq
               ON bo_transport_document (company_id, name) WHERE name != '/'"""
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("carrier_id", "transport_by")
    def _compute_carrier_partner_id(self):
        for document in self:
            if document.transport_by == "carrier":
                document.carrier_partner_id = document.carrier_id.bo_contact_id
            elif document.transport_by == "sender":
                document.carrier_partner_id = document.company_id.partner_id
            else:
                document.carrier_partner_id = document.partner_id

    @api.depends("invoice_ids.state")
    def _compute_invoice_state(self):
        for document in self:
            invoiced = document.invoice_ids.filtered(lambda m: m.state != "cancel")
            document.invoice_state = "invoiced" if invoiced else "none"

    @api.depends("picking_ids.sale_id")
    def _compute_sale_ids(self):
        for document in self:
            document.sale_ids = document.picking_ids.sale_id

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for document in self:
            number = document.name if document.name != "/" else self.env._("Draft DDT")
            document.display_name = (
                f"{number} - {document.partner_id.name}" if document.partner_id else number
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("picking_ids", "partner_id", "partner_shipping_id", "transport_reason")
    def _check_picking_ids(self):
        for document in self:
            pickings = document.picking_ids
            if not pickings:
                continue
            if (
                pickings.partner_id.commercial_partner_id
                != document.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The transfers of a DDT must all be for its consignee %(partner)s.",
                        partner=document.partner_id.display_name,
                    )
                )
            if len(pickings.partner_id) > 1:
                raise ValidationError(
                    self.env._("The transfers of a DDT must share one destination.")
                )
            allowed = (
                {"outgoing", "incoming"} if document.transport_reason == "return" else {"outgoing"}
            )
            if any(p.picking_type_code not in allowed for p in pickings):
                raise ValidationError(
                    self.env._("A DDT covers outgoing transfers only (or a return).")
                )
        self._bo_check_single_document()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(
            vals.get("name", "/") != "/" or vals.get("state", "draft") != "draft"
            for vals in vals_list
        ):
            raise AccessError(self._bo_numbering_message())
        documents = super().create(vals_list)
        documents._bo_translate_default_appearance(vals_list)
        return documents

    def write(self, vals):
        # NOTE: action_validate() and action_cancel() write these through super().
        if {"name", "state"} & set(vals):
            raise AccessError(self._bo_numbering_message())
        if any(doc.state != "draft" for doc in self):
            locked = set(vals) - self._bo_editable_done_fields()
            if locked:
                raise UserError(
                    self.env._(
                        "A validated or cancelled DDT cannot be changed (fields: %(fields)s).",
                        fields=", ".join(sorted(locked)),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unnumbered(self):
        if any(doc.name != "/" for doc in self):
            raise UserError(self.env._("A numbered DDT cannot be deleted: cancel it instead."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_validate(self):
        """Number and lock the DDTs (gapless, per company and year)."""
        documents = self.filtered(lambda d: d.state == "draft").sorted(lambda d: (d.date, d.id))
        if not documents:
            raise UserError(self.env._("Select draft DDTs to validate."))
        # NOTE: the counters are locked in raw SQL below: the user must be allowed
        # to write these DDTs first, as the ORM would require.
        documents.check_access("write")
        for document in documents:
            if not document.line_ids:
                raise UserError(
                    self.env._(
                        "DDT for %(partner)s has no goods.", partner=document.partner_id.name
                    )
                )
            if document.transport_by == "carrier" and not document.carrier_id:
                raise UserError(
                    self.env._(
                        "Name the courier of the DDT for %(partner)s.",
                        partner=document.partner_id.name,
                    )
                )
        documents = documents._bo_take_transfer_numbers()
        by_company = documents.grouped("company_id")
        sequences = {company: self._bo_sequence(company) for company in by_company}
        self._bo_lock_sequences(self.env["ir.sequence"].union(*sequences.values()))
        for company, company_docs in by_company.items():
            sequence = sequences[company]
            self._bo_check_date_order(company, company_docs)
            now = fields.Datetime.now()
            for day, day_docs in company_docs.grouped("date").items():
                numbers = self._bo_take_numbers(sequence, day, len(day_docs))
                for document, number in zip(day_docs, numbers, strict=True):
                    document._bo_write_numbering(
                        {
                            "name": number,
                            "state": "done",
                            "transport_start": document.transport_start or now,
                        }
                    )
        return True

    def action_cancel(self):
        if any(doc.invoice_state == "invoiced" for doc in self):
            raise UserError(self.env._("An invoiced DDT cannot be cancelled."))
        self._bo_write_numbering({"state": "cancel"})
        return True

    def action_bo_invoice(self):
        """Invoice validated DDTs: one invoice per customer for the goods they delivered.

        Uses the orders' own invoicing (delivered quantities), so deliveries of the
        orders that are not on these DDTs are invoiced as well.
        """
        documents = self.filtered(lambda d: d.state == "done" and d.invoice_state == "none")
        if not documents:
            raise UserError(self.env._("Select validated DDTs not yet invoiced."))
        orders = documents.picking_ids.sale_id.filtered(lambda o: o.invoice_status == "to invoice")
        if not orders:
            raise UserError(self.env._("The orders of these DDTs have nothing to invoice."))
        invoices = orders._create_invoices(grouped=False)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        return action

    def action_bo_return(self):
        """Open Odoo's return wizard on the DDT's transfer."""
        self.ensure_one()
        picking = self.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )[:1]
        if not picking:
            raise UserError(self.env._("This DDT has no delivered transfer to return."))
        return picking._bo_return_action()

    def action_bo_print(self):
        """Print the DDTs (the same report as in the Print menu), to accompany the goods."""
        return self.env.ref("bo_logistics.bo_transport_document_report").report_action(self)

    @api.model
    def action_bo_print_day(self, date=None):
        """One PDF file with the validated DDTs of a day, ready to download."""
        date = date or fields.Date.context_today(self)
        documents = self.search([("date", "=", date), ("state", "=", "done")], order="name")
        if not documents:
            raise UserError(self.env._("No validated DDT on %(date)s.", date=date))
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("DDT %(date)s.pdf", date=date),
                "raw": documents._bo_render_pdf(),
                "mimetype": "application/pdf",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Business methods: creation
    # ------------------------------------------------------------------

    @api.model
    def _bo_document_key(self, picking):
        """The transfers with one key share a DDT: (company, consignee, destination, ...).

        Extensions may add items after the first three to split the groups further.
        """
        return (picking.company_id, picking.partner_id.commercial_partner_id, picking.partner_id)

    @api.model
    def _bo_create_from_pickings(self, pickings, transport_reason="sale"):
        """Draft DDTs grouping the transfers by company, consignee and destination."""
        groups = defaultdict(lambda: self.env["stock.picking"])
        for picking in pickings:
            if picking.state == "cancel":
                continue
            groups[self._bo_document_key(picking)] |= picking
        if not groups:
            raise UserError(self.env._("Select transfers that are not cancelled."))
        vals_list = []
        for key, group in groups.items():
            company, commercial, shipping = key[:3]
            vals_list.append(
                {
                    "company_id": company.id,
                    "partner_id": commercial.id,
                    "partner_shipping_id": shipping.id if shipping != commercial else False,
                    "picking_ids": [Command.set(group.ids)],
                    "transport_reason": transport_reason,
                    "carrier_id": group.carrier_id[:1].id,
                    "transport_by": "carrier" if group.carrier_id else "sender",
                    "package_count": sum(group.mapped("bo_package_count")),
                    "gross_weight": sum(group.mapped("bo_gross_weight")),
                    "net_weight": sum(group.mapped("bo_net_weight")),
                    "incoterm_id": group.sale_id.incoterm[:1].id,
                    "line_ids": [
                        Command.create(
                            {
                                "picking_id": move.picking_id.id,
                                "move_id": move.id,
                                "product_id": move.product_id.id,
                                "name": move.product_id.display_name,
                                "quantity": move.quantity or move.product_uom_qty,
                                "uom_id": move.product_uom.id,
                            }
                        )
                        for move in group.move_ids.filtered(lambda m: m.state != "cancel")
                    ],
                }
            )
        # NOTE: no "created" chatter line per DDT: a day's batch is thousands of them.
        return self.with_context(mail_create_nolog=True).create(vals_list)

    def _bo_translate_default_appearance(self, vals_list):
        """The default appearance of goods in every installed language, so that
        each reader (and the DDT printed in the customer's language) has it in
        theirs. One UPDATE for all the new documents."""
        default = self.env._("Boxes")
        ids = [
            document.id
            for document, vals in zip(self, vals_list, strict=True)
            if vals.get("goods_appearance", default) == default
        ]
        if not ids:
            return
        langs = {code for code, _name in self.env["res.lang"].get_installed()} | {"en_US"}
        values = {lang: self.with_context(lang=lang).env._("Boxes") for lang in sorted(langs)}
        self.flush_recordset(["goods_appearance"])
        self.env.cr.execute(
            SQL(
                "UPDATE bo_transport_document SET goods_appearance = %s::jsonb WHERE id = ANY(%s)",
                json.dumps(values),
                ids,
            )
        )
        self.browse(ids).invalidate_recordset(["goods_appearance"])

    # ------------------------------------------------------------------
    # Business methods: numbering
    # ------------------------------------------------------------------

    def _bo_take_transfer_numbers(self):
        """Validate the DDTs whose number is their transfers'; return the ones left to number.

        Here none: every DDT takes its number from the suite's DDT sequence. A
        localization that numbers the transfers themselves (Italy's
        l10n_it_stock_ddt, joined by bo_logistics_it_ddt) overrides this, so a
        shipment carries one number only.
        """
        return self

    def _bo_write_numbering(self, vals):
        """Write the number and state of DDTs, which write() refuses: for the
        Validate and Cancel actions, and the bridges that number DDTs."""
        return super().write(vals)

    def _bo_numbering_message(self):
        return self.env._(
            "A DDT gets its number and state from its Validate and Cancel buttons only."
        )

    @api.model
    def _bo_sequence(self, company):
        """The company's DDT sequence (gapless, one range per year), created on first use."""
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "bo.transport.document"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            # sudo: clerks validate DDTs but may not manage sequences.
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Transport Documents %(company)s", company=company.name),
                        "code": "bo.transport.document",
                        "company_id": company.id,
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "prefix": "DDT/%(range_year)s/",
                        "padding": 5,
                    }
                )
            )
        return sequence

    @api.model
    def _bo_create_sequences(self):
        """Create the DDT sequence of every company that lacks one (install, new companies).

        Creating it ahead of the first validation keeps two first validations from
        creating two sequences at once.
        """
        for company in self.env["res.company"].search([]):
            self._bo_sequence(company)

    @api.model
    def _bo_lock_sequences(self, sequences):
        """Take the rows of the DDT ``sequences`` for this transaction, before anything else.

        NOTE: an UPDATE, not a plain read: concurrent validations queue here, and
        under REPEATABLE READ the later one fails once the first commits and Odoo
        retries it with a fresh snapshot, so the yearly range is never created
        twice and the date-order check sees the other validation. One statement
        taking the rows in id order: locked one by one in the order of the
        documents' dates, two batches with DDTs of the same companies could each
        hold the counter the other waits for (a deadlock).
        """
        self.env.cr.execute(
            SQL(
                """UPDATE ir_sequence SET write_date = now()
                    WHERE id IN (SELECT id FROM ir_sequence WHERE id = ANY(%s)
                                  ORDER BY id FOR UPDATE)""",
                sequences.ids,
            )
        )

    def _bo_check_date_order(self, company, documents):
        """Numbers follow dates: no new DDT dated before the last validated one of its year."""
        first = min(documents.mapped("date"))
        last = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "!=", "draft"),
                ("date", ">", first),
                ("date", "<=", first.replace(month=12, day=31)),
            ],
            limit=1,
            order="date desc",
        )
        if last:
            raise UserError(
                self.env._(
                    "DDT %(number)s is already dated %(date)s: a new DDT cannot be dated earlier.",
                    number=last.name,
                    date=last.date,
                )
            )

    @api.model
    def _bo_take_numbers(self, sequence, day, count):
        """``count`` consecutive DDT numbers of ``day``'s yearly range, through the
        public sequence API.

        The first number comes from ``next_by_id`` (which creates the year's range
        when missing and row-locks its counter for this transaction, 'no_gap'); the
        others are reserved as one block by moving that locked counter on by
        ``count - 1`` steps (its ``number_next``, as the sequence form does), and
        formatted with ``get_next_char``. A day of 2 000 DDTs costs a few queries
        instead of four per DDT, and a rollback gives every number back.
        """
        first_name = sequence.next_by_id(sequence_date=day)
        if count == 1:
            return [first_name]
        if sequence.implementation != "no_gap":
            # NOTE: a sequence an administrator switched to 'standard' draws from a
            # PostgreSQL sequence: no counter row to move, one call per number.
            return [first_name] + [
                sequence.next_by_id(sequence_date=day) for _i in range(count - 1)
            ]
        counter = sequence
        range_from = False
        if sequence.use_date_range:
            counter = self.env["ir.sequence.date_range"].search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                limit=1,
            )
            range_from = counter.date_from
        # sudo: clerks validate DDTs but may not manage sequences; the counter's
        # row is already locked by next_by_id above.
        counter = counter.sudo()
        step = sequence.number_increment
        first_more = counter.number_next
        counter.number_next = first_more + step * (count - 1)
        formatter = sequence.with_context(ir_sequence_date=day, ir_sequence_date_range=range_from)
        return [first_name] + [
            formatter.get_next_char(first_more + i * step) for i in range(count - 1)
        ]

    # ------------------------------------------------------------------
    # Business methods: locking
    # ------------------------------------------------------------------

    def _bo_editable_done_fields(self):
        """Fields a validated DDT still accepts (delivery tracking); extend to add more."""
        return {
            "delivered_date",
            "delivery_note",
            "invoice_ids",
            "invoice_state",
            "message_follower_ids",
            "activity_ids",
            "message_main_attachment_id",
        }

    def _bo_check_single_document(self):
        """A transfer is on one DDT that is not cancelled, at most.

        Runs wherever transfers join a DDT (create, write, DDTs made from
        transfers), after locking them: see ``_bo_lock_pickings``.
        """
        pickings = self.picking_ids
        if not pickings:
            return
        self.env.flush_all()
        self._bo_lock_pickings(pickings)
        rows = self.env.execute_query(
            SQL(
                """SELECT rel.picking_id FROM bo_transport_document_picking_rel rel
                   JOIN bo_transport_document doc ON doc.id = rel.document_id
                   WHERE rel.picking_id = ANY(%s) AND doc.state != 'cancel'
                   GROUP BY rel.picking_id HAVING count(*) > 1""",
                pickings.ids,
            )
        )
        if rows:
            names = self.env["stock.picking"].browse([r[0] for r in rows]).mapped("name")
            raise ValidationError(
                self.env._("These transfers already have a DDT: %(names)s", names=", ".join(names))
            )

    @api.model
    def _bo_lock_pickings(self, pickings):
        """Take the rows of ``pickings`` for this transaction, before looking for their DDTs.

        NOTE: the query looking for other DDTs reads this transaction's snapshot
        and cannot see a DDT another clerk is creating for the same transfer. An
        UPDATE, not a plain read or a SELECT FOR UPDATE (a lock alone lets the
        later transaction go on with its old snapshot once the first commits):
        the later one waits here, then fails with a serialization error under
        REPEATABLE READ, and Odoo retries it with a fresh snapshot that sees the
        first DDT. One statement taking the rows in id order, so two DDTs sharing
        transfers cannot each hold one the other waits for (a deadlock).
        """
        self.env.cr.execute(
            SQL(
                """UPDATE stock_picking SET write_date = write_date
                    WHERE id IN (SELECT id FROM stock_picking WHERE id = ANY(%s)
                                  ORDER BY id FOR NO KEY UPDATE)""",
                pickings.ids,
            )
        )

    # ------------------------------------------------------------------
    # Business methods: PDF
    # ------------------------------------------------------------------

    def _bo_render_pdf(self):
        """The DDTs' PDF as one file: rendered one by one, then merged.

        NOTE: wkhtmltopdf built on unpatched Qt takes one input document only, so
        Odoo cannot render several records in one call there.
        """
        report = self.env["ir.actions.report"]
        streams = [
            report._render_qweb_pdf("bo_logistics.bo_transport_document_report", [document.id])[0]
            for document in self
        ]
        return streams[0] if len(streams) == 1 else pdf.merge_pdf(streams)

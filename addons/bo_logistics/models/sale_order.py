# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .stock_picking import SHIPPING_STATES

# Least advanced first: the order shows where its slowest shipment is.
STATE_RANK = ["exception", "to_ship", "picked_up", "in_transit", "delivered", "returned"]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    bo_customer_pays_shipping = fields.Boolean(
        string="Customer Pays Shipping",
        compute="_compute_bo_customer_pays_shipping",
        store=True,
        readonly=False,
    )
    bo_shipping_state = fields.Selection(
        SHIPPING_STATES, string="Shipping Status", compute="_compute_bo_shipping_state"
    )
    bo_is_late = fields.Boolean(string="Late Delivery", compute="_compute_bo_shipping_state")
    bo_transport_document_ids = fields.Many2many(
        "bo.transport.document", compute="_compute_bo_transport_document_ids", string="DDTs"
    )

    @api.depends("partner_id")
    def _compute_bo_customer_pays_shipping(self):
        for order in self:
            order.bo_customer_pays_shipping = (
                order.partner_id.commercial_partner_id.bo_pays_shipping
            )

    @api.depends("picking_ids.bo_shipping_state", "picking_ids.bo_is_late")
    def _compute_bo_shipping_state(self):
        for order in self:
            pickings = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
            )
            states = pickings.mapped("bo_shipping_state")
            order.bo_shipping_state = min(states, key=STATE_RANK.index) if states else False
            order.bo_is_late = any(pickings.mapped("bo_is_late"))

    @api.depends("picking_ids.bo_transport_document_ids")
    def _compute_bo_transport_document_ids(self):
        for order in self:
            order.bo_transport_document_ids = order.picking_ids.bo_transport_document_ids

    def _create_invoices(self, grouped=False, final=False, date=None):
        """Link each new invoice to the validated DDTs of its orders not yet invoiced."""
        invoices = super()._create_invoices(grouped=grouped, final=final, date=date)
        for invoice in invoices.filtered(lambda m: m.move_type == "out_invoice"):
            documents = (
                invoice.line_ids.sale_line_ids.order_id.picking_ids.bo_transport_document_ids
            )
            documents = documents.filtered(
                lambda d: d.state == "done" and d.invoice_state == "none"
            )
            if documents:
                invoice.bo_transport_document_ids = [Command.link(d.id) for d in documents]
        return invoices

    def _bo_propose_credit_notes(self):
        """Draft credit notes for returned goods that were already invoiced.

        The draft is a proposal: the clerk checks and posts it. Odoo's own invoicing
        turns negative quantities to invoice (returned after invoicing) into a refund.
        """
        orders = self.filtered(
            lambda o: any(line.qty_to_invoice < 0 for line in o.order_line if not line.is_delivery)
        )
        if not orders:
            return self.env["account.move"]
        credit_notes = orders._create_invoices(final=True)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for order in orders:
            user = order.user_id or self.env.user
            order.activity_schedule(
                activity_type_id=activity_type.id,
                # in the language of the person who will read it
                summary=self.with_context(lang=user.lang).env._(
                    "Check the credit note proposed for the returned goods"
                ),
                user_id=user.id,
            )
        return credit_notes

    def action_bo_return(self):
        """Open Odoo's return wizard on the order's last delivered transfer."""
        self.ensure_one()
        picking = self.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        ).sorted("date_done")[-1:]
        if not picking:
            raise UserError(self.env._("This order has no delivered transfer to return."))
        return picking._bo_return_action()

    def _bo_file_documents(self):
        """Add the order's validated DDTs to the closed-file archive."""
        documents = super()._bo_file_documents() if hasattr(super(), "_bo_file_documents") else []
        ddts = self.bo_transport_document_ids.filtered(lambda d: d.state == "done")
        if ddts:
            documents.append(("bo_logistics.bo_transport_document_report", ddts))
        return documents

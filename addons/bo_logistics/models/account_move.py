# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AccountMove(models.Model):
    """Deferred invoicing (fattura differita): the invoice names the DDTs it covers."""

    _inherit = "account.move"

    bo_transport_document_ids = fields.Many2many(
        "bo.transport.document",
        "bo_transport_document_invoice_rel",
        "move_id",
        "document_id",
        string="Transport Documents",
        copy=False,
    )
    bo_transport_document_refs = fields.Char(
        string="DDT References", compute="_compute_bo_transport_document_refs"
    )

    @api.depends("bo_transport_document_ids.name", "bo_transport_document_ids.date")
    def _compute_bo_transport_document_refs(self):
        for move in self:
            move.bo_transport_document_refs = ", ".join(
                self.env._(
                    "%(number)s of %(date)s", number=doc.name, date=doc.date.strftime("%d/%m/%Y")
                )
                for doc in move.bo_transport_document_ids.sorted("name")
            )

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import UserError


class BoTransportDocument(models.Model):
    """The DDT of a transfer numbered by Odoo's Italian localization carries that number.

    ``l10n_it_stock_ddt`` gives every validated outgoing transfer a DDT number
    from its operation type's gapless sequence, and cites it in the e-invoice
    (``DatiDDT``). Our DDT of such a transfer takes that number instead of
    drawing one from the suite's sequence: one shipment, one number, on the
    printed DDT, the transfer, the invoice and the FatturaPA XML.
    """

    _inherit = "bo.transport.document"

    @api.model
    def _bo_document_key(self, picking):
        # One DDT per transfer that Odoo numbers: each carries its own number.
        key = super()._bo_document_key(picking)
        if picking.picking_type_id.l10n_it_ddt_sequence_id:
            return (*key, picking.id)
        return key

    def _bo_it_numbered(self):
        """The DDTs whose transfers get their number from Odoo's Italian DDT sequence.

        A transfer shipped before Odoo numbered deliveries (no number, already
        done) leaves its DDT to the suite's sequence.
        """
        return self.filtered(
            lambda d: any(
                p.picking_type_id.l10n_it_ddt_sequence_id
                and (p.state != "done" or p.l10n_it_ddt_number)
                for p in d.picking_ids
            )
        )

    def _bo_take_transfer_numbers(self):
        rest = super()._bo_take_transfer_numbers()
        italian = rest._bo_it_numbered()
        if not italian:
            return rest
        # The access check first: a reader learns nothing from the messages below.
        italian.check_access("write")
        numbers = {}
        for document in italian:
            pickings = document.picking_ids
            waiting = pickings.filtered(lambda p: p.state != "done")
            if waiting:
                raise UserError(
                    self.env._(
                        "Validate the transfers %(names)s first: their DDT number is the one "
                        "given to the transfer when it is shipped.",
                        names=", ".join(waiting.mapped("name")),
                    )
                )
            transfer_numbers = set(pickings.mapped("l10n_it_ddt_number"))
            if len(transfer_numbers) != 1 or not all(transfer_numbers):
                raise UserError(
                    self.env._(
                        "The transfers %(names)s were shipped with different DDT numbers "
                        "(%(numbers)s): make one DDT per transfer.",
                        names=", ".join(pickings.mapped("name")),
                        numbers=", ".join(sorted(n or "-" for n in transfer_numbers)),
                    )
                )
            numbers[document] = transfer_numbers.pop()
        taken = self.search(
            [
                ("name", "in", list(numbers.values())),
                ("company_id", "in", italian.company_id.ids),
                ("id", "not in", italian.ids),
            ]
        )
        if taken:
            raise UserError(
                self.env._(
                    "These DDT numbers are already on other DDTs (cancelled ones keep "
                    "theirs): %(names)s",
                    names=", ".join(taken.mapped("display_name")),
                )
            )
        for document, number in numbers.items():
            shipped = min(document.picking_ids.mapped("date_done"))
            # NOTE: the day of the transfer's validation as the e-invoice states it
            # (DataDDT is date_done's date, in UTC), so both papers agree.
            document._bo_write_numbering(
                {
                    "name": number,
                    "date": shipped.date(),
                    "state": "done",
                    "transport_start": document.transport_start or shipped,
                }
            )
        return rest - italian

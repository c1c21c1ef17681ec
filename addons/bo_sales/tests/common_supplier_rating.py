# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command

from .common import BoSalesCommon


class SupplierRatingCommon(BoSalesCommon):
    """Receipts from suppliers made and validated as a warehouse clerk does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # NOTE: the quarter's days and the deadlines are the company's (Rome).
        cls.company.partner_id.tz = "Europe/Rome"
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.receipt_type = cls.warehouse.in_type_id
        cls.vendor_location = cls.env.ref("stock.stock_location_suppliers")
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        Product = cls.env["product.product"]
        cls.bolt, cls.nut = Product.create(
            [
                {"name": "Bullone M8", "type": "consu", "is_storable": True},
                {"name": "Dado M8", "type": "consu", "is_storable": True},
            ]
        )

    @classmethod
    def _receipt(cls, partner, lines, scheduled, deadline=None, source=None):
        """A confirmed receipt from ``partner``; ``lines``: (product, demand,
        received, unit price) tuples, the received quantities set as picked."""
        picking = cls.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": cls.receipt_type.id,
                "scheduled_date": scheduled,
                "location_id": (source or cls.vendor_location).id,
                "location_dest_id": cls.warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom": product.uom_id.id,
                            "product_uom_qty": demand,
                            "price_unit": price,
                            "date": scheduled,
                            "date_deadline": deadline,
                            "location_id": (source or cls.vendor_location).id,
                            "location_dest_id": cls.warehouse.lot_stock_id.id,
                        }
                    )
                    for product, demand, _received, price in lines
                ],
            }
        )
        picking.action_confirm()
        for move, (_product, _demand, received, _price) in zip(
            picking.move_ids, lines, strict=True
        ):
            move.quantity = received
            move.picked = True
        return picking

    @classmethod
    def _validate(cls, picking, done_at, backorder=False):
        """Validate ``picking`` at ``done_at`` (UTC), with or without a backorder
        for what is missing."""
        context = {"skip_backorder": True}
        if not backorder:
            context["picking_ids_not_to_backorder"] = picking.ids
        with freeze_time(done_at):
            picking.with_context(**context).button_validate()
        return picking

    @classmethod
    def _received(cls, partner, lines, scheduled, done_at, deadline=None, backorder=False):
        picking = cls._receipt(partner, lines, scheduled, deadline)
        return cls._validate(picking, done_at, backorder)

    @classmethod
    def _claim(cls, supplier, received_on, state="new"):
        return cls.env["bo.claim"].create(
            {
                "subject": f"Merce difettosa {supplier.name}",
                "partner_id": cls.customer.id,
                "bo_supplier_id": supplier.id,
                "date": received_on,
                "state": state,
            }
        )

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from .common import BoSalesCommon


class BoSupplierCommon(BoSalesCommon):
    """Suppliers of the register and their documents, built by each test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.durc = cls.env.ref("bo_sales.bo_supplier_document_type_durc")
        cls.visura = cls.env.ref("bo_sales.bo_supplier_document_type_visura")
        cls.iso = cls.env.ref("bo_sales.bo_supplier_document_type_iso9001")
        cls.other_type = cls.env.ref("bo_sales.bo_supplier_document_type_other")
        # The shipped types as shipped, whatever a database made of them.
        (cls.durc | cls.visura).write(
            {"mandatory": True, "active": True, "country_ids": [Command.set(cls.italy.ids)]}
        )
        cls.durc.write({"suspend_on_expiry": True, "reminder_days": 15, "validity_days": 120})
        cls.visura.write({"suspend_on_expiry": False, "reminder_days": 30, "validity_days": 180})
        cls.env["bo.supplier.document.type"].search(
            [("mandatory", "=", True), ("id", "not in", (cls.durc | cls.visura).ids)]
        ).write({"mandatory": False})
        cls.category = cls.env["product.category"].create({"name": "Viteria"})
        cls.supplier = cls.env["res.partner"].create(
            {
                "name": "Bulloneria Padana S.r.l.",
                "is_company": True,
                "vat": "IT00743110157",
                "city": "Cremona",
                "country_id": cls.italy.id,
                "bo_supplier_state": "candidate",
                "bo_supplier_category_ids": [Command.set(cls.category.ids)],
            }
        )

    def _document(self, doc_type, partner=None, **values):
        return self.env["bo.supplier.document"].create(
            {
                "partner_id": (partner or self.supplier).id,
                "document_type_id": doc_type.id,
                **values,
            }
        )

    def _messages(self, partner):
        """The partner's chatter, newest first: (author, body, tracked values)."""
        partner.invalidate_recordset(["message_ids"])
        return [
            (
                message.author_id,
                message.body,
                [
                    (value.old_value_char, value.new_value_char)
                    for value in message.sudo().tracking_value_ids
                ],
            )
            for message in partner.message_ids
        ]

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..tools import tax_codes


class BoCheckRule(models.Model):
    """Shipped rules on the customer's data: tax codes, e-invoicing, delivery
    address, payment terms, order reference and agent."""

    # One file per family of rules, on purpose (see bo_check_rule.py).
    _inherit = "bo.check.rule"  # pylint: disable=consider-merging-classes-inherited

    code = fields.Selection(
        selection_add=[
            ("vat_missing", "Customer without VAT number or fiscal code"),
            ("vat_invalid", "Invalid VAT number or fiscal code"),
            ("einvoice", "Customer not ready for e-invoicing"),
            ("delivery_address", "Incomplete delivery address"),
            ("payment_term", "No payment terms"),
            ("client_ref", "Customer order reference missing"),
            ("agent_missing", "Customer's agent missing on the order"),
        ]
    )

    def _bo_check_vat_missing(self, orders, facts):
        """EU businesses need a VAT number, Italian private customers a fiscal code;
        with Italian e-invoicing every customer needs one or the other."""
        einvoicing = self.env["res.partner"]._bo_italian_einvoicing()
        findings = []
        for order in self._bo_order_facts(orders, facts).values():
            if order.is_company and order.country_code in tax_codes.EU_COUNTRY_CODES:
                if order.vat:
                    continue
                key = "vat_missing"
            elif not order.is_company and order.country_code == "IT":
                if order.fiscal_code or order.vat:
                    continue
                key = "fiscal_code_missing"
            elif einvoicing and not (order.fiscal_code or order.vat):
                key = "no_tax_code_einvoice"
            else:
                continue
            findings.append(
                {
                    "order_id": order.id,
                    "message_key": key,
                    "message_params": {"partner": order.partner_name},
                }
            )
        return findings

    def _bo_check_vat_invalid(self, orders, facts):
        """VAT number and Italian fiscal code checked with python-stdnum."""
        findings = []
        for order in self._bo_order_facts(orders, facts).values():
            if order.vat and not tax_codes.is_valid_vat(order.vat, order.country_code):
                key, params = "vat_invalid", {"vat": order.vat}
            elif order.fiscal_code and not tax_codes.is_valid_fiscal_code(order.fiscal_code):
                key, params = "fiscal_code_invalid", {"code": order.fiscal_code}
            else:
                continue
            findings.append(
                {
                    "order_id": order.id,
                    "message_key": key,
                    "message_params": dict(params, partner=order.partner_name),
                }
            )
        return findings

    def _bo_check_einvoice(self, orders, facts):
        """Italian businesses receive e-invoices through an SDI code or a PEC
        address; with Italian e-invoicing installed, the invoice is refused when
        the customer's address is incomplete (as ``l10n_it_edi`` checks it)."""
        einvoicing = self.env["res.partner"]._bo_italian_einvoicing()
        findings = []
        for order in self._bo_order_facts(orders, facts).values():
            params = {"partner": order.partner_name}
            if (
                order.country_code == "IT"
                and order.is_company
                and (order.sdi_code or "") in ("", "0000000")
                and not order.pec
            ):
                findings.append(
                    {"order_id": order.id, "message_key": "einvoice", "message_params": params}
                )
            if einvoicing and not order.address_complete:
                findings.append(
                    {
                        "order_id": order.id,
                        "message_key": "address_einvoice",
                        "message_params": params,
                    }
                )
        return findings

    def _bo_check_delivery_address(self, orders, facts):
        findings = []
        for order in self._bo_order_facts(orders, facts).values():
            missing = [
                key
                for key, value in (
                    ("street", order.ship_street),
                    ("zip", order.ship_zip),
                    ("city", order.ship_city),
                    ("country", order.ship_country_id),
                    ("state", not order.ship_no_province),
                )
                if not value
            ]
            if missing:
                findings.append(
                    {
                        "order_id": order.id,
                        "message_key": "delivery_address",
                        "message_params": {"missing": {"labels": missing}},
                    }
                )
        return findings

    def _bo_check_payment_term(self, orders, facts):
        return [
            {"order_id": order.id, "message_key": "payment_term", "message_params": {}}
            for order in self._bo_order_facts(orders, facts).values()
            if not order.payment_term_id
        ]

    def _bo_check_client_ref(self, orders, facts):
        return [
            {
                "order_id": order.id,
                "message_key": "client_ref",
                "message_params": {"partner": order.partner_name},
            }
            for order in self._bo_order_facts(orders, facts).values()
            if order.requires_ref and not (order.client_ref or "").strip()
        ]

    def _bo_check_agent_missing(self, orders, facts):
        return [
            {
                "order_id": order.id,
                "message_key": "agent_missing",
                "message_params": {"partner": order.partner_name},
            }
            for order in self._bo_order_facts(orders, facts).values()
            if order.partner_agent_id and not order.agent_id
        ]

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import Command

from odoo.addons.bo_sales.tests.common import BoSalesCommon

from ..tools import periods


class BoReportingCommon(BoSalesCommon):
    """Orders and invoices around March 2024 (a leap year), in EUR and USD.

    The company's time zone is Europe/Rome so that the day boundaries of the
    periods differ from UTC.
    """

    @classmethod
    def setup_main_company(cls, currency_code="EUR"):
        # NOTE: the suite's company works in EUR (BaseCommon would force USD).
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.company.partner_id.tz = "Europe/Rome"
        cls.eur = cls.company.currency_id
        cls.eur.rate_ids.unlink()
        cls.usd = cls.setup_other_currency(
            "USD", rates=[("2020-01-01", 1.25), ("2024-03-10", 1.10)]
        )
        cls.usd_pricelist = cls.env["product.pricelist"].create(
            {"name": "USD list", "currency_id": cls.usd.id, "company_id": cls.company.id}
        )
        Category = cls.env["product.category"]
        cls.categ_tools = Category.create({"name": "Report Tools"})
        cls.categ_safety = Category.create({"name": "Report Safety"})
        Product = cls.env["product.product"]
        cls.drill = Product.create(
            {
                "name": "Report Drill",
                "list_price": 100.0,
                "standard_price": 60.0,
                "type": "consu",
                "invoice_policy": "order",
                "categ_id": cls.categ_tools.id,
                "taxes_id": [Command.clear()],
            }
        )
        cls.gloves = Product.create(
            {
                "name": "Report Gloves",
                "list_price": 10.0,
                "standard_price": 4.0,
                "type": "consu",
                "invoice_policy": "order",
                "categ_id": cls.categ_safety.id,
                "taxes_id": [Command.clear()],
            }
        )
        cls.customer.write({"state_id": cls.env.ref("base.state_it_bo").id})
        cls.foreign_customer = cls.env["res.partner"].create(
            {
                "name": "US Hardware Inc.",
                "is_company": True,
                "country_id": cls.env.ref("base.us").id,
            }
        )
        cls.monthly_report = cls.env["bo.periodic.report"].create(
            {
                "name": "Monthly sales",
                "kind": "sales",
                "periodicity": "monthly",
                "run_day": 2,
                "comparison": "previous",
                "company_id": cls.company.id,
            }
        )
        cls.march = periods.Period(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
        cls.february = periods.Period(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))

    @classmethod
    def _bo_orders(cls, specs):
        """Confirmed orders from ``(partner, [(product, qty, price)], utc datetime, pricelist)``."""
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "pricelist_id": (pricelist or cls.env["product.pricelist"]).id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": price}
                        )
                        for product, qty, price in lines
                    ],
                }
                for partner, lines, _moment, pricelist in specs
            ]
        )
        orders.action_confirm()
        for order, (_partner, _lines, moment, _pricelist) in zip(orders, specs, strict=True):
            order.date_order = moment
        return orders

    @classmethod
    def _bo_invoice(cls, orders, invoice_date):
        invoices = orders._create_invoices()
        invoices.invoice_date = invoice_date
        invoices.action_post()
        return invoices

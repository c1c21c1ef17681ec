# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Demo data of bo_reporting: a year of sales history for the demo database,
made when the demo data loads (``bo.periodic.report._bo_demo_sales_history``,
called from ``demo/bo_reporting_demo.xml``). Not used by the addon otherwise."""

import datetime
import logging
import random
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields

_logger = logging.getLogger(__name__)


def _demo_records(env, prefix, model):
    """The demo records of bo_sales whose XML id is ``<prefix>..._demo``."""
    data = env["ir.model.data"].search(
        [
            ("module", "=", "bo_sales"),
            ("model", "=", model),
            ("name", "=like", f"{prefix}%_demo"),
        ]
    )
    return env[model].browse(data.mapped("res_id")).exists()


def _stock_for_history(env, company, order_vals):
    """Stock in the goods the history delivers (an inventory adjustment).

    Without it, delivering the history would take the goods reserved by the
    deliveries already open in the database (e.g. bo_logistics' demo ones).
    """
    needed = defaultdict(float)
    for vals in order_vals:
        for _command, _id, line in vals["order_line"]:
            needed[line["product_id"]] += line["product_uom_qty"]
    products = env["product.product"].browse(list(needed)).filtered("is_storable")
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if not products or not warehouse:
        return
    location = warehouse.lot_stock_id
    on_hand = dict(
        env["stock.quant"]._read_group(
            [("product_id", "in", products.ids), ("location_id", "=", location.id)],
            ["product_id"],
            ["quantity:sum"],
        )
    )
    quants = (
        env["stock.quant"]
        .with_context(inventory_mode=True)
        .create(
            [
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "inventory_quantity": on_hand.get(product, 0.0) + needed[product.id],
                }
                for product in products
            ]
        )
    )
    quants.action_apply_inventory()


def create_sales_history(env, orders_per_month=4):
    """A year of confirmed, delivered and invoiced orders, some paid, relative to today.

    Batched: one create for all orders, one confirmation, one invoicing.
    """
    rng = random.Random(42)  # same history on every demo database
    # NOTE: some demo customers speak a language the database may lack;
    # order descriptions are written in the customer's language.
    installed = {code for code, _name in env["res.lang"].get_installed()}
    customers = _demo_records(env, "customer_", "res.partner").filtered(
        lambda partner: not partner.lang or partner.lang in installed
    )
    products = _demo_records(env, "product_", "product.product")
    if not customers or not products:
        return
    company = env.company
    journal = env["account.journal"].search(
        [("type", "=", "sale"), *env["account.journal"]._check_company_domain(company)],
        limit=1,
    )
    chart_hook = getattr(env.registry, "_auto_install_template", None)
    if not journal and chart_hook:
        # NOTE: on a new database Odoo lays out the chart of accounts only
        # once every module is installed (account's _auto_install_template
        # hook); the history needs sale journals, so it follows the chart.
        def load_chart_then_history(chart_env):
            chart_hook(chart_env)
            create_sales_history(chart_env, orders_per_month=orders_per_month)

        env.registry._auto_install_template = load_chart_then_history
        return
    if not journal:
        _logger.warning("No sales journal in %s: no demo sales history", company.name)
        return
    today = fields.Date.context_today(env.user)
    order_vals, dates = [], []
    for months_ago in range(12, 0, -1):
        month_start = (today - relativedelta(months=months_ago)).replace(day=1)
        for _i in range(orders_per_month):
            day = month_start + datetime.timedelta(days=rng.randint(0, 27))
            lines = [
                fields.Command.create(
                    {
                        "product_id": product.id,
                        # NOTE: whole cartons of 10, as the demo products'
                        # minimum order quantities ask (order checks).
                        "product_uom_qty": 10 * rng.randint(1, 4),
                    }
                )
                for product in rng.sample(list(products), k=min(3, len(products)))
            ]
            order_vals.append(
                {
                    # Customers' own purchase order numbers, as on real orders.
                    "client_order_ref": f"PO-{month_start:%y%m}-{_i + 1:02d}",
                    "partner_id": rng.choice(list(customers)).id,
                    "company_id": company.id,
                    "order_line": lines,
                }
            )
            dates.append(day)
    _stock_for_history(env, company, order_vals)
    orders = env["sale.order"].create(order_vals)
    orders.action_confirm()
    for order, day in zip(orders, dates, strict=True):
        moment = datetime.datetime.combine(day, datetime.time(9, 30))
        order.date_order = moment
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
    pickings = orders.picking_ids
    pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
    for order, day in zip(orders, dates, strict=True):
        order.picking_ids.date_done = datetime.datetime.combine(
            day + datetime.timedelta(days=rng.randint(1, 6)), datetime.time(15, 0)
        )
    invoices = orders._create_invoices(grouped=True)  # one invoice per order
    for invoice in invoices:
        order = invoice.line_ids.sale_line_ids.order_id[:1]
        invoice.invoice_date = order.date_order.date() + datetime.timedelta(days=7)
    invoices.action_post()
    # Customers pay about two thirds of their invoices, on the due date.
    paid = invoices.filtered(lambda move: rng.random() < 0.66 and move.invoice_date_due < today)
    for invoice in paid:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": invoice.invoice_date_due})._create_payments()

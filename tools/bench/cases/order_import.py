# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: importing an agents' spreadsheet of 10 000 rows (1 000 orders).

``run`` is the whole import (read, match, validate, one batched create, the
file attached to each order); ``baseline`` creates the same orders with one
plain batched ``sale.order.create``; ``run_preview`` is the part before any
write (read, match, validate), the figure the clerk waits for on "Check File".
"""

import base64
import io
import time

import xlsxwriter
from stdnum import luhn

from odoo import Command

CASE = {"name": "order_import", "size": "10 000 rows, 1 000 orders of 10 lines", "target_s": 50.0}


def _italian_vat(index):
    """A valid Italian VAT number (base_vat checks them): 7 digits, office 037, Luhn."""
    base = f"{9000000 + index:07d}037"
    return "IT" + base + luhn.calc_check_digit(base)


def prepare(env, orders=1000, lines_per_order=10, customers=200, products=100):
    """Customers with VAT numbers, products with codes, and the sheet (.xlsx)."""
    italy = env.ref("base.it")
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {index:04d}",
                "is_company": True,
                "country_id": italy.id,
                "vat": _italian_vat(index),
                "ref": f"BC{index:04d}",
            }
            for index in range(customers)
        ]
    )
    items = env["product.product"].create(
        [
            {
                "name": f"Bench Product {index:03d}",
                "default_code": f"BENCH-{index:03d}",
                "list_price": 10.0 + index,
                "type": "consu",
            }
            for index in range(products)
        ]
    )
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Ordini")
    for column, label in enumerate(
        ["Partita IVA", "Rif. cliente", "Codice articolo", "Qtà", "Prezzo"]
    ):
        sheet.write(0, column, label)
    order_vals = []
    row = 1
    for order_index in range(orders):
        partner = partners[order_index % customers]
        reference = f"PO-{order_index:05d}"
        lines = []
        for line_index in range(lines_per_order):
            product = items[(order_index + line_index) % products]
            quantity = 1 + line_index
            price = product.list_price
            sheet.write_row(row, 0, [partner.vat, reference, product.default_code, quantity, price])
            row += 1
            lines.append(
                Command.create(
                    {"product_id": product.id, "product_uom_qty": quantity, "price_unit": price}
                )
            )
        order_vals.append(
            {"partner_id": partner.id, "client_order_ref": reference, "order_line": lines}
        )
    book.close()
    env.flush_all()
    return {
        "file": base64.b64encode(output.getvalue()),
        "file_name": "bench_orders.xlsx",
        "order_vals": order_vals,
        "orders": orders,
    }


def _new_batch(env, ctx):
    return env["bo.order.import"].create(
        {"file_data": ctx["file"], "file_name": ctx["file_name"], "confirm_duplicate": True}
    )


def run_preview(env, ctx):
    """Read, match and validate; nothing written but the batch itself."""
    plan = _new_batch(env, ctx)._prepare_import()
    return plan


def run(env, ctx):
    batch = _new_batch(env, ctx)
    batch.action_import()
    env.flush_all()
    return batch


def baseline(env, ctx):
    orders = env["sale.order"].create(ctx["order_vals"])
    env.flush_all()
    return orders


def measure(env, **sizes):
    """Figures for the report (seconds): preview, import, baseline. Rolls back
    nothing itself: call it in a transaction that is thrown away."""
    ctx = prepare(env, **sizes)
    figures = {}
    for name, function in (("preview", run_preview), ("import", run), ("baseline", baseline)):
        start = time.perf_counter()
        function(env, ctx)
        figures[name] = time.perf_counter() - start
    return figures

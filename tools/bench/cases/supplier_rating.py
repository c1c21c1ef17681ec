# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the quarterly supplier rating (bo_sales) over a quarter of receipts.

2 000 suppliers, 100 000 done receipt lines in the quarter rated (10 000
receipts of 10 lines: a few short, a few over, one receipt in six late) and
20 000 in the quarter before (the price trend's reference), 500 complaints
naming a supplier. ``run`` rates the quarter: every supplier in one call of
``_bo_rate_quarter``.

Suppliers, products and complaints are created through the ORM, in batches.
Receipts are written with INSERT ... SELECT as copies of a prototype receipt
the ORM made and validated (picking, move and move line: every column any
installed module adds gets the value Odoo gives a done receipt), with the
generated supplier, dates, products, quantities and prices; names come from the
receipt type's sequence, moved past the numbers used. Not generated: stock
quants and valuation layers of these receipts, chatter messages, followers.
"""

from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import fields

CASE = {
    "name": "Supplier rating: 2 000 suppliers, a quarter of 100 000 receipt lines",
    "size": "2000 suppliers, 100000 + 20000 receipt lines, 500 complaints",
    "target_s": 2.0,
}
SMALL = {"suppliers": 5, "lines": 200, "complaints": 3}

LINES_PER_RECEIPT = 10


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s AND column_name <> 'id'",
        [table],
    )
    return [name for (name,) in cr.fetchall()]


def _clone_sql(cr, table, overrides, source):
    """INSERT INTO table SELECT ... where every column not overridden copies
    the prototype row ``proto`` (the id too, when overridden)."""
    columns = _columns(cr, table) + (["id"] if "id" in overrides else [])
    unknown = set(overrides) - set(columns)
    if unknown:
        raise ValueError(f"{table} has no columns {sorted(unknown)}")
    exprs = [overrides.get(col, f'proto."{col}"') for col in columns]
    cols = ", ".join(f'"{col}"' for col in columns)
    return f"INSERT INTO {table} ({cols}) SELECT {', '.join(exprs)} FROM {source}"


def _prototype(env, supplier, product):
    """A receipt of one line made and validated by the ORM."""
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    vendor = env.ref("stock.stock_location_suppliers")
    picking = env["stock.picking"].create(
        {
            "partner_id": supplier.id,
            "picking_type_id": warehouse.in_type_id.id,
            "location_id": vendor.id,
            "location_dest_id": warehouse.lot_stock_id.id,
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom": product.uom_id.id,
                        "product_uom_qty": 1,
                        "price_unit": 1.0,
                        "location_id": vendor.id,
                        "location_dest_id": warehouse.lot_stock_id.id,
                    },
                )
            ],
        }
    )
    picking.action_confirm()
    picking.move_ids.quantity = 1
    picking.move_ids.picked = True
    picking.with_context(skip_backorder=True).button_validate()
    env.flush_all()
    return picking


def prepare(env, suppliers=2000, lines=100_000, complaints=500):
    """Suppliers with a quarter of receipts (and a fifth as many the quarter
    before); returns the quarter to rate."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    cr = env.cr
    today = fields.Date.context_today(env["res.partner"])
    quarter = (today.month - 1) // 3
    period_start = today.replace(month=3 * quarter + 1, day=1) - relativedelta(months=3)
    previous_start = period_start - relativedelta(months=3)
    partners = env["res.partner"].create(
        [
            {"name": f"Bench Supplier {index:04d}", "is_company": True, "supplier_rank": 1}
            for index in range(suppliers)
        ]
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench Component {index:03d}",
                "type": "consu",
                "is_storable": True,
                "standard_price": 2.0 + index % 50,
            }
            for index in range(200)
        ]
    )
    proto = _prototype(env, partners[0], products[0])
    proto_move = proto.move_ids
    proto_line = proto_move.move_line_ids
    sequence = proto.picking_type_id.sequence_id
    prefix, suffix = sequence._get_prefix_suffix()
    receipts_now = max(1, lines // LINES_PER_RECEIPT)
    receipts_before = max(1, receipts_now // 5)
    total = receipts_now + receipts_before
    first = sequence.number_next_actual
    sequence.write({"number_next": first + total})

    start = datetime.combine(previous_start, time(6))
    seconds_before = int((period_start - previous_start).days * 86400)
    seconds_now = int(
        ((period_start + relativedelta(months=3)) - period_start).days * 86400 - 12 * 3600
    )
    cr.execute(
        "CREATE TEMP TABLE bo_bench_supplier ON COMMIT DROP AS "
        "SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM res_partner "
        "WHERE id = ANY(%s)",
        [partners.ids],
    )
    cr.execute(
        "CREATE TEMP TABLE bo_bench_product ON COMMIT DROP AS "
        "SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, 2.0 + (id %% 50) AS price "
        "FROM product_product WHERE id = ANY(%s)",
        [products.ids],
    )
    # One row per receipt: its supplier, when it was due and when it was done
    # (one in six late, by one to three days), the quarter before first.
    cr.execute(
        """
        CREATE TEMP TABLE bo_bench_receipt ON COMMIT DROP AS
        SELECT g, nextval('stock_picking_id_seq') AS picking_id,
               %(prefix)s || lpad((%(first)s + g)::text, GREATEST(%(padding)s,
                                  length((%(first)s + g)::text)), '0') || %(suffix)s AS name,
               s.id AS partner_id, due,
               due + make_interval(days => CASE WHEN g %% 6 = 0 THEN 1 + g %% 3 ELSE 0 END,
                                   hours => (g * 7) %% 9 - 4) AS done
          FROM generate_series(0, %(total)s - 1) AS g
          JOIN bo_bench_supplier s ON s.k = (g * 7919) %% %(suppliers)s
         CROSS JOIN LATERAL (
             SELECT CASE WHEN g < %(before)s
                         THEN %(start)s::timestamp + make_interval(
                                  secs => (g::bigint * 104729) %% %(seconds_before)s)
                         ELSE %(period)s::timestamp + make_interval(
                                  secs => (g::bigint * 104729) %% %(seconds_now)s)
                    END AS due
         ) d
        """,
        {
            "prefix": prefix,
            "suffix": suffix,
            "first": first,
            "padding": sequence.padding,
            "total": total,
            "suppliers": len(partners),
            "before": receipts_before,
            "start": start,
            "period": datetime.combine(period_start, time(6)),
            "seconds_before": seconds_before - 12 * 3600,
            "seconds_now": seconds_now,
        },
    )
    cr.execute(
        _clone_sql(
            cr,
            "stock_picking",
            {
                "id": "r.picking_id",
                "name": "r.name",
                "partner_id": "r.partner_id",
                "scheduled_date": "r.due",
                "date_deadline": "CASE WHEN mod(r.g, 2) = 0 THEN r.due END",
                "date": "r.due - interval '10 days'",
                "date_done": "r.done",
                "origin": "NULL",
                "create_date": "r.due - interval '10 days'",
                "write_date": "r.done",
            },
            "bo_bench_receipt r, stock_picking proto",
        )
        + " WHERE proto.id = %s ORDER BY r.g",
        [proto.id],
    )
    # Lines: the k-th line of receipt g; demand 1-24, received as asked except
    # one line in twenty short by a third and one in forty over by one; prices
    # drift per supplier between the quarters.
    cr.execute(
        f"""
        CREATE TEMP TABLE bo_bench_line ON COMMIT DROP AS
        SELECT r.picking_id, r.name, r.partner_id, r.done, s.k,
               CASE WHEN r.g % 2 = 0 THEN r.due END AS deadline,
               nextval('stock_move_id_seq') AS move_id,
               p.id AS product_id, demand,
               CASE WHEN (r.g + s.k) % 20 = 0 THEN demand - ceil(demand / 3.0)
                    WHEN (r.g + s.k) % 40 = 1 THEN demand + 1
                    ELSE demand END AS received,
               ROUND(p.price * (1 + (r.partner_id % 7) / 100.0
                                  * CASE WHEN r.g < {receipts_before} THEN 0 ELSE 1 END), 2)
                   AS price
          FROM bo_bench_receipt r
         CROSS JOIN LATERAL generate_series(1, {LINES_PER_RECEIPT}) AS s(k)
         CROSS JOIN LATERAL (SELECT (1 + (r.g * 31 + s.k * 17) % 24)::numeric AS demand) q
          JOIN bo_bench_product p ON p.k = (r.g * 101 + s.k * 53) % {len(products)}
        """
    )
    cr.execute(
        _clone_sql(
            cr,
            "stock_move",
            {
                "id": "l.move_id",
                "picking_id": "l.picking_id",
                "reference": "l.name",
                "product_id": "l.product_id",
                "product_uom_qty": "l.demand",
                "product_qty": "l.demand",
                "quantity": "l.received",
                "price_unit": "l.price",
                "date": "l.done",
                "date_deadline": "l.deadline",
                "create_date": "l.done",
                "write_date": "l.done",
            },
            "bo_bench_line l, stock_move proto",
        )
        + " WHERE proto.id = %s ORDER BY l.move_id",
        [proto_move.id],
    )
    cr.execute(
        _clone_sql(
            cr,
            "stock_move_line",
            {
                "move_id": "l.move_id",
                "picking_id": "l.picking_id",
                "reference": "l.name",
                "product_id": "l.product_id",
                "quantity": "l.received",
                "quantity_product_uom": "l.received",
                "date": "l.done",
                "create_date": "l.done",
                "write_date": "l.done",
            },
            "bo_bench_line l, stock_move_line proto",
        )
        + " WHERE proto.id = %s ORDER BY l.move_id",
        [proto_line.id],
    )
    cr.execute("DROP TABLE bo_bench_line, bo_bench_receipt, bo_bench_product, bo_bench_supplier")
    claim_day = datetime.combine(period_start, time(9))
    env["bo.claim"].create(
        [
            {
                "subject": f"Bench complaint {index}",
                "bo_supplier_id": partners[(index * 37) % len(partners)].id,
                "date": claim_day + relativedelta(days=index % 80),
                "state": "rejected" if index % 10 == 0 else "new",
            }
            for index in range(complaints)
        ]
    )
    env.flush_all()
    env.invalidate_all()
    for table in ("stock_picking", "stock_move", "stock_move_line", "bo_claim"):
        cr.execute(f"ANALYZE {table}")
    return {
        "period_start": period_start,
        "size": f"{suppliers} suppliers, {lines} + {lines // 5} receipt lines, "
        f"{complaints} complaints",
    }


def run(env, ctx):
    return env["bo.supplier.rating"]._bo_rate_quarter(ctx["period_start"])

"""Fill a bo-suite database with a believable volume of sales data.

What is generated (all in the main company, EUR, for `--lines` order lines):

* customers (default lines / 100, at least 20): Italian companies with a
  plausible name, street, city, province (res.country.state), ZIP, a valid
  partita IVA (11 digits, Luhn check digit as python-stdnum checks it) as VAT
  and codice fiscale, SDI code and PEC address; each one followed by an agent
  (`bo_agent_id`). Created through the ORM in batches (base_vat validates them).
* agents (default customers / 200, at least 3): contacts with `bo_is_agent`.
* products (default lines / 200, between 20 and 5 000): goods with an internal
  reference `BO-000001`, a valid EAN-13 barcode, sale and cost price, invoiced
  on delivered quantities, the company's sale tax. ORM, batched.
* appointments (default customers / 2, at most 20 000): calendar.event visits of
  an agent at a customer over the past year, with both as attendees (no
  invitation mail). ORM, batched. `bo_agent_id`/`bo_customer_id`/`bo_kind`/
  `bo_state` are filled when the agenda feature that adds them is installed.
* "real" orders (default 50): created, confirmed, delivered (picking
  validated) and invoiced (invoice posted) through the ORM, so that pickings,
  stock moves and invoices exist exactly as Odoo makes them.
* history orders with the rest of the lines (average 10 lines per order),
  written with INSERT ... SELECT: each order and line is a copy of a prototype
  order made by the ORM (so every column any installed module adds gets the
  value Odoo gives a new order) with the generated customer, date, products,
  quantities, prices and discounts. Line amounts (price_subtotal, price_tax,
  price_total, price_reduce_*, untaxed amounts invoiced / to invoice, margin)
  are computed in SQL the way Odoo computes them (tax excluded, rounded per
  line to the currency's 2 decimals) and the order totals are the sums of
  their lines. Order names come from the `sale.order` ir.sequence, which is
  moved past the numbers used. Mix: 70 % invoiced and delivered (locked),
  10 % delivered to invoice, 5 % confirmed not yet delivered, 10 % quotations,
  5 % cancelled, dated over the past three years.

What is NOT generated: history orders have no stock.picking/stock.move, no
account.move, no chatter messages or followers. They behave like orders
migrated from a previous system: their delivered and invoiced quantities are
stored on the lines (qty_delivered_method 'manual'), which is what sale.report,
the order views and the search filters read; re-computing qty_invoiced from
invoice lines would set them to 0. The quants of stock are not touched except
by the real orders.

Usage (a database with the suite installed; it is changed in place):
    python tools/bench/generate.py -c .local/odoo.conf -d bo_bench --lines 200000
`generate(env, lines=...)` does the same inside an existing environment (tests,
benchmark cases) and returns a summary dict.
"""

import argparse
import collections
import datetime
import logging
import random
import sys
import time

from stdnum import ean, luhn

_logger = logging.getLogger("bo_suite.bench.generate")

SURNAMES = [
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "De Santis",
    "D'Angelo",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
    "Sala",
    "De Angelis",
    "Gatti",
]
FIRST_NAMES = [
    "Marco",
    "Giuseppe",
    "Luca",
    "Francesco",
    "Alessandro",
    "Andrea",
    "Matteo",
    "Paolo",
    "Giulia",
    "Chiara",
    "Francesca",
    "Sara",
    "Laura",
    "Elena",
    "Valentina",
    "Federica",
]
TRADES = [
    "Ferramenta",
    "Edilizia",
    "Forniture Industriali",
    "Idraulica",
    "Elettroforniture",
    "Utensileria",
    "Casalinghi",
    "Arredamenti",
    "Colorificio",
    "Materiali Edili",
    "Termoidraulica",
    "Cartoleria",
    "Giardinaggio",
    "Impianti",
    "Commerciale",
]
LEGAL_FORMS = ["S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s.", "& Figli S.r.l."]
STREETS = [
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Corso Italia",
    "Via Dante Alighieri",
    "Via Marconi",
    "Viale della Repubblica",
    "Via Verdi",
    "Via Matteotti",
    "Via Cavour",
    "Via dell'Industria",
    "Via dell'Artigianato",
    "Via Emilia",
    "Viale Europa",
]
# (city, province code as in res.country.state, ZIP, province office code of the VAT)
CITIES = [
    ("Bologna", "BO", "40121", 37),
    ("Modena", "MO", "41121", 36),
    ("Milano", "MI", "20121", 15),
    ("Torino", "TO", "10121", 1),
    ("Roma", "RM", "00185", 58),
    ("Napoli", "NA", "80133", 63),
    ("Firenze", "FI", "50123", 48),
    ("Verona", "VR", "37121", 23),
    ("Padova", "PD", "35121", 28),
    ("Brescia", "BS", "25121", 17),
    ("Bergamo", "BG", "24121", 16),
    ("Parma", "PR", "43121", 34),
    ("Reggio Emilia", "RE", "42121", 35),
    ("Ravenna", "RA", "48121", 39),
    ("Rimini", "RN", "47921", 99),
    ("Ancona", "AN", "60121", 42),
    ("Bari", "BA", "70121", 72),
    ("Venezia", "VE", "30121", 27),
    ("Treviso", "TV", "31100", 26),
    ("Vicenza", "VI", "36100", 24),
    ("Genova", "GE", "16121", 10),
    ("Perugia", "PG", "06121", 54),
    ("Pescara", "PE", "65121", 68),
    ("Palermo", "PA", "90133", 82),
    ("Catania", "CT", "95121", 87),
    ("Cagliari", "CA", "09124", 92),
    ("Trento", "TN", "38122", 22),
    ("Udine", "UD", "33100", 30),
    ("Ferrara", "FE", "44121", 38),
    ("Piacenza", "PC", "29121", 33),
    ("Lecce", "LE", "73100", 75),
    ("Salerno", "SA", "84121", 65),
]
PRODUCT_KINDS = [
    ("Vite autofilettante", 0.05, 0.30),
    ("Tassello nylon", 0.04, 0.25),
    ("Trapano a percussione", 45, 180),
    ("Avvitatore a batteria", 60, 250),
    ("Pittura murale bianca 14 L", 25, 70),
    ("Guanti da lavoro", 1.5, 8),
    ("Tubo multistrato 20 mm", 1.2, 4),
    ("Raccordo in ottone", 2, 12),
    ("Cavo elettrico 3x1,5 mm²", 0.8, 3),
    ("Interruttore bipolare", 4, 18),
    ("Silicone sigillante", 3, 9),
    ("Chiave inglese regolabile", 8, 30),
    ("Scala in alluminio", 60, 220),
    ("Sacco di cemento 25 kg", 4, 9),
    ("Nastro isolante", 0.6, 2.5),
    ("Lampada LED E27", 2, 9),
]
SIZES = ["S", "M", "L", "XL", "10 mm", "12 mm", "20 pz", "50 pz", "100 pz", "grigio", "nero"]

BATCH = 1000

# Share of history orders per kind, by the order's number modulo 20:
# 14/20 invoiced, 2/20 delivered to invoice, 1/20 confirmed, 2/20 quotations, 1/20 cancelled.
KIND_SQL = """
    CASE
        WHEN g % 20 < 14 THEN 'invoiced'
        WHEN g % 20 < 16 THEN 'delivered'
        WHEN g % 20 < 17 THEN 'confirmed'
        WHEN g % 20 < 19 THEN 'quotation'
        ELSE 'cancelled'
    END
"""


def partita_iva(serial, office):
    """A valid Italian VAT number: 7-digit serial, 3-digit province office, Luhn digit."""
    body = f"{serial % 10_000_000:07d}{office:03d}"
    if body.startswith("0000000"):
        body = "1" + body[1:]
    return body + luhn.calc_check_digit(body)


def ean13(serial):
    """A valid EAN-13 in the 80 (Italy) prefix range."""
    body = f"80{serial:010d}"
    return body + ean.calc_check_digit(body)


def default_sizes(lines, customers=None, agents=None, products=None, events=None, real=None):
    customers = customers or max(20, lines // 100)
    return {
        "lines": lines,
        "customers": customers,
        "agents": agents or max(3, customers // 200),
        "products": products or min(5000, max(20, lines // 200)),
        "events": events if events is not None else min(20_000, customers // 2),
        "real_orders": real if real is not None else min(50, max(1, lines // 1000)),
    }


class Generator:
    """Writes one generated data set into `env` (see the module docstring)."""

    def __init__(self, env, sizes, seed=7):
        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_mail_to_attendees=True,
                lang="it_IT",
            )
        )
        self.cr = env.cr
        self.sizes = sizes
        self.rnd = random.Random(seed)
        self.company = env.company
        self.timings = {}
        # A serial offset so that a second run on the same database creates new
        # partners, VAT numbers and barcodes instead of clashing with the first.
        self.cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
        self.offset = self.cr.fetchone()[0] * 1000

    def _step(self, name, func):
        start = time.perf_counter()
        result = func()
        self.timings[name] = round(time.perf_counter() - start, 2)
        _logger.info("%s: %.1f s", name, self.timings[name])
        return result

    def run(self):
        self.agents = self._step("agents", self._make_agents)
        self.customers = self._step("customers", self._make_customers)
        self.products = self._step("products", self._make_products)
        self._step("appointments", self._make_events)
        real = self._step("real orders", self._make_real_orders)
        history_lines = max(0, self.sizes["lines"] - real)
        orders = self._step("history orders", lambda: self._make_history(history_lines))
        self.env.flush_all()
        self.env.invalidate_all()
        return {
            "sizes": self.sizes,
            "history_orders": orders,
            "timings_s": self.timings,
            "total_s": round(sum(self.timings.values()), 2),
        }

    # ------------------------------------------------------------------ partners
    def _states(self):
        italy = self.env.ref("base.it")
        states = self.env["res.country.state"].search([("country_id", "=", italy.id)])
        return italy, {state.code: state.id for state in states}

    def _partner_vals(self, serial, name, italy, states, city):
        city_name, province, zip_code, office = city
        vat = partita_iva(self.offset + serial, office)
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        return {
            "name": name,
            "is_company": True,
            "street": f"{self.rnd.choice(STREETS)}, {self.rnd.randint(1, 180)}",
            "city": city_name,
            "zip": zip_code,
            "state_id": states.get(province),
            "country_id": italy.id,
            "vat": f"IT{vat}",
            "l10n_it_codice_fiscale": vat,
            "l10n_it_pa_index": f"{self.rnd.randrange(36**7):07X}"[:7],
            "l10n_it_pec_email": f"{slug}{serial}@pec.it",
            "email": f"info@{slug}{serial}.it",
            "phone": f"+39 0{self.rnd.randint(10, 99)} {self.rnd.randint(1000000, 9999999)}",
            "lang": "it_IT",
        }

    def _make_agents(self):
        italy, states = self._states()
        vals = []
        for i in range(self.sizes["agents"]):
            name = f"{self.rnd.choice(FIRST_NAMES)} {self.rnd.choice(SURNAMES)}"
            row = self._partner_vals(i, name, italy, states, self.rnd.choice(CITIES))
            row.update(is_company=False, bo_is_agent=True)
            vals.append(row)
        return self.env["res.partner"].create(vals)

    def _make_customers(self):
        italy, states = self._states()
        partners = self.env["res.partner"]
        agent_ids = self.agents.ids
        n = self.sizes["customers"]
        for start in range(0, n, BATCH):
            vals = []
            for i in range(start, min(n, start + BATCH)):
                name = (
                    f"{self.rnd.choice(SURNAMES)} {self.rnd.choice(TRADES)} "
                    f"{self.rnd.choice(LEGAL_FORMS)}"
                )
                row = self._partner_vals(
                    self.sizes["agents"] + i, name, italy, states, self.rnd.choice(CITIES)
                )
                row["bo_agent_id"] = agent_ids[i % len(agent_ids)]
                row["customer_rank"] = 1
                vals.append(row)
            partners |= self.env["res.partner"].create(vals)
            self.env.flush_all()
            self.env.invalidate_all()
        return partners

    # ------------------------------------------------------------------ products
    def _make_products(self):
        tax = self.company.account_sale_tax_id
        uom = self.env.ref("uom.product_uom_unit")
        vals = []
        for i in range(self.sizes["products"]):
            kind, low, high = PRODUCT_KINDS[i % len(PRODUCT_KINDS)]
            price = round(self.rnd.uniform(low, high), 2)
            serial = self.offset + i
            vals.append(
                {
                    "name": f"{kind} {SIZES[(i // len(PRODUCT_KINDS)) % len(SIZES)]} #{serial}",
                    "default_code": f"BO-{serial:07d}",
                    "barcode": ean13(serial),
                    "type": "consu",
                    "is_storable": True,
                    "list_price": price,
                    "standard_price": round(price * self.rnd.uniform(0.45, 0.75), 2),
                    "invoice_policy": "delivery",
                    "sale_ok": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "taxes_id": [(6, 0, tax.ids)],
                }
            )
        products = self.env["product.product"]
        for start in range(0, len(vals), BATCH):
            products |= self.env["product.product"].create(vals[start : start + BATCH])
        return products

    # -------------------------------------------------------------- appointments
    def _make_events(self):
        Event = self.env["calendar.event"]
        now = self.env.cr.now()
        n = self.sizes["events"]
        has_bo = "bo_agent_id" in Event._fields
        hours = [9, 10, 11, 14, 15, 16]
        window = 396  # days: the last year and the next 30 days
        booked = collections.Counter()  # appointments given to each agent so far
        for start in range(0, n, BATCH):
            vals = []
            for i in range(start, min(n, start + BATCH)):
                customer = self.customers[i % len(self.customers)]
                agent = customer.bo_agent_id
                # Each agent's k-th appointment takes its own slot (day k*37 mod the
                # window, 37 being prime to it, then the next hour of the day), so
                # no two of an agent's visits overlap, as the agenda requires.
                k = booked[agent.id]
                booked[agent.id] += 1
                day = (k * 37) % window
                begin = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(
                    days=30 - day
                )
                begin = begin.replace(hour=hours[(k // window) % len(hours)])
                row = {
                    "name": f"Visita {customer.name}",
                    "start": begin,
                    "stop": begin + datetime.timedelta(hours=1),
                    "partner_ids": [(6, 0, [agent.id, customer.id])],
                    "location": customer.city,
                }
                if has_bo:
                    row.update(
                        bo_agent_id=agent.id,
                        bo_customer_id=customer.id,
                        bo_kind="visit",
                        bo_state="done" if begin < now else "planned",
                        # generated visits may fall on holidays or weekends: booked
                        # anyway, as a clerk may (overlaps are still refused)
                        bo_force_conflicts=True,
                    )
                vals.append(row)
            Event.create(vals)
            self.env.flush_all()
            self.env.invalidate_all()

    # --------------------------------------------------------------- real orders
    def _make_real_orders(self):
        """Orders through Odoo's own flow: confirm, deliver, invoice. Returns lines made."""
        n = self.sizes["real_orders"]
        if not n:
            return 0
        products = self.products[:200]
        vals = []
        lines = 0
        for i in range(n):
            count = self.rnd.randint(1, 5)
            lines += count
            vals.append(
                {
                    "partner_id": self.customers[i % len(self.customers)].id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.rnd.choice(products).id,
                                "product_uom_qty": self.rnd.randint(1, 10),
                            },
                        )
                        for _j in range(count)
                    ],
                }
            )
        orders = self.env["sale.order"].create(vals)
        # Stock for the goods to deliver, as a receipt would bring it.
        stock = self.env["stock.quant"]
        location = orders[0].warehouse_id.lot_stock_id
        for product in orders.order_line.product_id:
            stock._update_available_quantity(product, location, 10_000)
        to_confirm = orders[: n - n // 10]  # a tenth stays as quotations
        to_confirm.action_confirm()
        to_deliver = to_confirm[: len(to_confirm) * 9 // 10]
        pickings = to_deliver.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        pickings.action_assign()
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
        to_invoice = to_deliver[: len(to_deliver) * 8 // 10]
        if to_invoice:
            to_invoice._create_invoices().action_post()
        return lines

    # ------------------------------------------------------------ history orders
    def _columns(self, table):
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s AND column_name <> 'id'",
            [table],
        )
        return [name for (name,) in self.cr.fetchall()]

    def _clone_sql(self, table, overrides, source, proto_alias):
        """INSERT INTO table SELECT ... where every column not overridden copies the prototype."""
        columns = self._columns(table) + (["id"] if "id" in overrides else [])
        exprs = [overrides.get(col, f'{proto_alias}."{col}"') for col in columns]
        unknown = set(overrides) - set(columns)
        if unknown:
            raise ValueError(f"{table} has no columns {sorted(unknown)}")
        cols = ", ".join(f'"{col}"' for col in columns)
        return f"INSERT INTO {table} ({cols}) SELECT {', '.join(exprs)} FROM {source}"

    def _make_history(self, n_lines):
        if n_lines <= 0:
            return 0
        cr = self.cr
        n_orders = max(1, n_lines // 10)
        proto = self.env["sale.order"].create(
            {
                "partner_id": self.customers[0].id,
                "order_line": [(0, 0, {"product_id": self.products[0].id, "product_uom_qty": 1})],
            }
        )
        self.env.flush_all()
        seq = self.env["ir.sequence"].search(
            [("code", "=", "sale.order"), ("company_id", "in", [self.company.id, False])],
            order="company_id",
            limit=1,
        )
        prefix, suffix = seq._get_prefix_suffix()
        first = seq.number_next_actual
        seq.write({"number_next": first + n_orders})

        cr.execute(
            "CREATE TEMP TABLE bo_gen_product ON COMMIT DROP AS "
            "SELECT row_number() OVER (ORDER BY p.id) - 1 AS k, p.id, t.list_price, "
            "COALESCE((p.standard_price->>%s)::numeric, 0) AS cost "
            "FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id "
            "WHERE p.id = ANY(%s)",
            [str(self.company.id), self.products.ids],
        )
        cr.execute(
            "CREATE TEMP TABLE bo_gen_customer ON COMMIT DROP AS "
            "SELECT row_number() OVER (ORDER BY id) - 1 AS k, id "
            "FROM res_partner WHERE id = ANY(%s)",
            [self.customers.ids],
        )
        n_products, n_customers = len(self.products), len(self.customers)
        tax = self.company.account_sale_tax_id
        rate = tax.amount / 100.0 if tax.amount_type == "percent" else 0.0
        # As sale.order.line._compute_amount and sale.order._compute_amounts do
        # (account.tax tax details, one percent tax excluded from the price):
        # a line keeps its total excluded and included rounded to the cent, its
        # tax is their difference; with 'round_globally' (the Italian default) the
        # order's untaxed amount and tax are the rounded sums of the unrounded line
        # amounts, with 'round_per_line' the sums of the rounded line amounts.
        per_line = self.company.tax_calculation_rounding_method == "round_per_line"
        total_sql = (
            f"ROUND(r.raw, 2) + ROUND(r.raw * {rate}, 2)"
            if per_line
            else f"ROUND(r.raw * (1 + {rate}), 2)"
        )
        order_sums = (
            f"SUM(ROUND(r.raw, 2)) AS untaxed, SUM(ROUND(r.raw * {rate}, 2)) AS tax"
            if per_line
            else f"ROUND(SUM(r.raw), 2) AS untaxed, ROUND(SUM(r.raw * {rate}), 2) AS tax"
        )

        # NOTE: the SQL below formats in only numbers computed here (sizes, the tax
        # rate) and fixed SQL fragments; every value read from data is a parameter.
        # One row per order to make: its number, customer, date, kind and line count;
        # the count is drawn so that the total is exactly n_lines.
        cr.execute(f"""
            CREATE TEMP TABLE bo_gen_order ON COMMIT DROP AS
            SELECT g, {first} + g AS number, nextval('sale_order_id_seq') AS order_id,
                   c.id AS partner_id,
                   (now() at time zone 'UTC') - make_interval(days => (g * 37) % 1095,
                                                secs => (g * 7) % 36000) AS date_order,
                   {KIND_SQL} AS kind,
                   CASE WHEN g < {n_orders - 1} THEN 1 + (g * 13) % 19
                        ELSE 0 END AS n_lines
              FROM generate_series(0, {n_orders - 1}) AS g
              JOIN bo_gen_customer c ON c.k = (g * 7919) % {n_customers}
        """)
        cr.execute("SELECT COALESCE(SUM(n_lines), 0) FROM bo_gen_order")
        (drawn,) = cr.fetchone()
        # The draw averages 10 lines: the last order takes what remains (at least 1),
        # and when the draw overshoots, trim the largest orders.
        rest = n_lines - drawn
        if rest >= 1:
            cr.execute("UPDATE bo_gen_order SET n_lines = %s WHERE g = %s", [rest, n_orders - 1])
        else:
            cr.execute("UPDATE bo_gen_order SET n_lines = 1 WHERE g = %s", [n_orders - 1])
            excess = 1 - rest
            cr.execute(
                """
                UPDATE bo_gen_order o SET n_lines = o.n_lines - 1
                  FROM (SELECT g FROM bo_gen_order WHERE n_lines > 1
                         ORDER BY n_lines DESC, g LIMIT %s) t
                 WHERE o.g = t.g
            """,
                [excess],
            )
        # As ir.sequence formats it ('%0<padding>d'): never shortened (lpad would truncate).
        # The prefix and suffix are data: passed as parameters, never formatted in.
        cr.execute("ALTER TABLE bo_gen_order ADD COLUMN name varchar")
        cr.execute(
            "UPDATE bo_gen_order SET name = %s || lpad(number::text, "
            "GREATEST(%s, length(number::text)), '0') || %s",
            [prefix, seq.padding, suffix],
        )
        name_expr = "o.name"
        state = (
            "CASE o.kind WHEN 'quotation' THEN 'draft' WHEN 'cancelled' THEN 'cancel' "
            "ELSE 'sale' END"
        )
        order_sql = (
            self._clone_sql(
                "sale_order",
                {
                    "id": "o.order_id",
                    "name": name_expr,
                    "partner_id": "o.partner_id",
                    "partner_invoice_id": "o.partner_id",
                    "partner_shipping_id": "o.partner_id",
                    "date_order": "o.date_order",
                    "create_date": "o.date_order",
                    "write_date": "o.date_order",
                    "validity_date": "(o.date_order + interval '30 days')::date",
                    "state": state,
                    "locked": "o.kind = 'invoiced'",
                    "client_order_ref": "'ORD-' || o.number",
                    "access_token": "NULL",
                    # delivery_status and effective_date stay empty (the prototype's), as
                    # sale_stock computes them for an order without pickings.
                    "invoice_status": "CASE o.kind WHEN 'invoiced' THEN 'invoiced' "
                    "WHEN 'delivered' THEN 'to invoice' ELSE 'no' END",
                },
                "bo_gen_order o, sale_order proto",
                "proto",
            )
            + " WHERE proto.id = %s ORDER BY o.g"
        )
        cr.execute(order_sql, [proto.id])

        # Lines: k-th line of order o, product and quantity drawn from (order, k).
        cr.execute(f"""
            CREATE TEMP TABLE bo_gen_line ON COMMIT DROP AS
            SELECT so.id AS order_id, so.partner_id, so.date_order, o.kind, s.k,
                   p.id AS product_id, p.list_price AS price_unit, p.cost,
                   (1 + (o.g * 31 + s.k * 17) % 24)::numeric AS qty,
                   (CASE WHEN (o.g + s.k) % 7 = 0 THEN 10 WHEN (o.g + s.k) % 5 = 0 THEN 5
                         ELSE 0 END)::numeric AS discount,
                   {state} AS state
              FROM bo_gen_order o
              JOIN sale_order so ON so.id = o.order_id
              CROSS JOIN LATERAL generate_series(1, o.n_lines) AS s(k)
              JOIN bo_gen_product p ON p.k = (o.g * 101 + s.k * 53) % {n_products}
        """)
        line_sql = self._clone_sql(
            "sale_order_line",
            {
                "order_id": "l.order_id",
                "sequence": "10 * l.k",
                "order_partner_id": "l.partner_id",
                "product_id": "l.product_id",
                "name": "'[' || pp.default_code || '] ' "
                "|| COALESCE(t.name->>'it_IT', t.name->>'en_US')",
                "product_uom_qty": "l.qty",
                "price_unit": "l.price_unit",
                "technical_price_unit": "l.price_unit",
                "discount": "l.discount",
                "price_subtotal": "a.subtotal",
                "price_tax": "a.tax",
                "price_total": "t0.total",
                "price_reduce_taxexcl": "ROUND(a.subtotal / l.qty, 2)",
                "price_reduce_taxinc": "ROUND((a.subtotal + a.tax) / l.qty, 2)",
                "state": "l.state",
                "qty_delivered_method": "'manual'",
                "qty_delivered": "CASE WHEN l.kind IN ('invoiced', 'delivered') "
                "THEN l.qty ELSE 0 END",
                "qty_invoiced": "CASE WHEN l.kind = 'invoiced' THEN l.qty ELSE 0 END",
                "qty_to_invoice": "CASE WHEN l.kind = 'delivered' THEN l.qty ELSE 0 END",
                "untaxed_amount_invoiced": "CASE WHEN l.kind = 'invoiced' "
                "THEN a.subtotal ELSE 0 END",
                "untaxed_amount_to_invoice": "CASE WHEN l.kind = 'delivered' "
                "THEN a.subtotal ELSE 0 END",
                "invoice_status": "CASE l.kind WHEN 'invoiced' THEN 'invoiced' "
                "WHEN 'delivered' THEN 'to invoice' ELSE 'no' END",
                "purchase_price": "l.cost",
                "margin": "a.subtotal - l.cost * l.qty",
                "margin_percent": "CASE WHEN a.subtotal <> 0 "
                "THEN (a.subtotal - l.cost * l.qty) / a.subtotal ELSE 0 END",
                "create_date": "l.date_order",
                "write_date": "l.date_order",
            },
            f"""bo_gen_line l
               JOIN product_product pp ON pp.id = l.product_id
               JOIN product_template t ON t.id = pp.product_tmpl_id
               CROSS JOIN LATERAL (
                   SELECT l.qty * l.price_unit * (1 - l.discount / 100) AS raw
               ) r
               CROSS JOIN LATERAL (
                   SELECT ROUND(r.raw, 2) AS subtotal, {total_sql} AS total
               ) t0
               CROSS JOIN LATERAL (
                   SELECT t0.subtotal, t0.total - t0.subtotal AS tax
               ) a,
               sale_order_line proto""",
            "proto",
        )
        line_sql += " WHERE proto.id = %s ORDER BY l.order_id, l.k"
        cr.execute(line_sql, [proto.order_line[0].id])

        cr.execute(
            """
            INSERT INTO account_tax_sale_order_line_rel (sale_order_line_id, account_tax_id)
            SELECT l.id, %s FROM sale_order_line l
             WHERE l.order_id IN (SELECT order_id FROM bo_gen_line)
        """,
            [tax.id],
        )
        cr.execute(f"""
            UPDATE sale_order so
               SET amount_untaxed = t.untaxed, amount_tax = t.tax,
                   amount_total = t.untaxed + t.tax, margin = t.margin,
                   margin_percent = CASE WHEN t.untaxed <> 0 THEN t.margin / t.untaxed ELSE 0 END
              FROM (SELECT l.order_id, {order_sums}, SUM(l.margin) AS margin
                      FROM sale_order_line l
                     CROSS JOIN LATERAL (
                         SELECT l.product_uom_qty * l.price_unit * (1 - l.discount / 100) AS raw
                     ) r
                     WHERE l.order_id IN (SELECT order_id FROM bo_gen_line)
                     GROUP BY l.order_id) t
             WHERE so.id = t.order_id
        """)
        proto.unlink()
        cr.execute("DROP TABLE bo_gen_line, bo_gen_order, bo_gen_product, bo_gen_customer")
        cr.execute("ANALYZE sale_order")
        cr.execute("ANALYZE sale_order_line")
        return n_orders


def generate(env, lines, seed=7, **sizes):
    """Generate the data set for `lines` order lines in `env` (no commit); return a summary."""
    return Generator(env, default_sizes(lines, **sizes), seed=seed).run()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=10_000, help="order lines in all")
    parser.add_argument("--customers", type=int)
    parser.add_argument("--agents", type=int)
    parser.add_argument("--products", type=int)
    parser.add_argument("--events", type=int, help="appointments (calendar.event)")
    parser.add_argument("--real", type=int, help="orders made through the full ORM flow")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--mark",
        action="store_true",
        help="record the line count in ir.config_parameter bo_suite.bench_generated_lines "
        "(make bench reuses a database that has it)",
    )
    args = parser.parse_args(argv)

    import json

    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.netsvc.init_logger()
    logging.getLogger("bo_suite").setLevel(logging.INFO)
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        summary = generate(
            env,
            args.lines,
            seed=args.seed,
            customers=args.customers,
            agents=args.agents,
            products=args.products,
            events=args.events,
            real=args.real,
        )
        if args.mark:
            env["ir.config_parameter"].set_param("bo_suite.bench_generated_lines", args.lines)
    # NOTE: what autovacuum does on a live server after such a load: without
    # it the planner keeps the statistics of the empty tables (customers,
    # invoices...) and picks plans no production database would.
    with registry.cursor() as cr:
        cr._cnx.autocommit = True  # VACUUM cannot run inside a transaction block
        cr.execute("VACUUM ANALYZE")
    summary["lines_per_s"] = round(args.lines / max(summary["total_s"], 0.001))
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

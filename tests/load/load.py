# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load test clients of `make load` (scripts/load.sh starts Odoo with workers).

N clients (threads, each with its own XML-RPC connection, as separate clerks
would have) repeat for a bounded time: create an order for a customer of the
database with 1 to 3 products, check it when the order checks are installed
(``action_bo_check``), confirm it, and for most orders validate the delivery.
Every XML-RPC fault is counted by its first line: Odoo retries serialization
failures itself (odoo.service.model.retrying), so a client must never get one.
Afterwards the POST_CHECKS of tests/load/checks.py verify the database.
Prints one JSON summary; exits 1 when a fault was returned or a check failed.

Usage: python tests/load/load.py --url http://127.0.0.1:PORT --db DB
       [--clients 4] [--seconds 60] [--login admin --password admin]
"""

import argparse
import collections
import json
import os
import random
import sys
import threading
import time
import uuid
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import POST_CHECKS

# Hard limits so that the run always stops by itself.
MAX_ORDERS_PER_CLIENT = 5000
RPC_TIMEOUT_S = 180


class _TimeoutTransport(xmlrpc.client.Transport):
    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = RPC_TIMEOUT_S
        return conn


class Api:
    """One logged-in XML-RPC connection (not shared between threads)."""

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", transport=_TimeoutTransport())
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit(f"Login {login!r} refused by database {db}")
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", transport=_TimeoutTransport(), allow_none=True
        )

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def search_read(self, model, domain, fields, **kwargs):
        return self.call(model, "search_read", domain, fields, **kwargs)

    def read(self, model, ids, fields):
        return self.call(model, "read", ids, fields)


def _fault_key(exc):
    if isinstance(exc, xmlrpc.client.Fault):
        lines = [ln for ln in str(exc.faultString).strip().splitlines() if ln.strip()]
        return f"Fault: {lines[-1][:160] if lines else exc.faultCode}"
    return f"{type(exc).__name__}: {str(exc)[:160]}"


class Client(threading.Thread):
    """One clerk: orders in a loop until the deadline."""

    def __init__(self, number, args, deadline, customers, products, run_tag, has_checks):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.args, self.deadline = number, args, deadline
        self.customers, self.products = customers, products
        self.run_tag, self.has_checks = run_tag, has_checks
        self.rnd = random.Random(number)
        self.orders, self.confirmed, self.delivered = {}, set(), set()
        self.errors = collections.Counter()
        self.calls = 0
        self.latencies = []

    def _call(self, api, *args, **kwargs):
        start = time.perf_counter()
        try:
            return api.call(*args, **kwargs)
        finally:
            self.calls += 1
            self.latencies.append(time.perf_counter() - start)

    def run(self):
        try:
            api = Api(self.args.url, self.args.db, self.args.login, self.args.password)
        except (OSError, xmlrpc.client.Error) as exc:
            self.errors[_fault_key(exc)] += 1
            return
        for n in range(MAX_ORDERS_PER_CLIENT):
            if time.monotonic() >= self.deadline:
                break
            try:
                self._one_order(api, n)
            except (OSError, xmlrpc.client.Error) as exc:
                self.errors[_fault_key(exc)] += 1

    def _one_order(self, api, n):
        ref = f"{self.run_tag}-{self.number}-{n}"
        lines = [
            (
                0,
                0,
                {
                    "product_id": self.rnd.choice(self.products),
                    "product_uom_qty": self.rnd.randint(1, 5),
                },
            )
            for _i in range(self.rnd.randint(1, 3))
        ]
        order_id = self._call(
            api,
            "sale.order",
            "create",
            {
                "partner_id": self.rnd.choice(self.customers),
                "client_order_ref": ref,
                "order_line": lines,
            },
        )
        self.orders[order_id] = ref
        if self.has_checks:
            self._call(api, "sale.order", "action_bo_check", [order_id])
        self._call(api, "sale.order", "action_confirm", [order_id])
        self.confirmed.add(order_id)
        if n % 5 == 4:  # one order in five waits in the warehouse
            return
        (order,) = self._call(api, "sale.order", "read", [order_id], ["picking_ids"])
        pickings = order["picking_ids"]
        moves = self._call(
            api, "stock.move", "search_read", [("picking_id", "in", pickings)], ["product_uom_qty"]
        )
        for move in moves:
            self._call(
                api,
                "stock.move",
                "write",
                [move["id"]],
                {"quantity": move["product_uom_qty"], "picked": True},
            )
        # skip_sms: the one-time "send SMS on delivery?" question a clerk answers once
        # for the company (stock_sms), not part of each delivery.
        result = self._call(
            api, "stock.picking", "button_validate", pickings, context={"skip_sms": True}
        )
        if result is not True:
            raise xmlrpc.client.Error(f"button_validate asked for a wizard: {result!r:.100}")
        self.delivered.add(order_id)


def main(argv=None):
    parser = argparse.ArgumentParser(description="bo-suite load test clients")
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("The load test only talks to an Odoo on the loopback interface")

    api = Api(args.url, args.db, args.login, args.password)
    # Customers whose language is installed: an order for a partner in a language the
    # database lacks fails ("Invalid language code") before the suite is reached.
    langs = [row["code"] for row in api.search_read("res.lang", [], ["code"])]
    customers = api.call(
        "res.partner",
        "search",
        [("customer_rank", ">", 0), ("is_company", "=", True), ("lang", "in", langs)],
        limit=200,
    )
    products = api.call(
        "product.product", "search", [("sale_ok", "=", True), ("is_storable", "=", True)], limit=200
    )
    if not customers or not products:
        raise SystemExit("The load database needs customers and storable products (demo data)")
    # The order checks (bo_sales) are called when installed.
    has_checks = bool(api.call("sale.order", "fields_get", ["bo_check_state"], attributes=["type"]))
    run_tag = f"LOAD-{uuid.uuid4().hex[:8]}"

    start = time.monotonic()
    deadline = start + args.seconds
    clients = [
        Client(i, args, deadline, customers, products, run_tag, has_checks)
        for i in range(args.clients)
    ]
    for client in clients:
        client.start()
    for client in clients:
        # Bounded: the deadline plus one call's timeout for the last call in flight.
        client.join(args.seconds + RPC_TIMEOUT_S + 30)
    elapsed = time.monotonic() - start
    stuck = [client.name for client in clients if client.is_alive()]

    result = {"run_tag": run_tag, "orders": {}, "confirmed": set(), "delivered": set()}
    errors = collections.Counter()
    latencies = []
    calls = 0
    for client in clients:
        result["orders"].update(client.orders)
        result["confirmed"] |= client.confirmed
        result["delivered"] |= client.delivered
        errors.update(client.errors)
        latencies += client.latencies
        calls += client.calls
    problems = []
    for check in POST_CHECKS:
        problems += [f"{check.__name__}: {p}" for p in check(api, result)]
    if stuck:
        problems.append(f"clients still running after the deadline: {stuck}")
    latencies.sort()
    summary = {
        "database": args.db,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "order_checks_called": has_checks,
        "orders_created": len(result["orders"]),
        "orders_confirmed": len(result["confirmed"]),
        "deliveries_validated": len(result["delivered"]),
        "orders_per_minute": round(len(result["orders"]) * 60 / elapsed, 1),
        "rpc_calls": calls,
        "rpc_median_ms": round(1000 * latencies[len(latencies) // 2]) if latencies else None,
        "rpc_p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]) if latencies else None,
        "faults": sum(errors.values()),
        "faults_by_kind": dict(errors.most_common(10)),
        "post_checks": [check.__name__ for check in POST_CHECKS],
        "problems": problems,
    }
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 1 if problems or errors else 0


if __name__ == "__main__":
    sys.exit(main())

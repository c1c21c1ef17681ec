# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load test clients of `make load` (scripts/load.sh starts Odoo with workers).

N clients (threads, each with its own XML-RPC connection, as separate clerks
would have) repeat for a bounded time: create an order for a customer of the
database with 1 to 3 products, check it when the order checks are installed
(``action_bo_check``; an order the checks block is overridden through the
manager's dialog when the load user is a Back Office Manager, else left as a
quotation), confirm it, and for most orders validate the delivery.
When the transport documents are installed (bo_logistics), a delivered order
gets its DDT the way the clerk's buttons make it: "Create DDT" on the transfer
(``stock.picking.action_bo_create_transport_document``), then "Validate" on the
DDT (``bo.transport.document.action_validate``), which takes its number from
the company's gapless yearly counter. Even-numbered clients validate each DDT at
once; odd-numbered ones leave them in draft and validate them as a batch every
BATCH_SIZE deliveries and at the end of their day (the run), so single and batch
validations compete for the counter.

Every XML-RPC fault is counted by its last line, and those carrying a traceback
(anything but a user, access or validation message) separately: Odoo retries
serialization failures, deadlocks and busy locks itself
(odoo.service.model.retrying), so a client must never get one.
Afterwards the POST_CHECKS of tools/load/checks.py verify the database.
Prints one JSON summary; exits 1 when a fault was returned or a check failed.

Usage: python tools/load/load.py --url http://127.0.0.1:PORT --db DB
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

if __package__:  # imported (tests/test_load_checks.py)
    from .checks import POST_CHECKS
else:  # run as a script by scripts/load.sh
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from checks import POST_CHECKS

# Hard limits so that the run always stops by itself.
MAX_ORDERS_PER_CLIENT = 5000
RPC_TIMEOUT_S = 180
# A batch-validating client validates its draft DDTs every BATCH_SIZE deliveries.
BATCH_SIZE = 5
# What PostgreSQL says of the errors Odoo retries (serialization, deadlock, busy lock).
CONCURRENCY_ERRORS = (
    "could not serialize access",
    "deadlock detected",
    "could not obtain lock",
    "SerializationFailure",
    "DeadlockDetected",
    "LockNotAvailable",
)
# xmlrpc/2 fault codes of odoo.addons.base.controllers.rpc: 1 is an unexpected
# error, sent with its traceback; the others are messages meant for the user.
RPC_FAULT_CODE_APPLICATION_ERROR = 1


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


def _fault_kinds(exc):
    """The tags of a fault: 'traceback' when the user would see a traceback,
    'concurrency' when it is a concurrency error Odoo should have retried."""
    kinds = set()
    if isinstance(exc, xmlrpc.client.Fault):
        text = str(exc.faultString)
        if exc.faultCode == RPC_FAULT_CODE_APPLICATION_ERROR or "Traceback (most recent" in text:
            kinds.add("traceback")
        if any(marker in text for marker in CONCURRENCY_ERRORS):
            kinds.add("concurrency")
    return kinds


def _action_record_ids(action):
    """Ids of the records a window action opens (its form's record or its domain's ids)."""
    if action.get("res_id"):
        return [action["res_id"]]
    for term in action.get("domain") or []:
        if isinstance(term, list | tuple) and len(term) == 3 and list(term[:2]) == ["id", "in"]:
            return list(term[2])
    raise xmlrpc.client.Error(f"the action opens no record: {action!r:.100}")


class Client(threading.Thread):
    """One clerk: orders in a loop until the deadline."""

    def __init__(self, number, args, deadline, customers, products, run_tag, features):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.args, self.deadline = number, args, deadline
        self.customers, self.products = customers, products
        self.run_tag = run_tag
        self.has_checks, self.has_ddt = features["has_checks"], features["has_ddt"]
        self.can_override = features["can_override"]
        self.ddt_batch = number % 2 == 1
        self.rnd = random.Random(number)
        self.orders, self.confirmed, self.delivered = {}, set(), set()
        self.blocked, self.overridden = set(), set()
        self.ddts, self.ddt_validated, self.ddt_pending = {}, set(), []
        self.ddt_validate_calls = 0
        self.errors = collections.Counter()
        self.error_kinds = collections.Counter()
        self.calls = 0
        self.latencies = []

    def _call(self, api, *args, **kwargs):
        start = time.perf_counter()
        try:
            return api.call(*args, **kwargs)
        finally:
            self.calls += 1
            self.latencies.append(time.perf_counter() - start)

    def _fault(self, exc):
        self.errors[_fault_key(exc)] += 1
        self.error_kinds.update(_fault_kinds(exc))

    def run(self):
        try:
            api = Api(self.args.url, self.args.db, self.args.login, self.args.password)
        except (OSError, xmlrpc.client.Error) as exc:
            self._fault(exc)
            return
        for n in range(MAX_ORDERS_PER_CLIENT):
            if time.monotonic() >= self.deadline:
                break
            try:
                self._one_order(api, n)
            except (OSError, xmlrpc.client.Error) as exc:
                self._fault(exc)
        # The end of the day: the drafts left are validated together.
        if self.ddt_pending:
            try:
                self._validate_ddts(api)
            except (OSError, xmlrpc.client.Error) as exc:
                self._fault(exc)

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
            (order,) = self._call(api, "sale.order", "read", [order_id], ["bo_check_state"])
            if order["bo_check_state"] == "blocked":
                self.blocked.add(order_id)
                if not self.can_override:
                    return  # the quotation waits for a correction or a manager
                self._override(api, order_id)
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
        if self.has_ddt:
            self._make_ddt(api, pickings)

    def _override(self, api, order_id):
        """A Back Office Manager's "Override Checks" on a blocked order, with a reason."""
        action = self._call(api, "sale.order", "action_bo_override", [order_id])
        wizard = self._call(
            api,
            action["res_model"],
            "create",
            {"order_ids": [(6, 0, [order_id])], "reason": "Load test: agreed with the customer"},
        )
        self._call(api, action["res_model"], "action_apply", [wizard])
        self.overridden.add(order_id)

    def _make_ddt(self, api, pickings):
        """The clerk's "Create DDT" on the delivered transfers, then "Validate" (now or
        with the next batch)."""
        action = self._call(api, "stock.picking", "action_bo_create_transport_document", pickings)
        documents = _action_record_ids(action)
        for document in documents:
            self.ddts[document] = pickings
        self.ddt_pending += documents
        if not self.ddt_batch or len(self.ddt_pending) >= BATCH_SIZE:
            self._validate_ddts(api)

    def _validate_ddts(self, api):
        """Validate the draft DDTs of this client in one call (never retried here:
        a failure stays a fault, and the post-checks find the drafts left)."""
        documents, self.ddt_pending = self.ddt_pending, []
        self.ddt_validate_calls += 1
        self._call(api, "bo.transport.document", "action_validate", documents)
        self.ddt_validated.update(documents)


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
    # The order checks (bo_sales) and the DDTs (bo_logistics) are used when installed.
    features = {
        "has_checks": bool(
            api.call("sale.order", "fields_get", ["bo_check_state"], attributes=["type"])
        ),
        "has_ddt": bool(
            api.call(
                "stock.picking", "fields_get", ["bo_transport_document_ids"], attributes=["type"]
            )
        ),
    }
    # Orders blocked by the checks are overridden when the load user may (a manager).
    features["can_override"] = features["has_checks"] and bool(
        api.call("res.users", "has_group", [api.uid], "bo_sales.bo_sales_group_manager")
    )
    run_tag = f"LOAD-{uuid.uuid4().hex[:8]}"

    start = time.monotonic()
    deadline = start + args.seconds
    clients = [
        Client(i, args, deadline, customers, products, run_tag, features)
        for i in range(args.clients)
    ]
    for client in clients:
        client.start()
    for client in clients:
        # Bounded: the deadline plus one call's timeout for the last call in flight.
        client.join(args.seconds + RPC_TIMEOUT_S + 30)
    elapsed = time.monotonic() - start
    stuck = [client.name for client in clients if client.is_alive()]

    result = dict(
        features,
        run_tag=run_tag,
        orders={},
        confirmed=set(),
        delivered=set(),
        blocked=set(),
        overridden=set(),
        ddts={},
        ddt_validated=set(),
    )
    errors = collections.Counter()
    error_kinds = collections.Counter()
    latencies = []
    calls = 0
    validate_calls = {"single": 0, "batch": 0}
    for client in clients:
        result["orders"].update(client.orders)
        result["confirmed"] |= client.confirmed
        result["delivered"] |= client.delivered
        result["blocked"] |= client.blocked
        result["overridden"] |= client.overridden
        result["ddts"].update(client.ddts)
        result["ddt_validated"] |= client.ddt_validated
        validate_calls["batch" if client.ddt_batch else "single"] += client.ddt_validate_calls
        errors.update(client.errors)
        error_kinds.update(client.error_kinds)
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
        "order_checks_called": result["has_checks"],
        "ddts_made": result["has_ddt"],
        "orders_created": len(result["orders"]),
        "orders_confirmed": len(result["confirmed"]),
        "orders_blocked": len(result["blocked"]),
        "blocked_overridden": len(result["overridden"]),
        "deliveries_validated": len(result["delivered"]),
        "ddts_created": len(result["ddts"]),
        "ddts_validated": len(result["ddt_validated"]),
        "ddt_validate_calls": validate_calls,
        "orders_per_minute": round(len(result["orders"]) * 60 / elapsed, 1),
        "ddts_per_minute": round(len(result["ddt_validated"]) * 60 / elapsed, 1),
        "rpc_calls": calls,
        "rpc_per_second": round(calls / elapsed, 2),
        "rpc_median_ms": round(1000 * latencies[len(latencies) // 2]) if latencies else None,
        "rpc_p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]) if latencies else None,
        "faults": sum(errors.values()),
        "faults_with_traceback": error_kinds["traceback"],
        "concurrency_faults": error_kinds["concurrency"],
        "faults_by_kind": dict(errors.most_common(10)),
        "post_checks": [check.__name__ for check in POST_CHECKS],
        "problems": problems,
    }
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 1 if problems or errors else 0


if __name__ == "__main__":
    sys.exit(main())

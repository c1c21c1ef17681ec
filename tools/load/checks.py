# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks made after a load run (tools/load/load.py), through the same XML-RPC API.

Each check is a function ``check(api, result) -> list of problem strings``:
``api`` is a ``load.Api`` logged in as the load user, ``result`` the merged
outcome of every client:

- ``orders``: {order id: reference} of every order a client was told it created;
  ``run_tag``: the prefix of every reference of the run;
- ``confirmed``, ``delivered``: ids of the orders confirmed / whose pickings were
  validated; ``blocked``, ``overridden``: those the checks blocked / the client
  overrode;
- ``has_checks``, ``has_ddt``: whether the order checks (bo_sales) / the transport
  documents (bo_logistics) are installed and were exercised;
- ``ddts``: {DDT id: ids of its pickings} of every DDT a client created;
  ``ddt_validated``: ids of the DDTs a client was told it validated.

Add a check by appending it to POST_CHECKS; a check of an addon that is not
installed returns no problem.
"""

import re
from collections import Counter, defaultdict


def check_orders_kept(api, result):
    """No order lost nor duplicated: the database holds exactly the orders the clients got."""
    problems = []
    refs = api.search_read(
        "sale.order",
        [("client_order_ref", "=like", result["run_tag"] + "%")],
        ["client_order_ref"],
    )
    in_db = {row["id"]: row["client_order_ref"] for row in refs}
    got = result["orders"]
    lost = set(got) - set(in_db)
    extra = set(in_db) - set(got)
    if lost:
        problems.append(f"{len(lost)} orders returned to clients are not in the database")
    if extra:
        problems.append(f"{len(extra)} orders of the run in the database were never returned")
    seen = {}
    for ref in in_db.values():
        seen[ref] = seen.get(ref, 0) + 1
    dupes = [ref for ref, count in seen.items() if count > 1]
    if dupes:
        problems.append(f"{len(dupes)} client references saved twice, e.g. {dupes[0]}")
    return problems


def check_confirmed_have_pickings(api, result):
    """Every confirmed order is a sale with its delivery."""
    ids = sorted(result["confirmed"])
    if not ids:
        return []
    rows = api.read("sale.order", ids, ["state", "picking_ids"])
    problems = []
    not_sale = [row["id"] for row in rows if row["state"] != "sale"]
    no_picking = [row["id"] for row in rows if not row["picking_ids"]]
    if not_sale:
        problems.append(f"{len(not_sale)} confirmed orders are not in state 'sale'")
    if no_picking:
        problems.append(f"{len(no_picking)} confirmed orders have no delivery")
    return problems


def check_delivered_done(api, result):
    """Every delivery a client validated is done, and its order fully delivered."""
    ids = sorted(result["delivered"])
    if not ids:
        return []
    pickings = api.search_read("stock.picking", [("sale_id", "in", ids)], ["state", "sale_id"])
    problems = []
    not_done = [p["id"] for p in pickings if p["state"] != "done"]
    if not_done:
        problems.append(f"{len(not_done)} validated deliveries are not done")
    orders = api.read("sale.order", ids, ["delivery_status"])
    partial = [o["id"] for o in orders if o["delivery_status"] != "full"]
    if partial:
        problems.append(f"{len(partial)} orders whose delivery was validated are not delivered")
    return problems


def _expected_check_state(findings):
    """The order's check state its findings call for (as bo_sales writes it)."""
    severities = {"overridden" if f["overridden"] else f["severity"] for f in findings}
    for state in ("blocking", "overridden", "warning"):
        if state in severities:
            return "blocked" if state == "blocking" else state
    return "ok"


def check_findings_consistent(api, result):
    """The check state of every order of the run agrees with its findings.

    Blocked iff a blocking finding is not overridden, else overridden iff a finding
    was overridden, else warning iff a warning is left, else ok; the main rule is
    the rule of one of its findings (of a blocking one when blocked), none without
    findings; no finding names a line of another order; no order is left to check.
    """
    ids = sorted(result["orders"])
    if not ids or not result.get("has_checks"):
        return []
    orders = api.read("sale.order", ids, ["bo_check_state", "bo_check_rule_id"])
    findings = api.search_read(
        "bo.check.finding",
        [("order_id", "in", ids)],
        ["order_id", "line_id", "rule_id", "severity", "overridden"],
    )
    return findings_problems(orders, findings, _line_orders(api, findings))


def _line_orders(api, findings):
    line_ids = sorted({f["line_id"][0] for f in findings if f["line_id"]})
    if not line_ids:
        return {}
    rows = api.read("sale.order.line", line_ids, ["order_id"])
    return {row["id"]: row["order_id"][0] for row in rows}


def findings_problems(orders, findings, line_orders):
    """Problems of ``orders`` (read: bo_check_state, bo_check_rule_id) against their
    ``findings`` (read: order_id, line_id, rule_id, severity, overridden) and
    ``line_orders`` ({order line id: its order id})."""
    by_order = defaultdict(list)
    for finding in findings:
        by_order[finding["order_id"][0]].append(finding)
    wrong_state, wrong_rule, unchecked = [], [], []
    for order in orders:
        order_findings = by_order.get(order["id"], [])
        state = order["bo_check_state"]
        if state == "to_check":
            unchecked.append(order["id"])
            continue
        expected = _expected_check_state(order_findings)
        if state != expected:
            wrong_state.append(f"{order['id']} is {state}, its findings say {expected}")
        main = order["bo_check_rule_id"] and order["bo_check_rule_id"][0]
        candidates = {
            f["rule_id"][0]
            for f in order_findings
            if expected != "blocked" or (f["severity"] == "blocking" and not f["overridden"])
        }
        if not (main in candidates if candidates else not main):
            wrong_rule.append(order["id"])
    foreign = [
        f["id"]
        for f in findings
        if f["line_id"] and line_orders.get(f["line_id"][0]) != f["order_id"][0]
    ]
    problems = []
    if unchecked:
        problems.append(f"{len(unchecked)} orders still to check, e.g. {unchecked[0]}")
    if wrong_state:
        problems.append(
            f"{len(wrong_state)} orders whose check state disagrees with their findings, "
            f"e.g. order {wrong_state[0]}"
        )
    if wrong_rule:
        problems.append(
            f"{len(wrong_rule)} orders whose main check rule is not one of their findings', "
            f"e.g. order {wrong_rule[0]}"
        )
    if foreign:
        problems.append(f"{len(foreign)} findings name a line of another order, e.g. {foreign[0]}")
    return problems


_NUMBER = re.compile(r"(\d+)\D*$")


def number_problems(names, next_number=None):
    """Problems of the DDT numbers ``names`` issued in one company and year.

    The numbers (last digits of each name) must be unique and leave no hole between
    the smallest and the largest; ``next_number``, the year's counter, when given,
    must come right after the largest (no number consumed and not issued).
    """
    counts = Counter(names)
    problems = [f"number {name} given {count} times" for name, count in counts.items() if count > 1]
    numbers = set()
    for name in counts:
        match = _NUMBER.search(name)
        if not match:
            problems.append(f"number {name!r} has no digits")
            continue
        numbers.add(int(match.group(1)))
    if len(numbers) != len(counts):
        problems.append("two names carry the same number")
    if not numbers:
        return problems
    low, high = min(numbers), max(numbers)
    holes = sorted(set(range(low, high + 1)) - numbers)
    if holes:
        shown = ", ".join(str(n) for n in holes[:10])
        problems.append(f"{len(holes)} numbers missing between {low} and {high}: {shown}")
    if next_number is not None and next_number != high + 1:
        problems.append(f"the counter is at {next_number}, the last number issued is {high}")
    return problems


def check_ddt_numbers(api, result):
    """DDT numbers of the run unique, gapless, and each where it belongs.

    A DDT is numbered one of two ways:

    - by the suite's own sequence: for each company and year of the run's
      validated DDTs so numbered, every number the suite issued that year
      (cancelled DDTs keep theirs) is read: no duplicate, no hole between the
      smallest and the largest, and the year's counter right after the largest;
    - where Odoo's Italian localization numbers the deliveries
      (``l10n_it_stock_ddt``, joined by ``bo_logistics_it_ddt``): the DDT carries
      the number its delivery got when it was validated. Each such DDT of the
      run must carry its delivery's number, and the numbers each operation type
      gave its deliveries (all of them, with a DDT of ours or not) must be
      unique, with no hole, and its sequence right after the largest.
    """
    if not result.get("has_ddt") or not result["ddts"]:
        return []
    run = api.read(
        "bo.transport.document",
        sorted(result["ddts"]),
        ["name", "state", "company_id", "date", "picking_ids"],
    )
    problems = []
    run_names = [d["name"] for d in run if d["name"] != "/"]
    dupes = [name for name, count in Counter(run_names).items() if count > 1]
    if dupes:
        problems.append(f"{len(dupes)} DDT numbers given twice in the run, e.g. {dupes[0]}")
    unnumbered = [d["id"] for d in run if d["state"] != "draft" and d["name"] == "/"]
    if unnumbered:
        problems.append(f"{len(unnumbered)} validated DDTs have no number")
    issued = [d for d in run if d["state"] != "draft"]
    numbered = _delivery_numbers(api, {p for d in issued for p in d["picking_ids"]})
    by_delivery = [d for d in issued if any(p in numbered for p in d["picking_ids"])]
    problems += _delivery_numbering_problems(api, by_delivery, numbered)
    own = [d for d in issued if d not in by_delivery]
    problems += _own_numbering_problems(api, own)
    return problems


def _delivery_numbers(api, picking_ids):
    """{delivery id: (its DDT number, its operation type id)} of ``picking_ids``
    that Odoo's Italian localization numbered; {} where it is not installed."""
    if not picking_ids or "l10n_it_ddt_number" not in api.call(
        "stock.picking", "fields_get", ["l10n_it_ddt_number"], attributes=["type"]
    ):
        return {}
    rows = api.read("stock.picking", sorted(picking_ids), ["l10n_it_ddt_number", "picking_type_id"])
    return {
        row["id"]: (row["l10n_it_ddt_number"], row["picking_type_id"][0])
        for row in rows
        if row["l10n_it_ddt_number"]
    }


def _delivery_numbering_problems(api, documents, numbered):
    """Problems of the DDTs ``documents`` numbered by their deliveries (``numbered``:
    see :func:`_delivery_numbers`) and of each operation type's DDT numbers."""
    if not documents:
        return []
    problems = []
    wrong = [
        d["name"]
        for d in documents
        if d["name"] not in {numbered[p][0] for p in d["picking_ids"] if p in numbered}
    ]
    if wrong:
        problems.append(
            f"{len(wrong)} DDTs do not carry their delivery's DDT number, e.g. {wrong[0]}"
        )
    type_ids = sorted(
        {numbered[p][1] for d in documents for p in d["picking_ids"] if p in numbered}
    )
    types = api.read("stock.picking.type", type_ids, ["name", "l10n_it_ddt_sequence_id"])
    sequence_ids = [t["l10n_it_ddt_sequence_id"][0] for t in types if t["l10n_it_ddt_sequence_id"]]
    counters = {
        row["id"]: row["number_next_actual"]
        for row in api.read("ir.sequence", sequence_ids, ["number_next_actual"])
    }
    given = defaultdict(list)
    for row in api.search_read(
        "stock.picking",
        [("picking_type_id", "in", type_ids), ("l10n_it_ddt_number", "!=", False)],
        ["l10n_it_ddt_number", "picking_type_id"],
    ):
        given[row["picking_type_id"][0]].append(row["l10n_it_ddt_number"])
    for picking_type in types:
        sequence = picking_type["l10n_it_ddt_sequence_id"]
        problems += [
            f"deliveries of {picking_type['name']}: {problem}"
            for problem in number_problems(
                given[picking_type["id"]], counters.get(sequence[0]) if sequence else None
            )
        ]
    return problems


def _own_numbering_problems(api, documents):
    """Problems of the suite's own DDT numbers, per company and year of ``documents``."""
    problems = []
    years = {(d["company_id"][0], str(d["date"])[:4]) for d in documents}
    for company_id, year in sorted(years):
        issued = api.search_read(
            "bo.transport.document",
            [
                ("company_id", "=", company_id),
                ("name", "!=", "/"),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ],
            ["name", "picking_ids"],
        )
        numbered = _delivery_numbers(api, {p for d in issued for p in d["picking_ids"]})
        own = [d["name"] for d in issued if not any(p in numbered for p in d["picking_ids"])]
        ranges = api.search_read(
            "ir.sequence.date_range",
            [
                ("sequence_id.code", "=", "bo.transport.document"),
                ("sequence_id.company_id", "=", company_id),
                ("date_from", "<=", f"{year}-12-31"),
                ("date_to", ">=", f"{year}-01-01"),
            ],
            ["number_next"],
        )
        next_number = ranges[0]["number_next"] if len(ranges) == 1 else None
        if len(ranges) != 1:
            problems.append(f"company {company_id}, {year}: {len(ranges)} DDT number ranges")
        problems += [
            f"company {company_id}, {year}: {problem}"
            for problem in number_problems(own, next_number)
        ]
    return problems


def check_deliveries_have_one_ddt(api, result):
    """Every delivery of the run validated by a client is on exactly one validated DDT,
    and every DDT a client was told it validated is validated."""
    if not result.get("has_ddt") or not result["delivered"]:
        return []
    pickings = api.search_read(
        "stock.picking",
        [
            ("sale_id", "in", sorted(result["delivered"])),
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
        ],
        ["id"],
    )
    picking_ids = [p["id"] for p in pickings]
    documents = api.search_read(
        "bo.transport.document",
        [("picking_ids", "in", picking_ids), ("state", "=", "done")],
        ["picking_ids"],
    )
    problems = delivery_ddt_problems(picking_ids, documents)
    states = api.read("bo.transport.document", sorted(result["ddt_validated"]), ["state"])
    not_done = [d["id"] for d in states if d["state"] != "done"]
    if not_done:
        problems.append(f"{len(not_done)} DDTs validated by a client are not validated")
    return problems


def delivery_ddt_problems(picking_ids, documents):
    """Problems of the deliveries ``picking_ids`` against the validated DDTs
    ``documents`` (read: picking_ids) that cover them."""
    count = Counter(p for d in documents for p in d["picking_ids"])
    none = [p for p in picking_ids if not count[p]]
    several = [p for p in picking_ids if count[p] > 1]
    problems = []
    if none:
        problems.append(f"{len(none)} validated deliveries have no validated DDT, e.g. {none[0]}")
    if several:
        problems.append(
            f"{len(several)} validated deliveries are on several validated DDTs, e.g. {several[0]}"
        )
    return problems


POST_CHECKS = [
    check_orders_kept,
    check_confirmed_have_pickings,
    check_delivered_done,
    check_findings_consistent,
    check_ddt_numbers,
    check_deliveries_have_one_ddt,
]

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks made after a load run (tests/load/load.py), through the same XML-RPC API.

Each check is a function ``check(api, result) -> list of problem strings``:
``api`` is a ``load.Api`` logged in as the load user, ``result`` the merged
outcome of every client (``result["orders"]``: {order id: reference} of every
order a client was told it created, ``result["confirmed"]``, ``result["delivered"]``:
ids of orders confirmed / whose pickings were validated, ``result["run_tag"]``:
the prefix of every reference of the run).

Add a check by appending it to POST_CHECKS (e.g. bo_logistics: DDT numbers of
the run's pickings gapless and unique).
"""


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


POST_CHECKS = [check_orders_kept, check_confirmed_have_pickings, check_delivered_done]

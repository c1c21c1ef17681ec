# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the job that gives blocked orders their activity, after a batch check.

``action_bo_check()`` on many orders leaves the activities of the blocked ones
to this job (triggered at once), so the check itself stays fast. Same data as
the order checks case: 1 000 quotations of 10 lines, checked in ``prepare``;
``run`` is the job. No target is set by the issues: the check's 0.3 s target
is for the check; this case shows what was moved out of it (its target is
our own).
"""

from tools.bench.cases import order_checks

# Our own budget (no issue sets one): the activities follow a batch within seconds.
CASE = {
    "name": "Activities of blocked orders after checking 1 000 quotations (job)",
    "size": "1000 orders checked",
    "target_s": 2.0,
}
SMALL = {"orders": 20, "lines": 3}


def prepare(env, orders=1000, lines=10):
    ctx = order_checks.prepare(env, orders=orders, lines=lines)
    quotations = env["sale.order"].browse(ctx["order_ids"])
    quotations.action_bo_check()
    env.flush_all()
    blocked = quotations.filtered(lambda o: o.bo_check_state == "blocked")
    return dict(ctx, size=f"{len(quotations)} orders checked, {len(blocked)} blocked")


def run(env, ctx):
    env["sale.order"]._cron_bo_sync_check_activities()
    env.flush_all()

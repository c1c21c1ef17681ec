# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: the figures alone of the monthly "Sales and turnover" report (no
PDF, no XLSX), on the data and report of the case monthly_report.

run() computes the payload of the due month: the three aggregate queries (the
month's order lines in every breakdown with the comparison month, the twelve
months' trend, every invoiced figure) and the names of the groups.
"""

from tools.bench.cases import monthly_report

CASE = {
    "name": "monthly_report_figures",
    "size": "1 000 000 order lines",
    "target_s": 5.0,
}


def prepare(env, lines=None):
    return monthly_report.prepare(env, lines=lines)


def run(env, ctx):
    return monthly_report.due_run(env, ctx["report"])._bo_payload()

"""Summarise an Odoo test log written by `make test-core` (scripts/test_core.sh).

Reads the per-module statistics Odoo logs at the end of a run (logger
odoo.tests.stats: "<module>: N tests ..."), the FAIL/ERROR lines of failing
tests and the final "X failed, Y error(s) of Z tests" line, prints a table per
module (tests, failed, errors) and the failing tests, and exits non-zero when a
test failed or Odoo itself did not finish.

Usage: python tools/core_report.py LOGFILE DBNAME ELAPSED_S ODOO_RC
"""

import collections
import re
import sys

STAT_RE = re.compile(r"odoo\.tests\.stats: (\w+): (\d+) tests ([\d.]+)s (\d+) queries")
FAIL_RE = re.compile(
    r" (?:ERROR|CRITICAL) \S+ odoo\.addons\.(\w+)\.\S*: (FAIL|ERROR): ((?:Subtest )?\S+)"
)
SKIP_RE = re.compile(r" odoo\.addons\.(\w+)\.\S*: skipped ")
TOTAL_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


def summarise(lines):
    """Return (per-module stats, failing tests, Odoo's totals or None, skipped per module)."""
    stats = {}
    failing = []
    totals = None
    skipped = collections.Counter()
    for line in lines:
        if match := SKIP_RE.search(line):
            skipped[match.group(1)] += 1
        if match := STAT_RE.search(line):
            module, count, secs, queries = match.groups()
            stats[module] = {"tests": int(count), "time_s": float(secs), "queries": int(queries)}
        elif match := FAIL_RE.search(line):
            failing.append(match.groups())
        elif match := TOTAL_RE.search(line):
            totals = tuple(int(x) for x in match.groups())
    return stats, failing, totals, skipped


def main(logfile, dbname, elapsed, odoo_rc):
    with open(logfile, errors="replace") as log:
        stats, failing, totals, skipped = summarise(log)
    per_module = collections.Counter()
    for module, kind, _test in failing:
        per_module[(module, kind)] += 1
    out = sys.stdout
    out.write(f"\nOdoo's own tests on database {dbname} ({elapsed} s, log {logfile})\n\n")
    out.write(f"{'module':<28}{'tests':>8}{'failed':>8}{'errors':>8}{'skipped':>9}{'time s':>10}\n")
    for module in sorted(set(stats) | {m for m, _k in per_module}):
        row = stats.get(module, {"tests": 0, "time_s": 0.0})
        out.write(
            f"{module:<28}{row['tests']:>8}{per_module[(module, 'FAIL')]:>8}"
            f"{per_module[(module, 'ERROR')]:>8}{skipped[module]:>9}{row['time_s']:>10.1f}\n"
        )
    if failing:
        out.write("\nFailing tests:\n")
        for module, kind, test in failing:
            out.write(f"  {kind:<6}{module}: {test}\n")
    if totals:
        failed, errors, run = totals
        out.write(
            f"\nOdoo's count: {run} tests run, {failed} failed, {errors} errors, "
            f"{sum(skipped.values())} skipped (the per-module count above also counts "
            "class set-ups)\n"
        )
    else:
        out.write("\nOdoo did not report a test total: the run stopped early; see the log.\n")
    ok = totals is not None and totals[0] == 0 and totals[1] == 0 and odoo_rc == "0"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))

"""Benchmark runner of `make bench` (scripts/bench.sh).

Finds every tools/bench/cases/*.py, and for each case, in a transaction of its
own that is rolled back at the end (the bench database keeps only the generated
data):

* prepare(env) once; it returns a context dict (its optional "size" key
  replaces CASE["size"] in the table, e.g. to show the rows actually read);
* run(env, ctx) `runs` times (default 3), each inside a savepoint rolled back
  afterwards with the ORM caches cleared, so that every run starts from the
  same data; the ORM is flushed inside the measured time. The table shows the
  median wall time and the median number of SQL queries (cr.sql_log_count);
* one more run under tracemalloc for the peak Python memory (tracemalloc slows
  Python down, so that run is not timed);
* baseline(env, ctx), when the case has one, measured the same way; the ratio
  is baseline time / case time (above 1: the case is faster than plain Odoo).

A case that cannot be imported or raises is reported FAILED with its error (the
traceback goes to the log), the other cases still run, and the exit code is 1.
A missed target is shown as "no" but is not a failure: timings depend on the
machine, and benchmarks are not tests.

Cases may shrink themselves when env.context["bo_bench"] == "small" (what
tests/test_bench_runner.py passes, to keep every case from rotting);
`make bench` passes "full".

Usage: python tools/bench/runner.py -c ODOO_CONF -d DB [--runs 3] [--cases a,b]
       [--json .bench/bench.json]
"""

import argparse
import datetime
import glob
import importlib.util
import inspect
import json
import logging
import os
import statistics
import sys
import time
import traceback
import tracemalloc

from odoo.tools import SQL

_logger = logging.getLogger("bo_suite.bench")

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES_DIR = os.path.join(PROJECT_DIR, "tools", "bench", "cases")


def case_paths(names=None):
    """The case files, sorted; `names` (iterable of case file stems) narrows them."""
    paths = sorted(glob.glob(os.path.join(CASES_DIR, "*.py")))
    paths = [p for p in paths if not os.path.basename(p).startswith("_")]
    if names:
        wanted = set(names)
        paths = [p for p in paths if os.path.splitext(os.path.basename(p))[0] in wanted]
    return paths


def load_case(path):
    """Import a case module from its file and check its interface; raise when broken."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if PROJECT_DIR not in sys.path:
        # Cases import helpers as `tools.bench.generate`.
        sys.path.insert(0, PROJECT_DIR)
    spec = importlib.util.spec_from_file_location(f"bo_bench_case_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    case = getattr(module, "CASE", None)
    if not isinstance(case, dict) or not {"name", "size", "target_s"} <= set(case):
        raise TypeError(f"{stem}: CASE must be a dict with name, size and target_s")
    for func in ("prepare", "run"):
        if not callable(getattr(module, func, None)):
            raise TypeError(f"{stem}: no {func}(env, ...) function")
    return module


# Parameters of prepare() that size the data, when their default is None.
SIZE_PARAMETERS = ("lines", "size", "orders", "rows", "customers")


def small_kwargs(module):
    """Keyword arguments to prepare() for a quick run (tests/test_bench_runner.py).

    The case's own SMALL dict when it has one; otherwise every integer default
    of prepare() above 20 divided by 100 (at least 2), and 200 for a size
    parameter defaulting to None (see SIZE_PARAMETERS). Cases should define SMALL.
    """
    if isinstance(getattr(module, "SMALL", None), dict):
        return dict(module.SMALL)
    kwargs = {}
    for param in inspect.signature(module.prepare).parameters.values():
        default = param.default
        if isinstance(default, int) and not isinstance(default, bool) and default > 20:
            kwargs[param.name] = max(2, default // 100)
        elif default is None and param.name in SIZE_PARAMETERS:
            kwargs[param.name] = 200
    return kwargs


def _rollback_to(env, savepoint):
    """Undo everything since `savepoint`, pending ORM writes and computations included."""
    env.transaction.clear()
    env.cr.execute(SQL("ROLLBACK TO SAVEPOINT %s", SQL.identifier(savepoint)))
    env.cr.execute(SQL("RELEASE SAVEPOINT %s", SQL.identifier(savepoint)))
    env.transaction.clear()


def _measure_once(env, func, ctx, memory=False):
    """Run func(env, ctx) inside a savepoint rolled back afterwards.

    Returns (seconds, queries, peak bytes or None)."""
    cr = env.cr
    env.flush_all()
    env.invalidate_all()
    cr.execute("SAVEPOINT bo_bench_run")
    try:
        if memory:
            tracemalloc.start()
        queries = cr.sql_log_count
        start = time.perf_counter()
        func(env, ctx)
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries
        peak = tracemalloc.get_traced_memory()[1] if memory else None
    finally:
        if memory:
            tracemalloc.stop()
        _rollback_to(env, "bo_bench_run")
    return elapsed, queries, peak


def measure(env, func, ctx, runs=3):
    """Median time and queries of `runs` runs, and the peak memory of one more run."""
    samples = [_measure_once(env, func, ctx) for _i in range(max(1, runs))]
    _t, _q, peak = _measure_once(env, func, ctx, memory=True)
    return {
        "median_s": round(statistics.median(s[0] for s in samples), 4),
        "times_s": [round(s[0], 4) for s in samples],
        "queries": int(statistics.median(s[1] for s in samples)),
        "peak_mb": round(peak / 1_048_576, 2),
    }


def run_case(env, module, runs=3):
    """Prepare and measure one loaded case module in `env` (left as it was found)."""
    case = module.CASE
    row = {"case": case["name"], "size": str(case["size"]), "target_s": case["target_s"]}
    env.cr.execute("SAVEPOINT bo_bench_case")
    try:
        start = time.perf_counter()
        ctx = module.prepare(env) or {}
        row["prepare_s"] = round(time.perf_counter() - start, 2)
        if ctx.get("size"):
            row["size"] = str(ctx["size"])
        row.update(measure(env, module.run, ctx, runs))
        row["met"] = row["median_s"] <= float(case["target_s"])
        if callable(getattr(module, "baseline", None)):
            base = measure(env, module.baseline, ctx, runs)
            row["baseline"] = base
            row["ratio"] = round(base["median_s"] / row["median_s"], 2) if row["median_s"] else None
        row["status"] = "ok"
    finally:
        _rollback_to(env, "bo_bench_case")
    return row


def _failed_row(path, module, exc):
    case = getattr(module, "CASE", None) or {}
    name = case.get("name") if isinstance(case, dict) else None
    return {
        "case": name or os.path.splitext(os.path.basename(path))[0],
        "size": str(case.get("size", "")) if isinstance(case, dict) else "",
        "target_s": case.get("target_s") if isinstance(case, dict) else None,
        "status": "FAILED",
        "error": f"{type(exc).__name__}: {exc}".splitlines()[0][:200],
    }


def run_all(open_env, paths, runs=3):
    """Run every case file of `paths`; `open_env` is a context manager factory giving
    an env on a fresh cursor (rolled back). Returns the rows; failures never stop it."""
    rows = []
    for path in paths:
        module = None
        try:
            module = load_case(path)
            with open_env() as env:
                rows.append(run_case(env, module, runs))
        except Exception as exc:  # a broken case is reported, the others still run
            _logger.error("Benchmark %s failed:\n%s", path, traceback.format_exc())
            rows.append(_failed_row(path, module, exc))
        _logger.info("%s: %s", os.path.basename(path), rows[-1].get("status"))
    return rows


def format_table(rows):
    """The table `make bench` prints (plain text)."""
    header = [
        "case",
        "size",
        "median s",
        "queries",
        "peak MB",
        "target s",
        "met",
        "plain Odoo s",
        "ratio",
    ]
    lines = []
    for row in rows:
        if row["status"] != "ok":
            lines.append(
                [
                    row["case"],
                    row.get("size", ""),
                    "FAILED",
                    "",
                    "",
                    str(row.get("target_s") or ""),
                    "no",
                    "",
                    row.get("error", ""),
                ]
            )
            continue
        base = row.get("baseline")
        lines.append(
            [
                row["case"],
                row["size"],
                f"{row['median_s']:.3f}",
                str(row["queries"]),
                f"{row['peak_mb']:.1f}",
                f"{row['target_s']:g}",
                "yes" if row["met"] else "no",
                f"{base['median_s']:.3f}" if base else "-",
                f"x{row['ratio']:g}" if row.get("ratio") else "-",
            ]
        )
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
        for i, h in enumerate(header)
    ]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description="bo-suite benchmarks")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", help="comma-separated case file names (default: all)")
    parser.add_argument("--json", help="where to write the table as JSON")
    args = parser.parse_args(argv)

    import contextlib

    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.netsvc.init_logger()
    logging.getLogger("bo_suite").setLevel(logging.INFO)
    registry = odoo.modules.registry.Registry(args.database)

    @contextlib.contextmanager
    def open_env():
        with registry.cursor() as cr:
            try:
                yield odoo.api.Environment(
                    cr, odoo.SUPERUSER_ID, {"bo_bench": "full", "tracking_disable": True}
                )
            finally:
                cr.rollback()

    paths = case_paths(args.cases.split(",") if args.cases else None)
    rows = run_all(open_env, paths, args.runs)
    table = format_table(rows)
    sys.stdout.write(f"\nBenchmarks on database {args.database} ({args.runs} runs each)\n\n")
    sys.stdout.write(table + "\n")
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM sale_order_line")
            lines = cr.fetchone()[0]
        with open(args.json, "w") as out:
            json.dump(
                {
                    "database": args.database,
                    "sale_order_lines": lines,
                    "runs": args.runs,
                    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(
                        timespec="seconds"
                    ),
                    "cases": rows,
                },
                out,
                indent=2,
            )
        sys.stdout.write(f"\n(JSON: {args.json})\n")
    return 1 if any(row["status"] != "ok" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

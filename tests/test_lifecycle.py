# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Install, upgrade and uninstall of the three addons on databases full of data,
in every order their dependencies allow, leave Odoo working and the data intact.

Each step runs Odoo in a subprocess (tools/lifecycle/worker.py, or odoo-bin for
the upgrades) against databases of its own, named after the test database
(`<test db>_lc_*`, dropped at the end); a database is copied with
`CREATE DATABASE ... TEMPLATE` (and its filestore) rather than built twice.

1. Install: a database of Odoo with the dependencies of bo_sales and their demo
   data (scripts/create_db.py, as `make run` does), then bo_sales; copied, then
   bo_logistics then bo_reporting in one copy, bo_reporting then bo_logistics in
   the other, one module per step with its demo data (the second of the two
   brings bo_reporting_logistics, the bridge Odoo installs by itself once both
   are there, as it removes it with either). After each step: the
   records present before are all there with the same values (every stored
   column of partners, products, orders, pickings, moves, invoices, payments,
   events, crons, mail templates, parameters, sequences and the suite's own
   models), except the records the module's data files write on purpose; the
   administrator, Odoo's demo sales user and the suite's clerk load the menus
   and open every action of the suite they can reach and the main ones of
   Sales, Inventory, Invoicing and Contacts (views, first rows, first record); a
   sales user quotes and confirms; Odoo's order, invoice and delivery slip
   reports render; then
   `odoo-bin -u` of the installed addons serves the web client over HTTP
   (login, menus, /web) with no error in its log, and leaves every record as it
   was (compared when the next step starts).
2. Upgrade: with the three installed, a clerk's order made through the suite
   (checked, confirmed, delivered with its DDT, invoiced, with a complaint) and a
   manager's changes to shipped records (a check rule's severity, a rule
   archived, crons, mail templates, an activity type, a parameter, a complaint
   service level, a periodic report, a demo customer and courier) survive `-u`
   of the three, like every other record.
3. Uninstall, through button_immediate_uninstall: bo_reporting, bo_logistics,
   bo_sales in turn; bo_logistics, bo_reporting, bo_sales in turn; bo_sales
   alone (its dependents go with it). After each: Odoo's records are kept with
   their values (the clerk's order, delivery and invoice included) except the
   ones the removed modules own, i.e. their demo data, which Odoo deletes unless
   still in use, and what Odoo deletes with them; the modules' models, tables,
   columns, fields and technical records are gone; nothing names a removed
   model; the views of the models they extended validate; the checks of step 1
   pass again. Then the three are installed again and upgraded, and a bare Odoo
   serves the web client.

Any error in any log fails the test, but for Odoo's own refusals to delete a
removed module's business record still in use, logged while it uninstalls (it
keeps the record by design; see _log_errors). A missing component (Odoo tree,
PostgreSQL, psql) is an error: nothing is skipped.
"""

import concurrent.futures
import configparser
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.http_server import free_port, stop_server, wait_for_login_page

_logger = logging.getLogger(__name__)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONF = os.path.join(ROOT, ".local", "odoo.conf")
LOG_DIR = os.path.join(ROOT, ".local", "log")
WORKER = os.path.join(ROOT, "tools", "lifecycle", "worker.py")
CREATE_DB = os.path.join(ROOT, "scripts", "create_db.py")
ODOO_BIN = os.path.join(os.environ.get("ODOO_PATH", "/opt/odoo18"), "odoo-bin")
PYTHON = sys.executable

SALES, LOGISTICS, REPORTING = "bo_sales", "bo_logistics", "bo_reporting"
SUITE = (SALES, LOGISTICS, REPORTING)
# What bo_sales needs from Odoo (its manifest's depends).
SALES_DEPENDS = "sale_management,sale_stock,stock_delivery,calendar,resource,base_vat"
# Independent chains of steps run side by side (each in its own database).
JOBS = int(os.environ.get("BO_LIFECYCLE_JOBS", "2"))

# The only error Odoo logs on every database of this tree: its modules whose
# dependencies are absent, left uninstallable on purpose (scripts/common.sh).
FAILURE = re.compile(r" (ERROR|CRITICAL) | demo data failed to install")
KNOWN = "Some modules have inconsistent states"
ENTRY = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ")
KEPT = re.compile(r"odoo\.sql_db: bad query: b'DELETE FROM \"(\w+)\" WHERE id IN")
TECHNICAL = re.compile(r"(ir_|res_groups|mail_|report_|res_users)")


def _conf():
    parser = configparser.ConfigParser()
    parser.read(CONF)
    return parser["options"]


def _pg_env():
    env = dict(os.environ)
    with open(os.path.join(ROOT, ".local", "pg.env")) as fh:
        conf = dict(line.strip().split("=", 1) for line in fh if "=" in line)
    env.update(PGHOST=conf["BO_PG_HOST"], PGPORT=conf["BO_PG_PORT"], PGUSER=conf["BO_DB_USER"])
    password = conf.get("BO_DB_PASSWORD", "").strip("'\"")
    if password:
        env["PGPASSWORD"] = password
    return env


def _psql(sql):
    proc = subprocess.run(
        ["psql", "-w", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-qc", sql],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"psql {sql!r} failed: {proc.stderr}"


def _filestore(db):
    return os.path.join(_conf()["data_dir"], "filestore", db)


def _drop(db):
    _psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    shutil.rmtree(_filestore(db), ignore_errors=True)


def _copy(source, target):
    _drop(target)
    _psql(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    if os.path.isdir(_filestore(source)):
        shutil.copytree(_filestore(source), _filestore(target))


def _log_errors(path, kept_records=False):
    """The errors of an Odoo log, each with the lines that follow it.

    kept_records: the log of an uninstall, where Odoo tries to delete every
    record the modules own and logs the database's refusal when one is still in
    use (a demo product on invoices, a demo carrier on deliveries): it keeps the
    record, by design. Those refusals are not errors, for business records; a
    technical record (ir.*, groups, mail templates or activity types...) left
    behind is one.
    """
    with open(path, errors="replace") as log:
        entries = []
        for line in log.read().splitlines():
            if ENTRY.match(line) or not entries:
                entries.append([line])
            else:
                entries[-1].append(line)
    errors = []
    for first, *rest in entries:
        if not FAILURE.search(first) or KNOWN in first:
            continue
        refused = KEPT.search(first)
        if (
            kept_records
            and refused
            and not TECHNICAL.match(refused.group(1))
            and any("violates foreign key constraint" in line for line in rest)
        ):
            continue
        errors.append("\n".join(line[:400] for line in [first, *rest[:10]]))
    return errors


def _log_path(db, name):
    os.makedirs(LOG_DIR, exist_ok=True)
    path = os.path.join(LOG_DIR, f"{db}-{name}.log")
    open(path, "w").close()
    return path


class Lifecycle:
    """Runs the steps and gathers what went wrong, per phase."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.problems = []
        self.databases = set()
        self.timings = []

    def db(self, name):
        db = f"{self.prefix}_{name}"
        self.databases.add(db)
        return db

    def fail(self, where, problems):
        self.problems += [f"[{where}] {problem}" for problem in problems]

    def create(self, db, modules):
        log = _log_path(db, "create")
        started = time.monotonic()
        _drop(db)
        proc = subprocess.run(
            [PYTHON, CREATE_DB, CONF, db, log, modules],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        self.timings.append((f"{db} create", time.monotonic() - started))
        errors = _log_errors(log)
        if proc.returncode or errors:
            pytest.fail(
                f"creating {db} with {modules} failed (exit {proc.returncode}, log {log}):\n"
                + "\n".join(errors)
                + proc.stderr[-3000:]
            )

    def worker(self, db, name, *steps):
        """Run the steps in one Odoo process; returns [(step, result)]."""
        log = _log_path(db, name)
        out = f"{log[:-4]}.json"
        started = time.monotonic()
        proc = subprocess.run(
            [PYTHON, WORKER, CONF, db, log, out, *steps],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        self.timings.append((f"{db} {name}", time.monotonic() - started))
        where = f"{db} {name}"
        if not os.path.exists(out):
            pytest.fail(
                f"{where}: the worker wrote no result (exit {proc.returncode}):\n"
                f"{proc.stderr[-3000:]}"
            )
        with open(out) as fh:
            results = json.load(fh)
        for step, result in results:
            self.fail(f"{where} {step}", result.get("problems", []))
        uninstalls = any(step.startswith("uninstall:") for step in steps)
        self.fail(f"{where} log", _log_errors(log, kept_records=uninstalls))
        if proc.returncode:
            pytest.fail(f"{where}: a step failed, see {log}:\n" + "\n".join(self.problems[-5:]))
        return results

    def serve(self, db, name, update=()):
        """odoo-bin on the database (with -u of `update`), until its web client
        answers over HTTP: login page, authentication, menus, /web."""
        log = _log_path(db, name)
        port = free_port()
        cmd = [
            PYTHON,
            ODOO_BIN,
            "-c",
            CONF,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            "--max-cron-threads=0",
            "--log-level=warn",
            f"--logfile={log}",
        ]
        if update:
            cmd += ["-u", ",".join(update)]
        started = time.monotonic()
        with open(f"{log[:-4]}.out", "w") as output:
            proc = subprocess.Popen(
                cmd, cwd=ROOT, start_new_session=True, stdout=output, stderr=subprocess.STDOUT
            )
        where = f"{db} {name}"
        try:
            problems = _http_checks(f"http://127.0.0.1:{port}", db, proc)
        finally:
            stop_server(proc)
        self.timings.append((where, time.monotonic() - started))
        self.fail(where, problems)
        self.fail(f"{where} log", _log_errors(log))


def _http_checks(url, db, proc):
    status = wait_for_login_page(url, proc)
    if status != 200:
        return [f"no login page (status {status}, exit {proc.poll()})"]
    problems = []
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(
            {"jsonrpc": "2.0", "params": {"db": db, "login": "admin", "password": "admin"}}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(login, timeout=120) as resp:
        answer = json.load(resp)
    if not (answer.get("result") or {}).get("uid"):
        return [f"the administrator cannot log in: {answer.get('error')}"]
    with opener.open(f"{url}/web/webclient/load_menus/check", timeout=120) as resp:
        menus = json.load(resp)
    apps = {menus[str(i)]["name"] for i in menus["root"]["children"]}
    if not {"Sales", "Inventory"} & apps and not {"Vendite", "Magazzino"} & apps:
        problems.append(f"the menus lack Sales and Inventory: {sorted(apps)}")
    with opener.open(f"{url}/web", timeout=300) as resp:
        page = resp.read().decode()
        if resp.status != 200 or "odoo.__session_info__" not in page:
            problems.append(f"/web does not serve the web client (status {resp.status})")
    return problems


def _results(results, step):
    """The results of the steps named `step`, in order."""
    return [result for name, result in results if name == step]


def _differences(before, after, *, exact=False, may_change=None, may_go=None, gone_models=()):
    """What changed from snapshot `before` to snapshot `after`, as readable lines.

    exact: no record nor model may appear; may_change: {model: ids} whose values
    may differ; may_go: {model: ids} that may be deleted, with the records
    cascading from them; gone_models: models that may disappear. A many2one
    emptied because its target was deleted is not a difference.
    """
    may_change = {model: set(ids) for model, ids in (may_change or {}).items()}
    gone = {model: set(ids) for model, ids in (may_go or {}).items()}
    deleted = {
        model: {int(rid) for rid in snap["records"]} - {int(rid) for rid in after[model]["records"]}
        for model, snap in before.items()
        if model in after
    }
    # Cascades: a record whose many2one (ondelete cascade) pointed to a deleted
    # record the modules owned may go too.
    changed = True
    while changed:
        changed = False
        for model, snap in before.items():
            for fname, (comodel, ondelete) in snap["m2o"].items():
                if ondelete != "cascade" or not gone.get(comodel):
                    continue
                index = snap["fields"].index(fname)
                for rid, values in snap["records"].items():
                    if values[index] in gone[comodel] and int(rid) not in gone.get(model, set()):
                        gone.setdefault(model, set()).add(int(rid))
                        changed = True
    lines = []
    for model, snap in before.items():
        other = after.get(model)
        if other is None:
            if model not in gone_models:
                lines.append(f"{model}: the model is gone")
            continue
        common = [f for f in snap["fields"] if f in other["fields"]]
        pairs = [(f, snap["fields"].index(f), other["fields"].index(f)) for f in common]
        model_lines = []
        for rid, values in snap["records"].items():
            new = other["records"].get(rid)
            if new is None:
                if int(rid) not in gone.get(model, ()):
                    model_lines.append(f"{model},{rid} deleted")
                continue
            if int(rid) in may_change.get(model, ()):
                continue
            diffs = []
            for fname, i, j in pairs:
                if values[i] == new[j]:
                    continue
                comodel = snap["m2o"].get(fname, [None])[0]
                if new[j] is None and values[i] in deleted.get(comodel, ()):
                    continue
                diffs.append(f"{fname} {values[i]!r:.80} -> {new[j]!r:.80}")
            if diffs:
                model_lines.append(f"{model},{rid}: " + "; ".join(diffs))
        if exact:
            extra = sorted(set(other["records"]) - set(snap["records"]), key=int)
            if extra:
                model_lines.append(f"{model}: {len(extra)} new record(s) {extra[:10]}")
        lines += model_lines[:8]
        if len(model_lines) > 8:
            lines.append(f"{model}: and {len(model_lines) - 8} more")
    if exact:
        lines += [f"{model}: a new model" for model in sorted(set(after) - set(before))]
    return lines


INSTALL_CHECKS = ("snapshot", "webclient", "core")


def _install_step(lc, db, module, installed, previous, extra=()):
    """Install `module` in `db` where `installed` are, then upgrade and serve."""
    results = lc.worker(
        db, f"install-{module}", "snapshot", f"install:{module}", *INSTALL_CHECKS, *extra
    )
    snapshots = _results(results, "snapshot")
    where = f"{db} install {module}"
    if previous is not None:
        lc.fail(
            f"{where}: data changed since the last step (upgrade)",
            _differences(previous, snapshots[0], exact=True),
        )
    (install,) = _results(results, f"install:{module}")
    lc.fail(
        f"{where}: data changed by the install",
        _differences(snapshots[0], snapshots[1], may_change=install["touched"]),
    )
    lc.serve(db, f"upgrade-{module}", update=[*installed, module])
    return results, snapshots[-1]


def _uninstall_steps(modules):
    steps = []
    for module in modules:
        steps += [f"uninstall:{module}", "cleanup", "webclient", "core", "snapshot"]
    return steps


def _check_uninstalls(lc, db, results, first):
    """Each uninstall of the chain against the snapshot before it."""
    ran = [(name, result) for name, result in results if name.startswith("uninstall:")]
    before = first
    for (name, uninstall), after in zip(ran, _results(results, "snapshot")[1:], strict=True):
        lc.fail(
            f"{db} {name}: Odoo's data not kept",
            _differences(
                before,
                after,
                may_go=uninstall["owned_records"],
                gone_models=set(uninstall["models"]),
            ),
        )
        if SALES in uninstall["modules"]:
            left = sorted(m for m in after if m.startswith("bo."))
            if left:
                lc.fail(f"{db} {name}", [f"models of the suite left: {left}"])
        before = after


@pytest.fixture(scope="module")
def lifecycle(request):
    for path in (CONF, ODOO_BIN, CREATE_DB, WORKER):
        assert os.path.exists(path), f"{path} is missing (make setup; ODOO_PATH)"
    test_db = request.config.getoption("odoo_database", default=None) or "bo_test"
    lc = Lifecycle(os.environ.get("BO_LIFECYCLE_PREFIX", f"{test_db}_lc"))
    yield lc
    if os.environ.get("BO_LIFECYCLE_KEEP") != "1":
        for db in sorted(lc.databases):
            _drop(db)


def test_install_upgrade_uninstall_in_every_order(lifecycle):
    lc = lifecycle
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=JOBS)

    # 1. Odoo with bo_sales's dependencies and demo data, then bo_sales.
    db_a, db_b = lc.db("a"), lc.db("b")
    lc.create(db_a, SALES_DEPENDS)
    _results_sales, after_sales = _install_step(lc, db_a, SALES, [], None)
    _copy(db_a, db_b)

    # 2. The two orders of bo_logistics and bo_reporting, side by side.
    def install_order(db, first, second):
        _results1, after1 = _install_step(lc, db, first, [SALES], after_sales)
        results2, after2 = _install_step(
            lc, db, second, [SALES, first], after1, extra=("documents", "customize", "snapshot")
        )
        return results2, after2

    future_a = pool.submit(install_order, db_a, LOGISTICS, REPORTING)
    future_b = pool.submit(install_order, db_b, REPORTING, LOGISTICS)
    results_a, customized_a = future_a.result()
    results_b, customized_b = future_b.result()
    (changes,) = _results(results_a, "customize")

    # 3. Uninstalls, each chain in a database of its own; the first steps read the
    #    manager's changes and the data back after the upgrade.
    db_u1, db_u3 = lc.db("u1"), lc.db("u3")
    _copy(db_a, db_u1)
    _copy(db_a, db_u3)

    def uninstall_chain(db, modules, customized_snapshot):
        results = lc.worker(
            db,
            "uninstall-" + "-".join(m[3:] for m in modules),
            "customized",
            "snapshot",
            *_uninstall_steps(modules),
        )
        (values,) = _results(results, "customized")
        if values["values"] != changes["values"]:
            lc.fail(
                f"{db} after the upgrade: a manager's changes are lost",
                [
                    f"{key}: {changes['values'][key]!r} -> {value!r}"
                    for key, value in values["values"].items()
                    if changes["values"].get(key) != value
                ],
            )
        first = _results(results, "snapshot")[0]
        lc.fail(
            f"{db} after the upgrade: data changed",
            _differences(customized_snapshot, first, exact=True),
        )
        _check_uninstalls(lc, db, results, first)
        return _results(results, "snapshot")[-1]

    chains = [
        pool.submit(uninstall_chain, db_u1, [REPORTING, LOGISTICS, SALES], customized_a),
        pool.submit(uninstall_chain, db_b, [LOGISTICS, REPORTING, SALES], customized_b),
        pool.submit(uninstall_chain, db_u3, [SALES], customized_a),
    ]
    bare_u1, _bare_b, _bare_u3 = (chain.result() for chain in chains)

    # 4. A bare Odoo after the uninstalls serves its web client; the suite
    #    installs again on it, and upgrades.
    def reinstall(db, bare):
        results = lc.worker(
            db, "reinstall", "snapshot", f"install:{','.join(SUITE)}", *INSTALL_CHECKS
        )
        snapshots = _results(results, "snapshot")
        lc.fail(f"{db} reopened after the uninstalls", _differences(bare, snapshots[0], exact=True))
        (install,) = _results(results, f"install:{','.join(SUITE)}")
        lc.fail(
            f"{db} reinstall: data changed",
            _differences(snapshots[0], snapshots[1], may_change=install["touched"]),
        )
        lc.serve(db, "reinstall-upgrade", update=SUITE)

    finals = [pool.submit(reinstall, db_u1, bare_u1), pool.submit(lc.serve, db_u3, "bare")]
    for final in finals:
        final.result()
    pool.shutdown()

    timings = "\n".join(f"  {seconds:6.0f}s  {what}" for what, seconds in lc.timings)
    _logger.info("lifecycle steps:\n%s", timings)
    assert not lc.problems, "\n".join(lc.problems)

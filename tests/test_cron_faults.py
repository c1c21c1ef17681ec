# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's scheduled jobs survive being killed mid-run.

On a copy of the test database (committed data, real processes), each job runs
through Odoo's scheduler (``ir.cron._process_jobs``) in a process of
tools/cron_faults_runner.py that SIGKILLs itself:

1. when its first batch is done but not committed: nothing is kept, nothing
   queued;
2. on the next run, when its second batch is done but not committed: exactly
   the first batch is kept, with one queued email per item;
3. on the next run, when every batch is committed but the job is not yet
   rescheduled: every item is done once, with one queued email each;
4. a last run (the killed one never rescheduled the job) completes it
   without doing or sending anything again.

After each kill PostgreSQL has rolled back the dead process's transaction and
released its lock on the job (checked), so the next run is not blocked.
Emails are counted in the database (mail.mail rows per item, all waiting in
the mail queue): the jobs never send from their own transaction.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager

import psycopg2
import pytest
from psycopg2 import sql

import odoo
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.join(ROOT, "tools", "cron_faults_runner.py")
BATCH = 2


def _connect(db):
    return psycopg2.connect(**odoo.sql_db.connection_info_for(db)[1])


@contextmanager
def _cursor(db, autocommit=False):
    """A cursor on ``db`` in its own connection, closed (rolled back) after."""
    conn = _connect(db)
    conn.autocommit = autocommit
    try:
        with conn.cursor() as cur:
            yield cur
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fault_db():
    """A copy of the test database (and its filestore), dropped afterwards."""
    source = config["db_name"]
    target = f"{source}_cron_faults"
    # NOTE: a database is copied only while nobody is connected to it: this
    # process's idle connections to the test database are closed first.
    odoo.sql_db.close_db(source)
    admin = _connect("postgres")
    admin.autocommit = True
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
    try:
        with admin.cursor() as cur:
            cur.execute(drop)
            for attempt in range(10):
                try:
                    cur.execute(
                        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                            sql.Identifier(target), sql.Identifier(source)
                        )
                    )
                    break
                except psycopg2.errors.ObjectInUse:
                    if attempt == 9:
                        raise
                    odoo.sql_db.close_db(source)
                    time.sleep(1)
        shutil.rmtree(config.filestore(target), ignore_errors=True)
        if os.path.isdir(config.filestore(source)):
            shutil.copytree(config.filestore(source), config.filestore(target))
        yield target
    finally:
        odoo.sql_db.close_db(target)
        with admin.cursor() as cur:
            cur.execute(drop)
        admin.close()
        shutil.rmtree(config.filestore(target), ignore_errors=True)


class Runner:
    """Talks to tools/cron_faults_runner.py (one registry for every run)."""

    def __init__(self, db):
        self.db = db
        log_dir = os.path.join(ROOT, ".local", "log")
        os.makedirs(log_dir, exist_ok=True)
        self.log_path = os.path.join(log_dir, f"{db}.log")
        # The runner's Odoo log and its stderr share the file, both appending.
        open(self.log_path, "w").close()
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in close())
        self.proc = subprocess.Popen(
            [sys.executable, RUNNER, config.rcfile, db, self.log_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            cwd=ROOT,
        )

    def ask(self, **command):
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"the runner stopped; see {self.log_path}"
        return json.loads(line)

    def run(self, cron_id, kill=None):
        exit_code = self.ask(cmd="run", cron_id=cron_id, kill=kill)["exit"]
        self.check_released(cron_id)
        return exit_code

    def check_released(self, cron_id):
        """The killed process's session is gone: PostgreSQL rolled back its
        transaction and released its lock on the job, so the scheduler's next
        run can take the job (it skips locked ones)."""
        # NOTE: autocommit, as a transaction reads pg_stat_activity once.
        with _cursor(self.db, autocommit=True) as cur:
            for _attempt in range(100):
                cur.execute(
                    "SELECT pid, state, query FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND backend_type = 'client backend'"
                )
                sessions = cur.fetchall()
                if not sessions:
                    break
                time.sleep(0.1)
            else:
                pytest.fail(f"a killed job's database session is still open: {sessions}")
            cur.execute(
                "SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED", [cron_id]
            )
            assert cur.fetchone(), "the job is still locked"

    def close(self):
        try:
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
            self.proc.wait(60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.log.close()


@pytest.fixture(scope="module")
def runner(fault_db):
    runner = Runner(fault_db)
    try:
        runner.prepared = runner.ask(cmd="prepare", batch=BATCH)
        yield runner
    finally:
        runner.close()


# ---------------------------------------------------------------------------
# What each job has done, read from the database
# ---------------------------------------------------------------------------


def _xmlid(cur, xmlid):
    module, name = xmlid.split(".")
    cur.execute("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", [module, name])
    return cur.fetchone()[0]


def _max_ids(cur):
    """The last ids of the rows a job may create, and the database's time."""
    ids = {}
    for table in ("mail_mail", "mail_message", "mail_activity", "bo_payment_reminder"):
        cur.execute(sql.SQL("SELECT COALESCE(max(id), 0) FROM {}").format(sql.Identifier(table)))
        ids[table] = cur.fetchone()[0]
    cur.execute("SELECT now() AT TIME ZONE 'UTC'")
    ids["now"] = cur.fetchone()[0]
    return ids


def _new_mails(cur, base):
    """{mail.mail id: (state, model, res_id, message id)} created since ``base``."""
    cur.execute(
        """
        SELECT mm.id, mm.state, msg.model, msg.res_id, msg.id
          FROM mail_mail mm JOIN mail_message msg ON msg.id = mm.mail_message_id
         WHERE mm.id > %s
        """,
        [base["mail_mail"]],
    )
    return {row[0]: row[1:] for row in cur.fetchall()}


def _seen_checks(cur, info, base):
    """Quotations checked since the job began; the job sends nothing."""
    cur.execute(
        "SELECT id FROM sale_order WHERE id = ANY(%s) AND bo_check_date > %s",
        [info["items"], base["now"]],
    )
    done = {row[0] for row in cur.fetchall()}
    cur.execute(
        """
        SELECT res_id FROM mail_activity
         WHERE res_model = 'sale.order' AND activity_type_id = %s
         GROUP BY res_id HAVING count(*) > 1
        """,
        [_xmlid(cur, "bo_sales.mail_activity_type_bo_check")],
    )
    assert not cur.fetchall(), "an order got two check activities"
    return done, Counter(), set(_new_mails(cur, base))


def _seen_late_shipments(cur, info, base):
    """Shipments flagged, with their activity and its queued notification."""
    cur.execute("SELECT id FROM stock_picking WHERE id = ANY(%s) AND bo_is_late", [info["items"]])
    done = {row[0] for row in cur.fetchall()}
    cur.execute(
        """
        SELECT res_id, count(*), count(*) FILTER (WHERE user_id <> %s) FROM mail_activity
         WHERE res_model = 'stock.picking' AND activity_type_id = %s AND id > %s
         GROUP BY res_id
        """,
        [info["cron_user"], info["activity_type"], base["mail_activity"]],
    )
    activities = {row[0]: row[1:] for row in cur.fetchall()}
    assert set(activities) <= done, "an activity without its late flag"
    for picking in done:
        assert activities.get(picking, (0, 0))[0] == 1, f"shipment {picking}: one activity"
    sent = Counter()
    stray = set()
    for mail_id, (_state, model, res_id, _msg) in _new_mails(cur, base).items():
        if model == "stock.picking" and res_id in done:
            sent[res_id] += 1
        else:
            stray.add(mail_id)
    for picking in done:
        # The assignee is told by email, once (unless the job's own user).
        assert sent[picking] == activities[picking][1], f"shipment {picking}: one notification"
    return done, sent, stray


def _seen_reminders(cur, info, base):
    """Reminders logged per customer and level, each posted and queued once."""
    cur.execute(
        """
        SELECT r.partner_id, r.level, count(*), array_agg(r.message_id)
          FROM bo_payment_reminder r
         WHERE r.id > %s
         GROUP BY r.partner_id, r.level
        """,
        [base["bo_payment_reminder"]],
    )
    rows = {(row[0], row[1]): row[2:] for row in cur.fetchall()}
    planned = {(item["partner"], item["level"]): item for item in info["items"]}
    assert set(rows) <= set(planned), "a reminder outside the plan"
    done = set()
    messages = {}
    for key, (count, message_ids) in rows.items():
        assert count == 1, f"customer {key[0]} got level {key[1]} {count} times"
        assert message_ids[0], "a reminder without its message"
        done.add(key)
        messages[message_ids[0]] = key
        cur.execute(
            "SELECT array_agg(move_id ORDER BY move_id) FROM bo_payment_reminder_line"
            " WHERE level = %s AND move_id = ANY(%s)",
            [key[1], planned[key]["moves"]],
        )
        assert cur.fetchone()[0] == sorted(planned[key]["moves"]), "each invoice logged once"
    sent = Counter()
    stray = set()
    for mail_id, (_state, _model, _res_id, message_id) in _new_mails(cur, base).items():
        if message_id not in messages:
            stray.add(mail_id)
            continue
        key = messages[message_id]
        cur.execute(
            "SELECT 1 FROM mail_mail_res_partner_rel"
            " WHERE mail_mail_id = %s AND res_partner_id = %s",
            [mail_id, key[0]],
        )
        if cur.fetchone():
            sent[key] += 1
    for key in done:
        assert sent[key] == int(planned[key]["email"]), f"customer {key[0]}: one email"
    return done, sent, stray


def _seen_reports(cur, info, base):
    """Runs sent per report and period, one queued email each (one recipient)."""
    done = set()
    runs = {}
    for item in info["items"]:
        cur.execute(
            "SELECT id, state FROM bo_periodic_report_run"
            " WHERE report_id = %s AND period_start = %s",
            [item["report"], item["period_start"]],
        )
        rows = cur.fetchall()
        assert len(rows) <= 1
        if rows:
            assert rows[0][1] == "done", f"report {item['report']}: run {rows[0][1]}"
            done.add(item["report"])
            runs[rows[0][0]] = item["report"]
    sent = Counter()
    stray = set()
    for mail_id, (_state, model, res_id, _msg) in _new_mails(cur, base).items():
        if model == "bo.periodic.report.run" and res_id in runs:
            sent[runs[res_id]] += 1
        else:
            stray.add(mail_id)
    for report in done:
        assert sent[report] == 1, f"report {report}: one email"
    return done, sent, stray


def _seen_agenda(cur, info, base):
    """Agents with this week's dispatch row, one queued email each."""
    cur.execute(
        "SELECT agent_id, mail_id FROM bo_agenda_dispatch"
        " WHERE week_start = %s AND agent_id = ANY(%s)",
        [info["week_start"], info["items"]],
    )
    dispatched = dict(cur.fetchall())
    done = set(dispatched)
    sent = Counter()
    stray = set()
    for mail_id, (_state, model, res_id, _msg) in _new_mails(cur, base).items():
        if model == "res.partner" and dispatched.get(res_id) == mail_id:
            sent[res_id] += 1
        else:
            stray.add(mail_id)
    for agent in done:
        assert sent[agent] == 1, f"agent {agent}: one agenda email"
    return done, sent, stray


JOBS = {
    "bo_sales.ir_cron_bo_check_open_quotations": _seen_checks,
    "bo_logistics.ir_cron_bo_late_shipments": _seen_late_shipments,
    "bo_sales.ir_cron_bo_payment_reminders": _seen_reminders,
    "bo_reporting.bo_periodic_report_cron": _seen_reports,
    "bo_sales.bo_agenda_weekly_cron": _seen_agenda,
}


def _all_items(xmlid, info):
    if xmlid == "bo_sales.ir_cron_bo_payment_reminders":
        return {(item["partner"], item["level"]) for item in info["items"]}
    if xmlid == "bo_reporting.bo_periodic_report_cron":
        return {item["report"] for item in info["items"]}
    return set(info["items"])


def _batch_count(xmlid, done):
    """How many batch units ``done`` holds (reminders go by customer)."""
    if xmlid == "bo_sales.ir_cron_bo_payment_reminders":
        return len({partner for partner, _level in done})
    return len(done)


@pytest.mark.parametrize("xmlid", list(JOBS))
def test_job_killed_mid_run_sends_once_and_skips_nothing(runner, xmlid):
    info = runner.prepared[xmlid]
    cron_id = runner.prepared["crons"][xmlid]
    items = _all_items(xmlid, info)
    assert _batch_count(xmlid, items) > 2 * BATCH, "too few items to stop the job halfway"
    seen = JOBS[xmlid]

    def observe():
        with _cursor(runner.db) as cur:
            done, sent, stray = seen(cur, info, base)
            states = {row[0] for row in _new_mails(cur, base).values()}
            max_ids = _max_ids(cur)
        assert not stray, f"emails queued for nothing the job did: {sorted(stray)}"
        assert states <= {"outgoing"}, f"the job sent emails itself: {states}"
        assert all(count == 1 for count in sent.values()), sent
        return done, sent, max_ids

    with _cursor(runner.db) as cur:
        base = _max_ids(cur)

    # 1. Killed before its first commit: nothing kept.
    assert runner.run(cron_id, kill="callback:1") == -9, "the job was not killed"
    done, sent, _ids = observe()
    assert not done and not sent

    # 2. Killed with one batch committed and the second one not: the first kept.
    assert runner.run(cron_id, kill="callback:2") == -9, "the job ended before its 2nd batch"
    done, sent, _ids = observe()
    assert _batch_count(xmlid, done) == BATCH, done

    # 3. Killed after its last commit, before being rescheduled: all done once.
    assert runner.run(cron_id, kill="reschedule") == -9, "the job was not killed"
    done, sent, after = observe()
    assert done == items, f"skipped: {sorted(items - done)}"

    # 4. Run again (never rescheduled), it completes without doing anything twice.
    assert runner.run(cron_id) == 0, f"the job did not complete; see {runner.log_path}"
    done_again, sent_again, final = observe()
    assert (done_again, sent_again) == (done, sent)
    assert {key: final[key] for key in final if key != "now"} == {
        key: after[key] for key in after if key != "now"
    }, "the last run created mails, messages, activities or reminders"

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Runs the suite's scheduled jobs through Odoo's own scheduler and kills them.

Used by tests/test_cron_faults.py, never by the addons. Usage:

    python tools/cron_faults_runner.py <odoo.conf> <database> <logfile>

It loads the registry of <database> (a throwaway copy) once, then answers one
JSON command per line on stdin with one JSON line on stdout:

- ``{"cmd": "prepare", "batch": 2}``: commits data for every job, leaves only
  the jobs under test active (each with a small ``batch_size``) and returns
  what each job has to do.
- ``{"cmd": "run", "cron": <xmlid>, "kill": <where>}``: forks a process that
  makes the job due and runs ``ir.cron._process_jobs`` (the scheduler's entry
  point: it locks the job, runs its batches, commits each one and reschedules
  the job) until the job is rescheduled. ``kill`` makes that process SIGKILL
  itself: ``"callback:N"`` when the job's N-th batch is done but not yet
  committed, ``"reschedule"`` when every batch is committed but the job is not
  rescheduled yet. Returns the process's exit code, or minus the signal.
- ``{"cmd": "quit"}``.

The kills are injected here, in the process under test, by wrapping two
methods of ``ir.cron`` for that process only: the addons carry no test hook.
"""

import json
import os
import signal
import sys
import traceback
from datetime import timedelta

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry

#: xmlid of each job under test, and its method.
JOBS = {
    "bo_sales.ir_cron_bo_check_open_quotations": "_cron_bo_check_open_quotations",
    "bo_logistics.ir_cron_bo_late_shipments": "_cron_bo_flag_late_shipments",
    "bo_sales.ir_cron_bo_payment_reminders": "_cron_send_reminders",
    "bo_reporting.bo_periodic_report_cron": "_cron_generate_due",
    "bo_sales.bo_agenda_weekly_cron": "_cron_bo_send_weekly_agenda",
}
#: Items each job gets from this script, on top of what the database holds.
NEW_ITEMS = 5


def _reply(data):
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _prepare_crons(env, batch):
    crons = env["ir.cron"].browse([env.ref(xmlid).id for xmlid in JOBS])
    env["ir.cron"].search([("id", "not in", crons.ids)]).write({"active": False})
    far = fields.Datetime.now() + timedelta(days=365)
    for xmlid, method in JOBS.items():
        env.ref(xmlid).write(
            {
                "active": True,
                "nextcall": far,
                "lastcall": False,
                "code": f"model.{method}(batch_size={batch})",
            }
        )
    return {xmlid: env.ref(xmlid).id for xmlid in JOBS}


def _prepare_checks(env, partners, product):
    env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
            }
            for partner in partners
        ]
    )
    quotations = env["sale.order"].search([("state", "in", ("draft", "sent"))])
    return {"items": quotations.ids}


def _prepare_late_shipments(env, partners, product, today):
    shipper = env["res.users"].create(
        {
            "name": "Spedizioni Prova",
            "login": "cron_faults_shipper",
            "email": "spedizioni.prova@example.com",
            "notification_type": "email",
            "groups_id": [
                Command.set(
                    [
                        env.ref("base.group_user").id,
                        env.ref("stock.group_stock_user").id,
                        env.ref("sales_team.group_sale_salesman").id,
                    ]
                )
            ],
        }
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    out_type = warehouse.out_type_id
    source = out_type.default_location_src_id
    dest = env.ref("stock.stock_location_customers")
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": out_type.id,
                "partner_id": partner.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "user_id": shipper.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
            for partner in partners
        ]
    )
    pickings.write({"bo_shipping_state": "in_transit", "bo_expected_date": today - timedelta(3)})
    to_flag = env["stock.picking"].search(
        [
            ("picking_type_code", "=", "outgoing"),
            ("state", "!=", "cancel"),
            ("bo_shipping_state", "in", ["to_ship", "picked_up", "in_transit", "exception"]),
            ("bo_expected_date", "<", today),
            ("bo_is_late", "=", False),
        ]
    )
    return {
        "items": to_flag.ids,
        "activity_type": env.ref("bo_logistics.mail_activity_type_late_shipment").id,
        "cron_user": env.ref("bo_logistics.ir_cron_bo_late_shipments").user_id.id,
    }


def _prepare_reminders(env, partners, product, today):
    days = env["bo.payment.reminder"]._bo_level_days()
    due = today - timedelta(days=days["1"] + 1)
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": 120.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for partner in partners
        ]
    )
    invoices.action_post()
    plan = env["bo.payment.reminder"]._bo_reminder_plan()
    return {
        "items": [
            {
                "partner": item["partner"].id,
                "level": item["level"],
                "moves": item["moves"].ids,
                "email": bool(item["partner"].email),
            }
            for item in plan
        ]
    }


def _prepare_reports(env):
    # The copy's schedule is this test's: its own reports only (quick XLSX ones).
    env["bo.periodic.report"].search([]).write({"active": False})
    reader = env["res.partner"].create({"name": "Direzione Prova", "email": "dir@example.com"})
    reports = env["bo.periodic.report"].create(
        [
            {
                "name": f"Vendite prova {index}",
                "kind": "sales",
                "periodicity": "monthly",
                "run_day": 1,
                "formats": "xlsx",
                "recipient_partner_ids": [Command.set(reader.ids)],
            }
            for index in range(NEW_ITEMS)
        ]
    )
    return {
        "items": [
            {"report": report.id, "period_start": str(report._bo_due_period().start)}
            for report in reports
        ]
    }


def _prepare_agenda(env):
    env["res.partner"].create(
        [
            {
                "name": f"Agente Prova {index}",
                "bo_is_agent": True,
                "email": f"ag{index}@example.com",
            }
            for index in range(NEW_ITEMS)
        ]
    )
    agents = env["res.partner"].search([("bo_is_agent", "=", True), ("email", "!=", False)])
    return {"items": agents.ids, "week_start": str(env["res.partner"]._bo_week_start())}


def prepare(registry, batch):
    # NOTE: databases made by scripts/create_db.py keep modules of the tree whose
    # dependencies are absent in state "to install"; the scheduler skips such a
    # database for 5 hours, then resets them with this very function.
    odoo.modules.reset_modules_state(registry.db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        today = fields.Date.context_today(env["res.partner"])
        product = env["product.product"].create(
            {"name": "Articolo Prova Cron", "type": "consu", "list_price": 50.0}
        )
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Cliente Prova Cron {index}",
                    "is_company": True,
                    "email": f"cliente{index}@example.com",
                    "country_id": env.ref("base.it").id,
                }
                for index in range(NEW_ITEMS)
            ]
        )
        result = {
            "crons": _prepare_crons(env, batch),
            "bo_sales.ir_cron_bo_check_open_quotations": _prepare_checks(env, partners, product),
            "bo_logistics.ir_cron_bo_late_shipments": _prepare_late_shipments(
                env, partners, product, today
            ),
            "bo_sales.ir_cron_bo_payment_reminders": _prepare_reminders(
                env, partners, product, today
            ),
            "bo_reporting.bo_periodic_report_cron": _prepare_reports(env),
            "bo_sales.bo_agenda_weekly_cron": _prepare_agenda(env),
        }
    odoo.sql_db.close_all()
    return result


def _inject_kill(kill):
    """Make this process SIGKILL itself at the point ``kill`` names."""
    from odoo.addons.base.models.ir_cron import ir_cron

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    if kill and kill.startswith("callback:"):
        at = int(kill.split(":")[1])
        original = ir_cron._callback
        calls = []

        def _callback(self, cron_name, server_action_id):
            original(self, cron_name, server_action_id)
            calls.append(server_action_id)
            if len(calls) == at:
                die()  # the batch is done and flushed, its commit never comes

        ir_cron._callback = _callback
    elif kill == "reschedule":
        ir_cron._reschedule_later = lambda self, job: die()
    elif kill:
        raise ValueError(kill)


def run_job(registry, cron_id, kill):
    """Run the job through the scheduler until it is rescheduled; exit code."""
    from odoo.addons.base.models.ir_cron import ir_cron

    _inject_kill(kill)
    with registry.cursor() as cr:
        # Only this job is due (another one left due by a failed test waits).
        cr.execute(
            "UPDATE ir_cron SET nextcall = CASE WHEN id = %s"
            " THEN (now() AT TIME ZONE 'UTC') - interval '1 minute'"
            " ELSE (now() AT TIME ZONE 'UTC') + interval '1 year' END",
            [cron_id],
        )
        cr.execute("DELETE FROM ir_cron_trigger")
    for _attempt in range(20):
        ir_cron._process_jobs(registry.db_name)
        with registry.cursor() as cr:
            cr.execute(
                "SELECT nextcall > (now() AT TIME ZONE 'UTC'), failure_count"
                " FROM ir_cron WHERE id = %s",
                [cron_id],
            )
            rescheduled, failures = cr.fetchone()
        if failures:
            return 3
        if rescheduled:
            return 0
    return 4


def main():
    conf, db, logfile = sys.argv[1:4]
    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--logfile", logfile])
    registry = Registry(db)
    odoo.sql_db.close_all()
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "quit":
            break
        if command["cmd"] == "prepare":
            _reply(prepare(registry, command["batch"]))
        elif command["cmd"] == "run":
            # NOTE: no connection may cross the fork; the child opens its own.
            odoo.sql_db.close_all()
            pid = os.fork()
            if pid == 0:
                code = 5
                try:
                    code = run_job(registry, command["cron_id"], command.get("kill"))
                except BaseException:
                    traceback.print_exc()
                finally:
                    sys.stderr.flush()
                    os._exit(code)
            _pid, status = os.waitpid(pid, 0)
            if os.WIFSIGNALED(status):
                _reply({"exit": -os.WTERMSIG(status)})
            else:
                _reply({"exit": os.WEXITSTATUS(status)})


if __name__ == "__main__":
    main()

"""Odoo side of tests/test_lifecycle.py: one process against one database runs a
list of steps and writes what each found as JSON (the test compares and asserts).

Usage: python worker.py ODOO_CONF DB LOGFILE OUTFILE STEP [STEP...]

Steps:
  snapshot        the data: every stored column of Odoo's business records (partners,
                  products, orders, pickings, moves, invoices, payments, events...),
                  of the suite's own models and of the records a manager may change
                  (crons, mail templates, parameters)
  install:MODS    button_immediate_install of the comma-separated modules (in process,
                  as Odoo's Apps menu does)
  uninstall:MODS  button_immediate_uninstall of the modules, with Odoo's removal of
                  their dependents; notes beforehand what they own for `cleanup`
  cleanup         after an uninstall: the removed modules' models, tables, columns,
                  fields and technical records are gone; no record anywhere names a
                  removed model; views of the models they extended are valid
  webclient       as the administrator, a sales user and the suite's clerk: the menus,
                  and for every action of the suite and the main actions of sales,
                  inventory, invoicing and contacts the views (get_views), the first
                  rows of the list and the first record of the form
  core            as a sales user: a quotation created and confirmed; the order,
                  invoice and delivery slip reports rendered; rolled back
  documents       a clerk's order through the suite: checked, confirmed, delivered
                  with its DDT, invoiced, with a complaint (kept for the uninstalls)
  customize       a manager's changes to shipped records of the suite (a check rule's
                  severity, a cron switched off, a mail template, a periodic report,
                  a parameter, a demo customer): their new values in the result
  customized      the same records read back

A step that raises is reported with its traceback and ends the run (exit 1).
"""

import datetime
import json
import logging
import os
import sys
import traceback
from decimal import Decimal

from lxml import etree

import odoo
from odoo.tools import SQL
from odoo.tools import safe_eval as safe  # the module: safe_eval() and its wrapped modules

_logger = logging.getLogger("bo_suite.lifecycle")

SUITE = ("bo_sales", "bo_logistics", "bo_reporting")

# Odoo's records the suite reads and writes; the suite's own models are added.
SNAPSHOT_MODELS = (
    "res.company",
    "res.partner",
    "res.users",
    "res.partner.bank",
    "product.template",
    "product.product",
    "sale.order",
    "sale.order.line",
    "stock.picking",
    "stock.move",
    "account.move",
    "account.move.line",
    "account.payment",
    "calendar.event",
    "resource.calendar.leaves",
    "delivery.carrier",
    "mail.template",
    "mail.activity.type",
    "ir.cron",
    "ir.config_parameter",
    "ir.sequence",
)
# Columns that change on their own (bookkeeping, logins, scheduling).
VOLATILE = {
    "write_date",
    "write_uid",
    "password",
    "customer_rank",  # counts of the partner's documents, new ones included
    "supplier_rank",
    "odoobot_state",  # OdooBot's onboarding, at the first login
    "odoobot_failed",
    "calendar_last_notif_ack",
    "lastcall",
    "nextcall",
    "failure_count",
    "first_failure_date",
}
VOLATILE_PREFIXES = ("message_", "activity_")
# Parameters Odoo sets itself (the URL of the last administrator's login).
VOLATILE_PARAMETERS = ("web.base.url",)

# Columns holding a model's name: after an uninstall none may name a removed model.
MODEL_NAME_COLUMNS = {"model", "res_model", "model_name", "model_id", "relation", "src_model"}

# Main actions of Odoo's applications the suite extends (checked when installed).
CORE_ACTIONS = (
    "sale.action_quotations_with_onboarding",
    "sale.action_orders",
    "stock.action_picking_tree_all",
    "account.action_move_out_invoice_type",
    "base.action_partner_form",
    "account.res_partner_action_customer",
)
CORE_REPORTS = (
    ("sale.action_report_saleorder", "sale.order", [("state", "=", "sale")]),
    (
        "account.account_invoices",
        "account.move",
        [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
    ),
    ("stock.action_report_delivery", "stock.picking", [("picking_type_code", "=", "outgoing")]),
)


def _plain(value):
    if isinstance(value, float | Decimal):
        return round(float(value), 6)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _suite_models(env):
    return sorted(
        name
        for name, model in env.registry.items()
        if name.startswith("bo.") and model._auto and not model._transient and not model._abstract
    )


def snapshot(env, _state):
    """{model: {"fields": [...], "m2o": {field: [comodel, ondelete]}, "records": {id: [...]}}}"""
    env.flush_all()
    result = {}
    for name in [*SNAPSHOT_MODELS, *_suite_models(env)]:
        if name not in env:
            continue
        model = env[name]
        fields = [
            fname
            for fname, field in model._fields.items()
            if field.store
            and field.column_type
            and field.type != "binary"
            and fname != "id"
            and fname not in VOLATILE
            and not fname.startswith(VOLATILE_PREFIXES)
        ]
        env.cr.execute(
            SQL(
                "SELECT id, %s FROM %s ORDER BY id",
                SQL(", ").join(SQL.identifier(fname) for fname in fields),
                SQL.identifier(model._table),
            )
        )
        rows = env.cr.fetchall()
        if name == "ir.config_parameter":
            key = fields.index("key")
            rows = [row for row in rows if row[1 + key] not in VOLATILE_PARAMETERS]
        result[name] = {
            "fields": fields,
            "m2o": {
                fname: [model._fields[fname].comodel_name, model._fields[fname].ondelete]
                for fname in fields
                if model._fields[fname].type == "many2one"
            },
            "records": {str(row[0]): [_plain(v) for v in row[1:]] for row in rows},
        }
    return result


def _modules(env, names):
    modules = env["ir.module.module"].search([("name", "in", names)])
    missing = set(names) - set(modules.mapped("name"))
    if missing:
        raise RuntimeError(f"modules unknown to the database: {sorted(missing)}")
    return modules


def _touched(env, names):
    """Records installing `names` may change: the ones of other modules their
    data and demo files write to (e.g. the demo company, with its partner and
    the contacts that share its address), and the ones they own already (kept
    by an earlier uninstall because in use, written again): {model: [ids]}."""
    touched = {}
    for data in env["ir.model.data"].search([("module", "in", names)]):
        touched.setdefault(data.model, []).append(data.res_id)
    for name in names:
        path = odoo.modules.get_module_path(name)
        manifest = odoo.modules.get_manifest(name)
        for kind in ("data", "demo"):
            for filename in manifest.get(kind, ()):
                if not filename.endswith(".xml"):
                    continue
                tree = etree.parse(os.path.join(path, filename))
                for node in tree.xpath("//record[contains(@id, '.')]"):
                    xmlid = node.get("id")
                    if xmlid.split(".", 1)[0] in names:
                        continue
                    record = env.ref(xmlid, raise_if_not_found=False)
                    if record is None:
                        continue
                    touched.setdefault(record._name, []).append(record.id)
                    if record._name == "res.company":
                        partners = env["res.partner"].search(
                            [("id", "child_of", record.partner_id.id)]
                        )
                        touched.setdefault("res.partner", []).extend(partners.ids)
    return touched


# The suite's modules whose demo data validates deliveries (logistics' shipments,
# reporting's sales history).
DEMO_SHIPPERS = ("bo_logistics", "bo_reporting")


def _italian_ddt_sequences(env, names):
    """Odoo's Italian DDT sequences that installing `names` with demo data draws from.

    l10n_it_stock_ddt numbers every validated delivery from its operation type's
    DDT sequence (bo_logistics_it_ddt gives that number to our DDT): the demo
    deliveries advance those counters, and nothing else of Odoo's may change.
    """
    PickingType = env["stock.picking.type"]
    if (
        "l10n_it_ddt_sequence_id" not in PickingType._fields
        or not set(names) & set(DEMO_SHIPPERS)
        or not _modules(env, ["base"]).demo
    ):
        return []
    types = PickingType.with_context(active_test=False).search([("code", "=", "outgoing")])
    return types.l10n_it_ddt_sequence_id.ids


def install(env, state, names):
    modules = _modules(env, names)
    touched = _touched(env, names)
    touched.setdefault("ir.sequence", []).extend(_italian_ddt_sequences(env, names))
    not_installable = modules.filtered(lambda m: m.state != "uninstalled")
    if not_installable:
        raise RuntimeError(
            "not installable here: " + ", ".join(f"{m.name} ({m.state})" for m in not_installable)
        )
    modules.button_immediate_install()
    env = _fresh_env(env)
    states = dict(
        env["ir.module.module"].search([("name", "in", names)]).mapped(lambda m: (m.name, m.state))
    )
    return {
        "touched": touched,
        "problems": [
            f"{n} is {st} after its install" for n, st in states.items() if st != "installed"
        ],
    }


def _owned(env, names):
    """What the modules `names` alone own: {model: ids}, keeping the ones another
    module also declares (Odoo keeps those)."""
    data = env["ir.model.data"].search([("module", "in", names)])
    others = env["ir.model.data"].search(
        [("module", "not in", names), ("model", "in", list(set(data.mapped("model"))))]
    )
    shared = {(d.model, d.res_id) for d in others}
    owned = {}
    for d in data:
        if (d.model, d.res_id) not in shared:
            owned.setdefault(d.model, set()).add(d.res_id)
    return owned


def uninstall(env, state, names):
    modules = _modules(env, names)
    removed = modules | modules.downstream_dependencies()
    removed_names = sorted(removed.mapped("name"))
    owned = _owned(env, removed_names)
    ir_models = env["ir.model"].browse(owned.get("ir.model", ())).exists()
    models = {}
    for ir_model in ir_models:
        model = env.get(ir_model.model)
        has_table = model is not None and model._auto and not model._abstract
        models[ir_model.model] = model._table if has_table else None
    fields = []
    for ir_field in env["ir.model.fields"].browse(owned.get("ir.model.fields", ())).exists():
        if ir_field.model in models:
            continue
        model = env[ir_field.model]
        field = model._fields.get(ir_field.name)
        column = bool(field is not None and field.store and field.column_type and model._auto)
        fields.append([ir_field.model, ir_field.name, model._table if column else None])
    # Records of Odoo's models the modules own (demo data): Odoo deletes them
    # unless something else still needs them.
    records = {
        model: sorted(ids) for model, ids in owned.items() if not model.startswith("ir.model")
    }
    # The sequences of the removed models go with them (the modules' hooks).
    sequences = (
        env["ir.sequence"].with_context(active_test=False).search([("code", "in", list(models))])
    )
    records.setdefault("ir.sequence", []).extend(sequences.ids)
    extended = sorted({f[0] for f in fields})
    state["removed"] = {
        "modules": removed_names,
        "models": models,
        "fields": fields,
        "extended_models": extended,
    }
    modules.button_immediate_uninstall()
    env = _fresh_env(env)
    left = (
        env["ir.module.module"]
        .search([("name", "in", removed_names), ("state", "!=", "uninstalled")])
        .mapped("name")
    )
    return {
        "modules": removed_names,
        "models": sorted(models),
        "owned_records": records,
        "problems": [f"{name} still installed after its uninstall" for name in left],
    }


def _table_exists(cr, table):
    cr.execute(SQL("SELECT 1 FROM pg_class WHERE relname = %s AND relkind IN ('r', 'v')", table))
    return bool(cr.rowcount)


def _column_exists(cr, table, column):
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            table,
            column,
        )
    )
    return bool(cr.rowcount)


def cleanup(env, state):
    removed = state["removed"]
    names = removed["modules"]
    problems = []
    cr = env.cr
    for model, table in removed["models"].items():
        if model in env.registry:
            problems.append(f"model {model} still in the registry")
        if env["ir.model"].search_count([("model", "=", model)]):
            problems.append(f"model {model} still in ir.model")
        if table and _table_exists(cr, table):
            problems.append(f"table {table} of {model} not dropped")
    for model, fname, table in removed["fields"]:
        if model in env.registry and fname in env[model]._fields:
            problems.append(f"field {model}.{fname} still in the registry")
        if env["ir.model.fields"].search_count([("model", "=", model), ("name", "=", fname)]):
            problems.append(f"field {model}.{fname} still in ir.model.fields")
        if table and _column_exists(cr, table, fname):
            problems.append(f"column {table}.{fname} not dropped")
    # External ids Odoo keeps are the ones of business records still in use
    # (e.g. a demo customer with orders); technical records must all be gone.
    leftovers = env["ir.model.data"].search([("module", "in", names)])
    for data in leftovers:
        if data.model.startswith(("ir.", "res.groups", "mail.", "report.")):
            problems.append(f"{data.module}.{data.name} ({data.model},{data.res_id}) left")
    # Nothing names a removed model any more (actions, crons, views, templates,
    # filters, attachments, messages, followers, activity types, sequences...).
    gone = sorted(removed["models"])
    if gone:
        for model in env.registry.values():
            # Transient records (wizards) go with Odoo's garbage collection.
            if (
                not model._auto
                or model._abstract
                or model._transient
                or not _table_exists(cr, model._table)
            ):
                continue
            for fname, field in model._fields.items():
                if (
                    fname in MODEL_NAME_COLUMNS
                    and field.store
                    and field.type in ("char", "selection")
                    and field.column_type
                ):
                    cr.execute(
                        SQL(
                            "SELECT count(*) FROM %s WHERE %s = ANY(%s)",
                            SQL.identifier(model._table),
                            SQL.identifier(fname),
                            gone,
                        )
                    )
                    count = cr.fetchone()[0]
                    if count:
                        problems.append(f"{count} {model._name} record(s) name a removed model")
        cr.execute(
            SQL(
                "SELECT code FROM ir_sequence WHERE code = ANY(%s)",
                gone,
            )
        )
        problems += [f"sequence {code} of a removed model left" for (code,) in cr.fetchall()]
    cr.execute(
        SQL(
            "SELECT key FROM ir_config_parameter WHERE split_part(key, '.', 1) = ANY(%s)",
            names,
        )
    )
    problems += [f"parameter {key} left" for (key,) in cr.fetchall()]
    # Menus whose action is gone.
    menus = env["ir.ui.menu"].with_context(active_test=False).search([("action", "!=", False)])
    for menu in menus:
        if not menu.action.exists():
            problems.append(f"menu {menu.complete_name} points to a deleted action")
    # Views: none on a model the registry lacks; the views of the models the
    # modules extended all validate.
    views = env["ir.ui.view"].with_context(active_test=False).search([("model", "!=", False)])
    for view in views:
        if view.model not in env.registry:
            problems.append(f"view {view.xml_id or view.id} on removed model {view.model}")
    extended = [m for m in removed["extended_models"] if m in env.registry]
    for view in env["ir.ui.view"].search([("model", "in", extended)]):
        try:
            with cr.savepoint():
                view._check_xml()
        except Exception as exc:
            problems.append(f"view {view.xml_id or view.id} ({view.model}) invalid: {exc}")
    return {"problems": problems}


def _users(env):
    """The administrator, Odoo's demo sales user and the suite's clerk, when present."""
    users = env["res.users"]
    for xmlid in ("base.user_admin", "base.user_demo", "bo_sales.user_backoffice_demo"):
        user = env.ref(xmlid, raise_if_not_found=False)
        if user and user.active:
            users |= user
    return users


def _eval_context(env):
    today = datetime.date.today()
    return {
        "uid": env.uid,
        "user": env.user,
        "time": safe.time,
        "datetime": safe.datetime,
        "relativedelta": safe.dateutil.relativedelta.relativedelta,
        "context_today": lambda: today,
        "current_date": today.isoformat(),
        "allowed_company_ids": env.user.company_ids.ids,
        "current_company_id": env.company.id,
        "active_id": False,
        "active_ids": [],
        "active_model": False,
    }


def _spec(fields_info, names):
    spec = {}
    for name in names:
        info = fields_info.get(name)
        if not info:
            continue
        if info["type"] in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def _check_action(env, action, problems, label):
    model_name = action.res_model
    if model_name not in env:
        problems.append(f"{label}: action {action.xml_id} on unknown model {model_name}")
        return
    model = env[model_name]
    if not model.has_access("read"):
        return
    ctx = _eval_context(env)
    try:
        action_ctx = safe.safe_eval(action.context or "{}", ctx)
        domain = safe.safe_eval(action.domain or "[]", ctx)
    except Exception as exc:
        problems.append(f"{label}: action {action.xml_id}: context/domain: {exc}")
        return
    model = model.with_context(**{k: v for k, v in action_ctx.items() if isinstance(k, str)})
    views = [[view_id or False, mode] for view_id, mode in action.views]
    if "search" not in {mode for _v, mode in views}:
        views.append([action.search_view_id.id or False, "search"])
    try:
        with env.cr.savepoint():
            result = model.get_views(
                views, {"toolbar": True, "load_filters": True, "action_id": action.id}
            )
            fields_info = result["models"][model_name]["fields"]
            for mode in ("list", "kanban"):
                if mode in result["views"]:
                    arch = etree.fromstring(result["views"][mode]["arch"])
                    names = arch.xpath("//field[not(ancestor::field)]/@name")
                    model.web_search_read(domain, _spec(fields_info, names), limit=20)
                    break
            if "form" in result["views"]:
                record = model.search(domain, limit=1)
                if record:
                    arch = etree.fromstring(result["views"]["form"]["arch"])
                    names = arch.xpath("//field[not(ancestor::field)]/@name")
                    record.web_read(_spec(fields_info, names))
    except Exception as exc:
        problems.append(f"{label}: action {action.xml_id or action.id} ({model_name}): {exc!r}")
        _logger.warning("%s: action %s failed", label, action.xml_id, exc_info=True)


def webclient(env, _state):
    problems = []
    suite_actions = env["ir.actions.act_window"].browse(
        env["ir.model.data"]
        .search([("module", "in", SUITE), ("model", "=", "ir.actions.act_window")])
        .mapped("res_id")
    )
    core_actions = env["ir.actions.act_window"]
    for xmlid in CORE_ACTIONS:
        action = env.ref(xmlid, raise_if_not_found=False)
        if action is None:
            problems.append(f"Odoo's action {xmlid} is missing")
        else:
            core_actions |= action
    in_menus = {
        menu.action.id
        for menu in env["ir.ui.menu"].with_context(active_test=False).search([])
        if menu.action and menu.action._name == "ir.actions.act_window"
    }
    users = _users(env)
    checked = 0
    for user in users:
        uenv = env(user=user.id, context={"lang": user.lang or "en_US"})
        label = user.login
        try:
            with env.cr.savepoint():
                menus = uenv["ir.ui.menu"].load_web_menus(False)
        except Exception as exc:
            problems.append(f"{label}: menus do not load: {exc!r}")
            continue
        # Actions of the suite's menus the user sees, and the suite's others.
        menu_actions = {
            menu["actionID"]
            for menu in menus.values()
            if menu.get("actionModel") == "ir.actions.act_window" and menu.get("actionID")
        }
        for action in suite_actions | core_actions:
            # A suite's action in a menu the user does not see is not theirs;
            # the others open from buttons, when the user may read the model.
            if action.id not in menu_actions and (action.id in in_menus or action.target == "new"):
                continue
            _check_action(uenv, action, problems, label)
            checked += 1
    return {"problems": problems, "users": users.mapped("login"), "checked": checked}


def core(env, _state):
    """A sales user quotes and confirms; Odoo's reports render."""
    problems = []
    user = env.ref("base.user_demo", raise_if_not_found=False)
    if not (user and user.active):
        return {"problems": ["no demo sales user (base.user_demo) to check sales with"]}
    uenv = env(user=user.id)
    customer = env["res.partner"].search(
        [("customer_rank", ">", 0), ("is_company", "=", True)], limit=1
    ) or env.ref("base.res_partner_2")
    product = env["product.product"].search(
        [
            ("sale_ok", "=", True),
            ("type", "=", "consu"),
            ("company_id", "in", [False, env.company.id]),
        ],
        limit=1,
    )
    try:
        with env.cr.savepoint(flush=True) as savepoint:
            order = uenv["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "client_order_ref": "LIFECYCLE-1",
                    "order_line": [
                        odoo.Command.create({"product_id": product.id, "product_uom_qty": 10})
                    ],
                }
            )
            order.action_confirm()
            if order.state != "sale":
                problems.append(f"a confirmed quotation is {order.state}")
            if product.is_storable and not order.picking_ids:
                problems.append("a confirmed order has no delivery")
            savepoint.rollback()
    except Exception as exc:
        problems.append(f"a sales user cannot quote and confirm: {exc!r}")
        _logger.warning("quote and confirm failed", exc_info=True)
    for xmlid, model, domain in CORE_REPORTS:
        record = env[model].search(domain, limit=1)
        if not record:
            problems.append(f"no {model} to print {xmlid} with")
            continue
        try:
            with env.cr.savepoint():
                html, _kind = uenv["ir.actions.report"].sudo()._render_qweb_html(xmlid, record.ids)
            if not html:
                problems.append(f"{xmlid} renders empty")
        except Exception as exc:
            problems.append(f"{xmlid} does not render: {exc!r}")
            _logger.warning("%s does not render", xmlid, exc_info=True)
    return {"problems": problems}


def documents(env, _state):
    """A clerk's documents made with the suite, no external id: an order checked
    and confirmed, its delivery done with its DDT, invoiced, and a complaint.
    Uninstalling the suite must keep the order, the delivery and the invoice."""
    clerk = env(user=env.ref("bo_sales.user_backoffice_demo").id)
    manager = env(user=env.ref("bo_sales.user_manager_demo").id)
    order = clerk["sale.order"].create(
        {
            "partner_id": env.ref("bo_sales.customer_ferramenta_navigli_demo").id,
            "client_order_ref": "PO-LIFECYCLE-1",
            "order_line": [
                odoo.Command.create(
                    {
                        "product_id": env.ref("bo_sales.product_fe_vit_4x40_demo").id,
                        "product_uom_qty": 20,
                    }
                )
            ],
        }
    )
    order.action_bo_check()
    if order.bo_check_state == "blocked":
        order.with_env(manager)._bo_override_checks("Agreed on the phone with the buyer.")
    order.action_confirm()
    picking = order.picking_ids
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
    made = {"sale.order": order.ids, "stock.picking": picking.ids}
    if "bo.transport.document" in env:
        ddt = clerk["bo.transport.document"]._bo_create_from_pickings(picking.with_env(clerk))
        ddt.action_validate()
        made["bo.transport.document"] = ddt.ids
    invoice = order._create_invoices()
    invoice.action_post()
    made["account.move"] = invoice.ids
    claim = clerk["bo.claim"].create(
        {"subject": "Two boxes crushed", "partner_id": order.partner_id.id, "order_id": order.id}
    )
    made["bo.claim"] = claim.ids
    problems = []
    if order.state != "sale" or picking.state != "done" or invoice.state != "posted":
        problems.append(
            f"a clerk's order is {order.state}, delivery {picking.state}, invoice {invoice.state}"
        )
    return {"records": made, "problems": problems}


# A manager's changes to shipped records: (xmlid, field, new value).
CUSTOMIZATIONS = (
    ("bo_sales.bo_check_rule_vat_missing", "severity", "blocking"),
    ("bo_sales.bo_check_rule_client_ref", "active", False),
    ("bo_sales.ir_cron_bo_payment_reminders", "active", False),
    ("bo_logistics.ir_cron_bo_late_shipments", "interval_number", 3),
    ("bo_sales.mail_template_offer", "subject", "Our offer {{ object.name }} (edited)"),
    ("bo_reporting.bo_periodic_report_mail_template", "body_html", "<p>Edited by the manager</p>"),
    ("bo_sales.param_reminder_level_1_days", "value", "10"),
    ("bo_sales.bo_claim_sla_damaged", "days", 4),
    ("bo_sales.mail_activity_type_bo_check", "delay_count", 1),
    ("bo_reporting.bo_periodic_report_monthly_sales_demo", "periodicity", "weekly"),
    ("bo_reporting.bo_periodic_report_monthly_sales_demo", "run_day", 3),
    ("bo_sales.customer_ferramenta_navigli_demo", "email", "ordini@navigli.example.com"),
    ("bo_logistics.carrier_brt_demo", "name", "BRT (contratto 2026)"),
)


def _customized_values(env):
    values = {}
    for xmlid, fname, _value in CUSTOMIZATIONS:
        record = env.ref(xmlid, raise_if_not_found=False)
        if record is None:
            values[f"{xmlid}.{fname}"] = "<missing>"
            continue
        record = record.with_context(active_test=False)
        value = record[fname]
        values[f"{xmlid}.{fname}"] = str(value) if fname == "body_html" else value
    return values


def customize(env, _state):
    manager = env.ref("bo_sales.user_manager_demo")
    for xmlid, fname, value in CUSTOMIZATIONS:
        record = env.ref(xmlid)
        # sudo for the technical records (crons, parameters) a manager asks the
        # administrator to change.
        record = record.with_user(manager) if record._name.startswith("bo.") else record
        record.write({fname: value})
    return {"values": _customized_values(env)}


def customized(env, _state):
    return {"values": _customized_values(env)}


STEPS = {
    "snapshot": snapshot,
    "install": install,
    "uninstall": uninstall,
    "cleanup": cleanup,
    "webclient": webclient,
    "core": core,
    "documents": documents,
    "customize": customize,
    "customized": customized,
}


def _fresh_env(env):
    """A new environment on the registry Odoo rebuilt after a module operation."""
    env.cr.reset()
    return odoo.api.Environment(env.cr, odoo.SUPERUSER_ID, {})


def main(conf, dbname, logfile, outfile, steps):
    options = ["-c", conf, "-d", dbname, f"--logfile={logfile}", "--log-level=warn"]
    odoo.tools.config.parse_config([*options, "--max-cron-threads=0"])
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry(dbname)
    results, state, failed = [], {}, False
    for step in steps:
        name, _sep, arg = step.partition(":")
        _logger.info("step %s", step)
        try:
            registry = odoo.modules.registry.Registry(dbname)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                args = [arg.split(",")] if arg else []
                result = STEPS[name](env, state, *args)
        except Exception:
            _logger.error("lifecycle step %s failed", step, exc_info=True)
            results.append([step, {"problems": [f"step {step} failed:\n{traceback.format_exc()}"]}])
            failed = True
            break
        results.append([step, result])
    with open(outfile, "w") as out:
        json.dump(results, out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5], sys.argv[5:]))

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import json
from collections import defaultdict
from datetime import timedelta

from PyPDF2 import PdfReader, PdfWriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_compare

from ..tools.amount_words import amount_to_words
from ..tools.check_engine import as_engine, is_engine
from ..tools.sql_values import int_array

CHECK_STATES = [
    ("to_check", "To Check"),
    ("ok", "OK"),
    ("warning", "Warnings"),
    ("blocked", "Blocked"),
    ("overridden", "Overridden"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    bo_import_id = fields.Many2one(
        comodel_name="bo.order.import",
        string="Import Batch",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Spreadsheet import that created this order.",
    )
    bo_agent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Agent",
        compute="_compute_bo_agent_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain=[("bo_is_agent", "=", True)],
        tracking=True,
        help="Agent who brought the order; by default the customer's agent.",
    )
    bo_visit_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Visit",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Appointment at which the agent took this order.",
    )

    bo_check_state = fields.Selection(
        selection=CHECK_STATES,
        string="Check State",
        default="to_check",
        required=True,
        copy=False,
        # NOTE: neither this field nor the next is indexed: the check rewrites
        # them on every order it checks, and without an index on them PostgreSQL
        # updates the row in place (HOT) instead of touching the order's
        # nineteen indexes; open orders are found through the state index.
    )
    bo_check_rule_id = fields.Many2one(
        comodel_name="bo.check.rule",
        string="Main Check Rule",
        copy=False,
        help="The most important rule with a finding on this order (for grouping).",
    )
    bo_check_finding_ids = fields.One2many(
        comodel_name="bo.check.finding", inverse_name="order_id", string="Check Findings"
    )
    bo_check_blocking_count = fields.Integer(
        string="Blocking Findings", compute="_compute_bo_check_counts"
    )
    bo_check_warning_count = fields.Integer(
        string="Warning Findings", compute="_compute_bo_check_counts"
    )
    bo_override_reason = fields.Text(string="Override Reason", copy=False, readonly=True)
    bo_override_user_id = fields.Many2one(
        comodel_name="res.users", string="Overridden By", copy=False, readonly=True
    )
    bo_override_date = fields.Datetime(string="Overridden On", copy=False, readonly=True)
    bo_override_snapshot = fields.Json(
        string="Approved Values",
        copy=False,
        readonly=True,
        help="What the override approved: the overridden findings and the values they "
        "were about (customer, addresses, pricelist, lines, total). Any change to these "
        "withdraws the override.",
    )
    bo_check_date = fields.Datetime(
        string="Last Checked",
        copy=False,
        readonly=True,
        help="When the order checks last ran on this order (on save, by the Run Checks "
        "button or by the nightly check of open quotations).",
    )

    @api.depends("partner_id")
    def _compute_bo_agent_id(self):
        for order in self:
            order.bo_agent_id = order.partner_id.commercial_partner_id.bo_agent_id

    @api.depends("bo_check_finding_ids.severity", "bo_check_finding_ids.overridden")
    def _compute_bo_check_counts(self):
        for order in self:
            findings = order.bo_check_finding_ids
            order.bo_check_blocking_count = len(
                findings.filtered(lambda f: f.severity == "blocking" and not f.overridden)
            )
            order.bo_check_warning_count = len(findings.filtered(lambda f: f.severity == "warning"))

    # ------------------------------------------------------------------
    # CRUD: checks on save
    # ------------------------------------------------------------------

    @api.model
    def _bo_check_trigger_fields(self):
        """Fields of the order whose change re-runs the checks on save.
        Extend this list in addons that add rules on other fields."""
        return [
            "partner_id",
            "partner_invoice_id",
            "partner_shipping_id",
            "payment_term_id",
            "client_order_ref",
            "commitment_date",
            "pricelist_id",
            "user_id",
            "bo_agent_id",
            "order_line",
            "company_id",
            "warehouse_id",
            "date_order",
        ]

    @api.model
    def _bo_check_engine_fields(self):
        """Fields written by the check engine and the override action only."""
        return [
            "bo_check_state",
            "bo_check_rule_id",
            "bo_check_date",
            "bo_check_finding_ids",
            "bo_override_reason",
            "bo_override_user_id",
            "bo_override_date",
            "bo_override_snapshot",
        ]

    def _bo_refuse_engine_vals(self, vals_list, creating=False):
        """Refuse values of the engine's fields unless the engine writes them.

        A new order may carry the defaults (the web client sends them).
        """
        if is_engine(self.env):
            return
        names = {
            name
            for vals in vals_list
            for name in self._bo_check_engine_fields()
            if name in vals
            and (
                not creating
                or (vals[name] and not (name == "bo_check_state" and vals[name] == "to_check"))
            )
        }
        if names:
            raise AccessError(
                self.env._(
                    "%(fields)s can be changed only by the order checks and by a Back Office "
                    "Manager's override.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(names)
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_refuse_engine_vals(vals_list, creating=True)
        self._bo_check_agent_customers(vals_list)
        orders = super(SaleOrder, self.with_context(bo_check_skip=True)).create(vals_list)
        orders = orders.with_env(self.env)
        if not self.env.context.get("bo_check_skip"):
            orders._bo_check_open()
        return orders

    def write(self, vals):
        self._bo_refuse_engine_vals([vals])
        self._bo_check_agent_customers([vals])
        if not set(vals) & set(self._bo_check_trigger_fields()):
            return super().write(vals)
        if self.env.context.get("bo_check_skip"):
            # NOTE: an override covers the values it approved: a save that skips
            # the checks still re-checks the overridden orders, so a change
            # withdraws their override at once.
            overridden = self.filtered(lambda o: o.bo_check_state == "overridden")
            res = super().write(vals)
            overridden._bo_check_open()
            return res
        # NOTE: line changes made through the order are checked once, here.
        res = super(SaleOrder, self.with_context(bo_check_skip=True)).write(vals)
        self._bo_check_open()
        return res

    def _bo_check_agent_customers(self, vals_list):
        """An agent who is not a back-office user takes and edits orders of their
        own customers only, and cannot give an order to another agent."""
        user = self.env.user
        if self.env.su or not user._bo_is_agent_only():
            return
        own = user.partner_id
        # sudo: the customers named may be hidden from the agent; only their
        # agent is read, to refuse them without showing anything of them.
        Partner = self.env["res.partner"].sudo()
        customers = (
            Partner.browse({vals["partner_id"] for vals in vals_list if vals.get("partner_id")})
            | self.sudo().partner_id
        )
        if any(c.bo_agent_id != own for c in customers.commercial_partner_id):
            raise AccessError(
                self.env._(
                    "You can take and edit orders only for your own customers: this customer "
                    "is not assigned to you. Ask the back office to take the order."
                )
            )
        if any(vals.get("bo_agent_id") not in (None, False, own.id) for vals in vals_list):
            raise AccessError(
                self.env._(
                    "You cannot assign an order to another agent: ask the back office to "
                    "reassign it."
                )
            )

    def _bo_check_open(self):
        """Check the quotations among these orders (confirmed ones keep their findings)."""
        quotations = self.filtered(lambda o: o.state in ("draft", "sent"))
        if quotations:
            quotations.action_bo_check()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        self._bo_check_open()
        return super().action_confirm()

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or self.bo_check_state != "blocked":
            return error
        blocking = self.bo_check_finding_ids.filtered(
            lambda f: f.severity == "blocking" and not f.overridden
        )
        return self.env._(
            "Order %(order)s cannot be confirmed because of these checks:\n%(findings)s\n"
            "Correct the order, or ask a Back Office Manager to override the checks.",
            order=self.name,
            findings="\n".join(f"- {f.rule_id.name}: {f.message}" for f in blocking),
        )

    def action_bo_check(self):
        """Run every active check rule on these orders, all at once.

        Each rule evaluates the whole recordset with a few set-based queries;
        the findings of the orders are then replaced in one DELETE and one
        INSERT, and the check states written in one UPDATE. Overrides given
        before are kept on findings of the same rule and line.
        :return: True
        """
        if not self:
            return True
        # NOTE: findings and states are written in raw SQL below: the user must be
        # allowed to write these orders, as the ORM would require.
        self.check_access("write")
        # NOTE: the rules read the database directly; pending ORM changes first.
        self.env.flush_all()
        # NOTE: grouped read of the company alone: reading state and company
        # through the records would fetch every column of every order.
        orders_by_company = {
            company: self.browse(sorted(order_ids))
            for company, order_ids in self._read_group(
                [("id", "in", self.ids), ("state", "!=", "cancel")],
                ["company_id"],
                ["id:array_agg"],
            )
        }
        if not orders_by_company:
            return True
        orders = self.browse().concat(*orders_by_company.values())
        rules = self.env["bo.check.rule"].search(
            [("company_id", "in", [*(c.id for c in orders_by_company), False])]
        )
        # Rows that several rules read (the orders' and lines' facts) are read
        # once per run, kept on the cursor (not in the context: contexts are
        # compared each time an environment is made) and dropped after the run.
        run_key = f"bo_check_run_{id(orders)}"
        self.env.cr.cache[run_key] = {}
        vals_list = []
        try:
            for company, company_orders in orders_by_company.items():
                company_rules = rules.filtered(
                    lambda r, c=company: r.company_id in (c, c.browse())
                ).with_context(bo_check_run=run_key)
                for rule in company_rules:
                    for vals in rule.with_company(company)._bo_evaluate(company_orders):
                        vals_list.append(dict(vals, rule_id=rule.id, severity=rule.severity))
        finally:
            del self.env.cr.cache[run_key]
        withdrawn = orders._bo_replace_findings(vals_list)
        orders._bo_write_check_states(vals_list, rules)
        if withdrawn:
            orders.browse(withdrawn)._bo_withdraw_override(withdrawn)
        # NOTE: an order saved or confirmed gets its activity at once; a batch
        # (an import, the nightly check) leaves them to a job that runs right
        # after: creating hundreds of activities with their followers costs
        # more than checking the orders.
        inline_limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bo_sales.check_inline_activity_limit", 50)
        )
        if len(orders) <= inline_limit or self.env.context.get("bo_check_activities_now"):
            orders._bo_schedule_blocked_activities()
        else:
            self.env.ref("bo_sales.ir_cron_bo_check_activities").sudo()._trigger()
        return True

    def _bo_replace_findings(self, vals_list):
        """Make the findings of these orders equal to ``vals_list``.

        Findings that did not change stay as they are; the others are deleted in
        one DELETE and the new ones inserted in one INSERT. A blocking finding
        of the same order, rule and line as an overridden one inherits the
        override (``vals_list`` is updated, for the check states).
        NOTE: raw SQL on purpose: the ORM inserts by batches of 100 rows with
        Python work per record, which made checking 1 000 orders cost seconds.
        Findings have no stored computed field, inverse or side effect, and are
        written by the engine only (users read them), so the caches are simply
        invalidated afterwards.
        An override is carried over only while the order still has the values it
        approved (see ``_bo_override_changes``).
        :return: {order id: [changes]} of the orders whose override is withdrawn
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT id, order_id, rule_id, line_id, severity, message_key,
                       message_params::text, message_text, overridden, override_reason,
                       override_user_id, override_date
                  FROM bo_check_finding
                 WHERE order_id = ANY(%s)
                """,
                int_array(self.ids),
            )
        )
        old = {}
        overrides = {}
        for row in self.env.cr.fetchall():
            # NOTE: the message's values compared as canonical JSON text.
            params = json.dumps(json.loads(row[6]), sort_keys=True) if row[6] else None
            old[(*row[1:6], params, row[7])] = row
            if row[8]:
                overrides[row[1:4]] = row
        withdrawn = {}
        if overrides:
            withdrawn = self.browse({key[0] for key in overrides})._bo_override_changes()
            overrides = {key: row for key, row in overrides.items() if key[0] not in withdrawn}
        to_insert = []
        for vals in vals_list:
            if vals.get("message_key"):
                params = vals.get("message_params") or {}
                vals["message_params"] = json.dumps(params, sort_keys=True)
            line_id = vals.get("line_id") or None
            previous = overrides.get((vals["order_id"], vals["rule_id"], line_id))
            if previous and vals["severity"] == "blocking":
                vals.update(
                    overridden=True,
                    override_reason=previous[9],
                    override_user_id=previous[10],
                    override_date=previous[11],
                )
            key = (
                vals["order_id"],
                vals["rule_id"],
                line_id,
                vals["severity"],
                vals.get("message_key") or None,
                vals.get("message_params") or None,
                vals.get("message") or None,
            )
            kept = old.get(key)
            if kept and bool(kept[8]) == bool(vals.get("overridden")):
                del old[key]
            else:
                to_insert.append(vals)
        if old:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM bo_check_finding WHERE id = ANY(%s)",
                    [row[0] for row in old.values()],
                )
            )
        vals_list = to_insert
        if vals_list:
            # A text given by a rule goes to message_text (see bo.check.rule).
            source = {"message_text": "message"}
            columns = [
                ("order_id", "int"),
                ("rule_id", "int"),
                ("line_id", "int"),
                ("severity", "varchar"),
                ("message_key", "varchar"),
                ("message_params", "jsonb"),
                ("message_text", "varchar"),
            ]
            # The override columns only when a finding carries one over (rarely).
            if any(vals.get("overridden") for vals in vals_list):
                columns += [
                    ("overridden", "bool"),
                    ("override_reason", "text"),
                    ("override_user_id", "int"),
                    ("override_date", "timestamp"),
                ]
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO bo_check_finding (%s)
                    SELECT * FROM UNNEST(%s)
                    """,
                    SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                    SQL(", ").join(
                        SQL(
                            "%s::" + type_ + "[]",
                            [
                                vals.get(source.get(name, name)) or None
                                if type_ != "bool"
                                else bool(vals.get(name))
                                for vals in vals_list
                            ],
                        )
                        for name, type_ in columns
                    ),
                )
            )
        self.env["bo.check.finding"].invalidate_model()
        self.invalidate_recordset(["bo_check_finding_ids"])
        self.env["sale.order.line"].invalidate_model(["bo_check_finding_ids"])
        return withdrawn

    def _bo_override_values(self):
        """What an override of these orders is about, as read in the database now.

        :return: {order id: (values, approved)}: ``values`` the customer, addresses,
            pricelist, currency, total and lines (product, quantity, unit, price,
            discount) in the JSON form the override keeps; ``approved`` the values
            the order's override recorded (None if none). One query.
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT so.id, so.partner_id, so.partner_invoice_id, so.partner_shipping_id,
                       so.pricelist_id, so.currency_id, so.amount_total, so.bo_override_snapshot,
                       l.id, l.product_id, l.product_uom_qty, l.product_uom, l.price_unit,
                       l.discount
                  FROM sale_order so
             LEFT JOIN sale_order_line l ON l.order_id = so.id AND l.display_type IS NULL
                 WHERE so.id = ANY(%s)
              ORDER BY so.id, l.id
                """,
                int_array(self.ids),
            )
        )
        result = {}
        for row in self.env.cr.fetchall():
            if row[0] not in result:
                values = {
                    "customer": row[1],
                    "invoice_address": row[2],
                    "delivery_address": row[3],
                    "pricelist": row[4],
                    "currency": row[5],
                    "total": round(row[6] or 0.0, 6),
                    "lines": {},
                }
                result[row[0]] = (values, row[7])
            if row[8]:
                result[row[0]][0]["lines"][str(row[8])] = {
                    "product": row[9],
                    "quantity": round(row[10] or 0.0, 6),
                    "uom": row[11],
                    "price": round(row[12] or 0.0, 6),
                    "discount": round(row[13] or 0.0, 6),
                }
        return result

    def _bo_override_changes(self):
        """The overridden orders among these whose values changed since the override.

        :return: {order id: [descriptions of the changes, translated]}
        """
        changed = {}
        for order_id, (values, approved) in self._bo_override_values().items():
            if not approved:
                changed[order_id] = [
                    self.env._("the override did not record the values it approved")
                ]
                continue
            changes = []
            labels = {
                "customer": self.env._("customer"),
                "invoice_address": self.env._("invoice address"),
                "delivery_address": self.env._("delivery address"),
                "pricelist": self.env._("pricelist"),
                "currency": self.env._("currency"),
            }
            for key, label in labels.items():
                if approved.get(key) != values[key]:
                    changes.append(label)
            old_lines, new_lines = approved.get("lines", {}), values["lines"]
            product_ids = {line["product"] for line in (*old_lines.values(), *new_lines.values())}
            # sudo: names of the products the order itself shows (and showed).
            products = {
                p.id: p.display_name
                for p in self.env["product.product"].sudo().browse(product_ids - {None})
            }
            line_labels = {
                "quantity": self.env._("quantity"),
                "price": self.env._("unit price"),
                "discount": self.env._("discount"),
            }
            for line_id, old in old_lines.items():
                new = new_lines.get(line_id)
                name = products.get(old["product"], "")
                if not new:
                    changes.append(self.env._("line %(product)s removed", product=name))
                    continue
                if new["product"] != old["product"]:
                    changes.append(
                        self.env._(
                            "product %(old)s replaced by %(new)s",
                            old=name,
                            new=products.get(new["product"], ""),
                        )
                    )
                if new["uom"] != old["uom"]:
                    changes.append(self.env._("unit of measure of %(product)s", product=name))
                for key, label in line_labels.items():
                    if new[key] != old[key]:
                        changes.append(
                            self.env._(
                                "%(what)s of %(product)s: %(old)s → %(new)s",
                                what=label,
                                product=name,
                                old=old[key],
                                new=new[key],
                            )
                        )
            for line_id, new in new_lines.items():
                if line_id not in old_lines:
                    changes.append(
                        self.env._(
                            "line %(product)s added", product=products.get(new["product"], "")
                        )
                    )
            if approved.get("total") != values["total"]:
                changes.append(
                    self.env._(
                        "total: %(old)s → %(new)s", old=approved.get("total"), new=values["total"]
                    )
                )
            if changes:
                changed[order_id] = changes
        return changed

    def _bo_withdraw_override(self, changes):
        """Withdraw the override of these orders, whose approved values changed;
        the chatter says what changed. ``changes``: {order id: [descriptions]}."""
        as_engine(self).write(
            {
                "bo_override_reason": False,
                "bo_override_user_id": False,
                "bo_override_date": False,
                "bo_override_snapshot": False,
            }
        )
        for order in self:
            order.message_post(
                body=self.env._(
                    "Override withdrawn: the order changed since the checks were overridden "
                    "(%(changes)s). The order is checked again.",
                    changes="; ".join(changes[order.id]),
                )
            )

    def _bo_write_check_states(self, vals_list, rules):
        """Write the check state and main rule of these orders from their findings.

        Also stamps ``bo_check_date`` (the nightly job's mark of a checked order).
        NOTE: one UPDATE in raw SQL: the ORM writes by batches of 100 rows (ten
        statements for a nightly check of 1 000 quotations). The fields are
        derived from the findings, nothing is computed from them and they are
        not tracked, so invalidating the cache is all the ORM needs.
        """
        by_order = defaultdict(list)
        for vals in vals_list:
            by_order[vals["order_id"]].append(vals)
        rank = {rule.id: index for index, rule in enumerate(rules)}
        rows = []
        for order in self:
            order_findings = by_order.get(order.id, [])
            severities = {
                "overridden" if f.get("overridden") else f["severity"] for f in order_findings
            }
            if "blocking" in severities:
                state = "blocked"
            elif "overridden" in severities:
                state = "overridden"
            elif "warning" in severities:
                state = "warning"
            else:
                state = "ok"
            main = min(
                order_findings,
                key=lambda f: (
                    f["severity"] != "blocking" or bool(f.get("overridden")),
                    rank[f["rule_id"]],
                ),
                default=None,
            )
            rows.append((order.id, state, main["rule_id"] if main else None))
        if not rows:
            return
        order_ids, states, rule_ids = zip(*rows, strict=True)
        self.env.cr.execute(
            SQL(
                """
                UPDATE sale_order so
                   SET bo_check_state = new.state, bo_check_rule_id = new.rule_id,
                       bo_check_date = %s
                  FROM UNNEST(%s, %s::varchar[], %s) AS new(id, state, rule_id)
                 WHERE so.id = new.id
                """,
                # NOTE: database time, as the scheduler's progress records compare to it.
                self.env.cr.now(),
                int_array(order_ids),
                list(states),
                int_array(rule_ids),
            )
        )
        self.browse(order_ids).invalidate_recordset(
            ["bo_check_state", "bo_check_rule_id", "bo_check_date"]
        )

    def _bo_schedule_blocked_activities(self):
        """One open activity per blocked order for its agent (when the agent has a
        login) or else its salesperson; removed once the order is no longer blocked."""
        activity_type = self.env.ref(
            "bo_sales.mail_activity_type_bo_check", raise_if_not_found=False
        )
        if not activity_type:
            return
        Activity = self.env["mail.activity"]
        existing = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        has_activity = set(existing.mapped("res_id"))
        blocked = self.filtered(
            lambda o: o.bo_check_state == "blocked" and o.state in ("draft", "sent")
        )
        blocked_ids = set(blocked.ids)
        existing.filtered(lambda a: a.res_id not in blocked_ids).unlink()
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        summaries = {}
        for order in blocked:
            user = order.bo_agent_id.user_ids[:1] or order.user_id
            if order.id in has_activity or not user:
                continue
            # In the language of the person who will read it, once per language.
            if user.lang not in summaries:
                summaries[user.lang] = self.with_context(lang=user.lang).env._(
                    "Blocked by the order checks"
                )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": order.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    "summary": summaries[user.lang],
                }
            )
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    @api.model
    def _cron_bo_sync_check_activities(self):
        """Give every blocked order its activity and take it off the orders no
        longer blocked (after checks made in a batch)."""
        activity_type = self.env.ref(
            "bo_sales.mail_activity_type_bo_check", raise_if_not_found=False
        )
        if not activity_type:
            return
        [[with_activity]] = self.env["mail.activity"]._read_group(
            [("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)],
            aggregates=["res_id:array_agg"],
        )
        with_activity = with_activity or []
        to_sync = self.search(
            [
                ("bo_check_state", "=", "blocked"),
                ("state", "in", ("draft", "sent")),
                ("id", "not in", with_activity),
            ]
        ) | self.search(
            [
                ("id", "in", with_activity),
                "|",
                ("bo_check_state", "!=", "blocked"),
                ("state", "not in", ("draft", "sent")),
            ]
        )
        to_sync._bo_schedule_blocked_activities()

    def action_bo_override(self):
        """Open the override dialog (Back Office Managers only)."""
        self._bo_check_can_override()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Checks"),
            "res_model": "bo.check.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def _bo_check_can_override(self):
        if not self.env.user.has_group("bo_sales.bo_sales_group_manager"):
            raise AccessError(
                self.env._("Only a Back Office Manager can override the order checks.")
            )

    def _bo_override_checks(self, reason):
        """Accept the blocking findings of these orders with ``reason``; the
        findings stay visible with who and when, and the chatter records it."""
        self._bo_check_can_override()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for overriding the checks."))
        blocked = self.filtered(lambda o: o.bo_check_state == "blocked")
        if not blocked:
            raise UserError(self.env._("None of these orders is blocked by the checks."))
        now = fields.Datetime.now()
        values = {
            "overridden": True,
            "override_reason": reason,
            "override_user_id": self.env.uid,
            "override_date": now,
        }
        findings = blocked.bo_check_finding_ids.filtered(
            lambda f: f.severity == "blocking" and not f.overridden
        )
        # NOTE: findings are read-only to users; the manager's right is checked above.
        as_engine(findings.sudo()).write(values)
        # What the override approves: its findings and the values they are about.
        self.env.flush_all()
        approved = {
            order_id: values for order_id, (values, _old) in blocked._bo_override_values().items()
        }
        for finding in findings:
            approved[finding.order_id.id].setdefault("findings", []).append(
                [finding.rule_id.id, finding.line_id.id or None]
            )
        for order in blocked:
            as_engine(order).with_context(bo_check_skip=True).write(
                {
                    "bo_check_state": "overridden",
                    "bo_override_reason": reason,
                    "bo_override_user_id": self.env.uid,
                    "bo_override_date": now,
                    "bo_override_snapshot": approved[order.id],
                }
            )
        blocked._bo_schedule_blocked_activities()
        for order in blocked:
            order_findings = findings.filtered(lambda f, o=order: f.order_id == o)
            order.message_post(
                body=self.env._(
                    "Checks overridden by %(user)s: %(reason)s (%(findings)s)",
                    user=self.env.user.name,
                    reason=reason,
                    findings="; ".join(order_findings.mapped("message")),
                )
            )
        return True

    @api.model
    def _cron_bo_check_open_quotations(self, batch_size=1000):
        """Nightly: re-check every open quotation (customer data, stock and
        payments change without the order being touched).

        By batches (see ``ir.cron._bo_process_in_batches``): the mark of a
        checked order is its ``bo_check_date``, written with its findings (the
        activities of a batch follow from the blocked state, through their own
        job); a run picked up after a kill checks only the quotations not
        checked since that run began. Called directly, it checks them all.
        """
        run_start = self.env["ir.cron"]._bo_run_start()

        def find():
            domain = [("state", "in", ("draft", "sent"))]
            if run_start:
                domain += ["|", ("bo_check_date", "=", False), ("bo_check_date", "<", run_start)]
            return self.search(domain, order="id")

        return self.env["ir.cron"]._bo_process_in_batches(
            find, lambda orders: orders.action_bo_check(), batch_size
        )

    # ==================================================================
    # After-sales block (issue 6): offers, payments, complaints and the
    # closing of the order file. Other features keep their own blocks.
    # ==================================================================

    bo_amount_total_words = fields.Char(
        string="Total in Words", compute="_compute_bo_amount_total_words"
    )
    bo_is_expired = fields.Boolean(
        string="Offer Expired",
        compute="_compute_bo_is_expired",
        store=True,
        help="A quotation whose validity date has passed; refreshed every night.",
    )
    bo_amount_invoiced = fields.Monetary(
        string="Invoiced", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_amount_paid = fields.Monetary(
        string="Paid", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_amount_overdue = fields.Monetary(
        string="Overdue", compute="_compute_bo_payment_figures", currency_field="currency_id"
    )
    bo_invoice_due_dates = fields.Char(string="Due Dates", compute="_compute_bo_payment_figures")
    # Complaints are the back office's: sales users outside it see orders without them.
    bo_claim_ids = fields.One2many(
        "bo.claim", "order_id", string="Complaints", groups="bo_sales.bo_sales_group_agent"
    )
    bo_claim_count = fields.Integer(
        compute="_compute_bo_claim_count",
        string="Complaints Count",
        groups="bo_sales.bo_sales_group_agent",
    )
    bo_file_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        string="Order File",
        default="open",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    bo_file_closed_date = fields.Date(string="File Closed On", copy=False, readonly=True)
    bo_file_attachment_id = fields.Many2one(
        "ir.attachment", string="File Archive", copy=False, readonly=True
    )
    bo_customer_agent_id = fields.Many2one(
        related="partner_id.commercial_partner_id.bo_agent_id",
        string="Customer's Agent",
        store=True,
    )

    @api.depends("amount_total", "partner_id.lang", "currency_id")
    def _compute_bo_amount_total_words(self):
        for order in self:
            label = None if order.currency_id.name == "EUR" else order.currency_id.name
            order.bo_amount_total_words = amount_to_words(
                abs(order.amount_total), order.partner_id.lang or self.env.lang, label
            )

    @api.depends("validity_date", "state")
    def _compute_bo_is_expired(self):
        today = fields.Date.context_today(self)
        for order in self:
            order.bo_is_expired = bool(
                order.state in ("draft", "sent")
                and order.validity_date
                and order.validity_date < today
            )

    @api.depends("invoice_ids.amount_total_signed", "invoice_ids.amount_residual_signed")
    def _compute_bo_payment_figures(self):
        """Invoiced, paid and overdue amounts with the invoices' due dates.

        Set-based: the orders' posted invoices are read once, their receivable
        lines once with a grouped read; an invoice shared by several orders
        counts fully on each of them (as Odoo's own invoice smart button does).
        """
        today = fields.Date.context_today(self)
        moves = self.invoice_ids.filtered(lambda m: m.state == "posted")
        due_dates = defaultdict(set)
        if moves:
            groups = self.env["account.move.line"]._read_group(
                [
                    ("move_id", "in", moves.ids),
                    ("account_type", "=", "asset_receivable"),
                    ("date_maturity", "!=", False),
                ],
                ["move_id", "date_maturity:day"],
            )
            for move, maturity in groups:
                due_dates[move.id].add(fields.Date.to_date(maturity))
        for order in self:
            invoiced = paid = overdue = 0.0
            dates = set()
            for move in order.invoice_ids:
                if move.state != "posted":
                    continue
                # Amounts in the invoice's currency, signed (credit notes subtract).
                sign = -1 if move.move_type == "out_refund" else 1
                total = move.amount_total_in_currency_signed
                residual = sign * move.amount_residual
                invoiced += total
                paid += total - residual
                if move.invoice_date_due and move.invoice_date_due < today and residual > 0:
                    overdue += residual
                dates |= due_dates.get(move.id, set())
            order.bo_amount_invoiced = invoiced
            order.bo_amount_paid = paid
            order.bo_amount_overdue = overdue
            order.bo_invoice_due_dates = ", ".join(fields.Date.to_string(d) for d in sorted(dates))

    @api.depends("bo_claim_ids")
    def _compute_bo_claim_count(self):
        counts = dict(
            self.env["bo.claim"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.bo_claim_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # Offers
    # ------------------------------------------------------------------

    def action_bo_print_offer(self):
        return self.env.ref("bo_sales.bo_offer_report").report_action(self)

    def action_bo_send_offer(self):
        self._bo_post_template("bo_sales.mail_template_offer")

    def action_bo_send_confirmation(self):
        self._bo_post_template("bo_sales.mail_template_order_confirmation")

    def _bo_post_template(self, template_xmlid):
        """Post a template on each order's chatter; mails wait in the queue."""
        template = self.env.ref(template_xmlid)
        for order in self:
            order.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", force_send=False
            )

    @api.model
    def _cron_bo_offer_followup(self):
        """Mark expired quotations and remind salespeople of expiring ones.

        One follow-up activity per quotation and salesperson, however many
        times the job runs.
        """
        today = fields.Date.context_today(self)
        quotations = self.search(
            [("state", "in", ("draft", "sent")), ("validity_date", "!=", False)]
        )
        quotations._compute_bo_is_expired()
        # sudo: system parameters are readable by administrators only.
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("bo_sales.offer_followup_days", 3)
        )
        expiring = quotations.filtered(
            lambda o: o.user_id and today <= o.validity_date <= today + timedelta(days=days)
        )
        activity_type = self.env.ref("bo_sales.mail_activity_type_offer_followup")
        self._bo_schedule_once(
            expiring,
            activity_type,
            lambda o: o.with_context(lang=o.user_id.lang).env._(
                "Offer %(name)s expires soon", name=o.name
            ),
            lambda o: o.user_id,
            lambda o: o.validity_date,
        )

    @api.model
    def _bo_schedule_once(self, records, activity_type, summary, user, deadline):
        """Create one activity of ``activity_type`` per record lacking one.

        :param summary, user, deadline: callables giving each record's values.
        """
        if not records:
            return self.env["mail.activity"]
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        done_ids = set(existing.mapped("res_id"))
        model_id = self.env["ir.model"]._get_id(records._name)
        return self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary(record),
                    "user_id": user(record).id,
                    "date_deadline": deadline(record),
                }
                for record in records
                if record.id not in done_ids
            ]
        )

    # ------------------------------------------------------------------
    # Complaints
    # ------------------------------------------------------------------

    def action_bo_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_claim_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "default_partner_id": self.partner_id.id}
        return action

    # ------------------------------------------------------------------
    # Closing the order file ("pratica chiusa")
    # ------------------------------------------------------------------

    def _bo_file_blockers(self):
        """Why each order's file cannot be closed yet.

        :returns: dict {order: [reasons]}; an order absent from it can close.
        """
        blockers = defaultdict(list)
        open_claims = self.env["bo.claim"]._read_group(
            [("order_id", "in", self.ids), ("state", "in", ("new", "in_progress", "waiting"))],
            ["order_id"],
            ["__count"],
        )
        claim_counts = dict(open_claims)
        for order in self:
            if order.state != "sale":
                blockers[order].append(self.env._("the order is not confirmed"))
                continue
            undelivered = order.order_line.filtered(
                lambda line: line.product_id.type == "consu"
                and not line.display_type
                and float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding,
                )
                < 0
            )
            if undelivered or order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ):
                blockers[order].append(self.env._("goods not fully delivered"))
            invoices = order.invoice_ids.filtered(lambda m: m.state != "cancel")
            if order.invoice_status != "invoiced" or not invoices:
                blockers[order].append(self.env._("not fully invoiced"))
            if invoices.filtered(lambda m: m.state != "posted"):
                blockers[order].append(self.env._("draft invoices"))
            if invoices.filtered(
                lambda m: m.payment_state not in ("paid", "in_payment", "reversed")
            ):
                blockers[order].append(self.env._("invoices not paid"))
            if claim_counts.get(order):
                blockers[order].append(self.env._("open complaints"))
        return blockers

    def action_bo_close_file(self):
        """Close the order files, refusing (with the reasons) if one cannot."""
        to_close = self.filtered(lambda o: o.bo_file_state == "open")
        blockers = to_close._bo_file_blockers()
        if blockers:
            raise UserError(
                self.env._(
                    "These order files cannot be closed yet:\n%(lines)s",
                    lines="\n".join(
                        f"{order.name}: {', '.join(reasons)}" for order, reasons in blockers.items()
                    ),
                )
            )
        to_close._bo_close_file()
        return True

    def action_bo_reopen_file(self):
        self.filtered(lambda o: o.bo_file_state == "closed").write(
            {"bo_file_state": "open", "bo_file_closed_date": False}
        )

    @api.model
    def _cron_bo_close_files(self):
        """Close every confirmed order file that meets the conditions."""
        candidates = self.search(
            [
                ("state", "=", "sale"),
                ("bo_file_state", "=", "open"),
                ("invoice_status", "=", "invoiced"),
            ]
        )
        blockers = candidates._bo_file_blockers()
        candidates.filtered(lambda o: o not in blockers)._bo_close_file()

    def _bo_close_file(self):
        for order in self:
            pdf = order._bo_render_file_pdf()
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.env._("Order file %(name)s.pdf", name=order.name),
                    "type": "binary",
                    "datas": base64.b64encode(pdf),
                    "mimetype": "application/pdf",
                    "res_model": order._name,
                    "res_id": order.id,
                }
            )
            order.write(
                {
                    "bo_file_state": "closed",
                    "bo_file_closed_date": fields.Date.context_today(order),
                    "bo_file_attachment_id": attachment.id,
                }
            )
            order.message_post(
                body=self.env._("Order file closed and archived."),
                attachment_ids=attachment.ids,
            )

    def _bo_file_documents(self):
        """Documents printed into the closed order file archive, in order.

        :returns: list of (report xmlid, records). Other addons extend it
            (bo_logistics adds the DDTs) by calling super() and inserting.
        """
        self.ensure_one()
        documents = [("sale.action_report_saleorder", self)]
        invoices = self.invoice_ids.filtered(lambda m: m.state == "posted")
        if invoices:
            documents.append(("account.account_invoices", invoices))
        return documents

    def _bo_render_file_pdf(self):
        """Render every document of the file and merge them into one PDF."""
        self.ensure_one()
        writer = PdfWriter()
        reports = self.env["ir.actions.report"]
        for report_ref, records in self._bo_file_documents():
            if not records:
                continue
            # NOTE: sudo because the archive must hold every document of the
            # file even when the closing user cannot read e.g. accounting.
            pdf, _ = reports.sudo()._render_qweb_pdf(report_ref, records.ids)
            for page in PdfReader(io.BytesIO(pdf)).pages:
                writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    bo_check_finding_ids = fields.One2many(
        comodel_name="bo.check.finding", inverse_name="line_id", string="Check Findings"
    )

    @api.model
    def _bo_check_trigger_fields(self):
        """Fields of a line whose change (outside the order form) re-checks its order."""
        return [
            "product_id",
            "product_uom_qty",
            "product_uom",
            "price_unit",
            "discount",
            "product_packaging_id",
        ]

    @api.model_create_multi
    def create(self, vals_list):
        self._bo_refuse_engine_vals(vals_list)
        lines = super().create(vals_list)
        if not self.env.context.get("bo_check_skip"):
            lines.order_id._bo_check_open()
        return lines

    def _bo_refuse_engine_vals(self, vals_list):
        if not is_engine(self.env) and any(vals.get("bo_check_finding_ids") for vals in vals_list):
            raise AccessError(
                self.env._(
                    "Order check findings are written by the order checks only: "
                    "run the checks again, or ask a Back Office Manager to override them."
                )
            )

    def write(self, vals):
        self._bo_refuse_engine_vals([vals])
        if not set(vals) & set(self._bo_check_trigger_fields()):
            return super().write(vals)
        if self.env.context.get("bo_check_skip"):
            # NOTE: overridden orders are re-checked all the same: their override
            # covers the values it approved (see sale.order write()).
            overridden = self.order_id.filtered(lambda o: o.bo_check_state == "overridden")
            res = super().write(vals)
            overridden._bo_check_open()
            return res
        res = super().write(vals)
        self.order_id._bo_check_open()
        return res

    def unlink(self):
        orders = self.order_id
        if self.env.context.get("bo_check_skip"):
            orders = orders.filtered(lambda o: o.bo_check_state == "overridden")
        res = super().unlink()
        orders.exists()._bo_check_open()
        return res

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.check_engine import is_engine
from ..tools.sql_values import int_array
from .bo_check_rule import CheckFacts

CHECK_STATES = [
    ("to_check", "To Check"),
    ("ok", "OK"),
    ("warning", "Warnings"),
    ("blocked", "Blocked"),
    ("overridden", "Overridden"),
]


class BoCheckEngine(models.AbstractModel):
    """The order check engine: runs the check rules on orders and keeps what
    they found.

    ``sale.order`` inherits it. The engine writes, and alone may write (see
    ``_bo_check_engine_fields``): the findings (``bo.check.finding``, whose
    ``order_id`` points to the order, which declares ``bo_check_finding_ids``),
    the check state and main rule, and the managers' overrides. It works on a
    whole recordset at once: set-based rules, then one DELETE, one INSERT and
    one UPDATE in raw SQL where the ORM would write record by record.
    """

    _name = "bo.check.engine"
    _description = "Order Check Engine"

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

    # ------------------------------------------------------------------
    # Fields only the engine writes
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

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
        vals_list = []
        for company, company_orders in orders_by_company.items():
            # Rows that several rules read (the orders' and lines' facts) are
            # read once per company's orders, by the first rule that needs them.
            facts = CheckFacts()
            company_rules = rules.filtered(lambda r, c=company: r.company_id in (c, c.browse()))
            for rule in company_rules:
                for vals in rule.with_company(company)._bo_evaluate(company_orders, facts):
                    vals_list.append(dict(vals, rule_id=rule.id, severity=rule.severity))
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

    # ------------------------------------------------------------------
    # Findings and check states
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Activities of blocked orders, nightly check
    # ------------------------------------------------------------------

    def _bo_schedule_blocked_activities(self):
        """One open activity per blocked order for its agent (when the agent has a
        login) or else its salesperson; removed once the order is no longer blocked."""
        activity_type = self.env.ref(
            "bo_sales.mail_activity_type_bo_check", raise_if_not_found=False
        )
        if not activity_type:
            return
        blocked = self.filtered(
            lambda o: o.bo_check_state == "blocked" and o.state in ("draft", "sent")
        )
        blocked.with_context(mail_activity_quick_update=True)._bo_activity_schedule_once(
            activity_type,
            user=lambda order: order.bo_agent_id.user_ids[:1] or order.user_id,
            summary=lambda order, env: env._("Blocked by the order checks"),
            date_deadline=fields.Date.context_today(self),
            unlink_on=self - blocked,
        )

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

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

CHECK_STATES = [
    ("to_check", "To Check"),
    ("ok", "OK"),
    ("warning", "Warnings"),
    ("blocked", "Blocked"),
    ("overridden", "Overridden"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

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
    bo_check_state = fields.Selection(
        selection=CHECK_STATES,
        string="Check State",
        default="to_check",
        required=True,
        copy=False,
        index=True,
    )
    bo_check_rule_id = fields.Many2one(
        comodel_name="bo.check.rule",
        string="Main Check Rule",
        copy=False,
        index="btree_not_null",
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

    @api.model_create_multi
    def create(self, vals_list):
        orders = super(SaleOrder, self.with_context(bo_check_skip=True)).create(vals_list)
        orders = orders.with_env(self.env)
        if not self.env.context.get("bo_check_skip"):
            orders._bo_check_open()
        return orders

    def write(self, vals):
        if self.env.context.get("bo_check_skip") or not set(vals) & set(
            self._bo_check_trigger_fields()
        ):
            return super().write(vals)
        # NOTE: line changes made through the order are checked once, here.
        res = super(SaleOrder, self.with_context(bo_check_skip=True)).write(vals)
        self._bo_check_open()
        return res

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
        the findings of the orders are then replaced in one unlink and one
        create, and the check states written in a few grouped updates. Overrides
        given before are kept on findings of the same rule and line.
        :return: True
        """
        orders = self.filtered(lambda o: o.state != "cancel")
        if not orders:
            return True
        # NOTE: the rules read the database directly; pending ORM changes first.
        self.env.flush_all()
        rules = self.env["bo.check.rule"].search(
            [("company_id", "in", [*orders.company_id.ids, False])]
        )
        vals_list = []
        for company, company_orders in orders.grouped("company_id").items():
            company_rules = rules.filtered(lambda r, c=company: r.company_id in (c, c.browse()))
            for rule in company_rules:
                for vals in rule.with_company(company)._bo_evaluate(company_orders):
                    vals_list.append(
                        dict(
                            vals,
                            rule_id=rule.id,
                            severity=rule.severity,
                            company_id=company.id,
                        )
                    )
        orders._bo_replace_findings(vals_list)
        orders._bo_write_check_states(vals_list, rules)
        orders._bo_schedule_blocked_activities()
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
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT id, order_id, rule_id, line_id, severity, message, overridden,
                       override_reason, override_user_id, override_date
                  FROM bo_check_finding
                 WHERE order_id = ANY(%s)
                """,
                self.ids,
            )
        )
        old = {}
        overrides = {}
        for row in self.env.cr.fetchall():
            old[row[1:6]] = row
            if row[6]:
                overrides[row[1:4]] = row
        to_insert = []
        for vals in vals_list:
            line_id = vals.get("line_id") or None
            previous = overrides.get((vals["order_id"], vals["rule_id"], line_id))
            if previous and vals["severity"] == "blocking":
                vals.update(
                    overridden=True,
                    override_reason=previous[7],
                    override_user_id=previous[8],
                    override_date=previous[9],
                )
            key = (vals["order_id"], vals["rule_id"], line_id, vals["severity"], vals["message"])
            kept = old.get(key)
            if kept and bool(kept[6]) == bool(vals.get("overridden")):
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
            columns = [
                ("order_id", "int"),
                ("rule_id", "int"),
                ("line_id", "int"),
                ("severity", "varchar"),
                ("message", "varchar"),
                ("company_id", "int"),
                ("overridden", "bool"),
                ("override_reason", "text"),
                ("override_user_id", "int"),
                ("override_date", "timestamp"),
            ]
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO bo_check_finding
                           (%s, create_uid, write_uid, create_date, write_date)
                    SELECT *, %s, %s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                      FROM UNNEST(%s)
                    """,
                    SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                    self.env.uid,
                    self.env.uid,
                    SQL(", ").join(
                        SQL(
                            "%s::" + type_ + "[]",
                            [
                                vals.get(name) or None if type_ != "bool" else bool(vals.get(name))
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

    def _bo_write_check_states(self, vals_list, rules):
        by_order = defaultdict(list)
        for vals in vals_list:
            by_order[vals["order_id"]].append(vals)
        rank = {rule.id: index for index, rule in enumerate(rules)}
        groups = defaultdict(list)
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
            groups[state, main and main["rule_id"]].append(order.id)
        for (state, rule_id), order_ids in groups.items():
            self.browse(order_ids).with_context(bo_check_skip=True, tracking_disable=True).write(
                {"bo_check_state": state, "bo_check_rule_id": rule_id or False}
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
        blocked = self.filtered(lambda o: o.bo_check_state == "blocked")
        blocked_ids = set(blocked.ids)
        existing.filtered(lambda a: a.res_id not in blocked_ids).unlink()
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for order in blocked:
            user = order.bo_agent_id.user_ids[:1] or order.user_id
            if order.id in has_activity or not user:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": order.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    "summary": self.env._("Blocked by the order checks"),
                }
            )
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

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
        findings.sudo().write(values)
        blocked.with_context(bo_check_skip=True).write(
            {
                "bo_check_state": "overridden",
                "bo_override_reason": reason,
                "bo_override_user_id": self.env.uid,
                "bo_override_date": now,
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
    def _cron_bo_check_open_quotations(self):
        """Nightly: re-check every open quotation (customer data, stock and
        payments change without the order being touched)."""
        self.search([("state", "in", ("draft", "sent"))]).action_bo_check()


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
        lines = super().create(vals_list)
        if not self.env.context.get("bo_check_skip"):
            lines.order_id._bo_check_open()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("bo_check_skip") and set(vals) & set(
            self._bo_check_trigger_fields()
        ):
            self.order_id._bo_check_open()
        return res

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.check_engine import as_engine
from ..tools.sql_values import int_array


class BoCheckEngine(models.AbstractModel):
    """The managers' override of the order check engine: a Back Office
    Manager accepts an order's blocking findings with a reason; the override
    holds while the order keeps the values it approved."""

    _inherit = "bo.check.engine"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

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

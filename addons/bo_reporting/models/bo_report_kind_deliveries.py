# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..tools import charts


class BoReportKindDeliveries(models.AbstractModel):
    """Deliveries per courier (Odoo's carriers); on-time figures from bo_logistics if installed."""

    _name = "bo.report.kind.deliveries"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: deliveries"

    @api.model
    def _bo_requirements(self):
        return {
            self.env._("Shipment tracking (bo_logistics)"): [
                (
                    "stock.picking",
                    ["bo_shipping_state", "bo_expected_date", "bo_delivered_date", "bo_is_late"],
                ),
            ],
        }

    @api.model
    def _bo_collect(self, ctx):
        available, notes = self._bo_sources()
        (tracking_label,) = list(self._bo_requirements())
        tracking = available[tracking_label]
        pickings = self._bo_env(ctx, "stock.picking")
        domain = [
            ("company_id", "=", ctx["company"].id),
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            *self._bo_datetime_domain(ctx, "date_done", ctx["period"]),
        ]
        domain += self._bo_partner_domain(ctx, "partner_id.commercial_partner_id")
        groupby = ["carrier_id", "bo_is_late"] if tracking else ["carrier_id"]
        groups = pickings._read_group(domain, groupby, ["__count", "carrier_price:sum"])
        columns = [
            self._bo_column(self.env._("Courier")),
            self._bo_column(self.env._("Shipments"), "int"),
            self._bo_column(self.env._("Courier cost"), "money"),
        ]
        if tracking:
            columns += [
                self._bo_column(self.env._("Late"), "int"),
                self._bo_column(self.env._("On time"), "pct"),
            ]
        per_carrier = {}
        for carrier, *rest in groups:
            is_late, count, cost = rest if tracking else (False, *rest)
            entry = per_carrier.setdefault(carrier, [0, 0.0, 0])
            entry[0] += count
            entry[1] += cost
            entry[2] += count if is_late else 0
        rows = []
        for carrier, (count, cost, late) in per_carrier.items():
            row = [
                carrier.display_name or self.env._("(no courier)"),
                count,
                self._bo_round(ctx, cost),
            ]
            if tracking:
                row += [late, (count - late) / count if count else None]
            rows.append(row)
        rows.sort(key=lambda row: (-row[1], row[0]))
        total = sum(row[1] for row in rows)
        kpis = [
            {
                "label": self.env._("Shipments"),
                "type": "int",
                "value": total,
                "comparison": None,
                "change": None,
            },
            {
                "label": self.env._("Courier cost"),
                "type": "money",
                "value": self._bo_round(ctx, sum(row[2] for row in rows)),
                "comparison": None,
                "change": None,
            },
        ]
        tables = [{"title": self.env._("Shipments per courier"), "columns": columns, "rows": rows}]
        if tracking:
            late_total = sum(row[3] for row in rows)
            kpis.append(
                {
                    "label": self.env._("On-time rate"),
                    "type": "pct",
                    "value": (total - late_total) / total if total else None,
                    "comparison": None,
                    "change": None,
                }
            )
            late = pickings.search(
                [*domain, ("bo_is_late", "=", True)], order="date_done desc", limit=100
            )
            tables.append(
                {
                    "title": self.env._("Late shipments"),
                    "columns": [
                        self._bo_column(self.env._("Shipment")),
                        self._bo_column(self.env._("Customer")),
                        self._bo_column(self.env._("Courier")),
                        self._bo_column(self.env._("Expected")),
                        self._bo_column(self.env._("Delivered")),
                    ],
                    "rows": [
                        [
                            picking.name,
                            picking.partner_id.display_name or "",
                            picking.carrier_id.display_name or "",
                            str(picking.bo_expected_date or ""),
                            str(picking.bo_delivered_date or ""),
                        ]
                        for picking in late
                    ],
                }
            )
        chart_list = [
            charts.bar_chart(
                self.env._("Shipments per courier"),
                [row[0] for row in rows[:10]],
                [(self.env._("Shipments"), [row[1] for row in rows[:10]])],
            )
        ]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": notes}

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..tools import charts


class BoReportKindDeliveries(models.AbstractModel):
    """Deliveries per courier (Odoo's carriers): shipments and courier cost.

    Addons that know more of each shipment add their columns to the courier
    table through ``_bo_courier_columns`` and ``_bo_courier_rows``, and their
    figures to the section by extending ``_bo_collect``.
    """

    _name = "bo.report.kind.deliveries"
    _inherit = "bo.report.kind"
    _description = "Periodic report kind: deliveries"

    @api.model
    def _bo_shipment_domain(self, ctx):
        """stock.picking domain of the period's shipments: the outgoing
        transfers done in the period, in the report's company and filters."""
        return [
            ("company_id", "=", ctx["company"].id),
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            *self._bo_datetime_domain(ctx, "date_done", ctx["period"]),
            *self._bo_partner_domain(ctx, "partner_id.commercial_partner_id"),
        ]

    @api.model
    def _bo_courier_columns(self):
        """Columns of the table of shipments per courier."""
        return [
            self._bo_column(self.env._("Courier")),
            self._bo_column(self.env._("Shipments"), "int"),
            self._bo_column(self.env._("Courier cost"), "money"),
        ]

    @api.model
    def _bo_courier_rows(self, ctx, domain):
        """{carrier: row} of the shipments of ``domain`` (one grouped read),
        a row being courier, shipments and courier cost; extensions append
        their cells as they append their ``_bo_courier_columns``."""
        groups = self._bo_env(ctx, "stock.picking")._read_group(
            domain, ["carrier_id"], ["__count", "carrier_price:sum"]
        )
        return {
            carrier: [
                carrier.display_name or self.env._("(no courier)"),
                count,
                self._bo_round(ctx, cost),
            ]
            for carrier, count, cost in groups
        }

    @api.model
    def _bo_collect(self, ctx):
        domain = self._bo_shipment_domain(ctx)
        rows = sorted(
            self._bo_courier_rows(ctx, domain).values(), key=lambda row: (-row[1], row[0])
        )
        kpis = [
            {
                "label": self.env._("Shipments"),
                "type": "int",
                "value": sum(row[1] for row in rows),
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
        tables = [
            {
                "title": self.env._("Shipments per courier"),
                "columns": self._bo_courier_columns(),
                "rows": rows,
            }
        ]
        chart_list = [
            charts.bar_chart(
                self.env._("Shipments per courier"),
                [row[0] for row in rows[:10]],
                [(self.env._("Shipments"), [row[1] for row in rows[:10]])],
            )
        ]
        return {"kpis": kpis, "tables": tables, "charts": chart_list, "notes": []}

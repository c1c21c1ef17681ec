# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class BoReportKindDeliveries(models.AbstractModel):
    """The deliveries report with the shipment tracking of bo_logistics: late
    shipments per courier, on-time rate and the list of late shipments."""

    _inherit = "bo.report.kind.deliveries"

    @api.model
    def _bo_courier_columns(self):
        return [
            *super()._bo_courier_columns(),
            self._bo_column(self.env._("Late"), "int"),
            self._bo_column(self.env._("On time"), "pct"),
        ]

    @api.model
    def _bo_courier_rows(self, ctx, domain):
        rows = super()._bo_courier_rows(ctx, domain)
        late = dict(
            self._bo_env(ctx, "stock.picking")._read_group(
                [*domain, ("bo_is_late", "=", True)], ["carrier_id"], ["__count"]
            )
        )
        for carrier, row in rows.items():
            shipments, late_count = row[1], late.get(carrier, 0)
            row += [late_count, (shipments - late_count) / shipments if shipments else None]
        return rows

    @api.model
    def _bo_collect(self, ctx):
        section = super()._bo_collect(ctx)
        domain = self._bo_shipment_domain(ctx)
        rows = section["tables"][0]["rows"]
        total, late_total = sum(row[1] for row in rows), sum(row[3] for row in rows)
        section["kpis"].append(
            {
                "label": self.env._("On-time rate"),
                "type": "pct",
                "value": (total - late_total) / total if total else None,
                "comparison": None,
                "change": None,
            }
        )
        late = self._bo_env(ctx, "stock.picking").search(
            [*domain, ("bo_is_late", "=", True)], order="date_done desc", limit=100
        )
        section["tables"].append(
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
        return section

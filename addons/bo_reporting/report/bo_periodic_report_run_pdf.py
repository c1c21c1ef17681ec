# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from odoo.addons.bo_sales.tools.number_format import number_formatter

DIGITS = {"money": 2, "float": 2, "int": 0, "pct": 1}


class ReportBoPeriodicReportRun(models.AbstractModel):
    _name = "report.bo_reporting.bo_periodic_report_run_document"
    _description = "Periodic report PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        runs = self.env["bo.periodic.report.run"].browse(docids)
        payload = (data or {}).get("bo_payload")
        # NOTE: printing a kept run from the screen recomputes its figures.
        payloads = (
            [payload] if payload else [run._bo_pdf_payload(run._bo_payload()) for run in runs]
        )
        number = number_formatter(self.env)

        def fmt(value, kind):
            if value is None or value == "":
                return ""
            if kind == "pct":
                return number(value * 100.0, DIGITS[kind]) + " %"
            if kind in DIGITS:
                return number(value, DIGITS[kind])
            return value

        return {
            "doc_ids": docids,
            "doc_model": "bo.periodic.report.run",
            "docs": runs,
            "payloads": payloads,
            "fmt": fmt,
        }

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools.misc import formatLang


class ReportBoPeriodicReportRun(models.AbstractModel):
    _name = "report.bo_reporting.bo_periodic_report_run_document"
    _description = "Periodic report PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        runs = self.env["bo.periodic.report.run"].browse(docids)
        payload = (data or {}).get("bo_payload")
        # NOTE: printing a kept run from the screen recomputes its figures.
        payloads = [payload] if payload else [run._bo_payload() for run in runs]

        def fmt(value, kind):
            if value is None or value == "":
                return ""
            if kind == "money":
                return formatLang(self.env, value, digits=2)
            if kind == "float":
                return formatLang(self.env, value, digits=2)
            if kind == "int":
                return formatLang(self.env, value, digits=0)
            if kind == "pct":
                return formatLang(self.env, value * 100.0, digits=1) + " %"
            return value

        return {
            "doc_ids": docids,
            "doc_model": "bo.periodic.report.run",
            "docs": runs,
            "payloads": payloads,
            "fmt": fmt,
        }

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo import api, models
from odoo.tools import float_round
from odoo.tools.misc import get_lang

from odoo.addons.base.models.res_lang import intersperse

DIGITS = {"money": 2, "float": 2, "int": 0, "pct": 1}


class ReportBoPeriodicReportRun(models.AbstractModel):
    _name = "report.bo_reporting.bo_periodic_report_run_document"
    _description = "Periodic report PDF"

    @api.model
    def _bo_number_format(self):
        """A number formatter giving what ``formatLang`` gives in this
        environment's language, with the language read once: a report has
        thousands of cells and ``formatLang`` looks the language up each time."""
        lang = get_lang(self.env)
        grouping = ast.literal_eval(lang.grouping)
        thousands_sep, decimal_point = lang.thousands_sep or "", lang.decimal_point

        def number(value, digits):
            rounded = float_round(value, precision_digits=digits, rounding_method="HALF-EVEN")
            integer, _point, decimals = (f"%.{digits}f" % rounded).partition(".")
            integer = intersperse(integer, grouping, thousands_sep)[0]
            return f"{integer}{decimal_point}{decimals}" if decimals else integer

        return number

    @api.model
    def _get_report_values(self, docids, data=None):
        runs = self.env["bo.periodic.report.run"].browse(docids)
        payload = (data or {}).get("bo_payload")
        # NOTE: printing a kept run from the screen recomputes its figures.
        payloads = (
            [payload] if payload else [run._bo_pdf_payload(run._bo_payload()) for run in runs]
        )
        number = self._bo_number_format()

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

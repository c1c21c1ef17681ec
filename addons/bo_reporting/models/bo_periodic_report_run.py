# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import traceback

from odoo import api, fields, models
from odoo.tools.misc import format_datetime

from ..tools import periods, xlsx

_logger = logging.getLogger(__name__)


class BoPeriodicReportRun(models.Model):
    _name = "bo.periodic.report.run"
    _description = "Periodic report run"
    _order = "period_start desc, id desc"
    _check_company_auto = True

    report_id = fields.Many2one("bo.periodic.report", required=True, ondelete="cascade", index=True)
    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(related="report_id.kind", store=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Sent"), ("failed", "Failed")],
        required=True,
        default="pending",
        readonly=True,
    )
    generated_at = fields.Datetime(readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments", readonly=True)
    recipient_ids = fields.Many2many("res.partner", string="Recipients", readonly=True)
    mail_ids = fields.Many2many("mail.mail", string="Emails", readonly=True)
    error = fields.Text(readonly=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)

    _sql_constraints = [
        (
            "report_period_unique",
            "UNIQUE(report_id, period_start)",
            "A report is produced once per period.",
        ),
    ]

    @api.depends("report_id.name", "period_start", "period_end")
    def _compute_name(self):
        for run in self:
            run.name = (
                f"{run.report_id.name or ''} {run.period_start or ''} - {run.period_end or ''}"
            )

    def _bo_action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_reporting.bo_periodic_report_run_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    # ------------------------------------------------------------------
    # Production
    # ------------------------------------------------------------------
    def _bo_period(self):
        self.ensure_one()
        return periods.Period(self.period_start, self.period_end)

    def _bo_payload(self):
        """Figures and labels of the run, in the language of the environment."""
        self.ensure_one()
        report = self.report_id
        ctx = report._bo_context(self._bo_period())
        section = self.env[f"bo.report.kind.{report.kind}"]._bo_collect(ctx)
        kind_label = dict(report._fields["kind"]._description_selection(self.env))[report.kind]
        comparison = ctx["comparison"]
        filters = [
            (self.env._("Company"), report.company_id.name),
            (
                self.env._("Sales teams"),
                ", ".join(report.team_ids.mapped("display_name")) or self.env._("All"),
            ),
            (
                self.env._("Agents"),
                ", ".join(report.agent_ids.mapped("display_name")) or self.env._("All"),
            ),
            (
                self.env._("Customer tags"),
                ", ".join(report.partner_category_ids.mapped("display_name")) or self.env._("All"),
            ),
            (
                self.env._("Countries"),
                ", ".join(report.country_ids.mapped("display_name")) or self.env._("All"),
            ),
            (
                self.env._("Product categories"),
                ", ".join(report.product_category_ids.mapped("display_name")) or self.env._("All"),
            ),
        ]
        now = fields.Datetime.now()
        return dict(
            section,
            title=f"{report.name} ({kind_label})",
            period_label=f"{self.period_start} - {self.period_end}",
            comparison_label=f"{comparison.start} - {comparison.end}" if comparison else "",
            currency=report.company_id.currency_id.name,
            generated_at=format_datetime(self.env, now, tz=ctx["tz"], dt_format="yyyy-MM-dd HH:mm"),
            generated_at_utc=now,
            filters=filters,
            labels={
                "info": self.env._("Report"),
                "report": self.env._("Report"),
                "period": self.env._("Period"),
                "comparison": self.env._("Comparison"),
                "currency": self.env._("Currency"),
                "generated": self.env._("Generated"),
            },
        )

    def _bo_pdf_payload(self, payload):
        """``payload`` as the PDF shows it: when the run has an XLSX too, full
        lists (tables marked ``full_list``, e.g. every customer) are left to the
        XLSX, with a note."""
        self.ensure_one()
        if self.report_id.formats != "both":
            return payload
        tables = [table for table in payload["tables"] if not table.get("full_list")]
        if len(tables) == len(payload["tables"]):
            return payload
        notes = list(payload["notes"]) + [
            self.env._(
                "%(title)s: %(count)s rows, in the XLSX attachment.",
                title=table["title"],
                count=len(table["rows"]),
            )
            for table in payload["tables"]
            if table.get("full_list")
        ]
        return dict(payload, tables=tables, notes=notes)

    def _bo_render(self, payload):
        """Create the PDF/XLSX attachments of ``payload``; return them."""
        self.ensure_one()
        report = self.report_id
        base = f"{report.name} {self.period_start}".replace("/", "-")
        values = []
        if report.formats in ("pdf", "both"):
            pdf_payload = self._bo_pdf_payload(payload)
            pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
                "bo_reporting.bo_periodic_report_run_pdf",
                self.ids,
                data={"bo_payload": pdf_payload},
            )
            values.append({"name": f"{base}.pdf", "raw": pdf, "mimetype": "application/pdf"})
        if report.formats in ("xlsx", "both"):
            values.append(
                {
                    "name": f"{base}.xlsx",
                    "raw": xlsx.payload_to_xlsx(payload),
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            )
        for vals in values:
            vals.update(res_model=self._name, res_id=self.id, type="binary")
        # NOTE: attachments of a run are readable by whoever reads the run
        # (res_model/res_id); created as superuser because the scheduled job
        # and managers without document rights produce them.
        return self.env["ir.attachment"].sudo().create(values)

    def _bo_send(self):
        """Queue one email per recipient language (the mail queue sends them)."""
        self.ensure_one()
        template = self.env.ref("bo_reporting.bo_periodic_report_mail_template")
        recipients = self.report_id._bo_recipients()
        mails = self.env["mail.mail"]
        # NOTE: a contact may carry a language the database does not have
        # (imported contacts): it then reads the company's language.
        codes = set(recipients.mapped("lang")) | {self.company_id.partner_id.lang}
        # English is Odoo's source language: always valid, even when inactive.
        installed = {"en_US"} | set(
            self.env["res.lang"].search([("code", "in", list(codes))]).mapped("code")
        )
        company_lang = self.company_id.partner_id.lang
        fallback = company_lang if company_lang in installed else "en_US"
        by_lang = {}
        for partner in recipients:
            lang = partner.lang if partner.lang in installed else fallback
            by_lang.setdefault(lang, []).append(partner.id)
        for lang, partner_ids in sorted(by_lang.items()):
            mail_id = template.with_context(bo_recipient_lang=lang).send_mail(
                self.id,
                force_send=False,
                email_values={
                    "recipient_ids": [(6, 0, partner_ids)],
                    "attachment_ids": [(6, 0, self.attachment_ids.ids)],
                },
            )
            mails |= mails.browse(mail_id)
        return mails

    def _bo_produce(self, send=True):
        """Generate the attachments and queue the emails, all or nothing.

        Everything happens inside a savepoint of the current transaction: on
        failure nothing is kept but the run's state and error, so the next job
        run retries the same row.
        """
        for run in self:
            attempt = run.attempt_count + 1
            try:
                with self.env.cr.savepoint():
                    payload = run._bo_payload()
                    old = run.attachment_ids
                    attachments = run._bo_render(payload)
                    run.write(
                        {
                            "attachment_ids": [(6, 0, attachments.ids)],
                            "generated_at": payload["generated_at_utc"],
                            "attempt_count": attempt,
                            "error": False,
                        }
                    )
                    # sudo: the attachments were created as superuser (_bo_render).
                    old.sudo().unlink()
                    if send:
                        mails = run._bo_send()
                        run.write(
                            {
                                "state": "done",
                                "mail_ids": [(4, mail.id) for mail in mails],
                                "recipient_ids": [(6, 0, run.report_id._bo_recipients().ids)],
                            }
                        )
            except Exception as error:
                _logger.exception("Periodic report run %s failed", run.id)
                run.write(
                    {
                        "state": "failed",
                        "attempt_count": attempt,
                        "error": f"{error}\n\n{traceback.format_exc(limit=5)}",
                    }
                )

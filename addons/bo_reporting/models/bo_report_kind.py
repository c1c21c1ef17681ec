# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..tools import periods


class BoReportKind(models.AbstractModel):
    """Base of the report kinds: one provider model per kind (``bo.report.kind.<kind>``).

    A provider returns the figures of one period as a *section* dict:
    ``kpis``, ``tables``, ``charts`` and ``notes``. Figures are SQL aggregates
    (grouped reads or ``odoo.tools.SQL``) so that the number of queries does
    not grow with the number of orders. A kind reads the models of the addons
    this one depends on; an addon adding figures to a kind extends its
    provider model.

    A table is a dict ``title``, ``columns``, ``rows``; ``full_list: True``
    marks a list as long as the data (e.g. every customer), which the PDF
    leaves to the XLSX when the run has both.
    """

    _name = "bo.report.kind"
    _description = "Periodic report kind"

    @api.model
    def _bo_collect(self, ctx):
        """Return the section of ``ctx["period"]``; overridden by each kind."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Helpers shared by the kinds
    # ------------------------------------------------------------------
    @api.model
    def _bo_env(self, ctx, model):
        # NOTE: figures are company-wide by definition (a manager configures
        # who receives them): read as superuser, restricted to the report's
        # company so that amounts are converted into its currency.
        return (
            self.env[model]
            .sudo()
            .with_context(allowed_company_ids=[ctx["company"].id], tz=ctx["tz"], active_test=False)
        )

    @api.model
    def _bo_change(self, current, previous):
        """Change from ``previous`` to ``current`` as a fraction, None when undefined."""
        if not previous:
            return None
        return (current - previous) / abs(previous)

    @api.model
    def _bo_round(self, ctx, amount):
        return ctx["company"].currency_id.round(amount or 0.0)

    @api.model
    def _bo_datetime_domain(self, ctx, field, period):
        start, stop = periods.utc_bounds(period, ctx["tz"])
        return [(field, ">=", start), (field, "<", stop)]

    @api.model
    def _bo_date_domain(self, field, period):
        return [(field, ">=", period.start), (field, "<=", period.end)]

    @api.model
    def _bo_filter_domain(self, ctx, categ_field):
        """The report's filters on Odoo's analysis views (sale.report and
        account.invoice.report name them alike but for the product category)."""
        report = ctx["report"]
        domain = [("company_id", "=", ctx["company"].id)]
        if report.team_ids:
            domain.append(("team_id", "in", report.team_ids.ids))
        if report.agent_ids:
            domain.append(("bo_agent_id", "in", report.agent_ids.ids))
        if report.partner_category_ids:
            domain.append(
                ("commercial_partner_id.category_id", "in", report.partner_category_ids.ids)
            )
        if report.country_ids:
            domain.append(("country_id", "in", report.country_ids.ids))
        if report.product_category_ids:
            domain.append((categ_field, "child_of", report.product_category_ids.ids))
        return domain

    @api.model
    def _bo_sale_domain(self, ctx):
        """sale.report domain of the report's company, filters and confirmed orders."""
        return [
            *self._bo_filter_domain(ctx, "categ_id"),
            ("state", "in", self.env["sale.report"]._get_done_states()),
        ]

    @api.model
    def _bo_invoice_domain(self, ctx):
        """account.invoice.report domain: posted customer invoices and credit notes."""
        return [
            *self._bo_filter_domain(ctx, "product_categ_id"),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]

    @api.model
    def _bo_partner_domain(self, ctx, path):
        """Domain on a partner field ``path`` (commercial partner) for the partner filters."""
        report = ctx["report"]
        domain = []
        if report.agent_ids:
            domain.append((f"{path}.bo_agent_id", "in", report.agent_ids.ids))
        if report.partner_category_ids:
            domain.append((f"{path}.category_id", "in", report.partner_category_ids.ids))
        if report.country_ids:
            domain.append((f"{path}.country_id", "in", report.country_ids.ids))
        return domain

    @api.model
    def _bo_column(self, label, kind="text"):
        return {"label": label, "type": kind}

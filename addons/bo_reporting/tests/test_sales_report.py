# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

import openpyxl

from odoo import Command
from odoo.tests import tagged
from odoo.tools.misc import formatLang

from odoo.addons.bo_sales.tests.common_pdf import PrintedPdfCase, read_pages

from ..tools import periods, xlsx
from .common import BoReportingCommon


class SalesReportCase(BoReportingCommon):
    """Orders of February and March 2024, with the monthly report over them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        dt = datetime.datetime
        cls.feb_orders = cls._bo_orders(
            [(cls.customer, [(cls.drill, 2, 100.0)], dt(2024, 2, 10, 10, 0), None)]
        )
        cls.march_orders = cls._bo_orders(
            [
                (
                    cls.customer,
                    [(cls.drill, 3, 100.0), (cls.gloves, 10, 10.0)],
                    dt(2024, 3, 5, 9, 0),
                    None,
                ),
                # 23:30 UTC on 29 February is 00:30 on 1 March in Rome: a March order.
                (cls.other_customer, [(cls.gloves, 20, 10.0)], dt(2024, 2, 29, 23, 30), None),
                (
                    cls.foreign_customer,
                    [(cls.drill, 5, 110.0)],
                    dt(2024, 3, 15, 9, 0),
                    cls.usd_pricelist,
                ),
            ]
        )
        # 22:30 UTC on 31 March is already April in Rome.
        cls.april_orders = cls._bo_orders(
            [(cls.customer, [(cls.drill, 1, 100.0)], dt(2024, 3, 31, 22, 30), None)]
        )
        cls.feb_invoices = cls._bo_invoice(cls.feb_orders, "2024-02-15")
        cls.march_invoices = cls._bo_invoice(cls.march_orders, "2024-03-20")
        cls.refund = cls.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": cls.customer.id,
                "invoice_date": "2024-03-25",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.drill.id,
                            "quantity": 1,
                            "price_unit": 50.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        cls.refund.action_post()
        cls.target = cls.env["bo.sales.target"].create(
            {
                "agent_id": cls.agent_partner.id,
                "date_from": "2024-03-01",
                "date_to": "2024-03-31",
                "amount": 1000.0,
                "company_id": cls.company.id,
            }
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def _payload(self, report=None, period=None):
        report = report or self.monthly_report
        period = period or self.march
        Run = self.env["bo.periodic.report.run"]
        run = Run.search([("report_id", "=", report.id), ("period_start", "=", period.start)])
        run = run or Run.create(
            {"report_id": report.id, "period_start": period.start, "period_end": period.end}
        )
        return run, run.with_context(lang="en_US")._bo_payload()

    def _kpi(self, payload, label):
        return next(kpi for kpi in payload["kpis"] if kpi["label"] == label)

    def _table(self, payload, title):
        return next(table for table in payload["tables"] if table["title"] == title)

    def _independent_turnover(self, period, partners=None):
        """Sum of Odoo's own untaxed signed amounts (company currency) of posted invoices."""
        domain = [
            ("company_id", "=", self.company.id),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("invoice_date", ">=", period.start),
            ("invoice_date", "<=", period.end),
        ]
        if partners is not None:
            domain.append(("commercial_partner_id", "in", partners.ids))
        return sum(self.env["account.move"].search(domain).mapped("amount_untaxed_signed"))


@tagged("post_install", "-at_install")
class TestSalesReport(SalesReportCase):
    def test_totals_agree_with_odoo(self):
        _run, payload = self._payload()
        orders = self.march_orders
        self.assertEqual(self._kpi(payload, "Confirmed orders")["value"], len(orders))
        ordered = sum(order.amount_untaxed / order.currency_rate for order in orders)
        self.assertAlmostEqual(
            self._kpi(payload, "Ordered (untaxed)")["value"], round(ordered, 2), places=2
        )
        # The USD order is converted at the rate of its date: 550 USD / 1.10 = 500 EUR.
        self.assertAlmostEqual(ordered, 400.0 + 200.0 + 500.0, places=2)
        margin = sum(order.margin / order.currency_rate for order in orders)
        self.assertAlmostEqual(self._kpi(payload, "Margin")["value"], round(margin, 2), places=2)
        # sale.report's own grouped read agrees too.
        start, stop = periods.utc_bounds(self.march, "Europe/Rome")
        [(report_amount,)] = self.env["sale.report"]._read_group(
            [
                ("date", ">=", start),
                ("date", "<", stop),
                ("state", "=", "sale"),
                ("company_id", "=", self.company.id),
                (
                    "order_reference",
                    "in",
                    [f"sale.order,{order.id}" for order in orders | self.april_orders],
                ),
            ],
            [],
            ["price_subtotal:sum"],
        )
        self.assertAlmostEqual(report_amount, ordered, places=2)
        turnover = self._independent_turnover(self.march)
        self.assertAlmostEqual(turnover, ordered - 50.0, places=2)
        kpi = self._kpi(payload, "Invoiced turnover (net of credit notes)")
        self.assertAlmostEqual(kpi["value"], round(turnover, 2), places=2)
        before = self._independent_turnover(self.february)
        self.assertAlmostEqual(kpi["comparison"], before, places=2)
        self.assertAlmostEqual(kpi["change"], (turnover - before) / before, places=6)

    def test_breakdowns_by_agent_customer_category_area(self):
        _run, payload = self._payload()
        agents = {row[0]: row for row in self._table(payload, "By agent")["rows"]}
        agent_customers = self.customer
        self.assertAlmostEqual(
            agents[self.agent_partner.display_name][4],
            self._independent_turnover(self.march, agent_customers),
            places=2,
        )
        self.assertAlmostEqual(
            agents[self.agent_partner.display_name][5],
            self._independent_turnover(self.february, agent_customers),
            places=2,
        )
        self.assertAlmostEqual(
            agents[self.other_agent_partner.display_name][4],
            self._independent_turnover(self.march, self.other_customer),
            places=2,
        )
        customers = self._table(payload, "Customers")["rows"]
        self.assertEqual(
            self._table(payload, "Top customers")["rows"][0][0], self.foreign_customer.display_name
        )
        self.assertEqual(self._table(payload, "Bottom customers")["rows"][0][0], customers[-1][0])
        categories = {row[0]: row for row in self._table(payload, "By product category")["rows"]}
        tools = self.march_orders.order_line.filtered(lambda line: line.product_id == self.drill)
        self.assertAlmostEqual(
            categories[self.categ_tools.display_name][2],
            sum(line.price_subtotal / line.order_id.currency_rate for line in tools),
            places=2,
        )
        areas = self._table(payload, "By country and province")["rows"]
        bologna = next(
            row for row in areas if row[1] == self.env.ref("base.state_it_bo").display_name
        )
        self.assertAlmostEqual(bologna[3], self.march_orders[0].amount_untaxed, places=2)
        products = self._table(payload, "Top products")["rows"]
        self.assertEqual(products[0][0], self.drill.display_name)

    def test_targets_progress(self):
        _run, payload = self._payload()
        [row] = self._table(payload, "Targets")["rows"]
        achieved = self._independent_turnover(self.march, self.customer)
        self.assertEqual(row[0], self.agent_partner.display_name)
        self.assertAlmostEqual(row[4], achieved, places=2)
        self.assertAlmostEqual(row[5], achieved / 1000.0, places=6)

    def test_filters_restrict_figures(self):
        report = self.monthly_report.copy(
            {"name": "Agent only", "agent_ids": [Command.set(self.agent_partner.ids)]}
        )
        _run, payload = self._payload(report)
        self.assertEqual(self._kpi(payload, "Confirmed orders")["value"], 1)
        self.assertAlmostEqual(
            self._kpi(payload, "Invoiced turnover (net of credit notes)")["value"],
            self._independent_turnover(self.march, self.customer),
            places=2,
        )

    def test_trend_covers_twelve_periods(self):
        _run, payload = self._payload()
        trend = self._table(payload, "Trend")["rows"]
        self.assertEqual([row[0] for row in trend][-2:], ["2024-02", "2024-03"])
        self.assertEqual(len(trend), 12)
        self.assertAlmostEqual(trend[-1][2], self._independent_turnover(self.march), places=2)
        self.assertAlmostEqual(trend[-2][2], self._independent_turnover(self.february), places=2)
        self.assertAlmostEqual(
            trend[-1][1], self._kpi(payload, "Ordered (untaxed)")["value"], places=2
        )

    def test_xlsx_read_back(self):
        _run, payload = self._payload()
        book = openpyxl.load_workbook(io.BytesIO(xlsx.payload_to_xlsx(payload)))
        self.assertIn("By agent", book.sheetnames)
        self.assertEqual(len(book.sheetnames), len(payload["tables"]) + 1)
        sheet = book["By agent"]
        self.assertEqual(sheet["A1"].value, "Agent")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet.auto_filter.ref.startswith("A1:G"))
        agents = self._table(payload, "By agent")["rows"]
        self.assertEqual(sheet["E2"].value, agents[0][4])
        self.assertEqual(sheet["E2"].number_format, "#,##0.00")
        self.assertEqual(sheet["B2"].number_format, "#,##0")
        info = book.worksheets[0]
        self.assertEqual(info["B2"].value, "2024-03-01 - 2024-03-31")
        self.assertEqual(info["B4"].value, "EUR")

    def test_comparison_figures(self):
        _run, payload = self._payload()
        february = self.feb_orders
        self.assertEqual(self._kpi(payload, "Confirmed orders")["comparison"], len(february))
        self.assertAlmostEqual(
            self._kpi(payload, "Ordered (untaxed)")["comparison"],
            sum(february.mapped("amount_untaxed")),
            places=2,
        )
        self.assertAlmostEqual(
            self._kpi(payload, "Margin")["comparison"], sum(february.mapped("margin")), places=2
        )
        trend = self._table(payload, "Trend")["rows"]
        self.assertAlmostEqual(trend[-2][1], sum(february.mapped("amount_untaxed")), places=2)
        # Compared with March 2023 (nothing then): no comparison figure, no change.
        report = self.monthly_report.copy({"name": "Last year", "comparison": "last_year"})
        _run, payload = self._payload(report)
        ordered = self._kpi(payload, "Ordered (untaxed)")
        self.assertEqual((ordered["comparison"], ordered["change"]), (0.0, None))
        self.assertEqual(payload["comparison_label"], "2023-03-01 - 2023-03-31")

    def test_weekly_report(self):
        report = self.monthly_report.copy(
            {"name": "Weekly sales", "periodicity": "weekly", "comparison": "previous"}
        )
        # 5 March against the week of 1 March (00:30 in Rome, 29 February in UTC).
        week = periods.Period(datetime.date(2024, 3, 4), datetime.date(2024, 3, 10))
        _run, payload = self._payload(report, week)
        ordered = self._kpi(payload, "Ordered (untaxed)")
        self.assertAlmostEqual(ordered["value"], self.march_orders[0].amount_untaxed, places=2)
        self.assertAlmostEqual(ordered["comparison"], self.march_orders[1].amount_untaxed, places=2)
        self.assertEqual(self._kpi(payload, "Confirmed orders")["comparison"], 1)
        trend = self._table(payload, "Trend")["rows"]
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[-1][0], "2024-03-04/10")
        self.assertEqual([row[1] for row in trend[-2:]], [ordered["comparison"], ordered["value"]])
        # The week of the credit note against the week of the March invoices.
        week = periods.Period(datetime.date(2024, 3, 25), datetime.date(2024, 3, 31))
        previous = periods.Period(datetime.date(2024, 3, 18), datetime.date(2024, 3, 24))
        _run, payload = self._payload(report, week)
        invoiced = self._kpi(payload, "Invoiced turnover (net of credit notes)")
        self.assertAlmostEqual(invoiced["value"], -50.0, places=2)
        self.assertAlmostEqual(invoiced["value"], self._independent_turnover(week), places=2)
        self.assertAlmostEqual(
            invoiced["comparison"], self._independent_turnover(previous), places=2
        )
        trend = self._table(payload, "Trend")["rows"]
        self.assertEqual([row[2] for row in trend[-2:]], [invoiced["comparison"], -50.0])
        agents = {row[0]: row for row in self._table(payload, "By agent")["rows"]}
        self.assertAlmostEqual(
            agents[self.agent_partner.display_name][5],
            self._independent_turnover(previous, self.customer),
            places=2,
        )

    def test_top_and_bottom_products_as_a_full_sort(self):
        Kind = self.env["bo.report.kind.sales"]
        products = self.env["product.product"].create(
            [{"name": f"Report Tie {name}"} for name in "EDCBAHGF"]
        )
        amounts = [50.0, 50.0, 40.0, 40.0, 40.0, 30.0, 20.0, 20.0]
        entries = [
            (amount, product.id, (index,))
            for index, (amount, product) in enumerate(zip(amounts, products, strict=True))
        ]
        ranked = sorted(
            ((amount, products.browse(key), values) for amount, key, values in entries),
            key=lambda entry: (-entry[0], entry[1].display_name),
        )
        for count in (1, 2, 3, 4, 8, 9):
            top, bottom = Kind._bo_extremes(entries, "product.product", count)
            self.assertEqual(top, ranked[:count], count)
            self.assertEqual(bottom, list(reversed(ranked[-count:])), count)

    def test_pdf_leaves_full_lists_to_the_xlsx(self):
        run, payload = self._payload()
        self.assertEqual(self.monthly_report.formats, "both")
        customers = self._table(payload, "Customers")
        self.assertTrue(customers["full_list"])
        pdf_payload = run.with_context(lang="en_US")._bo_pdf_payload(payload)
        titles = [table["title"] for table in pdf_payload["tables"]]
        self.assertNotIn("Customers", titles)
        self.assertIn("Top customers", titles)
        self.assertEqual(
            pdf_payload["notes"],
            [f"Customers: {len(customers['rows'])} rows, in the XLSX attachment."],
        )
        self.monthly_report.formats = "pdf"
        self.assertIs(run._bo_pdf_payload(payload), payload)

    def test_pdf_numbers_as_format_lang(self):
        Pdf = self.env["report.bo_reporting.bo_periodic_report_run_document"]
        self.env.ref("base.lang_it").active = True
        values = [0, 0.005, 0.015, -0.015, 1.005, 2.675, 999.995, 1234.5, -1234567.891, 1e9 / 3]
        for lang in ("en_US", "it_IT"):
            env = self.env(context=dict(self.env.context, lang=lang))
            fmt = Pdf.with_env(env)._get_report_values([], data={})["fmt"]
            for value in values:
                for kind, digits in (("int", 0), ("money", 2), ("float", 2)):
                    self.assertEqual(
                        fmt(value, kind), formatLang(env, value, digits=digits), (lang, value, kind)
                    )
                percent = formatLang(env, value * 100.0, digits=1)
                self.assertEqual(fmt(value, "pct"), f"{percent} %", (lang, value))
            self.assertEqual(fmt("", "money"), "")
            self.assertEqual(fmt("ACME", "text"), "ACME")


@tagged("post_install", "-at_install")
class TestSalesReportPrint(PrintedPdfCase, SalesReportCase):
    """The report's PDF as the running server prints it, read back from its pages."""

    def test_pdf_text(self):
        run, payload = self._payload()
        self.assertEqual(self.env["ir.actions.report"]._get_report_url(), self.base_url())
        attachments = run.with_context(lang="en_US", force_report_rendering=True)._bo_render(
            payload
        )
        pdf = attachments.filtered(lambda att: att.mimetype == "application/pdf")
        self.assertEqual(len(attachments), 2)
        text = " ".join(read_pages(base64.b64decode(pdf.datas)))
        self.assertPrinted("Monthly sales", text)
        self.assertPrinted("2024-03-01 - 2024-03-31", text)
        self.assertPrinted("EUR", text)
        self.assertPrinted("Generated", text)
        self.assertPrinted(self.agent_partner.name, text)

    def test_query_count_does_not_grow_with_orders(self):
        """Producing a run (figures, PDF and XLSX) issues as many queries with
        30 more orders, new customers and new products as without them."""
        report = self.monthly_report.with_context(force_report_rendering=True)
        run = self.env["bo.periodic.report.run"].create(
            {
                "report_id": report.id,
                "period_start": self.march.start,
                "period_end": self.march.end,
            }
        )

        def count_queries():
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            run.with_context(force_report_rendering=True)._bo_produce(send=False)  # warm caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            run.with_context(force_report_rendering=True)._bo_produce(send=False)
            self.env.flush_all()
            self.assertFalse(run.error)
            return self.env.cr.sql_log_count - before

        small = count_queries()
        customers = self.env["res.partner"].create(
            [
                {"name": f"Report Customer {i}", "is_company": True, "bo_agent_id": agent.id}
                for i, agent in enumerate((self.agent_partner, self.other_agent_partner) * 3)
            ]
        )
        products = self.env["product.product"].create(
            [
                {
                    "name": f"Report Product {i}",
                    "list_price": 5.0 + i,
                    "standard_price": 2.0,
                    "type": "consu",
                    "invoice_policy": "order",
                    "categ_id": categ.id,
                    "taxes_id": [Command.clear()],
                }
                for i, categ in enumerate((self.categ_tools, self.categ_safety) * 6)
            ]
        )
        specs = [
            (
                partner,
                [(self.drill, 1, 100.0), (products[i % len(products)], 2, 10.0)],
                datetime.datetime(2024, 3, 12, 9, 0),
                None,
            )
            for i, partner in enumerate(
                (self.customer, self.other_customer, self.foreign_customer, *customers) * 3
            )
        ]
        specs += [
            (customers[0], [(products[0], 1, 10.0)], datetime.datetime(2024, 2, 12, 9, 0), None)
        ]
        orders = self._bo_orders(specs)
        self._bo_invoice(orders, "2024-03-21")
        self.env.flush_all()
        large = count_queries()
        self.assertEqual(small, large)
        _run, payload = self._payload()
        self.assertEqual(self._kpi(payload, "Confirmed orders")["value"], 3 + len(specs) - 1)

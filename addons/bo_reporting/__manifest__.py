# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Reporting",
    "summary": "Periodic sales, agents, order quality, deliveries and receivables reports, "
    "produced on schedule and sent to management and marketing",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "website": "https://github.com/bo-suite/bo-suite",
    "author": "bo-suite",
    "maintainers": ["bo-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "bo_sales",
        "sale_margin",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "report/bo_periodic_report_run_report.xml",
        "views/bo_periodic_report_views.xml",
        "views/bo_periodic_report_run_views.xml",
        "views/bo_sales_target_views.xml",
        "views/sale_report_views.xml",
        "views/stock_picking_views.xml",
        "views/bo_reporting_menus.xml",
    ],
    "demo": [
        "demo/bo_reporting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bo_reporting/static/tests/tours/*.js",
        ],
    },
}

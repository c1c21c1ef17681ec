# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Sales",
    "summary": "Sales back office: order intake and checks, agents and their agenda, "
    "offers, correspondence, payments and after-sales",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/bo-suite/bo-suite",
    "author": "bo-suite",
    "maintainers": ["bo-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": [
        "sale_management",
        "sale_stock",
        "stock_delivery",
        "calendar",
        "base_vat",
    ],
    "data": [
        "security/res_groups.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "views/res_partner_views.xml",
        "views/bo_order_import_views.xml",
        "views/sale_order_views.xml",
        "views/bo_sales_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/res_users_demo.xml",
        "demo/bo_order_import_demo.xml",
    ],
}

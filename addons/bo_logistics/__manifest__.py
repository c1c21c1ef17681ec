# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Logistics",
    "summary": "Couriers, shipments, pickup manifests, transport documents (DDT) and returns",
    "version": "18.0.1.1.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/bo-suite/bo-suite",
    "author": "bo-suite",
    "maintainers": ["bo-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "bo_sales",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "report/bo_transport_document_report.xml",
        "report/bo_pickup_manifest_report.xml",
        "data/mail_template_data.xml",
        "views/delivery_carrier_views.xml",
        "views/stock_picking_views.xml",
        "views/bo_pickup_manifest_views.xml",
        "views/bo_transport_document_views.xml",
        "views/bo_wizard_views.xml",
        "views/sale_order_views.xml",
        "views/bo_logistics_menus.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/delivery_carrier_demo.xml",
        "demo/logistics_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bo_logistics/static/tests/tours/*.js",
        ],
    },
}

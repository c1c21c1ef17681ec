# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Reporting: Shipment Tracking",
    "summary": "Late and on-time deliveries of the shipment tracking in the periodic "
    "deliveries report",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/bo-suite/bo-suite",
    "author": "bo-suite",
    "maintainers": ["bo-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "bo_logistics",
        "bo_reporting",
    ],
    "auto_install": True,
}

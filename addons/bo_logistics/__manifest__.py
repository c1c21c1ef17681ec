# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Logistics",
    "summary": "Couriers, shipments, pickup manifests, transport documents (DDT) and returns",
    "version": "18.0.1.0.0",
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
        "views/bo_logistics_menus.xml",
    ],
}

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Back Office - Logistics: Italian DDT Numbering",
    "summary": "One DDT number per shipment: our DDT takes the number Odoo's Italian "
    "localization gives the transfer",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/bo-suite/bo-suite",
    "author": "bo-suite",
    "maintainers": ["bo-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "bo_logistics",
        "l10n_it_stock_ddt",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
}

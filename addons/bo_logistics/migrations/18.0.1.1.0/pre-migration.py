# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The courier's delivery notice moved from bo_sales to bo_logistics (18.0.1.1.0).

Its mail template keeps its record (and a manager's changes to it) under
bo_logistics' name, before bo_logistics loads its data.
"""

from odoo.addons.bo_logistics.hooks import adopt_records_of_bo_sales


def migrate(cr, version):
    if not version:
        return
    adopt_records_of_bo_sales(cr)

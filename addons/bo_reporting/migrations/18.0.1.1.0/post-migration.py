# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Late deliveries through a bridge (18.0.1.1.0).

The deliveries report read the shipment tracking of bo_logistics when it found
its fields; the bridge bo_reporting_logistics now adds those figures, and Odoo
installs it by itself when a module installs. An upgrade installs no new
module: where bo_logistics is installed, the bridge is marked for installation
here, and this same upgrade installs it, so the report keeps its figures.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    logistics = Module.search(
        [("name", "=", "bo_logistics"), ("state", "in", ("installed", "to upgrade"))]
    )
    bridge = Module.search([("name", "=", "bo_reporting_logistics"), ("state", "=", "uninstalled")])
    if logistics and bridge:
        bridge.button_install()
        _logger.info("bo_reporting_logistics marked for installation (bo_logistics is installed)")

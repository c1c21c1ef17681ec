# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _bo_load_demo_language(self, code):
        """Activate language ``code`` with the translations of the installed
        modules, as Settings › Languages › Add does: the demo's customers and
        users speak Italian, and a test database may not have it loaded.
        A language Odoo does not know is left out (the demo stays in English).
        """
        lang = self.with_context(active_test=False).search([("code", "=", code)], limit=1)
        if not lang:
            _logger.warning("Language %s is unknown: the demo data stays in English.", code)
            return False
        if lang.active:
            return True
        lang.active = True
        # The modules being installed with this one load theirs when installed.
        self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to upgrade"))]
        )._update_translations([code])
        return True

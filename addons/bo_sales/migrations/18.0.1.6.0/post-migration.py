# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The weekly agenda job runs on the dispatch model (18.0.1.6.0).

The agents' weekly agenda mail moved from ``res.partner`` to
``bo.agenda.dispatch``, which records what it sends. The job is ``noupdate``
data, which an upgrade leaves as it is: its model is moved here, its code
(``model._cron_bo_send_weekly_agenda()``), schedule and state are kept.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("bo_sales.bo_agenda_weekly_cron", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("bo.agenda.dispatch")

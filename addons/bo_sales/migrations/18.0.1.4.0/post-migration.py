# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Findings and activities in their reader's language (18.0.1.4.0).

The open quotations whose findings are texts written by an earlier version are
checked again, so that their findings are written in each reader's language
(overrides are kept by the engine; confirmed orders keep their findings). The
open "blocked order" activities were written in the language of whoever ran
the check: they are rewritten in their assignee's language.
"""

from collections import defaultdict

from odoo import SUPERUSER_ID, api
from odoo.tools.translate import code_translations


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    orders = env["sale.order"].search(
        [
            ("state", "in", ("draft", "sent")),
            ("bo_check_finding_ids.message_text", "!=", False),
            ("bo_check_finding_ids.message_key", "=", False),
        ]
    )
    # NOTE: activities are synchronised by the job the engine triggers.
    orders.action_bo_check()
    activity_type = env.ref("bo_sales.mail_activity_type_bo_check", raise_if_not_found=False)
    if not activity_type:
        return
    activities = env["mail.activity"].search(
        [("activity_type_id", "=", activity_type.id), ("res_model", "=", "sale.order")]
    )
    by_lang = defaultdict(lambda: env["mail.activity"])
    for activity in activities:
        by_lang[activity.user_id.lang or "en_US"] |= activity
    for lang, lang_activities in by_lang.items():
        # NOTE: this script is not loaded as part of the module: its terms
        # are looked up in the module's translations by name.
        source = "Blocked by the order checks"
        summary = code_translations.get_python_translations("bo_sales", lang).get(source, source)
        lang_activities.filtered(lambda a, s=summary: a.summary != s).write({"summary": summary})

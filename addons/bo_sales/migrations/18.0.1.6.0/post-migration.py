# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Code moved to the model it belongs to (18.0.1.6.0). Both records below are
``noupdate`` data, which an upgrade leaves as they are, so they are updated here.

- The weekly agenda job runs on ``bo.agenda.dispatch``, which records what it
  sends (it was on ``res.partner``): its model is moved; its code
  (``model._cron_bo_send_weekly_agenda()``), schedule and state are kept.
- The global rules narrowing agents who are not back-office users call
  ``res.users._bo_agent_rule_domain`` instead of each writing the same group
  condition: their domains are taken again from the module's own file, which
  stays the one source.
"""

import logging

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("bo_sales.bo_agenda_weekly_cron", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("bo.agenda.dispatch")
    _rewrite_agent_rules(env)


def _rewrite_agent_rules(env):
    tree = etree.parse(file_path("bo_sales/security/ir_rules.xml"))
    domains = {
        record.get("id"): field.text
        for record in tree.iterfind("//record[@model='ir.rule']")
        for field in record.iterfind("field[@name='domain_force']")
        if "_bo_agent_rule_domain" in (field.text or "")
    }
    for xml_id, domain in domains.items():
        rule = env.ref(f"bo_sales.{xml_id}", raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
    _logger.info("Agent record rules rewritten through _bo_agent_rule_domain: %s", len(domains))

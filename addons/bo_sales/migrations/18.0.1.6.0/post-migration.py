# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Agent record rules through one expression (18.0.1.6.0).

The global rules narrowing agents who are not back-office users wrote the same
group condition in each domain; they now call ``res.users._bo_agent_rule_domain``.
The rules are ``noupdate`` data, so an upgrade does not rewrite them: their
domains are taken again from the module's own file, which stays the one source.
"""

import logging

from lxml import etree

from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    path = file_path("bo_sales/security/ir_rules.xml")
    tree = etree.parse(path)
    domains = {
        record.get("id"): field.text
        for record in tree.iterfind("//record[@model='ir.rule']")
        for field in record.iterfind("field[@name='domain_force']")
        if "_bo_agent_rule_domain" in (field.text or "")
    }
    for xml_id, domain in domains.items():
        cr.execute(
            """
            UPDATE ir_rule r
               SET domain_force = %s
              FROM ir_model_data d
             WHERE d.model = 'ir.rule' AND d.module = 'bo_sales' AND d.name = %s
               AND r.id = d.res_id
            """,
            (domain, xml_id),
        )
    _logger.info("Agent record rules rewritten through _bo_agent_rule_domain: %s", len(domains))

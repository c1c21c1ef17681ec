# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Adversarial RPC suite (issue 16): every role tries every sensitive write and call.

The web client and every integration talk to the server over RPC, field by
field: menus and readonly views protect nothing. Each probe below is sent over
XML-RPC to the test server (``execute_kw``, as an integration or a curious user
would) by each role, and its outcome is compared with ``EXPECTED`` (the cases of
the issue are also sent through the web client's own route, JSON-RPC
``/web/dataset/call_kw``, in a session of the user):

- ``A`` the server accepts it;
- ``R`` the server refuses it with an access error (fault code 4);
- ``U`` the server refuses it with a user error (fault code 2).

``FIELDS`` and ``METHODS`` classify every field and every public method (callable
over RPC) that the three addons define or override: a new one that is not
classified fails ``test_every_field_and_method_is_classified``, so whoever adds it
decides whether it needs a probe.
"""

import base64
import json
import xmlrpc.client
from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

SUITE = {
    "bo_sales",
    "bo_logistics",
    "bo_reporting",
    "bo_logistics_it_ddt",
    "bo_reporting_logistics",
}

#: Roles, one column each in EXPECTED.
ROLES = ("agent", "clerk", "manager", "salesman", "stock", "accountant", "portal", "other_clerk")
ROLE_GROUPS = {
    "agent": "base.group_user,bo_sales.bo_sales_group_agent",
    "clerk": "base.group_user,bo_sales.bo_sales_group_user,stock.group_stock_user,"
    "account.group_account_invoice",
    "manager": "base.group_user,bo_sales.bo_sales_group_manager,sales_team.group_sale_manager,"
    "stock.group_stock_manager,account.group_account_invoice",
    "salesman": "base.group_user,sales_team.group_sale_salesman",
    "stock": "base.group_user,stock.group_stock_user",
    "accountant": "base.group_user,account.group_account_readonly",
    "portal": "base.group_portal",
    "other_clerk": "base.group_user,bo_sales.bo_sales_group_user,stock.group_stock_user,"
    "account.group_account_invoice",
}

# fmt: off
#: probe -> outcome per role, in ROLES order:
#:            agent clerk manager salesman stock accountant portal other_clerk
EXPECTED = {
    # check state, findings and overrides: the engine's and the override's only
    "order_write_check_state":         "RRRRRRRR",
    "order_forge_override":            "RRRRRRRR",
    "order_write_override_date":       "RRRRRRRR",
    "order_write_check_rule":          "RRRRRRRR",
    "order_write_check_date":          "RRRRRRRR",
    "order_write_override_snapshot":   "RRRRRRRR",
    "order_drop_findings":             "RRRRRRRR",
    "order_create_overridden":         "RRRRRRRR",
    "line_drop_findings":              "RRRRRRRR",
    "line_create_with_findings":       "RRRRRRRR",
    "finding_write_override":          "RRRRRRRR",
    "finding_create":                  "RRRRRRRR",
    "finding_unlink":                  "RRRRRRRR",
    "order_call_private_override":     "RRRRRRRR",
    "order_run_checks":                "AAARARRR",
    "order_open_override":             "RRARRRRR",
    "override_wizard_apply":           "RRARRRRR",
    # agent assignment
    "order_assign_other_agent":        "RAARARRR",
    "order_for_other_agents_customer": "RAAARRRA",
    "customer_assign_other_agent":     "RRARRRRR",
    "agent_assign_wizard":             "RAARRRRA",
    "partner_data_check":              "RAARRRRA",
    # DDT: number and state from Validate and Cancel only
    "ddt_write_number":                "RRRRRRRR",
    "ddt_write_state":                 "RRRRRRRR",
    "ddt_create_numbered":             "RRRRRRRR",
    "ddt_validate":                    "RAARRRRR",
    "ddt_cancel":                      "RAARRRRR",
    # report runs
    "report_generate":                 "RRARRRRR",
    "report_run_write_state":          "RRARRRRR",
    # payment reminders
    "reminder_plan_open":              "RAARRRRA",
    "reminder_send_now":               "RAARRRRA",
    "reminder_create":                 "RAARRRRA",
    # complaints
    "claim_resolve":                   "RAARRRRR",
    "claim_create_credit_note":        "RUURRRRR",
    # suppliers: ratings read by the back office, written by the rating run only
    "supplier_rating_read":            "RAARRRRA",
    "supplier_rating_write":           "RRRRRRRR",
    "supplier_rating_create":          "RRRRRRRR",
    "supplier_rating_rate_quarter":    "RRARRRRR",
    "supplier_rating_on_partner":      "RAARRRRA",
    "claim_create_with_supplier":      "RAARRRRA",
    "supplier_compare_offers":         "RAARRRRA",
    # supplier register: agents see nothing of it; its status and the
    # documents' check are the workflow's and the daily job's only
    "supplier_read_fields":            "RAARRRRA",
    "supplier_write_state":            "RRRRRRRR",
    "supplier_forge_documents_valid":  "RRRRRRRR",
    "supplier_start_evaluation":       "RAARRRRA",
    "supplier_qualify_expired":        "RUURRRRU",
    "supplier_suspend_wizard":         "RAARRRRA",
    "supplier_document_create":        "RAARRRRA",
    "supplier_document_write_state":   "RRRRRRRR",
    "supplier_document_type_create":   "RRARRRRR",
    "candidate_import":                "RAARRRRA",
}

#: Every field the suite defines or overrides (magic and delegated fields apart),
#: by kind: "engine" written by the order check engine and the manager's
#: override only; "agent" the agent assignment (agents keep their own customers);
#: "ddt" the DDT number and state (Validate and Cancel only); "report_run" the
#: history of a periodic report run (the generator's and the report managers');
#: "supplier" the supplier status, its audit and the documents' check (the
#: supplier workflow's buttons and the daily job only); "rating" a supplier's
#: quarterly rating (the rating run only: no group may write or create one);
#: "data" ordinary data, under the access matrix (tests/test_access_matrix.py).
FIELDS = {
    "account.invoice.report": {
        "data": "bo_agent_id",
    },
    "account.move": {
        "data": "bo_transport_document_ids bo_transport_document_refs",
    },
    "bo.agenda.dispatch": {
        "data": "agent_id mail_id week_start",
    },
    "bo.agent.assign.wizard": {
        "data": "customer_ids overwrite",
    },
    "bo.carrier.service": {
        "data": (
            "active carrier_id code company_id max_weight name sequence surcharge "
            "transit_days_delta"
        ),
    },
    "bo.carrier.transit": {
        "data": "carrier_id company_id country_id state_id transit_days zip_from zip_to",
    },
    "bo.check.engine": {
        "engine": (
            "bo_check_state bo_check_rule_id bo_check_date bo_override_reason "
            "bo_override_user_id bo_override_date bo_override_snapshot"
        ),
    },
    "bo.check.finding": {
        "engine": (
            "code company_id line_id message order_id order_state overridden override_date "
            "override_reason override_user_id partner_id product_id rule_id sequence severity "
            "user_id message_key message_params message_text"
        ),
    },
    "bo.check.override.wizard": {
        "data": "finding_ids order_ids reason",
    },
    "bo.check.rule": {
        "data": (
            "active code company_id description domain domain_model finding_count name "
            "param_days param_ratio sequence severity"
        ),
    },
    "bo.claim": {
        "data": (
            "agent_id bo_supplier_id commercial_partner_id company_id credit_note_ids date "
            "ddt_reference "
            "deadline description document_count is_late kind name order_id partner_id "
            "product_id replacement_order_ids resolution resolution_note state subject "
            "user_id"
        ),
    },
    "bo.claim.sla": {
        "data": "company_id days kind working_days",
    },
    "bo.courier.choice.wizard": {
        "data": "line_ids picking_id promised_date",
    },
    "bo.courier.choice.wizard.line": {
        "data": "carrier_id expected_date in_time price recommended service_id wizard_id",
    },
    "bo.customer.agreement": {
        "data": (
            "active company_id date_end date_start line_ids name note partner_id pricelist_id "
            "state user_id"
        ),
    },
    "bo.customer.agreement.line": {
        "data": "agreement_id discount product_id",
    },
    "bo.offer.campaign": {
        "data": (
            "agent_ids category_ids company_id country_ids date_end date_start discount "
            "failed_count line_ids name note pricelist_id product_ids sent_count state "
            "template_id visit_classes"
        ),
    },
    "bo.offer.campaign.line": {
        "data": "campaign_id failure_reason lang message_id partner_id sent_date state",
    },
    "bo.order.import": {
        "data": (
            "company_id confirm_duplicate duplicate_import_id error_count file_data file_hash "
            "file_name import_valid_only issue_ids name order_count order_ids "
            "planned_order_count row_count state user_id warning_count ask_date_order "
            "ask_number_format date_order number_format progress progress_done progress_total"
        ),
    },
    "bo.order.import.issue": {
        "data": "import_id message row severity",
    },
    "bo.partner.issue": {
        "data": "code color name sequence",
    },
    "bo.payment.reminder": {
        "data": (
            "amount_due company_id currency_id date level line_ids message_id move_ids "
            "partner_id"
        ),
    },
    "bo.payment.reminder.line": {
        "data": "amount_residual currency_id invoice_date_due level move_id reminder_id",
    },
    "bo.payment.reminder.plan": {
        "data": "amount_due currency_id email invoice_count level move_ids partner_id",
    },
    "bo.periodic.report": {
        "data": (
            "active agent_ids company_id comparison country_ids formats kind name "
            "next_period_label partner_category_ids periodicity product_category_ids "
            "recipient_partner_ids recipient_user_ids run_count run_day run_ids sequence "
            "team_ids"
        ),
    },
    "bo.periodic.report.run": {
        "report_run": (
            "state generated_at attachment_ids recipient_ids mail_ids error "
            "attempt_count"
        ),
        "data": "company_id kind name period_end period_start report_id",
    },
    "bo.pickup.manifest": {
        "data": (
            "carrier_id company_id currency_id date name package_count picking_ids sent_date "
            "shipment_count state total_cod total_weight"
        ),
    },
    "bo.sales.target": {
        "data": "agent_id amount company_id currency_id date_from date_to",
    },
    "bo.supplier.candidate.import": {
        "data": (
            "company_id error_count file_data file_message file_name import_valid_only line_ids "
            "name new_count partner_count row_count state update_count user_id warning_count"
        ),
    },
    "bo.supplier.candidate.import.line": {
        "data": (
            "action ateco_code category_ids city company_id email fiscal_code import_id message "
            "name outcome partner_id row severity vat website"
        ),
    },
    "bo.supplier.document": {
        "supplier": "state reminder_expiry",
        "data": (
            "active attachment attachment_name company_id date_expiry date_issue "
            "document_type_id mandatory name note number partner_id user_id"
        ),
    },
    "bo.supplier.document.type": {
        "data": (
            "active code company_id country_ids description mandatory multiple name "
            "reminder_days sequence suspend_on_expiry validity_days"
        ),
    },
    "bo.supplier.state.wizard": {
        "data": "partner_ids reason state",
    },
    "bo.tracking.import.wizard": {
        "data": "file filename updated_count",
    },
    "bo.transport.document": {
        "ddt": "name state",
        "data": (
            "carrier_id carrier_partner_id company_id date delivered_date delivery_note "
            "goods_appearance gross_weight incoterm_id invoice_ids invoice_state line_ids "
            "net_weight note package_count partner_id partner_shipping_id picking_ids port "
            "sale_ids transport_by transport_reason transport_start"
        ),
    },
    "bo.transport.document.line": {
        "data": (
            "company_id document_id move_id name picking_id product_id quantity sequence "
            "uom_id"
        ),
    },
    "bo.supplier.comparison": {
        "data": "all_suppliers categ_id company_id date line_count line_ids product_tmpl_id",
    },
    "bo.supplier.comparison.line": {
        "data": (
            "city comparison_id company_currency_id country_id currency_id date_end "
            "date_start delay discount distance_km distance_known documents_valid has_offer "
            "last_rating min_qty partner_id price price_company product_code product_id "
            "product_name product_tmpl_id proximity state_id supplier_state supplierinfo_id "
            "uom_id"
        ),
    },
    "bo.supplier.rating": {
        "rating": (
            "accuracy_grade company_id complaint_count complaint_grade line_count "
            "on_time_count on_time_grade on_time_rate partner_id period_end period_start "
            "price_grade price_product_count price_trend quantity_accuracy rating "
            "receipt_count"
        ),
    },
    "bo.supplier.rating.wizard": {
        "data": "period_start quarter year",
    },
    "bo.visit.class": {
        "data": "active description name sequence visit_frequency_days",
    },
    "bo.visit.planner.line": {
        "data": (
            "agent_id customer_city customer_id customer_zip due_date last_visit_date start "
            "stop visit_class_id wizard_id"
        ),
    },
    "bo.visit.planner.wizard": {
        "data": (
            "agent_ids date_from date_to duration_minutes line_ids max_per_day "
            "notify_customer state"
        ),
    },
    "calendar.event": {
        "data": (
            "bo_agent_id bo_conflict_warning bo_customer_city bo_customer_id "
            "bo_force_conflicts bo_kind bo_order_count bo_order_ids bo_outcome bo_state"
        ),
    },
    "delivery.carrier": {
        "data": (
            "bo_cod_available bo_cod_fee bo_contact_id bo_cutoff_time bo_pickup_email "
            "bo_service_ids bo_transit_ids"
        ),
    },
    "product.template": {
        "data": "bo_floor_price bo_min_order_qty",
    },
    "res.users": {
        "data": "bo_max_discount",
    },
    "res.config.settings": {
        "data": (
            "bo_check_inline_activity_limit bo_import_background_batch "
            "bo_import_background_orders bo_import_max_days_ahead bo_import_max_price_unit "
            "bo_import_max_quantity bo_offer_followup_days bo_reminder_level_1_days "
            "bo_reminder_level_2_days bo_reminder_level_3_days bo_travel_buffer_minutes "
            "bo_supplier_accuracy_a bo_supplier_accuracy_b bo_supplier_complaints_a "
            "bo_supplier_complaints_b bo_supplier_on_time_a bo_supplier_on_time_b "
            "bo_supplier_price_trend_a bo_supplier_price_trend_b"
        ),
    },
    "res.partner": {
        "agent": "bo_agent_id",
        "supplier": (
            "bo_supplier_state bo_supplier_state_reason bo_supplier_state_date "
            "bo_supplier_state_user_id bo_supplier_documents_valid bo_supplier_document_alert"
        ),
        "data": (
            "bo_supplier_ateco_code bo_supplier_category_ids bo_supplier_document_ids "
            "bo_agent_customer_count bo_agent_customer_ids bo_agent_user_id bo_data_issue_ids "
            "bo_home_base_id bo_is_agent bo_language_ids bo_last_visit_date bo_leave_ids "
            "bo_max_discount bo_pays_shipping bo_requires_client_ref bo_resource_calendar_id "
            "bo_supplier_last_rating bo_supplier_rating_count "
            "bo_territory_country_ids bo_territory_state_ids bo_territory_zip_ranges "
            "bo_visit_class_id bo_visit_coverage bo_visit_done_month_count "
            "bo_visit_order_count bo_visit_planned_month_count bo_visit_turnover "
            "l10n_it_codice_fiscale l10n_it_pa_index l10n_it_pec_email"
        ),
    },
    "resource.calendar.leaves": {
        "data": "bo_agent_id",
    },
    "sale.order": {
        "engine": (
            "bo_check_state bo_check_rule_id bo_check_date bo_check_finding_ids "
            "bo_override_reason bo_override_user_id bo_override_date bo_override_snapshot"
        ),
        "agent": "bo_agent_id",
        "data": (
            "bo_amount_invoiced bo_amount_overdue bo_amount_paid bo_amount_total_words "
            "bo_check_blocking_count bo_check_warning_count bo_claim_count bo_claim_ids "
            "bo_customer_agent_id bo_customer_pays_shipping bo_file_attachment_id "
            "bo_file_closed_date bo_file_state bo_import_id bo_invoice_due_dates "
            "bo_is_expired bo_is_late bo_shipping_state bo_transport_document_ids bo_visit_id"
        ),
    },
    "sale.order.line": {
        "engine": "bo_check_finding_ids",
    },
    "sale.report": {
        "data": "bo_agent_id",
    },
    "stock.picking": {
        "data": (
            "bo_cod_amount bo_company_currency_id bo_delivered_date bo_expected_date "
            "bo_gross_weight bo_is_late bo_manifest_id bo_net_weight bo_package_count "
            "bo_promised_date bo_return_note bo_return_reason bo_service_id bo_shipping_state "
            "bo_shipping_update bo_transport_document_ids bo_volume"
        ),
    },
    "stock.return.picking": {
        "data": "bo_return_note bo_return_reason",
    },
}

#: Every public method (callable over RPC) the suite defines or overrides: the
#: probes of EXPECTED or the tests ("case:<test>") that try it, or "crud" (an
#: ORM operation under the access matrix), "view" (opens a window, a report or
#: a download and changes nothing), "button" (a business action that writes
#: through the ORM with the user's own rights, under the access matrix).
METHODS = {
    "bo.agent.assign.wizard": {
        "action_assign": "agent_assign_wizard",
        "default_get": "crud",
    },
    "bo.check.engine": {
        "action_bo_check": "order_run_checks",
        "action_bo_override": "order_open_override",
    },
    "bo.check.finding": {
        "create": "finding_create",
        "unlink": "finding_unlink",
        "write": "finding_write_override",
    },
    "bo.check.override.wizard": {
        "action_apply": "override_wizard_apply",
    },
    "bo.check.rule": {
        "action_bo_view_findings": "view",
    },
    "bo.claim": {
        "action_create_credit_note": "claim_create_credit_note",
        "action_create_replacement_order": "button",
        "action_reject": "button",
        "action_reopen": "button",
        "action_resolve": "claim_resolve",
        "action_start": "button",
        "action_view_documents": "view",
        "action_wait_customer": "button",
        "create": "crud",
        "message_new": "crud",
    },
    "bo.courier.choice.wizard.line": {
        "action_select": "button",
    },
    "bo.offer.campaign": {
        "action_send": "button",
    },
    "bo.order.import": {
        "action_check": "button",
        "action_download_template": "view",
        "action_import": "button",
        "action_view_orders": "view",
        "write": "crud",
    },
    "bo.payment.reminder.plan": {
        "action_open_plan": "reminder_plan_open",
        "action_send_now": "reminder_send_now",
    },
    "bo.periodic.report": {
        "action_generate_now": "report_generate",
        "action_open_runs": "view",
    },
    "bo.pickup.manifest": {
        "action_bo_add_shipments": "button",
        "action_bo_send": "button",
        "create": "crud",
    },
    "bo.supplier.candidate.import": {
        "action_check": "candidate_import",
        "action_import": "candidate_import",
        "action_view_partners": "view",
        "write": "crud",
    },
    "bo.supplier.document": {
        "action_bo_open_supplier": "view",
        "create": "supplier_document_create",
        "write": "supplier_document_write_state",
    },
    "bo.supplier.document.type": {
        "create": "supplier_document_type_create",
        "write": "crud",
    },
    "bo.supplier.comparison": {
        "action_compare": "supplier_compare_offers",
        "action_export_xlsx": "view",
        "action_view_lines": "view",
    },
    "bo.supplier.rating.wizard": {
        "action_rate": "supplier_rating_rate_quarter",
    },
    "bo.supplier.state.wizard": {
        "action_apply": "supplier_suspend_wizard",
    },
    "bo.tracking.import.wizard": {
        "action_import": "button",
    },
    "bo.transport.document": {
        "action_bo_invoice": "button",
        "action_bo_print": "view",
        "action_bo_print_day": "view",
        "action_bo_return": "button",
        "action_cancel": "ddt_cancel",
        "action_validate": "ddt_validate",
        "create": "ddt_create_numbered",
        "init": "crud",
        "write": "ddt_write_number ddt_write_state",
    },
    "bo.transport.document.line": {
        "create": "crud",
        "write": "crud",
    },
    "bo.visit.planner.wizard": {
        "action_back": "button",
        "action_confirm": "button",
        "action_propose": "button",
        "default_get": "crud",
    },
    "calendar.event": {
        "action_bo_cancel": "button",
        "action_bo_create_order": "button",
        "action_bo_mark_done": "button",
        "action_bo_mark_missed": "button",
        "action_bo_view_orders": "view",
        "create": "crud",
        "write": "crud",
    },
    "ir.cron": {
        "method_direct_trigger": "button",
    },
    "res.company": {
        "create": "crud",
    },
    "res.partner": {
        "action_bo_check_partner_data": "partner_data_check",
        "action_bo_print_agenda": "view",
        "action_bo_send_agenda": "button",
        "action_bo_supplier_add": "button",
        "action_bo_supplier_add_document": "view",
        "action_bo_supplier_qualify": "supplier_qualify_expired",
        "action_bo_supplier_reinstate": "button",
        "action_bo_supplier_reject": "button",
        "action_bo_supplier_reopen": "button",
        "action_bo_supplier_start_evaluation": "supplier_start_evaluation",
        "action_bo_supplier_suspend": "supplier_suspend_wizard",
        "action_bo_view_agent_customers": "view",
        "action_bo_view_supplier_ratings": "view",
        "create": "crud case:test_suppliers_hidden_from_agents",
        "write": (
            "customer_assign_other_agent supplier_write_state supplier_forge_documents_valid"
        ),
    },
    "sale.order": {
        "action_bo_check": "order_run_checks",
        "action_bo_close_file": "button",
        "action_bo_override": "order_open_override",
        "action_bo_print_offer": "view",
        "action_bo_reopen_file": "button",
        "action_bo_return": "button",
        "action_bo_send_confirmation": "button",
        "action_bo_send_offer": "button",
        "action_bo_view_claims": "view",
        "action_confirm": "case:test_override_then_discount_95_then_confirm",
        "create": "order_create_overridden order_for_other_agents_customer",
        "write": "order_forge_override order_assign_other_agent",
    },
    "sale.order.line": {
        "create": "line_create_with_findings",
        "unlink": "case:test_override_then_line_removed",
        "write": "line_drop_findings case:test_override_then_quantity_6_to_1_then_confirm",
    },
    "stock.picking": {
        "action_bo_choose_courier": "button",
        "action_bo_create_transport_document": "button",
        "action_bo_open_courier_choice": "button",
        "action_bo_send_delivery_notice": "button",
    },
}
# fmt: on


def _plain(value):
    """``value`` as a client sends it: commands as plain lists of numbers."""
    if isinstance(value, Command):
        return int(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@tagged("post_install", "-at_install")
class TestRpcAdversarial(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        env = cls.env
        cls.company = env.company
        cls.other_company = env["res.company"].create({"name": "Altra Sede S.r.l."})
        Partner = env["res.partner"]
        cls.agent_partner, cls.other_agent_partner = Partner.create(
            [
                {"name": "Agente RPC", "bo_is_agent": True},
                {"name": "Altro Agente RPC", "bo_is_agent": True},
            ]
        )
        cls.users, cls.passwords = {}, {}
        for role in ROLES:
            login = f"rpc_{role}"
            company = cls.other_company if role == "other_clerk" else cls.company
            cls.passwords[role] = f"{login}-Pw-2026"
            extra = {"partner_id": cls.agent_partner.id} if role == "agent" else {}
            cls.users[role] = new_test_user(
                env,
                login=login,
                groups=ROLE_GROUPS[role],
                password=cls.passwords[role],
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                lang="en_US",
                **extra,
            )
        cls.customer, cls.other_customer = Partner.create(
            [
                {
                    "name": "Ferramenta RPC S.r.l.",
                    "is_company": True,
                    "bo_agent_id": cls.agent_partner.id,
                    "email": "ordini@ferramenta-rpc.example.com",
                },
                {
                    "name": "Cliente Altrui S.r.l.",
                    "is_company": True,
                    "bo_agent_id": cls.other_agent_partner.id,
                    "street": "Via Riservata 1",
                    "city": "Brescia",
                },
            ]
        )
        cls.product = env["product.product"].create(
            {
                "name": "Trapano RPC",
                "default_code": "RPC-TRP",
                "list_price": 189.0,
                "standard_price": 60.0,
                "bo_floor_price": 150.0,
                "type": "consu",
            }
        )
        cls.uom_unit = env.ref("uom.product_uom_unit")
        cls.supplier = Partner.create({"name": "Fornitore RPC S.p.A.", "is_company": True})
        cls.supplier_rating = env["bo.supplier.rating"].create(
            {
                "partner_id": cls.supplier.id,
                "company_id": cls.company.id,
                "period_start": date(2024, 1, 1),
                "period_end": date(2024, 3, 31),
                "rating": "B",
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def rpc(self, role, model, method, *args, **kwargs):
        """Send ``model.method(*args, **kwargs)`` over XML-RPC as ``role``.

        :return: (outcome letter, result or fault string)
        """
        self.env.flush_all()
        args, kwargs = _plain(args), _plain(kwargs)
        # NOTE: the web client sends the user's language with every call.
        kwargs.setdefault("context", {"lang": self.users[role].lang})
        try:
            result = self.xmlrpc_object.execute_kw(
                self.db,
                self.users[role].id,
                self.passwords[role],
                model,
                method,
                list(args),
                kwargs,
            )
            outcome = "A"
        except xmlrpc.client.Fault as fault:
            result = fault.faultString
            if "cannot marshal None" in result:
                outcome = "A"  # done; the method returned nothing
            else:
                outcome = {4: "R", 2: "U"}.get(fault.faultCode, f"E{fault.faultCode}")
        self.env.invalidate_all()
        return outcome, result

    def web_call(self, role, model, method, *args):
        """The same call through the web client's route (JSON-RPC ``call_kw``),
        in a session of ``role``. :return: (result, error data or None)"""
        self.authenticate(self.users[role].login, self.passwords[role])
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": _plain(args),
                "kwargs": {"context": {"lang": self.users[role].lang}},
            },
        }
        self.env.flush_all()
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.env.invalidate_all()
        body = response.json()
        return body.get("result"), (body.get("error") or {}).get("data")

    def _order(self, qty=6.0, discount=25.0, partner=None):
        """A quotation blocked by the floor price (189 - 25 % = 141.75 < 150)."""
        return (
            self.env["sale.order"]
            .with_user(self.users["agent"] if not partner else self.env.user)
            .create(
                {
                    "partner_id": (partner or self.customer).id,
                    "user_id": self.users["agent"].id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": qty,
                                "price_unit": 189.0,
                                "discount": discount,
                            }
                        )
                    ],
                }
            )
            .sudo()
        )

    def _override(self, order, reason="sconto 25% autorizzato"):
        outcome, wizard_id = self.rpc(
            "manager",
            "bo.check.override.wizard",
            "create",
            {"order_ids": [Command.set(order.ids)], "reason": reason},
        )
        self.assertEqual(outcome, "A", wizard_id)
        outcome, result = self.rpc(
            "manager", "bo.check.override.wizard", "action_apply", [wizard_id]
        )
        self.assertEqual(outcome, "A", result)
        self.assertEqual(order.bo_check_state, "overridden")

    def _chatter(self, order):
        return "\n".join(order.message_ids.mapped("body"))

    def _ddt(self):
        return self.env["bo.transport.document"].create(
            {
                "partner_id": self.customer.id,
                "transport_by": "sender",
                "date": date(date.today().year, 12, 31),
                "line_ids": [
                    Command.create({"name": "Trapani", "quantity": 2, "uom_id": self.uom_unit.id})
                ],
            }
        )

    def _claim(self):
        return self.env["bo.claim"].create(
            {"subject": "Merce danneggiata", "partner_id": self.customer.id}
        )

    def _supplier(self, state="candidate", documents=()):
        """A fresh company in the supplier register, in ``state``, holding
        ``documents`` (type xml id, issue date)."""
        supplier = self.env["res.partner"].create(
            {"name": "Fornitore RPC S.r.l.", "is_company": True, "bo_supplier_state": "candidate"}
        )
        self.env["bo.supplier.document"].create(
            [
                {
                    "partner_id": supplier.id,
                    "document_type_id": self.env.ref(f"bo_sales.{xmlid}").id,
                    "date_issue": issued,
                }
                for xmlid, issued in documents
            ]
        )
        if state != "candidate":
            supplier._bo_supplier_set_state(state, "preparato dal test", check=False)
        return supplier

    def _report(self):
        return self.env["bo.periodic.report"].create(
            {"name": "Vendite RPC", "kind": "sales", "formats": "xlsx"}
        )

    # ------------------------------------------------------------------
    # Probes: each makes a fresh target (as superuser, in the test
    # transaction) and returns the call (model, method, args) to send
    # ------------------------------------------------------------------

    def probe(self, name, role):
        order = self._order if name.startswith(("order", "line", "finding", "override")) else None
        manager = self.users["manager"]
        if name == "order_write_check_state":
            return "sale.order", "write", [order().ids, {"bo_check_state": "ok"}]
        if name == "order_forge_override":
            return (
                "sale.order",
                "write",
                [
                    order().ids,
                    {
                        "bo_check_state": "overridden",
                        "bo_override_user_id": manager.id,
                        "bo_override_reason": "sconto autorizzato",
                    },
                ],
            )
        if name == "order_write_override_date":
            return "sale.order", "write", [order().ids, {"bo_override_date": "2026-01-01 10:00:00"}]
        if name == "order_write_check_rule":
            return "sale.order", "write", [order().ids, {"bo_check_rule_id": False}]
        if name == "order_write_check_date":
            return "sale.order", "write", [order().ids, {"bo_check_date": "2099-01-01 00:00:00"}]
        if name == "order_write_override_snapshot":
            return "sale.order", "write", [order().ids, {"bo_override_snapshot": {"lines": {}}}]
        if name == "order_drop_findings":
            target = order()
            finding = target.bo_check_finding_ids[:1]
            return (
                "sale.order",
                "write",
                [target.ids, {"bo_check_finding_ids": [Command.delete(finding.id)]}],
            )
        if name == "order_create_overridden":
            return (
                "sale.order",
                "create",
                [
                    {
                        "partner_id": self.customer.id,
                        "bo_check_state": "overridden",
                        "bo_override_user_id": manager.id,
                        "bo_override_reason": "ok",
                    }
                ],
            )
        if name == "line_drop_findings":
            line = order().order_line
            return (
                "sale.order.line",
                "write",
                [line.ids, {"bo_check_finding_ids": [Command.clear()]}],
            )
        if name == "line_create_with_findings":
            target = order()
            return (
                "sale.order.line",
                "create",
                [
                    {
                        "order_id": target.id,
                        "product_id": self.product.id,
                        "bo_check_finding_ids": [
                            Command.create(
                                {
                                    "order_id": target.id,
                                    "rule_id": target.bo_check_finding_ids[:1].rule_id.id,
                                    "severity": "warning",
                                    "message": "ok",
                                }
                            )
                        ],
                    }
                ],
            )
        if name == "partner_data_check":
            return "res.partner", "action_bo_check_partner_data", [[]]
        if name == "finding_write_override":
            finding = order().bo_check_finding_ids[:1]
            return (
                "bo.check.finding",
                "write",
                [finding.ids, {"overridden": True, "override_user_id": manager.id}],
            )
        if name == "finding_create":
            target = order()
            return (
                "bo.check.finding",
                "create",
                [
                    {
                        "order_id": target.id,
                        "rule_id": target.bo_check_finding_ids[:1].rule_id.id,
                        "severity": "warning",
                        "message": "tutto a posto",
                    }
                ],
            )
        if name == "finding_unlink":
            return "bo.check.finding", "unlink", [order().bo_check_finding_ids.ids]
        if name == "order_call_private_override":
            return "sale.order", "_bo_override_checks", [order().ids, "io posso"]
        if name == "order_run_checks":
            return "sale.order", "action_bo_check", [order().ids]
        if name == "order_open_override":
            return "sale.order", "action_bo_override", [order().ids]
        if name == "override_wizard_apply":
            # the wizard made by the role itself, then applied
            target = order()
            outcome, wizard_id = self.rpc(
                role,
                "bo.check.override.wizard",
                "create",
                {"order_ids": [Command.set(target.ids)], "reason": "va bene"},
            )
            if outcome != "A":
                return "bo.check.override.wizard", "create", [{"reason": "va bene"}]
            return "bo.check.override.wizard", "action_apply", [[wizard_id]]
        if name == "order_assign_other_agent":
            return (
                "sale.order",
                "write",
                [self._order().ids, {"bo_agent_id": self.other_agent_partner.id}],
            )
        if name == "order_for_other_agents_customer":
            return "sale.order", "create", [{"partner_id": self.other_customer.id}]
        if name == "customer_assign_other_agent":
            return (
                "res.partner",
                "write",
                [self.customer.ids, {"bo_agent_id": self.other_agent_partner.id}],
            )
        if name == "agent_assign_wizard":
            outcome, wizard_id = self.rpc(
                role,
                "bo.agent.assign.wizard",
                "create",
                {"customer_ids": [Command.set(self.customer.ids)], "overwrite": True},
            )
            if outcome != "A":
                return "bo.agent.assign.wizard", "create", [{}]
            return "bo.agent.assign.wizard", "action_assign", [[wizard_id]]
        if name == "ddt_write_number":
            return "bo.transport.document", "write", [self._ddt().ids, {"name": "DDT/2026/99999"}]
        if name == "ddt_write_state":
            return "bo.transport.document", "write", [self._ddt().ids, {"state": "done"}]
        if name == "ddt_create_numbered":
            return (
                "bo.transport.document",
                "create",
                [{"partner_id": self.customer.id, "name": "DDT/2026/99998", "state": "done"}],
            )
        if name == "ddt_validate":
            return "bo.transport.document", "action_validate", [self._ddt().ids]
        if name == "ddt_cancel":
            return "bo.transport.document", "action_cancel", [self._ddt().ids]
        if name == "report_generate":
            return "bo.periodic.report", "action_generate_now", [self._report().ids]
        if name == "report_run_write_state":
            report = self._report()
            run = self.env["bo.periodic.report.run"].create(
                {
                    "report_id": report.id,
                    "period_start": date(2026, 1, 1),
                    "period_end": date(2026, 1, 31),
                }
            )
            return "bo.periodic.report.run", "write", [run.ids, {"state": "done"}]
        if name == "reminder_plan_open":
            return "bo.payment.reminder.plan", "action_open_plan", []
        if name == "reminder_send_now":
            return "bo.payment.reminder.plan", "action_send_now", [[]]
        if name == "reminder_create":
            return (
                "bo.payment.reminder",
                "create",
                [{"partner_id": self.customer.id, "level": "1"}],
            )
        if name == "claim_resolve":
            claim = self._claim()
            claim.action_start()
            claim.resolution = "replacement"
            return "bo.claim", "action_resolve", [claim.ids]
        if name == "claim_create_credit_note":
            # a complaint without an order: nothing to credit, for anybody
            return "bo.claim", "action_create_credit_note", [self._claim().ids]
        if name == "supplier_rating_read":
            return (
                "bo.supplier.rating",
                "search_read",
                [[("id", "=", self.supplier_rating.id)], ["rating", "on_time_rate"]],
            )
        if name == "supplier_rating_write":
            return "bo.supplier.rating", "write", [self.supplier_rating.ids, {"rating": "A"}]
        if name == "supplier_rating_create":
            return (
                "bo.supplier.rating",
                "create",
                [
                    {
                        "partner_id": self.supplier.id,
                        "period_start": "2024-04-01",
                        "period_end": "2024-06-30",
                        "rating": "A",
                    }
                ],
            )
        if name == "supplier_rating_rate_quarter":
            outcome, wizard_id = self.rpc(
                role, "bo.supplier.rating.wizard", "create", {"year": 2025, "quarter": "1"}
            )
            if outcome != "A":
                return "bo.supplier.rating.wizard", "create", [{"year": 2025, "quarter": "1"}]
            return "bo.supplier.rating.wizard", "action_rate", [[wizard_id]]
        if name == "supplier_rating_on_partner":
            return (
                "res.partner",
                "read",
                [self.supplier.ids, ["bo_supplier_last_rating", "bo_supplier_rating_count"]],
            )
        if name == "supplier_compare_offers":
            outcome, comparison_id = self.rpc(
                role,
                "bo.supplier.comparison",
                "create",
                {"product_tmpl_id": self.product.product_tmpl_id.id},
            )
            if outcome != "A":
                return "bo.supplier.comparison", "create", [{"all_suppliers": True}]
            return "bo.supplier.comparison", "action_compare", [[comparison_id]]
        if name == "claim_create_with_supplier":
            return (
                "bo.claim",
                "create",
                [
                    {
                        "subject": "Viti difettose",
                        "partner_id": self.customer.id,
                        "bo_supplier_id": self.supplier.id,
                    }
                ],
            )
        if name == "supplier_read_fields":
            return (
                "res.partner",
                "read",
                [self._supplier().ids, ["bo_supplier_state", "bo_supplier_document_ids"]],
            )
        if name == "supplier_write_state":
            return (
                "res.partner",
                "write",
                [self._supplier().ids, {"bo_supplier_state": "qualified"}],
            )
        if name == "supplier_forge_documents_valid":
            return (
                "res.partner",
                "write",
                [self._supplier().ids, {"bo_supplier_documents_valid": True}],
            )
        if name == "supplier_start_evaluation":
            return "res.partner", "action_bo_supplier_start_evaluation", [self._supplier().ids]
        if name == "supplier_qualify_expired":
            # its DURC of a year ago expired long since
            supplier = self._supplier(
                "evaluation",
                [("bo_supplier_document_type_durc", date.today() - timedelta(days=365))],
            )
            return "res.partner", "action_bo_supplier_qualify", [supplier.ids]
        if name == "supplier_suspend_wizard":
            supplier = self._supplier("qualified")
            outcome, wizard_id = self.rpc(
                role,
                "bo.supplier.state.wizard",
                "create",
                {
                    "partner_ids": [Command.set(supplier.ids)],
                    "state": "suspended",
                    "reason": "consegne in ritardo",
                },
            )
            if outcome != "A":
                return "bo.supplier.state.wizard", "create", [{"reason": "consegne in ritardo"}]
            return "bo.supplier.state.wizard", "action_apply", [[wizard_id]]
        if name == "supplier_document_create":
            return (
                "bo.supplier.document",
                "create",
                [
                    {
                        "partner_id": self._supplier().id,
                        "document_type_id": self.env.ref(
                            "bo_sales.bo_supplier_document_type_durc"
                        ).id,
                        "number": "INPS_RPC",
                        "date_issue": date.today().isoformat(),
                    }
                ],
            )
        if name == "supplier_document_write_state":
            supplier = self._supplier(
                documents=[("bo_supplier_document_type_durc", date.today() - timedelta(days=365))]
            )
            return (
                "bo.supplier.document",
                "write",
                [supplier.bo_supplier_document_ids.ids, {"state": "valid"}],
            )
        if name == "supplier_document_type_create":
            return (
                "bo.supplier.document.type",
                "create",
                [{"name": f"Certificato {role}", "code": f"RPC-{role}"}],
            )
        if name == "candidate_import":
            content = (
                "Ragione sociale;Comune;Provincia\n"
                f"Candidato {role.title()} RPC S.r.l.;Bergamo;BG\n"
            ).encode()
            outcome, import_id = self.rpc(
                role,
                "bo.supplier.candidate.import",
                "create",
                {"file_data": base64.b64encode(content).decode(), "file_name": "fornitori.csv"},
            )
            if outcome != "A":
                return "bo.supplier.candidate.import", "create", [{"file_name": "x.csv"}]
            return "bo.supplier.candidate.import", "action_import", [[import_id]]
        raise AssertionError(f"no probe {name}")

    # ------------------------------------------------------------------
    # The table
    # ------------------------------------------------------------------

    def test_every_role_against_every_probe(self):
        found, messages = {}, {}
        for name in EXPECTED:
            found[name] = ""
            for role in ROLES:
                model, method, args = self.probe(name, role)
                outcome, result = self.rpc(role, model, method, *args)
                found[name] += outcome[0]
                if outcome[0] not in "A":
                    messages[name, role] = result
        wrong = {
            name: f"expected {EXPECTED[name]} found {found[name]}"
            for name in EXPECTED
            if found[name] != EXPECTED[name]
        }
        self.assertFalse(
            wrong,
            "\n".join(
                [f"{name}: {text}" for name, text in wrong.items()]
                + [
                    f"  {name}/{role}: {messages[name, role][-300:]}"
                    for name in wrong
                    for role in ROLES
                    if (name, role) in messages
                ]
            ),
        )

    def test_every_field_and_method_is_classified(self):
        """A new field or public method of the suite must be classified here."""
        fields_found, methods_found = set(), set()
        for model_name in self.env.registry:
            Model = self.env[model_name]
            for name, field in Model._fields.items():
                if (
                    set(field._modules or ()) & SUITE
                    and not field.automatic
                    and not field.inherited
                    and name != "display_name"
                ):
                    fields_found.add(f"{model_name}.{name}")
            for klass in type(Model).__mro__:
                module = klass.__module__ or ""
                if module.startswith("odoo.addons.") and module.split(".")[2] in SUITE:
                    methods_found |= {
                        f"{model_name}.{attr}"
                        for attr, value in vars(klass).items()
                        if not attr.startswith("_")
                        and callable(value)
                        and not isinstance(value, type)
                    }
        classified_fields = {
            f"{model}.{name}"
            for model, kinds in FIELDS.items()
            for names in kinds.values()
            for name in names.split()
        }
        classified_methods = {
            f"{model}.{name}" for model, methods in METHODS.items() for name in methods
        }
        self.assertEqual(
            sorted(fields_found - classified_fields), [], "fields to classify in FIELDS"
        )
        self.assertEqual(sorted(classified_fields - fields_found), [], "fields no longer there")
        self.assertEqual(
            sorted(methods_found - classified_methods), [], "methods to classify in METHODS"
        )
        self.assertEqual(sorted(classified_methods - methods_found), [], "methods no longer there")
        kinds = {"engine", "agent", "ddt", "report_run", "supplier", "rating", "data"}
        self.assertLessEqual({k for m in FIELDS.values() for k in m}, kinds)
        # every probe and test named exists; the engine's own list agrees
        for model, methods in METHODS.items():
            for method, how in methods.items():
                for word in how.split():
                    with self.subTest(method=f"{model}.{method}", how=word):
                        if word.startswith("case:"):
                            self.assertTrue(hasattr(self, word[5:]))
                        else:
                            self.assertIn(word, {*EXPECTED, "crud", "view", "button"})
        self.assertEqual(
            set(self.env["sale.order"]._bo_check_engine_fields()),
            set(FIELDS["sale.order"]["engine"].split()),
        )

    # ------------------------------------------------------------------
    # The cases of the issue, verbatim
    # ------------------------------------------------------------------

    def test_override_then_discount_95_then_confirm(self):
        """S00027: the agent raises the discount of an overridden order to 95 %."""
        order = self._order()
        self._override(order)
        line = order.order_line
        outcome, result = self.rpc(
            "agent",
            "sale.order",
            "write",
            order.ids,
            {"order_line": [[1, line.id, {"discount": 95}]]},
        )
        self.assertEqual(outcome, "A", result)
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertFalse(order.bo_override_user_id)
        self.assertFalse(order.bo_override_reason)
        self.assertIn("Override withdrawn", self._chatter(order))
        self.assertIn("25.0 → 95.0", self._chatter(order))
        outcome, result = self.rpc("agent", "sale.order", "action_confirm", order.ids)
        self.assertEqual(outcome, "U", result)
        self.assertIn("cannot be confirmed", result)
        self.assertIn(
            "sconto 25% autorizzato", self._chatter(order), "the override stays in the chatter"
        )
        self.assertEqual(order.state, "draft")

    def test_override_then_quantity_6_to_1_then_confirm(self):
        """S00118: the quantity of an overridden order goes from 6 to 1."""
        order = self._order()
        self._override(order)
        outcome, result = self.rpc(
            "agent", "sale.order.line", "write", order.order_line.ids, {"product_uom_qty": 1}
        )
        self.assertEqual(outcome, "A", result)
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertIn("6.0 → 1.0", self._chatter(order))
        outcome, result = self.rpc("agent", "sale.order", "action_confirm", order.ids)
        self.assertEqual(outcome, "U", result)
        self.assertEqual(order.state, "draft")

    def test_unchanged_override_still_confirms(self):
        order = self._order()
        self._override(order)
        outcome, result = self.rpc("agent", "sale.order", "action_confirm", order.ids)
        self.assertEqual(outcome, "A", result)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.bo_override_user_id, self.users["manager"])

    def test_forged_override_as_agent_and_backoffice(self):
        order = self._order()
        forged = {
            "bo_check_state": "overridden",
            "bo_override_user_id": self.users["manager"].id,
            "bo_override_reason": "sconto 25% autorizzato",
        }
        for role in ("agent", "clerk"):
            outcome, result = self.rpc(role, "sale.order", "write", order.ids, forged)
            self.assertEqual(outcome, "R", result)
            self.assertIn("can be changed only by the order checks", result)
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertFalse(order.bo_override_user_id)
        self.assertFalse(order.bo_override_reason)

    def test_agent_creates_order_for_another_agents_customer(self):
        outcome, result = self.rpc(
            "agent", "sale.order", "create", {"partner_id": self.other_customer.id}
        )
        self.assertEqual(outcome, "R", result)
        self.assertIn("only for your own customers", result)
        self.assertNotIn(self.other_customer.name, result)
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.other_customer.id)])
        )

    def test_read_only_accountant_runs_the_checks(self):
        order = self._order()
        findings = order.bo_check_finding_ids.read(["rule_id", "message", "overridden"])
        checked = order.bo_check_date
        outcome, result = self.rpc("accountant", "sale.order", "action_bo_check", order.ids)
        self.assertEqual(outcome, "R", result)
        self.assertEqual(
            order.bo_check_finding_ids.read(["rule_id", "message", "overridden"]), findings
        )
        self.assertEqual(order.bo_check_date, checked)

    def test_override_then_line_removed(self):
        order = self._order()
        order.sudo().write(
            {"order_line": [Command.create({"product_id": self.product.id, "price_unit": 189})]}
        )
        self._override(order)
        outcome, result = self.rpc("agent", "sale.order.line", "unlink", order.order_line[-1:].ids)
        self.assertEqual(outcome, "A", result)
        self.assertEqual(order.bo_check_state, "blocked")
        self.assertIn("removed", self._chatter(order))

    def test_refusals_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("it_IT")
        self.users["agent"].lang = "it_IT"
        order = self._order()
        outcome, result = self.rpc(
            "agent", "sale.order", "write", order.ids, {"bo_check_state": "ok"}
        )
        self.assertEqual(outcome, "R", result)
        self.assertIn("possono essere cambiati solo dai controlli ordine", result)
        outcome, result = self.rpc(
            "agent", "sale.order", "create", {"partner_id": self.other_customer.id}
        )
        self.assertEqual(outcome, "R", result)
        self.assertIn("Puoi inserire e modificare ordini solo per i tuoi clienti", result)
        outcome, result = self.rpc(
            "agent", "bo.check.finding", "unlink", order.bo_check_finding_ids.ids
        )
        self.assertEqual(outcome, "R", result)
        self.assertIn("Le segnalazioni sono scritte solo dai controlli ordine", result)

    def test_web_client_route_answers_the_same(self):
        """S00027 and the forged override through /web/dataset/call_kw."""
        order = self._order()
        _result, error = self.web_call(
            "agent",
            "sale.order",
            "write",
            order.ids,
            {"bo_check_state": "overridden", "bo_override_user_id": self.users["manager"].id},
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertIn("can be changed only by the order checks", error["message"])
        self._override(order)
        line = order.order_line
        _result, error = self.web_call(
            "agent",
            "sale.order",
            "write",
            order.ids,
            {"order_line": [[1, line.id, {"discount": 95}]]},
        )
        self.assertIsNone(error)
        self.assertEqual(order.bo_check_state, "blocked")
        _result, error = self.web_call("agent", "sale.order", "action_confirm", order.ids)
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn("cannot be confirmed", error["message"])
        self.assertEqual(order.state, "draft")

    def test_suppliers_hidden_from_agents(self):
        """What the web client asks for a partner and the supplier screens:
        an agent gets none of the register, a clerk all of it."""
        supplier = self._supplier("qualified")
        spec = {"name": {}, "bo_supplier_state": {}, "bo_supplier_documents_valid": {}}
        _result, error = self.web_call("agent", "res.partner", "web_read", supplier.ids, spec)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        outcome, result = self.rpc(
            "agent",
            "res.partner",
            "search_read",
            [("bo_supplier_state", "=", "qualified")],
            ["name"],
        )
        self.assertEqual(outcome, "R", result)
        outcome, result = self.rpc("agent", "res.partner", "fields_get", [], attributes=["string"])
        self.assertEqual(outcome, "A", result)
        self.assertFalse([name for name in result if name.startswith("bo_supplier")])
        outcome, result = self.rpc("agent", "res.partner", "get_views", [[False, "form"]])
        self.assertEqual(outcome, "A", result)
        self.assertNotIn("bo_supplier", result["views"]["form"]["arch"])
        for model in ("bo.supplier.document", "bo.supplier.candidate.import"):
            outcome, result = self.rpc("agent", model, "search_read", [], ["name"])
            self.assertEqual(outcome, "R", f"{model}: {result}")
        # The menu of the register is not there for the agent.
        menu = self.env.ref("bo_sales.bo_suppliers_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, Menu.with_user(self.users["agent"])._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(self.users["clerk"])._visible_menu_ids())
        # The clerk reads it through the same route, and creates a candidate.
        result, error = self.web_call("clerk", "res.partner", "web_read", supplier.ids, spec)
        self.assertIsNone(error)
        self.assertEqual(result[0]["bo_supplier_state"], "qualified")
        outcome, result = self.rpc(
            "clerk",
            "res.partner",
            "create",
            {"name": "Nuovo Candidato RPC S.r.l.", "bo_supplier_state": "qualified"},
        )
        self.assertEqual(outcome, "R", result)
        self.assertIn("only through the buttons", result)

    def test_supplier_audit_over_rpc(self):
        """The moves made over RPC leave who and why in the chatter."""
        supplier = self._supplier("qualified")
        outcome, wizard_id = self.rpc(
            "clerk",
            "bo.supplier.state.wizard",
            "create",
            {
                "partner_ids": [Command.set(supplier.ids)],
                "state": "suspended",
                "reason": "DURC irregolare",
            },
        )
        self.assertEqual(outcome, "A", wizard_id)
        outcome, result = self.rpc("clerk", "bo.supplier.state.wizard", "action_apply", [wizard_id])
        self.assertEqual(outcome, "A", result)
        self.assertEqual(supplier.bo_supplier_state, "suspended")
        message = supplier.message_ids[0]
        self.assertEqual(message.author_id, self.users["clerk"].partner_id)
        self.assertIn("DURC irregolare", message.body)
        self.assertEqual(message.sudo().tracking_value_ids.new_value_char, "Suspended")
        # A suspension without reason is refused, as in the form.
        outcome, result = self.rpc(
            "clerk",
            "bo.supplier.state.wizard",
            "create",
            {"partner_ids": [Command.set(supplier.ids)], "state": "rejected", "reason": " "},
        )
        self.assertEqual(outcome, "A", result)
        outcome, result = self.rpc("clerk", "bo.supplier.state.wizard", "action_apply", [result])
        self.assertEqual(outcome, "U", result)
        self.assertEqual(supplier.bo_supplier_state, "suspended")

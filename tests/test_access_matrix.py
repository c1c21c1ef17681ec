# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The access matrix of the suite, written down as data and checked for real.

``MATRIX`` says, for every model the three addons define (wizards included),
what each kind of user may do with it. The tests compare it with the rights
Odoo computes (``has_access``) and with real operations (read, write, create,
unlink as that user), then check the record rules: agents see their own
customers' records, users of another company see none of this company's. A
change to an ``ir.model.access.csv`` or a new model missing from the table
fails here: update the table on purpose, together with the CSV.
"""

import base64
from contextlib import closing
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.bo_sales.tools.check_engine import as_engine

SUITE = ("bo_sales", "bo_logistics", "bo_reporting")

#: The kinds of users of the matrix, one column each (see ``_make_users``):
#: an agent with a login, a back-office clerk, a back-office manager, a
#: salesperson and a warehouse user outside the back office, an employee with
#: no other right, a portal customer.
PERSONAS = ("agent", "user", "manager", "salesman", "stock", "employee", "portal")
OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}

# fmt: off
#: model -> rights per persona (columns in PERSONAS order: "sales" is the
#: salesman, "empl." the employee), "r" read, "w" write, "c" create, "d" delete.
#: A back-office user of another company has the rights of "user" on the
#: model and sees none of this company's records (COMPANY_PATH).
MATRIX = {
    #                                 agent   user    manager sales   stock   empl.   portal
    # bo_sales: order intake and checks
    "bo.order.import":               ("rwcd", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.order.import.issue":         ("rwcd", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.check.rule":                 ("r---", "r---", "rwcd", "r---", "r---", "r---", "----"),
    "bo.check.finding":              ("r---", "r---", "r---", "r---", "----", "----", "----"),
    "bo.check.override.wizard":      ("----", "----", "rwcd", "----", "----", "----", "----"),
    "bo.partner.issue":              ("r---", "r---", "rwcd", "r---", "r---", "r---", "----"),
    # bo_sales: agents and agenda
    "bo.visit.class":                ("r---", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.agenda.dispatch":            ("----", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.agent.assign.wizard":        ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.visit.planner.wizard":       ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.visit.planner.line":         ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    # bo_sales: after-sales, offers, payments
    "bo.claim":                      ("r-c-", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.claim.sla":                  ("r---", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.customer.agreement":         ("r---", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.customer.agreement.line":    ("r---", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.offer.campaign":             ("----", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.offer.campaign.line":        ("----", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.payment.reminder":           ("----", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.payment.reminder.line":      ("----", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.payment.reminder.plan":      ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    # bo_sales: supplier ratings (written by the rating run only) and offers
    "bo.supplier.rating":            ("----", "r---", "r---", "----", "----", "----", "----"),
    "bo.supplier.rating.wizard":     ("----", "----", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.comparison":        ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.comparison.line":   ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    # bo_sales: supplier register (agents see nothing of it)
    "bo.supplier.document.type":     ("----", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.document":          ("----", "rwc-", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.state.wizard":      ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.candidate.import":  ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.supplier.candidate.import.line": (
                                      "----", "rwcd", "rwcd", "----", "----", "----", "----"),
    # bo_logistics
    "bo.carrier.service":            ("r---", "r---", "rwcd", "r---", "r---", "r---", "----"),
    "bo.carrier.transit":            ("r---", "r---", "rwcd", "r---", "r---", "r---", "----"),
    "bo.pickup.manifest":            ("----", "rwc-", "rwcd", "----", "r---", "----", "----"),
    "bo.transport.document":         ("r---", "rwc-", "rwcd", "----", "r---", "----", "----"),
    "bo.transport.document.line":    ("r---", "rwcd", "rwcd", "----", "r---", "----", "----"),
    "bo.courier.choice.wizard":      ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.courier.choice.wizard.line": ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    "bo.tracking.import.wizard":     ("----", "rwcd", "rwcd", "----", "----", "----", "----"),
    # bo_reporting
    "bo.periodic.report":            ("----", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.periodic.report.run":        ("----", "r---", "rwcd", "----", "----", "----", "----"),
    "bo.sales.target":               ("----", "r---", "rwcd", "----", "----", "----", "----"),
}

#: Rights the suite's CSVs add on Odoo's own models: (model, group) -> rights.
CORE_GRANTS = {
    ("resource.calendar.leaves", "bo_sales.bo_sales_group_user"): "rwcd",
    ("resource.calendar", "bo_sales.bo_sales_group_agent"): "r---",
}

#: Models whose records belong to a company, and the field path to it: each
#: has a multi-company record rule, and another company's users see nothing.
COMPANY_PATH = {
    "bo.order.import": "company_id",
    "bo.order.import.issue": "import_id.company_id",
    "bo.check.rule": "company_id",
    "bo.check.finding": "company_id",
    "bo.claim": "company_id",
    "bo.claim.sla": "company_id",
    "bo.customer.agreement": "company_id",
    "bo.customer.agreement.line": "agreement_id.company_id",
    "bo.offer.campaign": "company_id",
    "bo.offer.campaign.line": "campaign_id.company_id",
    "bo.payment.reminder": "company_id",
    "bo.payment.reminder.line": "reminder_id.company_id",
    "bo.supplier.rating": "company_id",
    "bo.supplier.comparison": "company_id",
    "bo.supplier.comparison.line": "comparison_id.company_id",
    "bo.supplier.document.type": "company_id",
    "bo.supplier.document": "company_id",
    "bo.supplier.candidate.import": "company_id",
    "bo.supplier.candidate.import.line": "company_id",
    "bo.carrier.service": "company_id",
    "bo.carrier.transit": "company_id",
    "bo.pickup.manifest": "company_id",
    "bo.transport.document": "company_id",
    "bo.transport.document.line": "company_id",
    "bo.periodic.report": "company_id",
    "bo.periodic.report.run": "company_id",
    "bo.sales.target": "company_id",
}

#: Models an agent reads only for their own customers (or own imports).
AGENT_OWN = (
    "bo.order.import",
    "bo.order.import.issue",
    "bo.check.finding",
    "bo.claim",
    "bo.customer.agreement",
    "bo.customer.agreement.line",
    "bo.transport.document",
    "bo.transport.document.line",
)

#: A harmless change per model, for the write check (its fields are read too).
WRITES = {
    "bo.order.import": {"import_valid_only": True},
    "bo.order.import.issue": {"message": "Checked again"},
    "bo.check.rule": {"description": "Reviewed"},
    "bo.check.finding": {"message_text": "Reviewed"},
    "bo.check.override.wizard": {"reason": "Agreed by phone"},
    "bo.partner.issue": {"color": 3},
    "bo.visit.class": {"description": "Reviewed"},
    "bo.agenda.dispatch": {"week_start": date(2026, 3, 2)},
    "bo.agent.assign.wizard": {"overwrite": True},
    "bo.visit.planner.wizard": {"max_per_day": 3},
    "bo.visit.planner.line": {"due_date": date(2026, 1, 2)},
    "bo.claim": {"ddt_reference": "DDT/2026/7"},
    "bo.claim.sla": {"days": 9},
    "bo.customer.agreement": {"name": "Renewed"},
    "bo.customer.agreement.line": {"discount": 7.0},
    "bo.offer.campaign": {"discount": 7.0},
    "bo.offer.campaign.line": {"failure_reason": "Bounced"},
    "bo.payment.reminder": {"date": date(2026, 2, 2)},
    "bo.payment.reminder.line": {"level": "3"},
    "bo.payment.reminder.plan": {"level": "3"},
    "bo.supplier.rating": {"complaint_count": 1},
    "bo.supplier.rating.wizard": {"quarter": "2"},
    "bo.supplier.comparison": {"all_suppliers": True},
    "bo.supplier.comparison.line": {"city": "Modena"},
    "bo.supplier.document.type": {"reminder_days": 20},
    "bo.supplier.document": {"number": "INPS_2"},
    "bo.supplier.state.wizard": {"reason": "Checked again"},
    "bo.supplier.candidate.import": {"file_name": "fornitori-2.csv"},
    "bo.supplier.candidate.import.line": {"message": "Checked again"},
    "bo.carrier.service": {"surcharge": 2.0},
    "bo.carrier.transit": {"transit_days": 4},
    "bo.pickup.manifest": {"date": date(2026, 2, 2)},
    "bo.transport.document": {"note": "Fragile"},
    "bo.transport.document.line": {"name": "Boxes of screws"},
    "bo.courier.choice.wizard": {"picking_id": None},  # set to the same shipment
    "bo.courier.choice.wizard.line": {"price": 11.0},
    "bo.tracking.import.wizard": {"filename": "tracking-2.csv"},
    "bo.periodic.report": {"sequence": 4},
    "bo.periodic.report.run": {"error": "Retried"},
    "bo.sales.target": {"amount": 2000.0},
}
# fmt: on


@tagged("post_install", "-at_install")
class TestAccessMatrix(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_mail_to_attendees=True,
            )
        )
        cls.other_company = cls.env["res.company"].create({"name": "Access Matrix Other S.p.A."})
        Partner = cls.env["res.partner"]
        cls.agent_partner, cls.other_agent_partner = Partner.create(
            [
                {"name": "Matrix Agent", "bo_is_agent": True},
                {"name": "Other Agent", "bo_is_agent": True},
            ]
        )
        cls.users = cls._make_users()
        cls.customer, cls.other_customer, cls.recipient = Partner.create(
            [
                {
                    "name": "Agent's Customer",
                    "is_company": True,
                    "bo_agent_id": cls.agent_partner.id,
                },
                {
                    "name": "Other Agent's Customer",
                    "is_company": True,
                    "bo_agent_id": cls.other_agent_partner.id,
                },
                {"name": "Campaign Recipient", "is_company": True},
            ]
        )
        Product = cls.env["product.product"]
        cls.product, cls.product_2 = Product.create(
            [{"name": "Matrix Drill", "type": "consu"}, {"name": "Matrix Saw", "type": "consu"}]
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Matrix Courier",
                "company_id": cls.company.id,
                "product_id": Product.create({"name": "Matrix Shipping", "type": "service"}).id,
            }
        )
        # NOTE: the shipped service levels hold one row per kind and company.
        cls.env["bo.claim.sla"].search([("company_id", "=", cls.company.id)]).unlink()
        # The agent's customer's order is the salesperson's; the other
        # customer's order is the clerk's.
        cls.sides = {
            "own": cls._make_side(cls.customer, cls.users["agent"], cls.users["salesman"]),
            "foreign": cls._make_side(cls.other_customer, cls.users["user"], cls.users["user"]),
        }
        cls.records = {"own": {}, "foreign": {}}
        for side in cls.records:
            for model in MATRIX:
                cls._record(model, side)

    @classmethod
    def _make_users(cls):
        def user(login, groups, **values):
            return new_test_user(cls.env, login=login, groups=groups, **values)

        back_office = "base.group_user,bo_sales.bo_sales_group_"
        return {
            "agent": user("matrix_agent", back_office + "agent", partner_id=cls.agent_partner.id),
            "user": user("matrix_user", back_office + "user"),
            "manager": user("matrix_manager", back_office + "manager"),
            "salesman": user("matrix_salesman", "base.group_user,sales_team.group_sale_salesman"),
            "stock": user("matrix_stock", "base.group_user,stock.group_stock_user"),
            "employee": user("matrix_employee", "base.group_user"),
            "portal": user("matrix_portal", "base.group_portal"),
            "other_company": user(
                "matrix_other_company",
                back_office + "user",
                company_id=cls.other_company.id,
                company_ids=[Command.set(cls.other_company.ids)],
            ),
        }

    @classmethod
    def _make_side(cls, customer, owner, salesperson):
        """Documents of one customer that the records of a side point to."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": salesperson.id,
                "order_line": [Command.create({"product_id": cls.product.id})],
            }
        )
        shipped = order.copy()
        shipped.action_confirm()
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": cls.product.id, "price_unit": 10.0})
                ],
            }
        )
        return {
            "name": customer.name,
            "customer": customer,
            "owner": owner,
            "order": order,
            "picking": shipped.picking_ids[:1],
            "invoice": invoice,
        }

    # ------------------------------------------------------------------
    # Records of each model: one per side, created as superuser
    # ------------------------------------------------------------------

    @classmethod
    def _record(cls, model, side):
        if model not in cls.records[side]:
            Model = cls.env[model]
            if model == "bo.check.finding":
                # findings are written by the check engine only (issue 16)
                Model = as_engine(Model)
            cls.records[side][model] = Model.create(cls._vals(model, side))
        return cls.records[side][model]

    @classmethod
    def _vals(cls, model, side, variant=0):
        """Values of a record of ``model`` for ``side``; ``variant`` 1 gives a
        second record that unique keys accept next to the first one."""
        s = cls.sides[side]
        company = cls.company.id
        day = date(2026, 1, 5) + timedelta(weeks=variant)
        tag = f"{side}-{variant}"
        values = {
            "bo.order.import": lambda: {
                "company_id": company,
                "user_id": s["owner"].id,
                "file_name": f"orders-{tag}.csv",
            },
            "bo.order.import.issue": lambda: {
                "import_id": cls._record("bo.order.import", side).id,
                "row": 2 + variant,
                "message": "The quantity is missing.",
            },
            "bo.check.rule": lambda: {
                "name": f"No reference {tag}",
                "company_id": company,
                "domain": "[('client_order_ref', '=', False)]",
            },
            "bo.check.finding": lambda: {
                "rule_id": cls._record("bo.check.rule", side).id,
                "order_id": s["order"].id,
                "severity": "blocking",
                "message": f"No reference {tag}",
                "company_id": company,
            },
            "bo.check.override.wizard": lambda: {
                "order_ids": [Command.set(s["order"].ids)],
                "reason": "The customer confirmed by phone.",
            },
            "bo.partner.issue": lambda: {"name": f"Problem {tag}", "code": f"matrix_{tag}"},
            "bo.visit.class": lambda: {"name": f"Class {tag}", "visit_frequency_days": 30},
            "bo.agenda.dispatch": lambda: {
                "agent_id": s["customer"].bo_agent_id.id,
                "week_start": day,
            },
            "bo.agent.assign.wizard": lambda: {"customer_ids": [Command.set(s["customer"].ids)]},
            "bo.visit.planner.wizard": lambda: {
                "agent_ids": [Command.set(s["customer"].bo_agent_id.ids)]
            },
            "bo.visit.planner.line": lambda: {
                "wizard_id": cls._record("bo.visit.planner.wizard", side).id,
                "agent_id": s["customer"].bo_agent_id.id,
                "customer_id": s["customer"].id,
                "start": datetime.combine(day, datetime.min.time()) + timedelta(hours=9),
                "stop": datetime.combine(day, datetime.min.time()) + timedelta(hours=10),
            },
            "bo.claim": lambda: {
                "subject": f"Broken box {tag}",
                "partner_id": s["customer"].id,
                "company_id": company,
            },
            "bo.claim.sla": lambda: {
                "kind": ("damaged", "late")[variant]
                if side == "own"
                else ("missing", "quality")[variant],
                "company_id": company,
            },
            "bo.customer.agreement": lambda: {
                "name": f"Agreement {tag}",
                "partner_id": s["customer"].id,
                "company_id": company,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
            },
            "bo.customer.agreement.line": lambda: {
                "agreement_id": cls._record("bo.customer.agreement", side).id,
                "product_id": (cls.product, cls.product_2)[variant].id,
                "discount": 5.0,
            },
            "bo.offer.campaign": lambda: {
                "name": f"Spring offer {tag}",
                "company_id": company,
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 3, 31),
            },
            "bo.offer.campaign.line": lambda: {
                "campaign_id": cls._record("bo.offer.campaign", side).id,
                "partner_id": (s["customer"], cls.recipient)[variant].id,
            },
            "bo.payment.reminder": lambda: {
                "partner_id": s["customer"].id,
                "level": "1",
                "company_id": company,
            },
            "bo.payment.reminder.line": lambda: {
                "reminder_id": cls._record("bo.payment.reminder", side).id,
                "move_id": s["invoice"].id,
                "level": ("1", "2")[variant],
            },
            "bo.payment.reminder.plan": lambda: {
                "partner_id": s["customer"].id,
                "level": "1",
                "move_ids": [Command.set(s["invoice"].ids)],
            },
            "bo.supplier.rating": lambda: {
                "partner_id": s["customer"].id,
                "company_id": company,
                "period_start": date(2026, 1 + 3 * variant, 1),
                "period_end": (date(2026, 3, 31), date(2026, 6, 30))[variant],
                "rating": "B",
            },
            "bo.supplier.rating.wizard": lambda: {"year": 2026, "quarter": str(1 + variant)},
            "bo.supplier.comparison": lambda: {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "company_id": company,
            },
            "bo.supplier.comparison.line": lambda: {
                "comparison_id": cls._record("bo.supplier.comparison", side).id,
                "partner_id": s["customer"].id,
                "city": f"Bologna {tag}",
            },
            "bo.supplier.document.type": lambda: {
                "name": f"Certificate {tag}",
                "code": f"CERT-{tag}",
                "company_id": company,
            },
            "bo.supplier.document": lambda: {
                "partner_id": s["customer"].id,
                # a shipped type: the type of the matrix is deleted in its own test
                "document_type_id": cls.env.ref("bo_sales.bo_supplier_document_type_other").id,
                "number": f"INPS {tag}",
                "company_id": company,
            },
            "bo.supplier.state.wizard": lambda: {
                "partner_ids": [Command.set(s["customer"].ids)],
                "state": "suspended",
                "reason": "Late deliveries",
            },
            "bo.supplier.candidate.import": lambda: {
                "company_id": company,
                "file_name": f"fornitori-{tag}.csv",
            },
            "bo.supplier.candidate.import.line": lambda: {
                "import_id": cls._record("bo.supplier.candidate.import", side).id,
                "row": 2 + variant,
                "name": f"Fornitore {tag} S.r.l.",
            },
            "bo.carrier.service": lambda: {
                "carrier_id": cls.carrier.id,
                "code": f"EXP-{tag}",
                "name": "Express",
            },
            "bo.carrier.transit": lambda: {
                "carrier_id": cls.carrier.id,
                "country_id": cls.env.ref("base.it").id,
                "transit_days": 2,
            },
            "bo.pickup.manifest": lambda: {"carrier_id": cls.carrier.id, "company_id": company},
            "bo.transport.document": lambda: {
                "company_id": company,
                "partner_id": s["customer"].id,
                "transport_by": "sender",
            },
            "bo.transport.document.line": lambda: {
                "document_id": cls._record("bo.transport.document", side).id,
                "product_id": cls.product.id,
                "name": f"Drills {tag}",
                "quantity": 2.0,
                "uom_id": cls.product.uom_id.id,
            },
            "bo.courier.choice.wizard": lambda: {"picking_id": s["picking"].id},
            "bo.courier.choice.wizard.line": lambda: {
                "wizard_id": cls._record("bo.courier.choice.wizard", side).id,
                "carrier_id": cls.carrier.id,
                "price": 10.0,
            },
            "bo.tracking.import.wizard": lambda: {
                "file": base64.b64encode(b"BRT001;consegnato;2026-01-05\n"),
                "filename": f"tracking-{tag}.csv",
            },
            "bo.periodic.report": lambda: {"name": f"Monthly sales {tag}", "company_id": company},
            "bo.periodic.report.run": lambda: {
                "report_id": cls._record("bo.periodic.report", side).id,
                "period_start": date(2026, 1 + variant, 1),
                "period_end": date(2026, 1 + variant, 28),
            },
            "bo.sales.target": lambda: {
                "agent_id": s["customer"].bo_agent_id.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 12, 31),
                "amount": 1000.0,
                "company_id": company,
            },
        }
        return values[model]()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _allowed(self, operation):
        """Run ``operation`` and roll it back: whether no AccessError was raised.

        Any other error (a business rule refusing the test data) fails the test.
        """
        with closing(self.env.cr.savepoint()):
            try:
                operation()
                self.env.flush_all()
            except AccessError:
                return False
        return True

    def _writes(self, model, record):
        values = dict(WRITES[model])
        if "picking_id" in values:
            values["picking_id"] = record.picking_id.id
        return values

    @staticmethod
    def _expected(model, persona):
        column = "user" if persona == "other_company" else persona
        rights = MATRIX[model][PERSONAS.index(column)]
        return {OPERATIONS[letter] for letter in rights if letter != "-"}

    # ------------------------------------------------------------------
    # The table is complete and matches the access rights
    # ------------------------------------------------------------------

    def test_every_model_of_the_suite_is_in_the_matrix(self):
        models = {
            name
            for name, model in self.env.registry.items()
            if model._original_module in SUITE and not model._abstract
        }
        self.assertEqual(
            set(MATRIX) ^ models,
            set(),
            "models missing from MATRIX (or removed from the suite): give each new model "
            "its rights per group here and in security/ir.model.access.csv",
        )
        for name in models:
            if "company_id" in self.env[name]._fields:
                self.assertEqual(COMPANY_PATH.get(name), "company_id", name)
            if name in COMPANY_PATH:
                record = self.records["own"][name]
                self.assertEqual(record.mapped(COMPANY_PATH[name]), self.company, name)

    def test_rights_per_group_as_in_the_matrix(self):
        for model in MATRIX:
            for persona, user in self.users.items():
                with self.subTest(model=model, persona=persona):
                    allowed = {
                        operation
                        for operation in OPERATIONS.values()
                        if self.env[model].with_user(user).has_access(operation)
                    }
                    self.assertEqual(allowed, self._expected(model, persona))

    def test_rights_on_odoo_models_granted_by_the_suite(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model.access"), ("module", "in", SUITE)]
        )
        accesses = self.env["ir.model.access"].browse(data.mapped("res_id"))
        self.assertFalse(
            accesses.filtered(lambda a: not a.group_id),
            "an access right without group is given to every user, portal included",
        )
        group_ids = accesses.group_id.get_external_id()
        granted = {
            (access.model_id.model, group_ids[access.group_id.id]): "".join(
                letter if access[f"perm_{operation}"] else "-"
                for letter, operation in OPERATIONS.items()
            )
            for access in accesses
            if access.model_id.model not in MATRIX
        }
        self.assertEqual(granted, CORE_GRANTS)

    def test_operations_as_each_user(self):
        """Read, write, create and unlink for real, as each user, on records of
        the agent's own customer: allowed exactly where the matrix says so."""
        for model in MATRIX:
            record = self.records["own"][model]
            create_vals = self._vals(model, "own", variant=1)
            write_vals = self._writes(model, record)
            for persona in PERSONAS:
                user = self.users[persona]
                as_user = record.with_user(user)
                operations = {
                    "read": lambda r=as_user, v=write_vals: r.read(list(v)),
                    "write": lambda r=as_user, v=write_vals: r.write(v),
                    "create": lambda u=user, m=model, v=create_vals: (
                        self.env[m].with_user(u).create(v)
                    ),
                    "unlink": lambda r=as_user: r.unlink(),
                }
                for operation, run in operations.items():
                    with self.subTest(model=model, persona=persona, operation=operation):
                        self.assertEqual(
                            self._allowed(run),
                            operation in self._expected(model, persona),
                        )

    # ------------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------------

    def test_agent_reads_own_customers_records_only(self):
        agent = self.users["agent"]
        for model in AGENT_OWN:
            own, foreign = self.records["own"][model], self.records["foreign"][model]
            with self.subTest(model=model):
                found = self.env[model].with_user(agent).search([("id", "in", (own | foreign).ids)])
                self.assertEqual(found, own)
                self.assertFalse(foreign.with_user(agent).has_access("read"))
                with self.assertRaises(AccessError):
                    foreign.with_user(agent).read(list(WRITES[model]))
                # The clerk sees both.
                self.assertEqual(
                    self.env[model]
                    .with_user(self.users["user"])
                    .search_count([("id", "in", (own | foreign).ids)]),
                    2,
                )
        # A salesperson outside the back office: the findings of their orders.
        Finding = self.env["bo.check.finding"].with_user(self.users["salesman"])
        own, foreign = (self.records[side]["bo.check.finding"] for side in ("own", "foreign"))
        self.assertEqual(Finding.search([("id", "in", (own | foreign).ids)]), own)
        # Configuration the agent reads is not tied to customers.
        for model in ("bo.check.rule", "bo.claim.sla", "bo.visit.class", "bo.carrier.service"):
            with self.subTest(model=model):
                self.assertTrue(self.records["foreign"][model].with_user(agent).has_access("read"))

    def test_every_company_model_has_a_multi_company_rule(self):
        Rule = self.env["ir.rule"]
        for model, path in COMPANY_PATH.items():
            with self.subTest(model=model):
                rules = Rule.search([("model_id.model", "=", model), ("global", "=", True)])
                self.assertTrue(
                    rules.filtered(
                        lambda r, p=path: "company_ids" in r.domain_force
                        and p.split(".")[0] in r.domain_force
                    ),
                    f"{model} needs a global rule on {path} in company_ids",
                )

    def test_other_company_sees_none_of_this_companys_records(self):
        stranger = self.users["other_company"]
        for model in COMPANY_PATH:
            record = self.records["own"][model]
            with self.subTest(model=model):
                # The same rights on the model as a clerk of this company ...
                self.assertTrue(self.env[model].with_user(stranger).has_access("read"))
                self.assertTrue(record.with_user(self.users["user"]).has_access("read"))
                # ... and no record of this company.
                self.assertFalse(
                    self.env[model].with_user(stranger).search([("id", "=", record.id)])
                )
                with self.assertRaises(AccessError):
                    record.with_user(stranger).read(list(WRITES[model]))
                # Nor may they change, delete or add one, where a clerk may.
                as_stranger = record.with_user(stranger)
                write_vals = self._writes(model, record)
                create_vals = self._vals(model, "own", variant=1)
                attempts = {
                    "write": lambda r=as_stranger, v=write_vals: r.write(v),
                    "create": lambda m=model, v=create_vals: (
                        self.env[m].with_user(stranger).create(v)
                    ),
                    "unlink": lambda r=as_stranger: r.unlink(),
                }
                for operation in self._expected(model, "other_company") & set(attempts):
                    self.assertFalse(self._allowed(attempts[operation]), operation)

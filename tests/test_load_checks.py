# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The post-checks of `make load` (tools/load/checks.py) can fail.

A tiny run is made in the test's transaction the way the load clients make it
(orders checked and confirmed, deliveries validated, "Create DDT" then "Validate"),
and the checks read it through the same model methods the clients call over
XML-RPC (``odoo.api.call_kw``, as Odoo's RPC service does): on the clean run they
find nothing; then the database is damaged the way a bug would (a DDT number
consumed and never issued, by the suite's sequence or by the deliveries' one of
Odoo's Italian localization, a DDT without its delivery's number, a check state
out of step with the findings, a finding on another order's line, a delivery
with no or two validated DDTs) and each check must say so.
"""

import os
import xmlrpc.client

from freezegun import freeze_time

from odoo import api as odoo_api
from odoo.tests import TransactionCase, tagged

from odoo.addons.bo_logistics.tests.common import BoLogisticsCommon
from odoo.addons.bo_sales.tools.check_engine import as_engine

from tools.load import checks
from tools.load.load import _action_record_ids, _fault_kinds


class _OrmApi:
    """What the checks use of load.Api, on the test's environment."""

    def __init__(self, env):
        self.env = env

    def call(self, model, method, *args, **kwargs):
        return odoo_api.call_kw(self.env[model], method, list(args), kwargs)

    def search_read(self, model, domain, fields, **kwargs):
        return self.call(model, "search_read", domain, fields, **kwargs)

    def read(self, model, ids, fields):
        return self.call(model, "read", ids, fields)


@tagged("post_install", "-at_install")
@freeze_time("2035-06-12 10:00:00")  # a year with no DDT yet
class TestLoadChecks(BoLogisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The checks read the suite's own DDT sequence: the deliveries are left
        # unnumbered by Odoo's Italian localization (l10n_it_stock_ddt), whose
        # number bo_logistics_it_ddt would otherwise give the DDTs.
        out_type = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .out_type_id
        )
        if "l10n_it_ddt_sequence_id" in out_type._fields:
            out_type.l10n_it_ddt_sequence_id = False
        cls.api = _OrmApi(cls.env)
        cls.result = {
            "run_tag": "LOADTEST",
            "has_checks": True,
            "has_ddt": True,
            "orders": {},
            "confirmed": set(),
            "delivered": set(),
            "ddts": {},
            "ddt_validated": set(),
        }
        for n in range(4):
            order = cls._make_order(qty=n + 1)
            order.client_order_ref = f"LOADTEST-0-{n}"
            cls.result["orders"][order.id] = order.client_order_ref
            cls.result["confirmed"].add(order.id)
            if n == 3:
                continue  # waits in the warehouse
            cls._ship(order.picking_ids)
            cls.result["delivered"].add(order.id)
            cls._make_ddts(order.picking_ids, validate=n != 2)
        # The batch of the day: the third order's DDT with a new one, in one call.
        cls.last_order = cls._make_order(qty=2)
        cls.last_order.client_order_ref = "LOADTEST-0-4"
        cls.result["orders"][cls.last_order.id] = cls.last_order.client_order_ref
        cls.result["confirmed"].add(cls.last_order.id)
        cls._ship(cls.last_order.picking_ids)
        cls.result["delivered"].add(cls.last_order.id)
        cls._make_ddts(cls.last_order.picking_ids, validate=False)
        drafts = [d for d in cls.result["ddts"] if d not in cls.result["ddt_validated"]]
        cls.api.call("bo.transport.document", "action_validate", drafts)
        cls.result["ddt_validated"].update(drafts)

    @classmethod
    def _make_ddts(cls, pickings, validate):
        action = cls.api.call("stock.picking", "action_bo_create_transport_document", pickings.ids)
        documents = _action_record_ids(action)
        for document in documents:
            cls.result["ddts"][document] = pickings.ids
        if validate:
            cls.api.call("bo.transport.document", "action_validate", documents)
            cls.result["ddt_validated"].update(documents)
        return documents

    def _problems(self, check):
        self.env.invalidate_all()
        return check(self.api, self.result)

    def test_clean_run(self):
        documents = self.env["bo.transport.document"].browse(list(self.result["ddts"]))
        self.assertEqual(set(documents.mapped("state")), {"done"})
        self.assertEqual(
            sorted(documents.mapped("name")), [f"DDT/2035/0000{n}" for n in range(1, 5)]
        )
        orders = self.env["sale.order"].browse(list(self.result["orders"]))
        self.assertTrue(orders.bo_check_finding_ids, "the checks have findings to compare")
        for check in checks.POST_CHECKS:
            self.assertEqual(self._problems(check), [], check.__name__)

    def test_number_consumed_and_not_issued_is_a_gap(self):
        sequence = self.env["bo.transport.document"]._bo_sequence(self.company)
        self.assertEqual(sequence.next_by_id(), "DDT/2035/00005")
        self.assertEqual(
            self._problems(checks.check_ddt_numbers),
            [f"company {self.company.id}, 2035: the counter is at 6, the last number issued is 4"],
        )
        order = self._make_order()
        self._ship(order.picking_ids)
        self._make_ddts(order.picking_ids, validate=True)
        self.assertEqual(
            self._problems(checks.check_ddt_numbers),
            [f"company {self.company.id}, 2035: 1 numbers missing between 1 and 6: 5"],
        )

    def test_cancelled_ddt_keeps_its_number_and_no_gap(self):
        document = self.env["bo.transport.document"].browse(max(self.result["ddts"]))
        document.action_cancel()
        self.assertEqual(self._problems(checks.check_ddt_numbers), [])
        self.assertEqual(
            self._problems(checks.check_deliveries_have_one_ddt),
            [
                f"1 validated deliveries have no validated DDT, e.g. "
                f"{self.last_order.picking_ids.id}",
                "1 DDTs validated by a client are not validated",
            ],
        )

    def test_delivery_on_two_ddts(self):
        first, second = sorted(self.result["ddt_validated"])[:2]
        self.env.cr.execute(
            "INSERT INTO bo_transport_document_picking_rel (document_id, picking_id) "
            "SELECT %s, picking_id FROM bo_transport_document_picking_rel WHERE document_id = %s",
            [second, first],
        )
        picking = self.result["ddts"][first][0]
        self.assertEqual(
            self._problems(checks.check_deliveries_have_one_ddt),
            [f"1 validated deliveries are on several validated DDTs, e.g. {picking}"],
        )

    def test_check_state_out_of_step_with_findings(self):
        order = self.env["sale.order"].browse(min(self.result["orders"]))
        self.assertEqual(self._problems(checks.check_findings_consistent), [])
        wrong = "ok" if order.bo_check_state != "ok" else "blocked"
        self.env.cr.execute(
            "UPDATE sale_order SET bo_check_state = %s WHERE id = %s", [wrong, order.id]
        )
        problems = self._problems(checks.check_findings_consistent)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn(f"e.g. order {order.id} is {wrong}, its findings say", problems[0])
        self.env.cr.execute(
            "UPDATE sale_order SET bo_check_state = 'to_check' WHERE id = %s", [order.id]
        )
        self.assertEqual(
            self._problems(checks.check_findings_consistent),
            [f"1 orders still to check, e.g. {order.id}"],
        )

    def test_finding_on_a_line_of_another_order(self):
        orders = self.env["sale.order"].browse(sorted(self.result["orders"]))
        finding = orders[0].bo_check_finding_ids[:1]
        self.assertTrue(finding)
        self.env.cr.execute(
            "UPDATE bo_check_finding SET line_id = %s WHERE id = %s",
            [orders[1].order_line[0].id, finding.id],
        )
        self.assertEqual(
            self._problems(checks.check_findings_consistent),
            [f"1 findings name a line of another order, e.g. {finding.id}"],
        )

    def test_main_rule_not_among_the_findings(self):
        order = self.env["sale.order"].browse(min(self.result["orders"]))
        other_rule = self.env["bo.check.rule"].search(
            [("id", "not in", order.bo_check_finding_ids.rule_id.ids)], limit=1
        )
        as_engine(order).with_context(bo_check_skip=True).bo_check_rule_id = other_rule
        self.assertEqual(
            self._problems(checks.check_findings_consistent),
            [
                "1 orders whose main check rule is not one of their findings', "
                f"e.g. order {order.id}"
            ],
        )


@tagged("post_install", "-at_install")
@freeze_time("2035-06-12 10:00:00")
class TestLoadChecksDeliveryNumbers(BoLogisticsCommon):
    """Where Odoo's Italian localization numbers the deliveries (the Italian
    profile, what `make load` runs on), each DDT carries its delivery's number:
    the check reads those numbers, not the suite's own sequence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        profile = os.environ.get("BO_DB_PROFILE") or "italian"
        cls.out_type = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .out_type_id
        )
        numbered = "l10n_it_ddt_sequence_id" in cls.out_type._fields
        # The plain profile has no Italian DDT numbering: the suite numbers alone.
        cls.numbered = numbered and bool(cls.out_type.l10n_it_ddt_sequence_id)
        assert cls.numbered == (profile == "italian"), (profile, numbered)
        cls.api = _OrmApi(cls.env)
        cls.result = {"has_ddt": True, "ddts": {}}
        for n in range(3):
            pickings = cls._ship(cls._make_order(qty=n + 1).picking_ids)
            action = cls.api.call(
                "stock.picking", "action_bo_create_transport_document", pickings.ids
            )
            documents = _action_record_ids(action)
            cls.api.call("bo.transport.document", "action_validate", documents)
            cls.result["ddts"].update(dict.fromkeys(documents, pickings.ids))

    def _problems(self):
        self.env.invalidate_all()
        return checks.check_ddt_numbers(self.api, self.result)

    def test_clean_run_then_hole_and_wrong_number(self):
        documents = self.env["bo.transport.document"].browse(list(self.result["ddts"]))
        self.assertEqual(self._problems(), [])
        if self.numbered:
            self.assertEqual(
                sorted(documents.mapped("name")),
                sorted(documents.picking_ids.mapped("l10n_it_ddt_number")),
            )
            sequence = self.out_type.l10n_it_ddt_sequence_id
            where = f"deliveries of {self.out_type.name}"
        else:
            self.assertEqual(sorted(documents.mapped("name"))[0], "DDT/2035/00001")
            sequence = self.env["bo.transport.document"]._bo_sequence(self.company)
            where = f"company {self.company.id}, 2035"
        # A number consumed and given to no delivery nor DDT: a hole.
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT bo_hole")
        consumed = int(sequence.next_by_id()[-5:])
        self.assertEqual(
            self._problems(),
            [
                f"{where}: the counter is at {consumed + 1}, "
                f"the last number issued is {consumed - 1}"
            ],
        )
        self.env.cr.execute("ROLLBACK TO SAVEPOINT bo_hole")
        self.assertEqual(self._problems(), [])
        # A DDT that does not carry the number it was given.
        first = documents.sorted("id")[0]
        self.env.cr.execute(
            "UPDATE bo_transport_document SET name = 'DDT/2035/99999' WHERE id = %s", [first.id]
        )
        problems = self._problems()
        if self.numbered:
            self.assertEqual(
                problems,
                ["1 DDTs do not carry their delivery's DDT number, e.g. DDT/2035/99999"],
            )
        else:
            self.assertIn(f"{where}: 99995 numbers missing between 2 and 99999", problems[0])


@tagged("post_install", "-at_install")
class TestLoadCheckHelpers(TransactionCase):
    """The pure parts: numbering, state rules and fault sorting on crafted data."""

    def test_number_problems(self):
        names = ["DDT/2035/00001", "DDT/2035/00002", "DDT/2035/00004", "DDT/2035/00004"]
        self.assertEqual(
            checks.number_problems(names, next_number=5),
            [
                "number DDT/2035/00004 given 2 times",
                "1 numbers missing between 1 and 4: 3",
            ],
        )
        self.assertEqual(
            checks.number_problems(["X/1", "Y/1"], next_number=2),
            ["two names carry the same number"],
        )
        self.assertEqual(checks.number_problems(["DDT/2035/00007"], next_number=8), [])
        self.assertEqual(checks.number_problems([], next_number=1), [])

    def test_expected_check_state(self):
        def finding(severity, overridden=False):
            return {"severity": severity, "overridden": overridden}

        cases = [
            ([], "ok"),
            ([finding("warning")], "warning"),
            ([finding("warning"), finding("blocking", True)], "overridden"),
            ([finding("blocking", True), finding("blocking")], "blocked"),
        ]
        for findings, state in cases:
            self.assertEqual(checks._expected_check_state(findings), state)

    def test_fault_kinds_and_action_ids(self):
        traceback = xmlrpc.client.Fault(
            1,
            "Traceback (most recent call last):\n...\n"
            "psycopg2.errors.SerializationFailure: could not serialize access",
        )
        self.assertEqual(_fault_kinds(traceback), {"traceback", "concurrency"})
        self.assertEqual(_fault_kinds(xmlrpc.client.Fault(2, "Select draft DDTs")), set())
        self.assertEqual(_action_record_ids({"res_id": 7, "domain": []}), [7])
        self.assertEqual(_action_record_ids({"domain": [["id", "in", [3, 4]]]}), [3, 4])

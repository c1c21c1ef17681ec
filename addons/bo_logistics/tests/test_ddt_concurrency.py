# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import lazy_property


class _TestRegistryTransaction(api.Transaction):
    """A clerk's transaction that keeps the test's registry when Odoo's
    ``retrying()`` resets it after a serialization failure.

    ``Transaction.reset()`` looks the registry up again by name, to pick up a
    registry reloaded meanwhile; under odoo-bin's test runner, which holds the
    registry lock while the tests run, that lookup waits for the end of the
    tests. No registry is reloaded during this test, so the lookup would return
    this same registry: the rest of the reset is Odoo's.
    """

    def reset(self):
        for env in self.envs:
            lazy_property.reset_all(env)
            env._cache_key.clear()
        self.clear()


@tagged("post_install", "-at_install")
class TestDdtConcurrency(TransactionCase):
    """Two clerks validate (or create) a DDT at the same moment, in two real transactions.

    This test commits on its own cursors (never on the test's cursor) and removes
    what it committed afterwards, restoring the DDT sequence.
    """

    def _superuser_env(self, cr, context=None):
        """An environment on ``cr`` bound to this test's registry: the clerks'
        threads must not look the registry up by name, since odoo-bin's test
        runner holds the registry lock while the tests run."""
        cr.transaction = _TestRegistryTransaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, context or {})

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = self._superuser_env(cr)
            company = env.ref("base.main_company")
            Document = env["bo.transport.document"]
            existing = env["ir.sequence"].search(
                [("code", "=", "bo.transport.document"), ("company_id", "=", company.id)]
            )
            state = {
                "sequence_existed": bool(existing),
                "ranges": {r.id: r.number_next for r in existing.date_range_ids},
            }
            Document._bo_sequence(company)
            partner = env["res.partner"].create(
                {"name": "Concurrency Test Customer", "company_id": company.id}
            )
            uom = env.ref("uom.product_uom_unit")
            # Dated after every existing DDT of the company, so the date-order check passes.
            last = Document.search([("company_id", "=", company.id)], order="date desc", limit=1)
            day = max(filter(None, [last.date, fields.Date.today()]))
            documents = Document.create(
                [
                    {
                        "company_id": company.id,
                        "partner_id": partner.id,
                        "date": day,
                        "transport_by": "sender",
                        "line_ids": [
                            Command.create({"name": "Goods", "quantity": 1.0, "uom_id": uom.id})
                        ],
                    }
                    for _i in range(2)
                ]
            )
            state.update(partner_id=partner.id, document_ids=documents.ids, company_id=company.id)
        return state

    def _cleanup(self, state):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM bo_transport_document WHERE id = ANY(%s)", [state["document_ids"]]
            )
            cr.execute("DELETE FROM res_partner WHERE id = %s", [state["partner_id"]])
            if state["sequence_existed"]:
                for range_id, number_next in state["ranges"].items():
                    cr.execute(
                        "UPDATE ir_sequence_date_range SET number_next = %s WHERE id = %s",
                        [number_next, range_id],
                    )
                cr.execute(
                    """DELETE FROM ir_sequence_date_range WHERE id != ALL(%s) AND sequence_id IN
                       (SELECT id FROM ir_sequence
                        WHERE code = 'bo.transport.document' AND company_id = %s)""",
                    [list(state["ranges"]) or [0], state["company_id"]],
                )
            else:
                cr.execute(
                    "DELETE FROM ir_sequence WHERE code = 'bo.transport.document' "
                    "AND company_id = %s",
                    [state["company_id"]],
                )

    def test_two_clerks_validate_at_once(self):
        state = self._setup_committed()
        try:
            barrier = threading.Barrier(2)
            errors = []

            def validate(document_id):
                try:
                    with self.registry.cursor() as cr:
                        env = self._superuser_env(cr)
                        document = env["bo.transport.document"].browse(document_id)
                        barrier.wait(timeout=30)
                        retrying(document.action_validate, env)
                        # Keep the transaction open a moment: the other clerk must wait for it.
                        time.sleep(0.5)
                # pylint: disable=broad-exception-caught
                except Exception as error:
                    errors.append(error)

            threads = [
                threading.Thread(target=validate, args=(doc_id,))
                for doc_id in state["document_ids"]
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            self.assertFalse(errors)
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT name, state FROM bo_transport_document "
                    "WHERE id = ANY(%s) ORDER BY name",
                    [state["document_ids"]],
                )
                rows = cr.fetchall()
            self.assertEqual([row[1] for row in rows], ["done", "done"])
            names = [row[0] for row in rows]
            self.assertEqual(len(set(names)), 2, names)
            prefixes = {name.rsplit("/", 1)[0] for name in names}
            self.assertEqual(len(prefixes), 1, names)
            numbers = sorted(int(name.rsplit("/", 1)[1]) for name in names)
            self.assertEqual(numbers[1], numbers[0] + 1, names)
        finally:
            self._cleanup(state)

    def test_counters_locked_in_one_order(self):
        """A validation takes the counters of its companies lowest id first, whatever
        the order of its documents: while another transaction holds the higher one,
        it waits there already holding the lower one (never the other way round,
        which lets two batches of the same companies deadlock)."""
        with self.registry.cursor() as cr:
            env = self._superuser_env(cr)
            low, high = env["ir.sequence"].create(
                [{"name": f"Lock order test {n}", "implementation": "no_gap"} for n in range(2)]
            )
        locked = {}
        try:
            with self.registry.cursor() as holder:
                holder.execute("UPDATE ir_sequence SET write_date = now() WHERE id = %s", [high.id])

                def validate():
                    with self.registry.cursor() as cr:
                        cr.execute("SET LOCAL lock_timeout = '30s'")
                        env = self._superuser_env(cr)
                        sequences = env["ir.sequence"].browse([high.id, low.id])
                        env["bo.transport.document"]._bo_lock_sequences(sequences)
                        cr.rollback()

                thread = threading.Thread(target=validate)
                thread.start()
                for _i in range(100):
                    try:
                        with self.registry.cursor() as probe:
                            probe.execute(
                                "SELECT 1 FROM ir_sequence WHERE id = %s FOR UPDATE NOWAIT",
                                [low.id],
                                log_exceptions=False,
                            )
                    except errors.LockNotAvailable:
                        locked["low"] = True
                        break
                    time.sleep(0.1)
                locked["thread_waits"] = thread.is_alive()
                holder.rollback()
            thread.join(timeout=60)
            self.assertFalse(thread.is_alive())
            self.assertEqual(locked, {"low": True, "thread_waits": True})
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM ir_sequence WHERE id = ANY(%s)", [[low.id, high.id]])

    def test_two_clerks_create_ddt_for_one_transfer(self):
        """Two clerks make a DDT of the same transfer at once: the later one waits for
        the first, fails with a serialization error (Odoo retries it), and its retry is
        refused: the transfer is on one live DDT."""
        with self.registry.cursor() as cr:
            env = self._superuser_env(cr, {"tracking_disable": True})
            company = env.ref("base.main_company")
            partner = env["res.partner"].create(
                {"name": "Concurrency Test Consignee", "company_id": company.id}
            )
            picking = env["stock.picking"].create(
                {
                    "partner_id": partner.id,
                    "picking_type_id": env.ref("stock.picking_type_out").id,
                    "company_id": company.id,
                }
            )
            picking_id, partner_id = picking.id, partner.id
        barrier = threading.Barrier(2)
        outcomes = []

        def create_ddt():
            try:
                with self.registry.cursor() as cr:
                    cr.execute("SET LOCAL lock_timeout = '30s'")
                    # Both snapshots are taken (first query) before either clerk commits.
                    cr.execute("SELECT id FROM stock_picking WHERE id = %s", [picking_id])
                    env = self._superuser_env(cr)
                    picking = env["stock.picking"].browse(picking_id)
                    barrier.wait(timeout=30)
                    picking.action_bo_create_transport_document()
                    # Keep the transaction open a moment: the other clerk must wait for it.
                    time.sleep(0.5)
                outcomes.append("created")
            # pylint: disable=broad-exception-caught
            except Exception as error:
                outcomes.append(error)

        try:
            threads = [threading.Thread(target=create_ddt) for _i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            self.assertFalse(any(thread.is_alive() for thread in threads))
            created = [outcome for outcome in outcomes if outcome == "created"]
            failed = [outcome for outcome in outcomes if outcome != "created"]
            self.assertEqual(len(created), 1, outcomes)
            self.assertEqual(len(failed), 1, outcomes)
            self.assertIsInstance(
                failed[0], (errors.SerializationFailure, errors.LockNotAvailable), outcomes
            )
            # Odoo's retry: the same request again, in a fresh transaction.
            with self.registry.cursor() as cr:
                env = self._superuser_env(cr)
                with self.assertRaisesRegex(UserError, "already have a DDT"):
                    env["stock.picking"].browse(picking_id).action_bo_create_transport_document()
                cr.rollback()
            with self.registry.cursor() as cr:
                cr.execute(
                    """SELECT count(*) FROM bo_transport_document_picking_rel rel
                       JOIN bo_transport_document doc ON doc.id = rel.document_id
                       WHERE rel.picking_id = %s AND doc.state != 'cancel'""",
                    [picking_id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                env = self._superuser_env(cr)
                picking = env["stock.picking"].browse(picking_id)
                picking.bo_transport_document_ids.unlink()
                picking.unlink()
                env["res.partner"].browse(partner_id).unlink()

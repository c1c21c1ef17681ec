# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDdtConcurrency(TransactionCase):
    """Two clerks validate a DDT at the same moment, in two real transactions.

    This test commits on its own cursors (never on the test's cursor) and removes
    what it committed afterwards, restoring the DDT sequence.
    """

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
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
                        env = api.Environment(cr, SUPERUSER_ID, {})
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
            env = api.Environment(cr, SUPERUSER_ID, {})
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
                        env = api.Environment(cr, SUPERUSER_ID, {})
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

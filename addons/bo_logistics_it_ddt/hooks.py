# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Validated DDTs of one numbered transfer take the transfer's number.

    Before this addon, such a DDT had a number of the suite's sequence while the
    transfer had Odoo's, the one the e-invoices cite: the DDT takes the transfer's
    number and date, its former number is kept in its chatter. Cancelled DDTs and
    DDTs covering several numbered transfers keep theirs (the latter are logged).
    """
    Document = env["bo.transport.document"]
    documents = Document.search([("state", "=", "done")])._bo_it_numbered()
    changes = []
    for document in documents:
        numbers = set(document.picking_ids.mapped("l10n_it_ddt_number"))
        if len(numbers) != 1 or not all(numbers):
            _logger.warning(
                "DDT %s covers transfers with several DDT numbers %s: left as it is",
                document.name,
                sorted(n or "-" for n in numbers),
            )
            continue
        number = numbers.pop()
        if number != document.name:
            shipped = min(document.picking_ids.mapped("date_done"))
            changes.append((document, document.name, number, shipped.date()))
    if not changes:
        return
    # SQL: a validated DDT refuses any change through the ORM, by design.
    env.cr.execute(
        SQL(
            """UPDATE bo_transport_document doc SET name = new.name, date = new.date
                 FROM unnest(%s::int[], %s::varchar[], %s::date[]) AS new(id, name, date)
                WHERE doc.id = new.id""",
            [document.id for document, *_rest in changes],
            [number for _document, _old, number, _day in changes],
            [day for *_rest, day in changes],
        )
    )
    Document.browse([document.id for document, *_rest in changes]).invalidate_recordset(
        ["name", "date"]
    )
    for document, old, number, _day in changes:
        document.message_post(
            body=env._(
                "DDT number aligned with the transfer's: %(old)s became %(new)s.",
                old=old,
                new=number,
            )
        )
    _logger.info("%s DDTs took their transfer's DDT number", len(changes))

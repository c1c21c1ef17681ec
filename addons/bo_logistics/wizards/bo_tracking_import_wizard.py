# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import tracking_csv

# The error dialog lists this many problems of a refused file.
MESSAGE_PROBLEM_LIMIT = 20


class BoTrackingImportWizard(models.TransientModel):
    """Courier tracking file upload: all rows apply, or none when any row is wrong."""

    _name = "bo.tracking.import.wizard"
    _description = "Tracking Import"

    file = fields.Binary(string="Tracking File", required=True)
    filename = fields.Char()
    updated_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        rows, errors = self._bo_parse()
        messages = []
        labels = {
            "columns": self.env._("expected tracking number, status, date"),
            "long": self.env._("value too long"),
            "status": self.env._("unknown status"),
            "date": self.env._("unreadable date"),
        }
        for number, kind, value in errors:
            messages.append(
                self.env._(
                    "Line %(line)s: %(problem)s (%(value)s)",
                    line=number,
                    problem=labels[kind],
                    value=value,
                )
            )
        refs = {row[1] for row in rows}
        pickings = self.env["stock.picking"].search(
            [("carrier_tracking_ref", "in", list(refs)), ("picking_type_code", "=", "outgoing")]
        )
        by_ref = {p.carrier_tracking_ref: p for p in pickings}
        for number, ref, _state, _when in rows:
            if ref not in by_ref:
                messages.append(
                    self.env._(
                        "Line %(line)s: unknown tracking number %(ref)s", line=number, ref=ref
                    )
                )
        if messages:
            if len(messages) > MESSAGE_PROBLEM_LIMIT:
                messages[MESSAGE_PROBLEM_LIMIT:] = [
                    self.env._(
                        "... and %(count)s more problems.",
                        count=len(messages) - MESSAGE_PROBLEM_LIMIT,
                    )
                ]
            raise UserError(
                self.env._(
                    "Nothing was imported. Fix the file and import it again:\n%(rows)s",
                    rows="\n".join(messages),
                )
            )
        if not rows:
            raise UserError(self.env._("The file has no tracking rows."))
        # The latest row of each shipment wins; shipments with the same update are written together.
        latest = {}
        for _number, ref, state, when in rows:
            if ref not in latest or when >= latest[ref][1]:
                latest[ref] = (state, when)
        groups = defaultdict(lambda: self.env["stock.picking"])
        for ref, (state, when) in latest.items():
            groups[(state, when)] |= by_ref[ref]
        for (state, when), group in groups.items():
            group._bo_set_shipping_state(state, when)
        self.updated_count = len(latest)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s shipments updated.", count=len(latest)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _bo_parse(self):
        """Rows and row problems of the uploaded file; a file that cannot be
        read at all (too large, too many rows, not text) is refused whole."""
        try:
            return tracking_csv.parse(base64.b64decode(self.file or b""))
        except tracking_csv.TrackingFileError as error:
            raise UserError(self._bo_file_error_message(error)) from error

    def _bo_file_error_message(self, error):
        params = error.params
        if error.kind == "size":
            return self.env._(
                "The file is larger than %(max_mb)s MB: split it into several files.",
                max_mb=params["max_mb"],
            )
        if error.kind == "rows":
            return self.env._(
                "The file has more than %(max)s lines: split it into several files.",
                max=params["max"],
            )
        if error.kind == "csv":
            return self.env._(
                "Line %(line)s: the file is not a valid CSV file or a value is far too long.",
                line=params["line"],
            )
        return self.env._("The file is not a text (CSV) file in UTF-8 or Windows encoding.")

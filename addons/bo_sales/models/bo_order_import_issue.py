# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class BoOrderImportIssue(models.Model):
    _name = "bo.order.import.issue"
    _description = "Order Import Problem"
    _order = "import_id, row, id"

    import_id = fields.Many2one(
        comodel_name="bo.order.import", required=True, ondelete="cascade", index=True
    )
    row = fields.Integer(help="Row of the spreadsheet, as numbered by Excel; 0 for the file.")
    severity = fields.Selection(
        selection=[("error", "Error"), ("warning", "Warning")], required=True, default="error"
    )
    message = fields.Char(required=True)

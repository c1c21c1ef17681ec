# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class BoSupplierCandidateImportLine(models.Model):
    """One row of a candidates file and what its import does."""

    _name = "bo.supplier.candidate.import.line"
    _description = "Supplier Candidates Import Row"
    _order = "import_id, row, id"

    import_id = fields.Many2one(
        "bo.supplier.candidate.import", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="import_id.company_id", store=True)
    row = fields.Integer(help="Row of the spreadsheet, as numbered by Excel.")
    name = fields.Char(string="Company Name")
    vat = fields.Char(string="VAT")
    fiscal_code = fields.Char()
    ateco_code = fields.Char(string="ATECO Code")
    city = fields.Char()
    email = fields.Char()
    website = fields.Char()
    category_ids = fields.Many2many(
        "product.category",
        relation="bo_supplier_candidate_import_line_category_rel",
        column1="line_id",
        column2="category_id",
        string="Categories",
    )
    partner_id = fields.Many2one("res.partner", index="btree_not_null")
    action = fields.Selection([("create", "New Candidate"), ("update", "Update")])
    outcome = fields.Char(compute="_compute_outcome")
    severity = fields.Selection(
        [("ok", "OK"), ("warning", "Warning"), ("error", "Error")], default="ok", required=True
    )
    message = fields.Text()

    @api.depends("action", "partner_id", "severity")
    def _compute_outcome(self):
        for line in self:
            if line.severity == "error":
                line.outcome = self.env._("Not imported: see the message")
            elif line.action == "update":
                line.outcome = self.env._(
                    "Update of %(partner)s", partner=line.partner_id.display_name
                )
            elif line.partner_id:
                line.outcome = self.env._(
                    "New candidate: %(partner)s", partner=line.partner_id.display_name
                )
            else:
                line.outcome = self.env._("New candidate")

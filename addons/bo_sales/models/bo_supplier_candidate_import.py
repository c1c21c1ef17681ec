# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.spreadsheet import SheetError, TableOptions, read_table

_logger = logging.getLogger(__name__)

#: Column key -> header names accepted (Italian chamber of commerce and trade
#: directory exports, and English ones).
HEADERS = {
    "name": [
        "Ragione sociale",
        "Denominazione",
        "Azienda",
        "Impresa",
        "Nome",
        "Company name",
        "Company",
        "Name",
    ],
    "vat": ["Partita IVA", "P.IVA", "P. IVA", "PIVA", "VAT number", "VAT", "VAT no"],
    "fiscal_code": ["Codice fiscale", "C.F.", "CF", "Fiscal code", "Tax code"],
    "ateco": ["Codice ATECO", "ATECO", "Cod. ATECO", "ATECO code", "NACE"],
    "street": ["Indirizzo", "Via", "Sede", "Address", "Street"],
    "zip": ["CAP", "ZIP", "Postcode", "Postal code", "Zip code"],
    "city": ["Comune", "Città", "Località", "City", "Town"],
    "state": ["Provincia", "Prov.", "Sigla provincia", "Province", "State"],
    "country": ["Nazione", "Paese", "Country"],
    "website": ["Sito web", "Sito internet", "Sito", "Website", "Web"],
    "email": ["Email", "E-mail", "Posta elettronica", "Mail"],
    "pec": ["PEC", "Email PEC", "Posta certificata", "Certified email"],
    "phone": ["Telefono", "Tel.", "Phone", "Telephone"],
    "category": [
        "Categoria",
        "Categoria merceologica",
        "Categorie",
        "Settore",
        "Category",
        "Categories",
        "Product category",
    ],
}

# Preview and error dialogs list this many problems; the lines keep all.
MESSAGE_PROBLEM_LIMIT = 20

#: Partner fields an import fills in, from the row's values; an existing
#: partner keeps what it has (public data does not overwrite the register).
PARTNER_FIELDS = (
    "vat",
    "l10n_it_codice_fiscale",
    "bo_supplier_ateco_code",
    "street",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "email",
    "l10n_it_pec_email",
    "phone",
)


class BoSupplierCandidateImport(models.Model):
    """A file of supplier candidates gathered from public sources (trade
    directories, chamber of commerce exports), checked row by row, matched
    with the partners already known and imported all or nothing."""

    _name = "bo.supplier.candidate.import"
    _description = "Supplier Candidates Import"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Imported by", default=lambda self: self.env.user, readonly=True
    )
    state = fields.Selection(
        [("draft", "New"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    file_data = fields.Binary(string="File", attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    import_valid_only = fields.Boolean(
        string="Import Valid Rows Only",
        help="Import the rows without errors and skip the others. By default nothing is "
        "imported while a single error remains.",
    )
    line_ids = fields.One2many(
        "bo.supplier.candidate.import.line", "import_id", string="Rows", readonly=True
    )
    row_count = fields.Integer(string="Rows Read", readonly=True)
    new_count = fields.Integer(string="New Candidates", readonly=True)
    update_count = fields.Integer(string="Updates", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    warning_count = fields.Integer(string="Warnings", readonly=True)
    file_message = fields.Text(
        string="File Problems", readonly=True, help="Problems of the file as a whole."
    )
    partner_count = fields.Integer(string="Suppliers", compute="_compute_partner_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("file_name")
    def _compute_name(self):
        for batch in self:
            batch.name = batch.file_name or self.env._("New import")

    @api.depends("state", "line_ids.partner_id")
    def _compute_partner_count(self):
        for batch in self:
            batch.partner_count = len(batch.line_ids.partner_id) if batch.state == "done" else 0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        if "file_data" in vals:
            if any(batch.state == "done" for batch in self):
                raise UserError(self.env._("The file of a finished import cannot be replaced."))
            # A new file makes the previous check meaningless.
            self.line_ids.unlink()
            vals = {**vals, "state": "draft", "file_message": False}
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(batch.state == "done" for batch in self):
            raise UserError(
                self.env._("A finished import cannot be deleted: it documents its candidates.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_check(self):
        """Read and check the file, list each row's outcome; write no partner."""
        self.ensure_one()
        self._bo_check_not_done()
        self._bo_store_plan(self._bo_prepare())
        return True

    def action_import(self):
        """Create the new candidates and update the partners matched, all or
        nothing: a single error and no partner is written (unless the clerk
        asks for the valid rows only)."""
        self.ensure_one()
        self._bo_check_not_done()
        plan = self._bo_prepare()
        errors = [(row, message) for row, message, blocking in plan["problems"] if blocking]
        valid = [r for r in plan["rows"] if not any(b for _t, b in r["messages"])]
        file_errors = [error for error in errors if not error[0]]
        if errors and (file_errors or not self.import_valid_only or not valid):
            raise UserError(self._bo_problems_message(errors))
        if not valid:
            raise UserError(self.env._("The file has no candidate to import."))
        self._bo_apply(valid)
        self._bo_store_plan(plan, state="done")
        return self.action_view_partners()

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("bo_sales.bo_supplier_action")
        action["domain"] = [("id", "in", self.line_ids.partner_id.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _bo_check_not_done(self):
        if self.state == "done":
            raise UserError(self.env._("This file has already been imported."))

    def _bo_file_content(self):
        """The uploaded bytes (the web client reads binaries as their size)."""
        self.ensure_one()
        data = self.with_context(bin_size=False, bin_size_file_data=False).file_data
        return base64.b64decode(data) if data else b""

    def _bo_prepare(self):
        """Read, validate and match the file without writing any partner.

        :return: dict with ``rows`` (one dict per data row: ``row``, ``vals``
            partner values, ``category_ids``, ``partner`` matched or empty,
            ``messages`` of the row as (text, blocking)), ``problems`` (row,
            message in the user's language, blocking) of the file and rows,
            ``row_count``. The queries do not depend on the number of rows.
        """
        self.ensure_one()
        content = self._bo_file_content()
        if not content:
            raise UserError(self.env._("Upload the file of candidates first."))
        try:
            sheet = read_table(
                content,
                self.file_name or "",
                HEADERS,
                TableOptions(
                    header_keys=({"name"},),
                    free_text=tuple(HEADERS),
                    header_languages={names[0]: "it" for names in HEADERS.values()},
                ),
            )
        except SheetError as error:
            raise UserError(self.env._(error.message)) from error
        file_problems = [
            (p.row, self.env._(p.message), p.blocking) for p in sheet.problems if not p.row
        ]
        sheet_messages = defaultdict(list)
        for problem in sheet.problems:
            if problem.row:
                sheet_messages[problem.row].append((self.env._(problem.message), problem.blocking))

        countries, states, categories = self._bo_lookups(sheet.rows)
        default_country = self.company_id.country_id or self.env.ref("base.it")
        rows = []
        for sheet_row in sheet.rows:
            row = self._bo_read_row(sheet_row, default_country, countries, states, categories)
            row["messages"] = sheet_messages[sheet_row.row] + row["messages"]
            rows.append(row)
        self._bo_match_partners(rows)
        self._bo_flag_duplicates(rows)
        self._bo_check_vies(rows)

        problems = list(file_problems)
        for row in rows:
            problems += [(row["row"], text, blocking) for text, blocking in row["messages"]]
        return {"rows": rows, "problems": problems, "row_count": len(sheet.rows)}

    def _bo_store_plan(self, plan, state="checked"):
        """Keep the outcome of each row on the import (lines) and its counts."""
        self.line_ids.unlink()
        lines = []
        for row in plan["rows"]:
            vals = row["vals"]
            blocking = any(b for _t, b in row["messages"])
            lines.append(
                {
                    "import_id": self.id,
                    "row": row["row"],
                    "name": vals.get("name") or "",
                    "vat": vals.get("vat"),
                    "fiscal_code": vals.get("l10n_it_codice_fiscale"),
                    "ateco_code": vals.get("bo_supplier_ateco_code"),
                    "city": vals.get("city"),
                    "email": vals.get("email"),
                    "website": vals.get("website"),
                    "category_ids": [Command.set(row["category_ids"])],
                    "partner_id": row["partner"].id,
                    "action": row["action"],
                    "severity": "error" if blocking else ("warning" if row["messages"] else "ok"),
                    "message": "\n".join(
                        [text for text, _b in row["messages"]]
                        + ([row["vies"]] if row["vies"] else [])
                    ),
                }
            )
        self.env["bo.supplier.candidate.import.line"].create(lines)
        errors = sum(1 for _r, _m, blocking in plan["problems"] if blocking)
        valid = [r for r in plan["rows"] if not any(b for _t, b in r["messages"])]
        self.write(
            {
                "state": state,
                "row_count": plan["row_count"],
                "new_count": sum(1 for r in valid if r["action"] == "create"),
                "update_count": sum(1 for r in valid if r["action"] == "update"),
                "error_count": errors,
                "warning_count": len(plan["problems"]) - errors,
                "file_message": "\n".join(
                    message for row, message, _b in plan["problems"] if not row
                )
                or False,
            }
        )

    def _bo_problems_message(self, errors):
        lines = [
            self.env._("Row %(row)s: %(message)s", row=row, message=message) if row else message
            for row, message in errors[:MESSAGE_PROBLEM_LIMIT]
        ]
        if len(errors) > MESSAGE_PROBLEM_LIMIT:
            lines.append(
                self.env._(
                    "... and %(count)s more problems (see the rows of the import).",
                    count=len(errors) - MESSAGE_PROBLEM_LIMIT,
                )
            )
        return "\n".join(
            [
                self.env._("No candidate was imported: the file has errors."),
                *lines,
                self.env._("Correct the file and upload it again, or tick Import Valid Rows Only."),
            ]
        )

    def _bo_apply(self, rows):
        """Create the new candidates of ``rows``, complete the partners
        matched (what they lack only) and put them all in the supplier
        register; set each row's partner."""
        # sudo: importing candidates is a back-office duty (only back-office
        # users have rights on this model): it creates and completes partners
        # whether or not the clerk may edit contacts; create_uid stays the clerk.
        Partner = self.env["res.partner"].sudo().with_context(import_file=True)
        new_rows = [row for row in rows if row["action"] == "create"]
        created = Partner.create(
            [
                {
                    **row["vals"],
                    "is_company": True,
                    "bo_supplier_state": "candidate",
                    "bo_supplier_category_ids": [Command.set(row["category_ids"])],
                }
                for row in new_rows
            ]
        )
        for row, partner in zip(new_rows, created, strict=True):
            row["partner"] = partner.with_env(self.env)
        updates = defaultdict(lambda: Partner)
        filled = {}
        for row in rows:
            if row["action"] != "update":
                continue
            partner = row["partner"].sudo()
            vals = {
                name: value
                for name, value in row["vals"].items()
                if name in PARTNER_FIELDS and not partner[name]
            }
            new_categories = set(row["category_ids"]) - set(partner.bo_supplier_category_ids.ids)
            if new_categories:
                vals["bo_supplier_category_ids"] = [Command.link(c) for c in sorted(new_categories)]
            filled[partner.id] = vals
            if vals:
                updates[repr(sorted(vals.items()))] |= partner
        # NOTE: one write per distinct set of values (each partner usually
        # gets its own): the ORM has no write of different values at once.
        for partners in updates.values():
            partners.write(filled[partners[:1].id])
        matched = Partner.browse([row["partner"].id for row in rows if row["action"] == "update"])
        matched.filtered(lambda p: not p.bo_supplier_state)._bo_supplier_set_state("candidate")
        self._bo_log_on_partners(created, matched, filled)

    def _bo_log_on_partners(self, created, matched, filled):
        """Say on each partner what the import did, in one batch."""
        bodies = {
            partner.id: self.env._(
                "Added to the supplier register as a candidate by the import %(batch)s.",
                batch=self.display_name,
            )
            for partner in created
        }
        labels = {
            name: field.get_description(self.env)["string"]
            for name, field in self.env["res.partner"]._fields.items()
            if name in (*PARTNER_FIELDS, "bo_supplier_category_ids")
        }
        for partner in matched:
            names = [labels[name] for name in filled.get(partner.id, {})]
            bodies[partner.id] = (
                self.env._(
                    "Completed by the supplier candidates import %(batch)s: %(fields)s.",
                    batch=self.display_name,
                    fields=", ".join(names),
                )
                if names
                else self.env._(
                    "Found again by the supplier candidates import %(batch)s: nothing to add.",
                    batch=self.display_name,
                )
            )
        # sudo: the clerk may not be allowed to post on contacts (see _bo_apply).
        (created | matched).sudo()._message_log_batch(
            bodies={key: Markup("<p>%s</p>") % body for key, body in bodies.items()}
        )

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An import of draft orders from a spreadsheet: its fields, actions and
background import. Reading the file into a plan of orders is in
``bo_order_import_plan.py``, its problems in ``bo_order_import_issue.py``.
"""

import base64
import hashlib
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import order_sheet

_logger = logging.getLogger(__name__)

# Preview and error dialogs list this many problems; the issue list keeps all.
MESSAGE_PROBLEM_LIMIT = 20
# Files with more orders than this are imported by the scheduler, this many
# orders per transaction (system parameters: default).
BACKGROUND_PARAMS = {
    "bo_sales.import_background_orders": 200,
    "bo_sales.import_background_batch": 500,
}


class BoOrderImport(models.Model):
    _name = "bo.order.import"
    _description = "Order Import"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Imported by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "New"),
            ("checked", "Checked"),
            ("queued", "Importing"),
            ("done", "Imported"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    file_data = fields.Binary(string="Spreadsheet", attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    file_hash = fields.Char(
        compute="_compute_file_hash",
        store=True,
        index=True,
        copy=False,
        help="SHA-256 of the file, to recognize a file imported before.",
    )
    duplicate_import_id = fields.Many2one(
        comodel_name="bo.order.import",
        string="Already Imported In",
        compute="_compute_duplicate_import_id",
    )
    confirm_duplicate = fields.Boolean(
        string="Import Again",
        help="This file was imported before: tick to import its orders a second time.",
    )
    number_format = fields.Selection(
        selection=[
            ("comma", "1.234,56 (decimal comma)"),
            ("point", "1,234.56 (decimal point)"),
        ],
        string="Numbers Written As",
        help="How the file writes its numbers, when the file itself does not tell.",
    )
    date_order = fields.Selection(
        selection=[
            ("dmy", "Day first (31/12/2026)"),
            ("mdy", "Month first (12/31/2026)"),
        ],
        string="Dates Written As",
        help="How the file writes its dates, when the file itself does not tell.",
    )
    ask_number_format = fields.Boolean(
        readonly=True, help="The last check could not tell how the file writes its numbers."
    )
    ask_date_order = fields.Boolean(
        readonly=True, help="The last check could not tell how the file writes its dates."
    )
    import_valid_only = fields.Boolean(
        string="Import Valid Orders Only",
        help="Create the orders without errors and skip the others. By default nothing is "
        "created while a single error remains.",
    )
    issue_ids = fields.One2many(
        comodel_name="bo.order.import.issue", inverse_name="import_id", string="Problems"
    )
    error_count = fields.Integer(string="Errors", readonly=True)
    warning_count = fields.Integer(string="Warnings", readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    planned_order_count = fields.Integer(
        string="Orders to Create",
        readonly=True,
        help="Orders found in the file (valid ones only, when errors remain).",
    )
    order_ids = fields.One2many(
        comodel_name="sale.order", inverse_name="bo_import_id", string="Orders", readonly=True
    )
    order_count = fields.Integer(compute="_compute_order_count")
    progress_done = fields.Integer(string="Orders Created So Far", readonly=True, copy=False)
    progress_total = fields.Integer(string="Orders to Import", readonly=True, copy=False)
    progress = fields.Float(compute="_compute_progress")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("file_name", "create_date")
    def _compute_name(self):
        for batch in self:
            batch.name = batch.file_name or self.env._("New import")

    @api.depends("file_data")
    def _compute_file_hash(self):
        for batch in self:
            content = batch._get_file_content()
            batch.file_hash = hashlib.sha256(content).hexdigest() if content else False

    @api.depends("file_hash", "company_id")
    def _compute_duplicate_import_id(self):
        hashes = [h for h in self.mapped("file_hash") if h]
        # sudo: an agent sees only their own imports, but a file already imported
        # by the back office must be recognized too (only hash, date, name are used).
        previous = self.sudo().search(
            [("file_hash", "in", hashes), ("state", "in", ("queued", "done"))], order="id desc"
        )
        for batch in self:
            batch.duplicate_import_id = previous.filtered(
                lambda p, b=batch: p.file_hash == b.file_hash
                and p.company_id == b.company_id
                and p.id != b._origin.id
            )[:1]

    @api.depends("order_ids")
    def _compute_order_count(self):
        for batch in self:
            batch.order_count = len(batch.order_ids)

    @api.depends("progress_done", "progress_total")
    def _compute_progress(self):
        for batch in self:
            total = batch.progress_total
            batch.progress = 100.0 * batch.progress_done / total if total else 0.0

    @api.onchange("file_data")
    def _onchange_file_data(self):
        # A new file makes the previous check meaningless.
        self.state = "draft"
        self.issue_ids = [Command.clear()]
        self.confirm_duplicate = False
        self.number_format = self.date_order = False
        self.ask_number_format = self.ask_date_order = False

    def write(self, vals):
        if "file_data" in vals and any(batch.state in ("queued", "done") for batch in self):
            raise UserError(self.env._("The file of a finished import cannot be replaced."))
        if "file_data" in vals:
            # A new file: the answers given for the previous one do not apply.
            vals = {
                "number_format": False,
                "date_order": False,
                "ask_number_format": False,
                "ask_date_order": False,
                **vals,
                "state": "draft",
            }
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(batch.state == "done" for batch in self):
            raise UserError(
                self.env._("A finished import cannot be deleted: it documents its orders.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_check(self):
        """Read and validate the file; list its problems, write no order."""
        self.ensure_one()
        plan = self._prepare_import()
        self._store_plan_summary(plan)
        return True

    def action_import(self):
        """Create the draft orders of the file, all or nothing (or valid only)."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("This file has already been imported by this batch."))
        if self.state == "queued":
            raise UserError(self.env._("This file is being imported in the background."))
        plan = self._prepare_import()
        self._store_plan_summary(plan)
        blocking = [p for p in plan["problems"] if p["blocking"]]
        if self.duplicate_import_id and not self.confirm_duplicate:
            raise UserError(
                self.env._(
                    "%(message)s Tick Import Again to import it a second time.",
                    message=self._duplicate_message(),
                )
            )
        if blocking and not (self.import_valid_only and plan["orders"]):
            raise UserError(self._problems_message(blocking))
        if not plan["orders"]:
            raise UserError(self.env._("The file has no order to import."))
        if len(plan["orders"]) > self._get_background_param("bo_sales.import_background_orders"):
            # NOTE: a large file would outlast the request: the scheduler imports it.
            self._action_queue(len(plan["orders"]))
            return True
        self._action_create_orders(plan["orders"])
        return self.action_view_orders()

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_quotations")
        action.update(
            domain=[("bo_import_id", "=", self.id)],
            context={"create": False},
        )
        return action

    def action_download_template(self):
        """Download an empty XLSX with the expected columns and an example row."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("order_import_template.xlsx"),
                "raw": self._get_template_content(),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Business helpers
    # ------------------------------------------------------------------

    def _get_file_content(self):
        """The bytes of the uploaded file, whatever the context asks.

        NOTE: the web client reads and saves with ``bin_size`` in its context,
        where a binary field yields its size ("607.00 bytes"), not its content.
        """
        self.ensure_one()
        data = self.with_context(bin_size=False, bin_size_file_data=False).file_data
        if not data:
            return b""
        return base64.b64decode(data)

    @api.model
    def _get_template_content(self):
        return order_sheet.template_xlsx(self.env._("Orders"))

    def _duplicate_message(self):
        # sudo: the earlier import may belong to another user (agents see their own).
        previous = self.duplicate_import_id.sudo()
        return self.env._(
            "This file was already imported on %(date)s by %(user)s (%(batch)s).",
            date=fields.Date.to_string(previous.create_date.date()),
            user=previous.user_id.name,
            batch=previous.display_name,
        )

    def _problems_message(self, problems):
        lines = [
            self.env._("Row %(row)s: %(message)s", row=p["row"], message=p["message"])
            if p["row"]
            else p["message"]
            for p in problems[:MESSAGE_PROBLEM_LIMIT]
        ]
        if len(problems) > MESSAGE_PROBLEM_LIMIT:
            lines.append(
                self.env._(
                    "... and %(count)s more problems (see the Problems tab).",
                    count=len(problems) - MESSAGE_PROBLEM_LIMIT,
                )
            )
        return "\n".join(
            [
                self.env._("No order was created: the file has errors."),
                *lines,
                self.env._(
                    "Correct the file and upload it again, or tick Import Valid Orders Only."
                ),
            ]
        )

    def _store_plan_summary(self, plan):
        self.issue_ids.unlink()
        self.env["bo.order.import.issue"].create(
            [
                {
                    "import_id": self.id,
                    "row": problem["row"],
                    "severity": "error" if problem["blocking"] else "warning",
                    "message": problem["message"],
                }
                for problem in plan["problems"]
            ]
        )
        blocking = sum(1 for p in plan["problems"] if p["blocking"])
        questions = plan.get("questions", set())
        self.write(
            {
                "state": "checked",
                "ask_number_format": "decimal" in questions,
                "ask_date_order": "date_order" in questions,
                "row_count": plan["row_count"],
                "error_count": blocking,
                "warning_count": len(plan["problems"]) - blocking,
                "planned_order_count": len(plan["orders"]),
            }
        )

    def _action_create_orders(self, orders_vals):
        """Create every order in one batched create and mark the batch done;
        all of it or nothing (savepoint)."""
        self.ensure_one()
        with self.env.cr.savepoint():
            orders = self._create_orders(orders_vals)
            self.write({"state": "done"})
        self.message_post(body=self.env._("%(count)s draft orders created.", count=len(orders)))
        return orders

    def _create_orders(self, orders_vals):
        """Create the orders in one batched create.

        NOTE: the file stays on the import (readable by the back office and the
        agent who imported it), not on each order: a file lists every
        customer's rows, and an order is read by people who may not see the
        other customers.
        """
        return self.env["sale.order"].create(orders_vals)

    # ------------------------------------------------------------------
    # Background import
    # ------------------------------------------------------------------

    def _get_background_param(self, key):
        value = self.env["ir.config_parameter"].sudo().get_param(key, BACKGROUND_PARAMS[key])
        try:
            return max(int(value), 1)
        except ValueError:
            return BACKGROUND_PARAMS[key]

    def _action_queue(self, order_count):
        """Hand the import to the scheduler, which creates its orders by batches."""
        self.write({"state": "queued", "progress_done": 0, "progress_total": order_count})
        self.message_post(
            body=self.env._(
                "%(count)s orders to create: the import goes on in the background. Its result "
                "will be here and in your inbox.",
                count=order_count,
            )
        )
        self.env.ref("bo_sales.ir_cron_bo_order_import")._trigger()

    @api.model
    def _cron_import_queued(self, batch_size=None):
        """Create the next batch of orders of the oldest import waiting.

        Each call commits one batch (the scheduler calls again while work is
        left, see ``_notify_progress``), so the clerk sees the progress. The
        file is read again as its clerk, in their language; if anything fails,
        the orders already created by the import are deleted (drafts): an
        import ends complete or with nothing.
        """
        batch_size = batch_size or self._get_background_param("bo_sales.import_background_batch")
        # sudo: the scheduler looks for the imports of every user; each runs as its user.
        queued = self.sudo().search([("state", "=", "queued")], order="id")
        if not queued:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        batch = queued[0]
        user = batch.user_id
        batch = batch.with_user(user).with_company(batch.company_id).with_context(lang=user.lang)
        created, remaining = batch._import_next_orders(batch_size)
        self.env["ir.cron"]._notify_progress(done=created, remaining=remaining + len(queued) - 1)

    def _import_next_orders(self, batch_size):
        """Create up to ``batch_size`` more orders; return (created, remaining)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                plan = self._prepare_import()
                blocking = [p for p in plan["problems"] if p["blocking"]]
                if blocking and not (self.import_valid_only and plan["orders"]):
                    raise UserError(self._problems_message(blocking))
                start = self.progress_done
                orders = self._create_orders(plan["orders"][start : start + batch_size])
                done = start + len(orders)
                remaining = len(plan["orders"]) - done
                self.write(
                    {
                        "progress_done": done,
                        "progress_total": len(plan["orders"]),
                        "state": "queued" if remaining else "done",
                    }
                )
        except Exception as error:
            # NOTE: whatever failed (file changed, data refused by the database),
            # the import must not stay half done: its orders go, the clerk is told.
            _logger.info("Background import %s failed", self.id, exc_info=True)
            self.env.invalidate_all()  # the savepoint undid what the cache may still hold
            # sudo: drafts of this import only, to be undone whoever can delete orders.
            self.order_ids.sudo().unlink()
            self.write({"state": "checked", "progress_done": 0})
            self._notify_clerk(
                self.env._(
                    "The import of %(name)s stopped and no order was created: %(error)s",
                    name=self.display_name,
                    error=error.args[0] if isinstance(error, UserError) else str(error),
                )
            )
            return 0, 0
        if not remaining:
            self._notify_clerk(
                self.env._(
                    "%(count)s draft orders created from %(name)s.",
                    count=len(self.order_ids),
                    name=self.display_name,
                )
            )
        return len(orders), remaining

    def _notify_clerk(self, message):
        """Post the result on the import and in its clerk's inbox."""
        # NOTE: authored by OdooBot; the job runs as the clerk, and Odoo does not
        # notify the current user of a post unless told to (mail_notify_author).
        self.with_context(mail_notify_author=True).message_post(
            body=message,
            author_id=self.env.ref("base.partner_root").id,
            partner_ids=self.user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

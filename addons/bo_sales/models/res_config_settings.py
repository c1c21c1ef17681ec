# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    """Settings › Back Office: the suite's tunables, kept as system parameters
    (the code reads them there, with the same defaults)."""

    _inherit = "res.config.settings"

    bo_reminder_level_1_days = fields.Integer(
        string="First Payment Reminder",
        config_parameter="bo_sales.reminder_level_1_days",
        default=7,
        help="Days after the due date when the first payment reminder is sent.",
    )
    bo_reminder_level_2_days = fields.Integer(
        string="Second Payment Reminder",
        config_parameter="bo_sales.reminder_level_2_days",
        default=21,
        help="Days after the due date when the second payment reminder is sent.",
    )
    bo_reminder_level_3_days = fields.Integer(
        string="Last Payment Reminder",
        config_parameter="bo_sales.reminder_level_3_days",
        default=45,
        help="Days after the due date when the last payment reminder (formal notice) is sent.",
    )
    bo_offer_followup_days = fields.Integer(
        string="Offer Follow-up",
        config_parameter="bo_sales.offer_followup_days",
        default=3,
        help="Days before a quotation expires when its salesperson gets an activity to "
        "follow it up.",
    )
    bo_travel_buffer_minutes = fields.Integer(
        string="Travel Buffer",
        config_parameter="bo_sales.travel_buffer_minutes",
        default=30,
        help="Minutes kept free between two visits of an agent for the journey.",
    )
    bo_check_inline_activity_limit = fields.Integer(
        string="Activities Created at Once",
        config_parameter="bo_sales.check_inline_activity_limit",
        default=50,
        help="Checking up to this many orders at once gives the blocked ones their activity "
        "at once; larger batches (imports, the nightly check) leave it to a background job.",
    )
    bo_import_max_quantity = fields.Float(
        string="Largest Quantity",
        config_parameter="bo_sales.import_max_quantity",
        default=1000000,
        help="An imported row asking for more than this quantity is refused (a typing "
        "or reading error).",
    )
    bo_import_max_price_unit = fields.Float(
        string="Highest Unit Price",
        config_parameter="bo_sales.import_max_price_unit",
        default=1000000,
        help="An imported row with a unit price above this amount is refused.",
    )
    bo_import_max_days_ahead = fields.Integer(
        string="Furthest Delivery Date",
        config_parameter="bo_sales.import_max_days_ahead",
        default=730,
        help="An imported row asking for delivery more than this many days from today is refused.",
    )
    bo_import_background_orders = fields.Integer(
        string="Background Import From",
        config_parameter="bo_sales.import_background_orders",
        default=200,
        help="A file with more orders than this is imported by the scheduler, in batches, "
        "with its progress on the import; smaller files are imported at once.",
    )
    bo_import_background_batch = fields.Integer(
        string="Orders per Batch",
        config_parameter="bo_sales.import_background_batch",
        default=500,
        help="Orders the scheduler creates and saves at a time when it imports a large file.",
    )
    bo_supplier_on_time_a = fields.Float(
        string="On Time for A (%)",
        config_parameter="bo_sales.supplier_on_time_a",
        default=95.0,
        help="Share of receipts on time (%) a supplier needs for grade A on punctuality.",
    )
    bo_supplier_on_time_b = fields.Float(
        string="On Time for B (%)",
        config_parameter="bo_sales.supplier_on_time_b",
        default=85.0,
        help="Share of receipts on time (%) a supplier needs for grade B on punctuality; "
        "below it, C.",
    )
    bo_supplier_accuracy_a = fields.Float(
        string="Quantity Accuracy for A (%)",
        config_parameter="bo_sales.supplier_accuracy_a",
        default=98.0,
        help="Quantity accuracy (%) a supplier needs for grade A on quantities.",
    )
    bo_supplier_accuracy_b = fields.Float(
        string="Quantity Accuracy for B (%)",
        config_parameter="bo_sales.supplier_accuracy_b",
        default=90.0,
        help="Quantity accuracy (%) a supplier needs for grade B on quantities; below it, C.",
    )
    bo_supplier_complaints_a = fields.Integer(
        string="Complaints for A",
        config_parameter="bo_sales.supplier_complaints_a",
        default=0,
        help="Most complaints in a quarter for grade A on complaints.",
    )
    bo_supplier_complaints_b = fields.Integer(
        string="Complaints for B",
        config_parameter="bo_sales.supplier_complaints_b",
        default=2,
        help="Most complaints in a quarter for grade B on complaints; above it, C.",
    )
    bo_supplier_price_trend_a = fields.Float(
        string="Price Increase for A (%)",
        config_parameter="bo_sales.supplier_price_trend_a",
        default=3.0,
        help="Highest price increase over the quarter before (%) for grade A on prices.",
    )
    bo_supplier_price_trend_b = fields.Float(
        string="Price Increase for B (%)",
        config_parameter="bo_sales.supplier_price_trend_b",
        default=8.0,
        help="Highest price increase over the quarter before (%) for grade B on prices; "
        "above it, C.",
    )

    @api.constrains(
        "bo_supplier_on_time_a",
        "bo_supplier_on_time_b",
        "bo_supplier_accuracy_a",
        "bo_supplier_accuracy_b",
        "bo_supplier_complaints_a",
        "bo_supplier_complaints_b",
        "bo_supplier_price_trend_a",
        "bo_supplier_price_trend_b",
    )
    def _check_bo_supplier_thresholds(self):
        for settings in self:
            if (
                settings.bo_supplier_on_time_a < settings.bo_supplier_on_time_b
                or settings.bo_supplier_accuracy_a < settings.bo_supplier_accuracy_b
                or settings.bo_supplier_complaints_a > settings.bo_supplier_complaints_b
                or settings.bo_supplier_price_trend_a > settings.bo_supplier_price_trend_b
            ):
                raise ValidationError(
                    self.env._(
                        "Supplier rating: the thresholds for A must be at least as strict as "
                        "those for B."
                    )
                )

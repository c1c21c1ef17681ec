# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def action_bo_send_delivery_notice(self):
        """Tell the customer the goods left, with the courier's tracking link.

        Posted on the delivery's chatter; the email waits in the mail queue.
        """
        template = self.env.ref("bo_sales.mail_template_delivery_notice")
        for picking in self.filtered(lambda p: p.picking_type_code == "outgoing"):
            picking.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", force_send=False
            )
        return True

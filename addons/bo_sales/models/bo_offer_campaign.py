# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class BoOfferCampaign(models.Model):
    """A price offer sent by email to a selection of customers."""

    _name = "bo.offer.campaign"
    _description = "Offer Campaign"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(required=True)
    pricelist_id = fields.Many2one("product.pricelist", string="Offer Pricelist")
    discount = fields.Float(string="Discount (%)", digits="Discount")
    product_ids = fields.Many2many("product.product", string="Products on Offer")
    note = fields.Html(string="Offer Text", translate=True)
    # Selection of recipients
    category_ids = fields.Many2many("res.partner.category", string="Customer Tags")
    agent_ids = fields.Many2many(
        "res.partner",
        "bo_offer_campaign_agent_rel",
        "campaign_id",
        "agent_id",
        domain="[('bo_is_agent', '=', True)]",
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    visit_classes = fields.Char(
        help="Comma-separated visit classes (e.g. A,B) when the agenda feature is installed.",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'bo.offer.campaign.line')]",
        default=lambda self: self.env.ref(
            "bo_sales.mail_template_campaign_offer", raise_if_not_found=False
        ),
    )
    line_ids = fields.One2many("bo.offer.campaign.line", "campaign_id", string="Recipients")
    sent_count = fields.Integer(compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")], default="draft", required=True, tracking=True
    )

    _sql_constraints = [
        ("discount_range", "check(discount >= 0 and discount <= 100)", "A discount is 0-100%."),
        ("dates_order", "check(date_end >= date_start)", "The offer ends before it starts."),
    ]

    @api.depends("line_ids.state")
    def _compute_counts(self):
        for campaign in self:
            campaign.sent_count = len(campaign.line_ids.filtered(lambda r: r.state == "sent"))
            campaign.failed_count = len(campaign.line_ids.filtered(lambda r: r.state == "failed"))

    def _bo_recipient_domain(self):
        """Customers selected by tag, agent, country and visit class."""
        self.ensure_one()
        domain = [("customer_rank", ">", 0), ("bo_is_agent", "=", False), ("is_company", "=", True)]
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.agent_ids:
            domain.append(("bo_agent_id", "in", self.agent_ids.ids))
        if self.country_ids:
            domain.append(("country_id", "in", self.country_ids.ids))
        classes = [c.strip() for c in (self.visit_classes or "").split(",") if c.strip()]
        # NOTE: visit classes come with the agenda feature, which may be absent.
        if classes and "bo_visit_class_id" in self.env["res.partner"]._fields:
            domain.append(("bo_visit_class_id.name", "in", classes))
        return domain

    def _bo_recipients(self):
        self.ensure_one()
        return self.env["res.partner"].search(self._bo_recipient_domain())

    def action_send(self):
        """Email the offer to each selected customer not reached yet.

        Idempotent: a customer with a "sent" line is skipped; failed ones are
        retried. Mails are queued in this transaction.
        """
        for campaign in self:
            if not campaign.template_id:
                raise UserError(
                    self.env._("Campaign %(name)s has no email template.", name=campaign.name)
                )
            recipients = campaign._bo_recipients()
            lines = campaign.line_ids
            new_partners = recipients - lines.partner_id
            lines |= self.env["bo.offer.campaign.line"].create(
                [{"campaign_id": campaign.id, "partner_id": p.id} for p in new_partners]
            )
            lines.filtered(lambda r: r.state != "sent")._bo_send()
            campaign.state = "sent"
        return True


class BoOfferCampaignLine(models.Model):
    """Who received which campaign offer, and whether it went out."""

    _name = "bo.offer.campaign.line"
    _description = "Offer Campaign Recipient"
    _order = "campaign_id, partner_id"

    campaign_id = fields.Many2one(
        "bo.offer.campaign", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    lang = fields.Selection(related="partner_id.lang")
    state = fields.Selection(
        [("to_send", "To Send"), ("sent", "Sent"), ("failed", "Failed")],
        default="to_send",
        required=True,
    )
    failure_reason = fields.Char()
    message_id = fields.Many2one("mail.message", string="Email", readonly=True)
    sent_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "campaign_partner_uniq",
            "unique(campaign_id, partner_id)",
            "A customer receives a campaign offer once.",
        )
    ]

    def _bo_send(self):
        """Render each offer in its customer's language, post it on the
        customer's chatter and queue the email."""
        no_email = self.filtered(lambda r: not r.partner_id.email)
        no_email.write(
            {"state": "failed", "failure_reason": self.env._("The customer has no email address.")}
        )
        to_send = self - no_email
        for campaign, lines in to_send.grouped("campaign_id").items():
            rendered = campaign.template_id._generate_template(lines.ids, ("subject", "body_html"))
            for line in lines:
                # NOTE: sudo because sending the company's offer must not need
                # the right to edit the customer record whose chatter keeps it.
                message = line.partner_id.sudo().message_post(
                    subject=rendered[line.id]["subject"],
                    body=rendered[line.id]["body_html"],
                    partner_ids=line.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                    message_type="comment",
                    force_send=False,
                )
                line.write(
                    {
                        "state": "sent",
                        "message_id": message.id,
                        "sent_date": fields.Datetime.now(),
                        "failure_reason": False,
                    }
                )

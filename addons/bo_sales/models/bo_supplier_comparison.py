# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import xlsxwriter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.geo import great_circle_km, has_coordinates
from .bo_supplier_rating import GRADES
from .res_partner_supplier import SUPPLIER_STATES

#: Register statuses compared unless every supplier is asked for.
COMPARED_STATES = ("candidate", "evaluation", "qualified")

PROXIMITY = [
    ("province", "Same Province"),
    ("country", "Same Country"),
    ("abroad", "Abroad"),
]

#: Columns of the XLSX export, in order (fields of the comparison line).
EXPORT_COLUMNS = (
    "partner_id",
    "supplier_state",
    "documents_valid",
    "last_rating",
    "product_tmpl_id",
    "product_id",
    "product_code",
    "product_name",
    "min_qty",
    "uom_id",
    "price",
    "currency_id",
    "discount",
    "price_company",
    "company_currency_id",
    "delay",
    "date_start",
    "date_end",
    "distance_km",
    "proximity",
    "city",
    "state_id",
    "country_id",
)


class BoSupplierComparison(models.TransientModel):
    """The offers of the candidate and qualified suppliers for a product or a
    product category, side by side, in the current company.

    Offers are the vendor prices of the products (``product.supplierinfo``)
    valid on the comparison date, of the company or shared; their prices are
    converted to the company currency at that date. Register suppliers that
    supply the category but have no offer yet are listed too, without figures.
    """

    _name = "bo.supplier.comparison"
    _description = "Supplier Offer Comparison"

    product_tmpl_id = fields.Many2one("product.template", string="Product")
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        help="Offers for every product of the category and its subcategories.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Offers valid on this day, their prices converted at this day's rate.",
    )
    all_suppliers = fields.Boolean(
        string="Every Supplier",
        help="Also the offers of suspended and rejected suppliers and of suppliers outside "
        "the register; otherwise candidates, suppliers under evaluation and qualified ones.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many(
        "bo.supplier.comparison.line", "comparison_id", string="Offers", readonly=True
    )
    line_count = fields.Integer(string="Offers Found", compute="_compute_line_count")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for comparison in self:
            comparison.line_count = len(comparison.line_ids.filtered("has_offer"))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_compare(self):
        """Fill the comparison with the offers found (replacing earlier ones)."""
        self.ensure_one()
        self._bo_fill_lines()
        return True

    def action_view_lines(self):
        """The offers in a list of their own (group, filter, Odoo's export)."""
        self.ensure_one()
        if not self.line_ids:
            self._bo_fill_lines()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bo_sales.bo_supplier_comparison_line_action"
        )
        action["domain"] = [("comparison_id", "=", self.id)]
        return action

    def action_export_xlsx(self):
        """Download the offers as an XLSX workbook."""
        self.ensure_one()
        if not self.line_ids:
            self._bo_fill_lines()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("supplier_offers.xlsx"),
                "raw": self._bo_xlsx(),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "res_model": self._name,
                "res_id": self.id,
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

    def _bo_category(self):
        return self.product_tmpl_id.categ_id if self.product_tmpl_id else self.categ_id

    def _bo_offers(self):
        """The vendor prices compared: valid on the date, of the company or
        shared, of the product or the category, of the suppliers compared."""
        self.ensure_one()
        domain = [
            ("company_id", "in", [False, self.company_id.id]),
            ("partner_id.active", "=", True),
            "|",
            ("date_start", "=", False),
            ("date_start", "<=", self.date),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", self.date),
        ]
        if self.product_tmpl_id:
            domain.append(("product_tmpl_id", "=", self.product_tmpl_id.id))
        else:
            domain.append(("product_tmpl_id.categ_id", "child_of", self.categ_id.id))
        if not self.all_suppliers:
            domain.append(
                ("partner_id.commercial_partner_id.bo_supplier_state", "in", COMPARED_STATES)
            )
        return self.env["product.supplierinfo"].search(domain)

    def _bo_suppliers_without_offer(self, offered):
        """Register suppliers of the category (or of a category holding it, or
        held in it) with no offer compared."""
        self.ensure_one()
        category = self._bo_category()
        category_domain = [("bo_supplier_category_ids", "parent_of", category.id)]
        if not self.product_tmpl_id:
            category_domain = [
                "|",
                ("bo_supplier_category_ids", "child_of", category.id),
                *category_domain,
            ]
        states = [state for state, __ in SUPPLIER_STATES] if self.all_suppliers else COMPARED_STATES
        return self.env["res.partner"].search(
            [
                ("bo_supplier_state", "in", states),
                ("id", "not in", offered.ids),
                *category_domain,
            ]
        )

    def _bo_fill_lines(self):
        self.ensure_one()
        if not self.product_tmpl_id and not self.categ_id:
            raise UserError(self.env._("Choose a product or a product category to compare."))
        company = self.company_id
        offers = self._bo_offers()
        suppliers = offers.partner_id.commercial_partner_id
        others = self._bo_suppliers_without_offer(suppliers)
        last_ratings = self._bo_last_ratings(suppliers | others)
        rates = {
            currency: currency._get_conversion_rate(
                currency, company.currency_id, company, self.date
            )
            for currency in offers.currency_id
        }
        here = company.partner_id
        vals_list = []
        for offer in offers:
            vals = self._bo_supplier_vals(offer.partner_id.commercial_partner_id, here)
            net = offer.price * (1 - offer.discount / 100)
            vals.update(
                {
                    "has_offer": True,
                    "supplierinfo_id": offer.id,
                    "product_tmpl_id": offer.product_tmpl_id.id,
                    "product_id": offer.product_id.id,
                    "product_code": offer.product_code,
                    "product_name": offer.product_name,
                    "min_qty": offer.min_qty,
                    "uom_id": offer.product_uom.id,
                    "price": offer.price,
                    "currency_id": offer.currency_id.id,
                    "discount": offer.discount,
                    "price_company": company.currency_id.round(net * rates[offer.currency_id]),
                    "delay": offer.delay,
                    "date_start": offer.date_start,
                    "date_end": offer.date_end,
                    "last_rating": last_ratings.get(vals["partner_id"], False),
                }
            )
            vals_list.append(vals)
        for supplier in others:
            vals = self._bo_supplier_vals(supplier, here)
            vals["last_rating"] = last_ratings.get(supplier.id, False)
            vals_list.append(vals)
        self.line_ids = [Command.clear()] + [Command.create(vals) for vals in vals_list]

    @api.model
    def _bo_supplier_vals(self, supplier, here):
        """The supplier's side of a line: register, documents, where it is."""
        values = {
            "partner_id": supplier.id,
            "supplier_state": supplier.bo_supplier_state,
            "documents_valid": supplier.bo_supplier_documents_valid,
            "city": supplier.city,
            "state_id": supplier.state_id.id,
            "country_id": supplier.country_id.id,
            "distance_km": 0.0,
            "distance_known": False,
            "proximity": False,
        }
        if has_coordinates(
            supplier.partner_latitude, supplier.partner_longitude
        ) and has_coordinates(here.partner_latitude, here.partner_longitude):
            values["distance_km"] = round(
                great_circle_km(
                    here.partner_latitude,
                    here.partner_longitude,
                    supplier.partner_latitude,
                    supplier.partner_longitude,
                ),
                1,
            )
            values["distance_known"] = True
        if supplier.country_id and here.country_id:
            if supplier.country_id != here.country_id:
                values["proximity"] = "abroad"
            elif supplier.state_id and supplier.state_id == here.state_id:
                values["proximity"] = "province"
            else:
                values["proximity"] = "country"
        return values

    def _bo_last_ratings(self, suppliers):
        """Supplier id -> its rating of the latest quarter rated in the company."""
        ratings = self.env["bo.supplier.rating"].search(
            [("partner_id", "in", suppliers.ids), ("company_id", "=", self.company_id.id)],
            order="period_start desc",
        )
        latest = {}
        for rating in ratings:
            latest.setdefault(rating.partner_id.id, rating.rating)
        return latest

    def _bo_xlsx(self):
        """The comparison's lines as XLSX bytes: the list's columns, real
        numbers, frozen header and autofilter."""
        self.ensure_one()
        Line = self.env["bo.supplier.comparison.line"]
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(self.env._("Offers"))
        bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        number = book.add_format({"num_format": "#,##0.00"})
        date_format = book.add_format({"num_format": "dd/mm/yyyy"})
        title = self.product_tmpl_id.display_name or self.categ_id.display_name
        sheet.write(
            0,
            0,
            self.env._(
                "Offers for %(what)s on %(date)s", what=title, date=fields.Date.to_string(self.date)
            ),
            bold,
        )
        header_row = 2
        for column, name in enumerate(EXPORT_COLUMNS):
            field = Line._fields[name]
            sheet.write(header_row, column, field.get_description(self.env)["string"], bold)
            sheet.set_column(column, column, 28 if field.type in ("many2one", "char") else 14)
        selections = {
            name: dict(Line._fields[name]._description_selection(self.env))
            for name in EXPORT_COLUMNS
            if Line._fields[name].type == "selection"
        }
        for row, line in enumerate(self.line_ids.sorted(Line._bo_export_order), header_row + 1):
            for column, name in enumerate(EXPORT_COLUMNS):
                field, value = Line._fields[name], line[name]
                if name == "distance_km" and not line.distance_known:
                    continue
                if field.type == "many2one":
                    sheet.write_string(row, column, value.display_name or "")
                elif field.type == "selection":
                    sheet.write_string(row, column, selections[name].get(value, "") or "")
                elif field.type == "boolean":
                    sheet.write_string(
                        row, column, self.env._("Yes") if value else self.env._("No")
                    )
                elif field.type == "date":
                    if value:
                        sheet.write_datetime(
                            row, column, fields.Datetime.to_datetime(value), date_format
                        )
                elif field.type in ("float", "monetary", "integer"):
                    if line.has_offer or name == "distance_km":
                        sheet.write_number(row, column, value, number)
                else:
                    sheet.write_string(row, column, value or "")
        last_row = header_row + max(len(self.line_ids), 1)
        sheet.freeze_panes(header_row + 1, 1)
        sheet.autofilter(header_row, 0, last_row, len(EXPORT_COLUMNS) - 1)
        book.close()
        return output.getvalue()


class BoSupplierComparisonLine(models.TransientModel):
    """One supplier's offer for a product, in a comparison."""

    _name = "bo.supplier.comparison.line"
    _description = "Supplier Offer"
    _order = "has_offer desc, product_tmpl_id, price_company, partner_id"

    comparison_id = fields.Many2one(
        "bo.supplier.comparison", required=True, ondelete="cascade", index=True
    )
    has_offer = fields.Boolean(
        string="Offer",
        help="False for a register supplier of the category with no price for it yet.",
    )
    supplierinfo_id = fields.Many2one("product.supplierinfo", string="Vendor Price")
    partner_id = fields.Many2one("res.partner", string="Supplier", required=True)
    supplier_state = fields.Selection(SUPPLIER_STATES, string="Supplier Status")
    documents_valid = fields.Boolean(
        help="The supplier holds every mandatory qualification document, none expired."
    )
    last_rating = fields.Selection(
        GRADES, help="The supplier's rating for the latest quarter rated in the company."
    )
    product_tmpl_id = fields.Many2one("product.template", string="Product")
    product_id = fields.Many2one(
        "product.product",
        string="Variant",
        help="The offer is for this variant only; empty: for every variant.",
    )
    product_code = fields.Char(string="Vendor Product Code")
    product_name = fields.Char(string="Vendor Product Name")
    min_qty = fields.Float(
        string="Minimum Quantity", digits="Product Unit of Measure", aggregator=False
    )
    uom_id = fields.Many2one("uom.uom", string="Unit")
    price = fields.Monetary(currency_field="currency_id", aggregator=False)
    currency_id = fields.Many2one("res.currency")
    discount = fields.Float(string="Discount (%)", digits="Discount", aggregator=False)
    price_company = fields.Monetary(
        string="Net Price",
        currency_field="company_currency_id",
        aggregator="min",
        help="Price after the discount, in the company currency at the comparison date's rate.",
    )
    company_currency_id = fields.Many2one(
        related="comparison_id.company_id.currency_id", string="Company Currency"
    )
    delay = fields.Integer(
        string="Lead Time (Days)",
        aggregator="min",
        help="Days between the purchase order and the receipt, as the vendor price states.",
    )
    date_start = fields.Date(string="Valid From")
    date_end = fields.Date(string="Valid Until")
    distance_km = fields.Float(
        string="Distance (km)",
        digits=(10, 1),
        aggregator=False,
        help="Great-circle distance between the company and the supplier, from their "
        "coordinates (Geo Latitude and Longitude of the contacts, e.g. filled by Odoo's "
        "geolocation); empty when either has none.",
    )
    distance_known = fields.Boolean()
    proximity = fields.Selection(
        PROXIMITY,
        help="From the addresses, when the distance is unknown: same province as the "
        "company, same country, or abroad.",
    )
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province")
    country_id = fields.Many2one("res.country")

    @staticmethod
    def _bo_export_order(line):
        return (not line.has_offer, line.product_tmpl_id.display_name or "", line.price_company)

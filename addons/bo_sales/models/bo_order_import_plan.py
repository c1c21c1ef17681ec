# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reading an order import's file into a plan of orders, writing nothing:
the file read by :mod:`..tools.order_sheet`, its rows matched with customers,
products and agents (one search each, whatever the number of rows), and the
values of the draft orders to create. Kept apart from ``bo_order_import.py``
(the model's fields, actions and background import) for its size.
"""

import datetime
import re
from collections import defaultdict

import pytz

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, formatLang

from ..tools import order_sheet, tax_codes
from ..tools.tax_codes import vat_country_and_number

# Bounds of a plausible row (system parameter: default), beyond which a row is refused.
IMPORT_LIMITS = {
    "bo_sales.import_max_quantity": 1_000_000,
    "bo_sales.import_max_price_unit": 1_000_000,
    "bo_sales.import_max_days_ahead": 730,
}


class BoOrderImport(models.Model):
    _inherit = "bo.order.import"

    # ------------------------------------------------------------------
    # Plan: read, match, prepare
    # ------------------------------------------------------------------

    def _prepare_import(self):
        """Read, match and validate the file without writing any order.

        :return: dict with ``problems`` (list of dicts row/message/blocking, the
                 messages translated in the user's language), ``orders`` (values
                 for ``sale.order.create`` of the orders without errors) and
                 ``row_count``. The number of queries does not depend on the
                 number of rows: customers, products and agents are fetched
                 with one search each.
        """
        self.ensure_one()
        content = self._get_file_content()
        if not content and self.file_name:
            raise UserError(
                self.env._(
                    "The file %(name)s is empty (0 bytes): it holds no order. Check that you "
                    "picked the right file, or save it again from its program.",
                    name=self.file_name,
                )
            )
        if not content:
            raise UserError(self.env._("Upload the spreadsheet to import first."))
        try:
            sheet = order_sheet.read_order_sheet(
                content, self.file_name or "", self._get_read_options()
            )
        except order_sheet.SheetError as error:
            raise UserError(self.env._(error.message)) from error
        problems = [
            {"row": p.row, "message": self.env._(p.message), "blocking": p.blocking}
            for p in sheet.problems
        ]
        if self.duplicate_import_id:
            problems.insert(
                0,
                {
                    "row": 0,
                    "message": self._duplicate_message(),
                    "blocking": not self.confirm_duplicate,
                },
            )
        customers = self._match_customers(sheet.rows)
        products = self._match_products(sheet.rows)
        agents = self._match_agents(sheet.rows)
        is_back_office = self.env.user.has_group("bo_sales.bo_sales_group_user")
        own_partner = self.env.user.partner_id.commercial_partner_id

        groups = {}
        invalid_keys = set()
        bad_rows = {p["row"] for p in problems if p["blocking"] and p["row"]}
        for sheet_row in sheet.rows:
            values, row = sheet_row.values, sheet_row.row
            row_messages = []
            customer, message = customers(values)
            if message:
                row_messages.append(message)
            elif not is_back_office and customer.bo_agent_id != own_partner:
                row_messages.append(
                    self.env._(
                        "Customer %(customer)s is not one of your customers.",
                        customer=customer.display_name,
                    )
                )
            product, message = products(values)
            if message:
                row_messages.append(message)
            agent, message = agents(values)
            if message:
                row_messages.append(message)
            elif agent and not is_back_office and agent != own_partner:
                row_messages.append(
                    self.env._(
                        "Agent %(agent)s: you can import orders only as their agent yourself.",
                        agent=agent.display_name,
                    )
                )
            problems += [{"row": row, "message": m, "blocking": True} for m in row_messages]
            key = (customer.id, (values.get("client_order_ref") or "").strip())
            if row_messages or row in bad_rows or not customer:
                invalid_keys.add(key)
                continue
            group = groups.setdefault(key, {"customer": customer, "rows": []})
            group["rows"].append((row, values, product, agent))

        orders = []
        for key, group in groups.items():
            if key in invalid_keys:
                continue
            vals, group_problems = self._prepare_order_vals(group)
            problems += group_problems
            orders.append(vals)
        if any(p["blocking"] and not p["row"] for p in problems):
            # A file-level error (duplicate file, a question for the clerk) blocks every order.
            orders = []
        problems.sort(key=lambda p: p["row"])
        return {
            "problems": problems,
            "orders": orders,
            "row_count": len(sheet.rows),
            "questions": sheet.questions,
        }

    def _get_read_options(self):
        """How to read the file: the clerk's answers and the configured bounds."""
        params = self.env["ir.config_parameter"].sudo()
        limits = {}
        for key, default in IMPORT_LIMITS.items():
            try:
                limits[key] = float(params.get_param(key, default))
            except ValueError:
                limits[key] = default
        today = fields.Date.context_today(self)
        return order_sheet.ReadOptions(
            decimal={"comma": ",", "point": "."}.get(self.number_format),
            date_order=self.date_order or None,
            max_quantity=limits["bo_sales.import_max_quantity"],
            max_price_unit=limits["bo_sales.import_max_price_unit"],
            latest_date=today
            + datetime.timedelta(days=int(limits["bo_sales.import_max_days_ahead"])),
            today=today,
            format_number=lambda value: formatLang(self.env, value, digits=2),
        )

    def _prepare_order_vals(self, group):
        """Values of one draft order for ``sale.order.create``; lines via Command."""
        rows = group["rows"]
        first_row = rows[0][0]
        problems = []
        dates = sorted(
            {
                values["commitment_date"]
                for _r, values, _p, _a in rows
                if values.get("commitment_date")
            }
        )
        agents = {agent for _r, _v, _p, agent in rows if agent}
        vals = {
            "partner_id": group["customer"].id,
            "company_id": self.company_id.id,
            "bo_import_id": self.id,
            "order_line": [],
        }
        reference = rows[0][1].get("client_order_ref")
        if reference:
            vals["client_order_ref"] = reference
        if dates:
            vals["commitment_date"] = self._to_utc_datetime(dates[0])
            if len(dates) > 1:
                problems.append(
                    {
                        "row": first_row,
                        "message": self.env._(
                            "The rows of this order ask for different delivery dates; the "
                            "earliest, %(date)s, is used.",
                            date=fields.Date.to_string(dates[0]),
                        ),
                        "blocking": False,
                    }
                )
        if agents:
            vals["bo_agent_id"] = next(iter(agents)).id
            if len(agents) > 1:
                problems.append(
                    {
                        "row": first_row,
                        "message": self.env._(
                            "The rows of this order name different agents; %(agent)s is used.",
                            agent=next(iter(agents)).display_name,
                        ),
                        "blocking": False,
                    }
                )
        for _row, values, product, _agent in rows:
            line = {"product_id": product.id, "product_uom_qty": values["quantity"]}
            if values.get("price_unit") is not None:
                line["price_unit"] = values["price_unit"]
            if values.get("discount") is not None:
                line["discount"] = values["discount"]
            vals["order_line"].append(Command.create(line))
            if values.get("notes"):
                vals["order_line"].append(
                    Command.create({"display_type": "line_note", "name": values["notes"]})
                )
        return vals, problems

    def _to_utc_datetime(self, date):
        # NOTE: noon in the clerk's time zone, so the date stays the same
        # whichever time zone reads it.
        tz = pytz.timezone(self.env.user.tz or "Europe/Rome")
        local = tz.localize(datetime.datetime.combine(date, datetime.time(12, 0)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _match_customers(self, rows):
        """Return a function values -> (partner, error message).

        Customers are commercial entities matched by VAT (with or without
        country prefix), then internal reference, then exact name (case
        insensitive); two candidates on the same step are an error.
        """

        country = self.company_id.country_id.code or "IT"
        vat_keys, refs, names = set(), set(), set()
        for sheet_row in rows:
            values = sheet_row.values
            for key in ("customer_vat", "customer"):
                vat_key = (
                    vat_country_and_number(values.get(key), country) if values.get(key) else None
                )
                if vat_key and re.search(r"[0-9]{5}", vat_key[1]):
                    vat_keys.add(vat_key)
            for key in ("customer_code", "customer"):
                if values.get(key):
                    refs.add(values[key])
            if values.get("customer"):
                names.add(values["customer"].lower())
        numbers = list({number for _c, number in vat_keys})
        partner_ids = []
        if numbers or refs or names:
            self.env["res.partner"].flush_model(["vat", "ref", "name", "commercial_partner_id"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id FROM res_partner p
                     WHERE active AND id = commercial_partner_id
                       AND (%(vat_key)s = ANY(%(vats)s)
                            OR ref = ANY(%(refs)s)
                            OR lower(name) = ANY(%(names)s))
                    """,
                    vat_key=SQL(tax_codes.VAT_SQL),
                    vats=numbers,
                    refs=list(refs),
                    names=list(names),
                )
            )
            partner_ids = [row[0] for row in self.env.cr.fetchall()]
        # search() applies access rules and companies to the raw candidates
        partners = self.env["res.partner"].search(
            [
                ("id", "in", partner_ids),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        by_vat, by_ref, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
        for partner in partners:
            if partner.vat:
                by_vat[
                    vat_country_and_number(partner.vat, partner.country_id.code or country)
                ].append(partner)
            if partner.ref:
                by_ref[partner.ref].append(partner)
            by_name[(partner.name or "").lower()].append(partner)
        empty = self.env["res.partner"]

        def match(values):
            steps = []
            for key in ("customer_vat", "customer"):
                if values.get(key):
                    steps.append(
                        (
                            by_vat,
                            vat_country_and_number(values[key], country),
                            values[key],
                        )
                    )
            for key in ("customer_code", "customer"):
                if values.get(key):
                    steps.append((by_ref, values[key], values[key]))
            if values.get("customer"):
                steps.append((by_name, values["customer"].lower(), values["customer"]))
            for index, lookup, value in steps:
                found = index.get(lookup, [])
                if len(found) == 1:
                    return found[0], None
                if len(found) > 1:
                    return empty, self.env._(
                        "Customer %(value)s is ambiguous: it matches %(count)s customers.",
                        value=value,
                        count=len(found),
                    )
            label = (
                values.get("customer_vat") or values.get("customer_code") or values.get("customer")
            )
            if not label:
                return empty, None  # already reported by the sheet reader
            return empty, self.env._(
                "Customer %(value)s not found (searched by VAT number, internal reference "
                "and name).",
                value=label,
            )

        return match

    def _match_products(self, rows):
        """Return a function values -> (product, error message): internal
        reference first, then barcode; ambiguity is an error."""

        codes = {r.values["product"] for r in rows if r.values.get("product")}
        codes |= {r.values["barcode"] for r in rows if r.values.get("barcode")}
        products = self.env["product.product"].search(
            [
                ("sale_ok", "=", True),
                ("company_id", "in", [False, self.company_id.id]),
                "|",
                ("default_code", "in", list(codes)),
                ("barcode", "in", list(codes)),
            ]
        )
        by_code, by_barcode = defaultdict(list), defaultdict(list)
        for product in products:
            if product.default_code:
                by_code[product.default_code].append(product)
            if product.barcode:
                by_barcode[product.barcode].append(product)
        empty = self.env["product.product"]

        def match(values):
            steps = []
            if values.get("product"):
                steps += [(by_code, values["product"]), (by_barcode, values["product"])]
            if values.get("barcode"):
                steps.append((by_barcode, values["barcode"]))
            for index, code in steps:
                found = index.get(code, [])
                if len(found) == 1:
                    return found[0], None
                if len(found) > 1:
                    return empty, self.env._(
                        "Product %(code)s is ambiguous: it matches %(count)s products.",
                        code=code,
                        count=len(found),
                    )
            code = values.get("product") or values.get("barcode")
            if not code:
                return empty, None
            return empty, self.env._(
                "Product %(code)s not found among the products that can be sold (searched "
                "by internal reference and barcode).",
                code=code,
            )

        return match

    def _match_agents(self, rows):
        """Return a function values -> (agent partner, error message), by name."""

        names = {r.values["agent"].lower() for r in rows if r.values.get("agent")}
        agents = self.env["res.partner"]
        if names:
            agents = agents.search([("bo_is_agent", "=", True)]).filtered(
                lambda a: (a.name or "").lower() in names
            )
        by_name = defaultdict(list)
        for agent in agents:
            by_name[agent.name.lower()].append(agent)
        empty = self.env["res.partner"]

        def match(values):
            name = values.get("agent")
            if not name:
                return empty, None
            found = by_name.get(name.lower(), [])
            if len(found) == 1:
                return found[0], None
            if found:
                return empty, self.env._("Agent %(name)s is ambiguous.", name=name)
            return empty, self.env._("Agent %(name)s not found.", name=name)

        return match

# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from num2words import num2words

from odoo.tests import tagged

from odoo.addons.bo_sales.tools.amount_words import amount_to_words, language_of

from .common_aftersales import BoAfterSalesCommon
from .common_pdf import PrintedPdfCase, read_pages


@tagged("post_install", "-at_install")
class TestAmountWords(PrintedPdfCase, BoAfterSalesCommon):
    def test_italian(self):
        self.assertEqual(amount_to_words(1234.56, "it_IT"), "milleduecentotrentaquattro/56 euro")
        self.assertEqual(amount_to_words(1000, "it_IT"), "mille/00 euro")
        self.assertEqual(amount_to_words(0.99, "it_IT"), "zero/99 euro")
        # num2words writes "ventiuno": we elide as Italian does.
        self.assertEqual(num2words(21, lang="it"), "ventiuno")
        self.assertEqual(amount_to_words(21, "it_IT"), "ventuno/00 euro")
        self.assertEqual(amount_to_words(21031.4, "it_IT"), "ventunomilatrentuno/40 euro")
        self.assertEqual(
            amount_to_words(1234567890.05, "it_IT"),
            "un miliardo, duecentotrentaquattro milioni e "
            "cinquecentosessantasettemilaottocentonovanta/05 euro",
        )

    def test_english(self):
        self.assertEqual(
            amount_to_words(1234.56, "en_US"), "one thousand, two hundred and thirty-four/56 euro"
        )
        self.assertEqual(
            amount_to_words(2500000, "en_GB"), "two million, five hundred thousand/00 euro"
        )

    def test_french(self):
        self.assertEqual(
            amount_to_words(1234.56, "fr_FR"), "mille deux cent trente-quatre/56 euros"
        )
        self.assertEqual(amount_to_words(1000000.1, "fr_BE"), "un million/10 euros")

    def test_german(self):
        self.assertEqual(
            amount_to_words(1234.56, "de_DE"), "eintausendzweihundertvierunddreißig/56 Euro"
        )
        self.assertEqual(
            amount_to_words(2500000.01, "de_AT"), "zwei Millionen fünfhunderttausend/01 Euro"
        )

    def test_spanish(self):
        self.assertEqual(
            amount_to_words(1234.56, "es_ES"), "mil doscientos treinta y cuatro/56 euros"
        )
        self.assertEqual(amount_to_words(1000000, "es_ES"), "un millón/00 euros")

    def test_rounding_currency_and_errors(self):
        self.assertEqual(amount_to_words(10.999, "it_IT"), "undici/00 euro")
        self.assertEqual(amount_to_words(0.005, "it_IT"), "zero/01 euro")
        self.assertEqual(amount_to_words(5, "it_IT", "USD"), "cinque/00 USD")
        self.assertEqual(language_of("nl_NL"), "en")
        self.assertEqual(language_of(False), "en")
        with self.assertRaises(ValueError):
            amount_to_words(-1, "it_IT")

    def test_offer_prints_total_in_words(self):
        self.customer.lang = "it_IT"
        euro = self.env.ref("base.EUR")
        euro.active = True
        order = self._create_order(qty=1, price=1234.56)
        order.pricelist_id = self.env["product.pricelist"].create(
            {"name": "Listino EUR", "currency_id": euro.id}
        )
        self.assertEqual(order.currency_id, euro)
        option_product = self.env["product.product"].create(
            {"name": "Valigetta Opzionale", "list_price": 25.0}
        )
        self.env["sale.order.option"].create(
            {
                "order_id": order.id,
                "product_id": option_product.id,
                "name": "Valigetta Opzionale",
                "quantity": 1,
                "price_unit": 25.0,
                "uom_id": option_product.uom_id.id,
            }
        )
        self.assertEqual(order.bo_amount_total_words, "milleduecentotrentaquattro/56 euro")
        pdf = self.render_pdf("bo_sales.bo_offer_report", order.ids)
        text = " ".join(read_pages(pdf))
        self.assertPrinted("milleduecentotrentaquattro/56 euro", text)
        self.assertPrinted(order.name, text)
        self.assertPrinted("Valigetta Opzionale", text, "optional products are offered too")
        self.assertPrinted("Offerta commerciale", text, "printed in the customer's language")

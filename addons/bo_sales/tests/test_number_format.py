# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's number formatter writes what Odoo's formatLang writes."""

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import formatLang

from odoo.addons.bo_sales.tools.number_format import number_formatter

VALUES = [0, 0.005, 0.015, -0.015, 1.005, 2.675, 999.995, 1234.5, -1234567.891, 1e9 / 3]


@tagged("post_install", "-at_install")
class TestNumberFormat(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_it").active = True

    def test_as_format_lang(self):
        for lang in ("en_US", "it_IT"):
            env = self.env(context=dict(self.env.context, lang=lang))
            fmt = number_formatter(env)
            for value in VALUES:
                for digits in (0, 1, 2, 3):
                    self.assertEqual(
                        fmt(value, digits), formatLang(env, value, digits=digits), (lang, value)
                    )

    def test_every_grouping_as_format_lang(self):
        """Groupings of other languages (Indian digits, none, irregular)."""
        env = self.env(context=dict(self.env.context, lang="en_US"))
        english = self.env.ref("base.lang_en")
        for grouping in ("[3,2,-1]", "[3,2,0]", "[]", "[1,2,-1]", "[2,0]", "[4]"):
            english.grouping = grouping
            fmt = number_formatter(env)
            for value in (*VALUES, 12, 1234567890123.25):
                for digits in (0, 2):
                    self.assertEqual(
                        fmt(value, digits), formatLang(env, value, digits=digits), (grouping, value)
                    )

    def test_up_to_four_decimals_without_trailing_zeros(self):
        fmt = number_formatter(self.env, "it_IT")
        self.assertEqual(
            [fmt(value) for value in (25.0, 0, 1234.5, -1234567.125, 0.33333, 2.00005)],
            ["25", "0", "1.234,5", "-1.234.567,125", "0,3333", "2"],
        )
        self.assertEqual(number_formatter(self.env, "en_US")(1234567.5), "1,234,567.5")

    def test_language_given_or_of_the_environment(self):
        italian = self.env(context=dict(self.env.context, lang="it_IT"))
        self.assertEqual(number_formatter(italian)(1234.5, 2), "1.234,50")
        self.assertEqual(number_formatter(italian, "en_US")(1234.5, 2), "1,234.50")

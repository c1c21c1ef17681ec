# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools.sql_values import int_array


@tagged("post_install", "-at_install")
class TestSqlValues(TransactionCase):
    def _read_back(self, ids):
        self.env.cr.execute(SQL("SELECT UNNEST(%s)", int_array(ids)))
        return [row[0] for row in self.env.cr.fetchall()]

    def test_int_array_reads_back_the_same_values(self):
        self.assertEqual(self._read_back([3, 1, 2, 1]), [3, 1, 2, 1])
        self.assertEqual(self._read_back(i for i in [7, None, 9]), [7, None, 9])
        self.assertEqual(self._read_back([]), [])
        self.assertEqual(self._read_back({5: "a dict's keys"}), [5])

    def test_int_array_is_one_parameter(self):
        query = int_array(range(1000))
        self.assertEqual(len(query.params), 1)
        self.assertEqual(query.code, "%s::int[]")

    def test_int_array_refuses_what_is_not_an_integer(self):
        with self.assertRaises(ValueError):
            int_array([1, "2); DROP TABLE sale_order; --"])

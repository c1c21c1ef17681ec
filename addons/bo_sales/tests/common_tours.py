# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tours of the suite: a clerk and a manager walk the main flows in Chromium."""

import base64
import json
import unittest

from odoo.tests import HttpCase, new_test_user

# The groups of the demo logins `backoffice` and `manager` (demo/res_users_demo.xml):
# the tours check that these rights are enough for each flow.
CLERK_GROUPS = (
    "base.group_user,bo_sales.bo_sales_group_user,stock.group_stock_user,"
    "account.group_account_invoice"
)
MANAGER_GROUPS = (
    "base.group_user,bo_sales.bo_sales_group_manager,sales_team.group_sale_manager,"
    "stock.group_stock_manager,account.group_account_invoice"
)
# Generous: two cores are shared by several test runs and the first page load
# builds the asset bundles.
TOUR_TIMEOUT = 240
# The web client as a user finds it after logging in: the tours start there.
HOME_URL = "/odoo"
# Where an upload tour finds the file the clerk picks (bo_order_import_*tour.js).
UPLOAD_FILE_KEY = "bo_sales_order_upload_file"


class BoTourCase(HttpCase):
    """A clerk and a manager in Italian, as the demo users, with their own logins.

    Odoo skips a browser test (``unittest.SkipTest``) when Chromium or
    websocket-client is missing, or when the browser does not start or answer:
    here that is a failure, so a tour can never pass by not running.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.company = cls.env.company
        cls.italy = cls.env.ref("base.it")
        cls.clerk = new_test_user(
            cls.env,
            login="tour_backoffice",
            name="Giulia Tour",
            groups=CLERK_GROUPS,
            lang="it_IT",
            tz="Europe/Rome",
        )
        cls.manager = new_test_user(
            cls.env,
            login="tour_manager",
            name="Roberto Tour",
            groups=MANAGER_GROUPS,
            lang="it_IT",
            tz="Europe/Rome",
        )

    def browser_js(self, *args, **kwargs):
        try:
            return super().browser_js(*args, **kwargs)
        except unittest.SkipTest as error:
            self.fail(f"The browser tour could not run (Odoo would skip it): {error}")

    def bo_start_tour(self, url, tour_name, user):
        """Run ``tour_name`` from ``url`` in Chromium, logged in as ``user``."""
        self.start_tour(url, tour_name, login=user.login, timeout=TOUR_TIMEOUT)
        # NOTE: the browser worked in the test transaction through other
        # cursors: read what it wrote afresh.
        self.env.invalidate_all()

    def bo_start_tour_from_home(self, tour_name, user):
        """Run ``tour_name`` from the web client's home page, as ``user`` logs in.

        The tour itself opens the app and the menus (bo_tour_utils.js): nothing
        of what it tests is prepared on the server or reached by a direct URL.
        """
        self.bo_start_tour(HOME_URL, tour_name, user)

    def bo_start_upload_tour(self, tour_name, user, name, mimetype, content):
        """Run ``tour_name`` from the home page with the file ``name`` waiting in
        the browser's session storage, as on the clerk's disk: the tour picks it
        in the form's file input, the only way it reaches the server."""
        file_json = json.dumps(
            {"name": name, "type": mimetype, "data": base64.b64encode(content).decode()}
        )
        self.start_tour(
            HOME_URL,
            tour_name,
            login=user.login,
            timeout=TOUR_TIMEOUT,
            code=(
                f"sessionStorage.setItem({UPLOAD_FILE_KEY!r}, {json.dumps(file_json)});"
                f"odoo.startTour({tour_name!r}, {{stepDelay: 0, startUrl: {HOME_URL!r}}});"
            ),
        )
        self.env.invalidate_all()

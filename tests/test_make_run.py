# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""`make run` end to end, over real HTTP: it builds its database with the suite
and demo data, serves /web/login with HTTP 200, and the demo clerk logs in and
finds the Back Office application."""

import json
import os
import subprocess
import urllib.request
import xmlrpc.client

import pytest

import odoo

from tests.http_server import free_port, stop_server, wait_for_login_page

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Named after the test database, so that two runs of the suite side by side
# (two checkouts, two profiles) do not make and drop the same database.
DB = f"{odoo.tools.config['db_name'] or 'bo_test'}_run"


@pytest.fixture(scope="module")
def served_odoo():
    port = free_port()
    env = dict(os.environ, BO_DB=DB, BO_HTTP_PORT=str(port))
    log_path = os.path.join(ROOT, ".local", "log", f"{DB}-run.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            ["make", "run"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        status = wait_for_login_page(url, proc, pause=3)
        with open(log_path) as log:
            output = log.read()
        assert status == 200, (
            f"make run did not serve /web/login (exit {proc.poll()}):\n{output[-3000:]}"
        )
        yield url, output
    finally:
        stop_server(proc)
        subprocess.run(
            ["psql", "-w", "-d", "postgres", "-qc", f'drop database if exists "{DB}" with (force)'],
            check=False,
            env=_pg_env(),
        )


def _pg_env():
    env = dict(os.environ)
    with open(os.path.join(ROOT, ".local", "pg.env")) as fh:
        conf = dict(line.strip().split("=", 1) for line in fh if "=" in line)
    env.update(PGHOST=conf["BO_PG_HOST"], PGPORT=conf["BO_PG_PORT"], PGUSER=conf["BO_DB_USER"])
    return env


def test_make_run_serves_the_suite_with_demo_data(served_odoo):
    url, output = served_odoo
    assert f"http://localhost:{url.rsplit(':', 1)[1]}/web/login" in output
    assert "backoffice / backoffice" in output
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(DB, "backoffice", "backoffice", {})
    assert uid, "the demo clerk cannot log in"
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kw):
        return models.execute_kw(DB, uid, "backoffice", model, method, list(args), kw)

    installed = call(
        "ir.module.module",
        "search_read",
        [["name", "in", ["bo_sales", "bo_logistics", "bo_reporting"]]],
        fields=["state"],
    )
    assert sorted(m["state"] for m in installed) == ["installed"] * 3
    # The clerk logs in through the web client and gets the Back Office application.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "params": {"db": DB, "login": "backoffice", "password": "backoffice"},
            }
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(login, timeout=60) as resp:
        assert json.load(resp)["result"]["uid"] == uid
    with opener.open(f"{url}/web/webclient/load_menus/check", timeout=60) as resp:
        menus = json.load(resp)
    app_names = {menus[str(i)]["name"] for i in menus["root"]["children"]}
    assert "Back Office" in app_names, app_names
    # Demo data: an Italian wholesaler with agents and customers.
    company = call("res.company", "search_read", [], fields=["name", "currency_id"], limit=1)[0]
    assert company["name"] == "Adriatica Forniture S.r.l."
    assert company["currency_id"][1] == "EUR"
    assert call("res.partner", "search_count", [["bo_is_agent", "=", True]]) >= 3

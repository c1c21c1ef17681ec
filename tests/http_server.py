# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers of the tests that start a real Odoo server (make run, lifecycle)."""

import os
import signal
import socket
import subprocess
import time
import urllib.request


def free_port():
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_login_page(url, proc, timeout=1200, pause=2):
    """HTTP status of ``url``/web/login once it answers, or None when ``proc``
    exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=30) as resp:
                return resp.status
        except OSError:
            time.sleep(pause)
    return None


def stop_server(proc, grace=60):
    """Stop the server started in its own session (``start_new_session=True``)
    with its workers: SIGTERM to the process group, SIGKILL after ``grace`` seconds."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

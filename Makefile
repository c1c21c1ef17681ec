# bo-suite: the commands a newcomer needs (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup run test test-fast lint i18n bench load test-core

help:
	@echo "make setup   virtual environment, requirements, PostgreSQL, Odoo config"
	@echo "make run     database with the suite and demo data, web client on http://localhost:8069"
	@echo "make test    fresh test database and every test of the suite (pytest-odoo)"
	@echo "make test-fast  the same without tours, lifecycle and server tests (edit-test loop)"
	@echo "make lint    ruff and pylint-odoo over the addons"
	@echo "make i18n    export the addons' terms into i18n/*.pot and merge them into i18n/it.po"
	@echo "make bench   generated data, every tools/bench/cases/*.py timed; table + .bench/*.json"
	@echo "make load    Odoo with workers, concurrent XML-RPC clients for a bounded time, checks"
	@echo "make test-core  Odoo's own tests of the extended modules with the suite installed (long)"

setup:
	@bash scripts/setup.sh

run:
	@bash scripts/run.sh

# What `make test` runs: every test, or the paths given, e.g.
#   make test TESTS=addons/bo_sales/tests/test_order_checks.py
# (pytest options in PYTEST_ARGS, e.g. PYTEST_ARGS="-k override").
TESTS ?= addons tests
# `make test-fast`, the edit-test loop: the same without the browser tours and
# the tests that start servers or build databases of their own (CI runs all).
FAST_TESTS ?= addons tests
FAST_EXCLUDE ?= --ignore=tests/test_lifecycle.py --ignore=tests/test_make_run.py \
	--ignore=tests/test_cron_faults.py --ignore-glob=*/test_tours*.py

test:
	@bash scripts/test.sh $(TESTS)

test-fast:
	@PYTEST_ARGS="$(FAST_EXCLUDE) $(PYTEST_ARGS)" bash scripts/test.sh $(FAST_TESTS)

lint:
	@bash scripts/lint.sh

i18n:
	@bash scripts/i18n.sh

bench:
	@bash scripts/bench.sh

load:
	@bash scripts/load.sh

test-core:
	@bash scripts/test_core.sh

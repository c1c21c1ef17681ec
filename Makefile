# bo-suite: the commands a newcomer needs (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup run test lint i18n bench load test-core

help:
	@echo "make setup   virtual environment, requirements, PostgreSQL, Odoo config"
	@echo "make run     database with the suite and demo data, web client on http://localhost:8069"
	@echo "make test    fresh test database and every test of the suite (pytest-odoo)"
	@echo "make lint    ruff and pylint-odoo over the addons"
	@echo "make i18n    export the addons' terms into i18n/*.pot and merge them into i18n/it.po"
	@echo "make bench   generated data, every tests/bench/cases/*.py timed; table + .bench/*.json"
	@echo "make load    Odoo with workers, concurrent XML-RPC clients for a bounded time, checks"
	@echo "make test-core  Odoo's own tests of the extended modules with the suite installed (long)"

setup:
	@bash scripts/setup.sh

run:
	@bash scripts/run.sh

# `make test <test paths>` runs only those (pytest options: PYTEST_ARGS="-k name").
ifeq (test,$(firstword $(MAKECMDGOALS)))
TEST_PATHS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
.PHONY: $(TEST_PATHS)
$(eval $(TEST_PATHS):;@:)
endif

test:
	@bash scripts/test.sh $(TEST_PATHS)

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

# sejour-traite: every command a developer or CI needs.  `make` alone lists them.
#
# The virtualenv lives in .venv and is (re)built only when requirements-dev.lock or
# pyproject.toml changes (stamp file .venv/.install.stamp).

.DEFAULT_GOAL := help
.NOTPARALLEL:
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.install.stamp
CLI       := $(BIN)/sejour-traite
SCENARIOS ?= ../shared/scenarios
PYTEST_ARGS ?=
MANAGE    := $(BIN)/python manage.py
PG_URL    ?= postgres://postgres@127.0.0.1:5432/sejour_traite
# The tests that touch the database (the law's tests are database-free); the browser
# journeys run on SQLite only (they take minutes and exercise the same queries as tests/web).
PG_TESTS  ?= tests/dossiers tests/web tests/stats tests/documents tests/api tests/guide
RUN_ADDRESS ?= 127.0.0.1:8000
# Only the folders that exist (bench/ or tests/ may still be empty on a fresh clone).
LINT_PATHS := $(wildcard src tests bench)

# uv is only needed to (re)write the lock files; it lives in its own throwaway venv.
UV_VERSION := 0.13.9
UV_VENV    := .venv-uv
UV         := $(UV_VENV)/bin/uv
UV_COMPILE := $(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes \
              --custom-compile-command "make lock" --quiet

.PHONY: help install lock lock-upgrade lint typecheck test test-pg migrations-check run engine-demo openapi bench docs clean distclean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

install: $(STAMP) node_modules/.install.stamp ## .venv from the hash-pinned lock, node_modules from package-lock.json

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.install.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(UV):
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(UV) ## rewrite both lock files after editing dependencies in pyproject.toml
	$(UV_COMPILE) --extra dev -o requirements-dev.lock
	$(UV_COMPILE) --constraint requirements-dev.lock -o requirements.lock

lock-upgrade: $(UV) ## same, but move every pin to the newest allowed version
	$(UV_COMPILE) --upgrade --extra dev -o requirements-dev.lock
	$(UV_COMPILE) --upgrade --constraint requirements-dev.lock -o requirements.lock

lint: install ## ruff (lint only, no format check) and the import contracts
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/lint-imports

typecheck: install ## mypy, strict on sejour_traite.law
	$(BIN)/mypy src/sejour_traite/law

test: install lint typecheck migrations-check ## everything CI runs: SQLite, then PostgreSQL
	$(BIN)/pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-pg
	@if [ -d "$(SCENARIOS)" ]; then \
	  echo "$(CLI) scenarios $(SCENARIOS)"; $(CLI) scenarios "$(SCENARIOS)"; \
	else echo "(no $(SCENARIOS): shared scenarios skipped)"; fi
	$(CLI) check-citations

test-pg: install ## the database tests again, on PostgreSQL ($(PG_URL))
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PG_TESTS) $(PYTEST_ARGS)

migrations-check: install ## fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

run: install ## demo on SQLite: migrate, seed fictional dossiers, print the accounts, serve
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(RUN_ADDRESS)

engine-demo: install ## the law engine alone: the shared scenarios, then one explained evaluation
	@if [ -d "$(SCENARIOS)" ]; then \
	  echo "$(CLI) scenarios $(SCENARIOS)"; $(CLI) scenarios "$(SCENARIOS)"; \
	else echo "(no $(SCENARIOS): shared scenarios skipped)"; fi
	$(CLI) evaluate examples/sc14.yaml --format text

openapi: install ## rewrite docs/openapi.json from the API
	DJANGO_SETTINGS_MODULE=sejour_traite.settings $(BIN)/python -c "import django, json; django.setup(); \
	  from sejour_traite.api.urls import api; \
	  open('docs/openapi.json', 'w').write(json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + '\n')"

bench: install ## timings of the law engine, JSON on stdout
	$(BIN)/python bench/bench_evaluate.py

docs: install ## regenerate docs/law/ (rules, parameters, open questions) from the engine
	$(CLI) rules --doc docs/law

clean: ## remove caches and build output (keeps .venv)
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis .coverage .coverage.* htmlcov
	find . -path ./$(VENV) -prune -o -path ./$(UV_VENV) -prune -o \
	  \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +

distclean: clean ## also remove .venv and the uv venv
	rm -rf $(VENV) $(UV_VENV)

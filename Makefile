# Trustboard: `make demo` runs the product, `make test` passes the suite, on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := src/trustboard/core/static/vendor
PORT ?= 8000
PYTEST_ARGS ?=
# Both cores: each pytest-xdist worker has its own test database and live server.
PYTEST_WORKERS ?= 2

.PHONY: install assets demo test test-sqlite test-postgres system-deps lint bench serve lock clean

install: $(STAMP) assets

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# GOV.UK Frontend (without the GDS Transport typeface) and axe-core, vendored from npm.
assets: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/govuk
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/govuk/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

demo: install system-deps
	$(BIN)/trustboard demo --port $(PORT)

serve: install
	@DJANGO_SETTINGS_MODULE=trustboard.settings $(BIN)/python -c 'from django.conf import settings as s; \
	print("Secret key: from TRUSTBOARD_SECRET_KEY" if s.SECRET_KEY_SOURCE == "TRUSTBOARD_SECRET_KEY" \
	      else f"Secret key: this installation\x27s own, kept in {s.SECRET_KEY_SOURCE} (readable by its owner only)")'
	$(BIN)/trustboard migrate --noinput
	$(BIN)/trustboard collectstatic --noinput --verbosity 0
	$(BIN)/trustboard db_worker --no-reload & trap 'kill $$!' EXIT; \
	$(BIN)/gunicorn trustboard.wsgi --bind 0.0.0.0:$(PORT) --workers 3

# Debian's Chromium for the browser tests, Graphviz for diagrams, poppler for reading PDFs,
# LibreOffice (without its desktop) for laying out Word papers as PDF.
# apt's index is read once, and only when something is missing.
system-deps:
	@missing=""; writer=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v soffice >/dev/null || writer="libreoffice-writer-nogui"; \
	if [ -n "$$missing$$writer" ]; then apt-get update -qq || exit 1; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing with apt"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing fonts-liberation >/dev/null || exit 1; \
	fi; \
	if [ -n "$$writer" ]; then \
	  echo "Installing $$writer with apt"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $$writer fonts-liberation >/dev/null; \
	fi

test: install system-deps lint test-sqlite test-postgres

lint:
	$(BIN)/ruff check src tests bench scripts

test-sqlite:
	@echo "== the suite on SQLite =="
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Only the tests that use the database (marked by tests/conftest.py), less those marked
# sqlite_only because what they check cannot differ by database (docs/testing.md): the rest
# ran above.
test-postgres:
	@echo "== the database tests on PostgreSQL =="
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) \
	  -m "database and not sqlite_only" $(PYTEST_ARGS)

bench: install
	mkdir -p bench/results
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Re-pin the dependencies after changing pyproject.toml.
lock:
	rm -rf /tmp/trustboard-lock && $(PYTHON) -m venv /tmp/trustboard-lock
	/tmp/trustboard-lock/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	/tmp/trustboard-lock/bin/pip freeze --exclude-editable | grep -v '^trustboard' > requirements.lock

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var bench/results

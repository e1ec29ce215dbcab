# Two commands for a newcomer: `make run` (serve the app) and `make test` (lint + tests).
# Needs only python3 (3.11+) and make; everything else is installed into .venv from PyPI.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make run` is a development server: DEBUG on, with a secret generated once into .env (git-ignored;
# settings read it outside tests, so ad-hoc `manage.py` commands work in a checkout too).

.PHONY: run test bench venv clean

run: $(VENV)/.runtime-installed .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests (tests/e2e) need Debian's /usr/bin/chromium and axe-core from npm (package.json,
# installed by npm ci). Without them they are skipped with the reason; under CI=true they fail.
CHROMIUM := /usr/bin/chromium
NPM := $(shell command -v npm 2>/dev/null)

# Everything, slow tests included. While working: .venv/bin/pytest -m "not slow" (the fast suite).
test: $(VENV)/.dev-installed .env $(if $(NPM),node_modules/.installed)
	$(VENV)/bin/ruff check .
	@test -x $(CHROMIUM) || echo "browser tests skipped: $(CHROMIUM) not found"
	@test -n "$(NPM)" || echo "browser tests skipped: npm not found (axe-core is installed with npm ci)"
	$(VENV)/bin/pytest

# The performance benchmark of issue 11 (not part of `make test`): prints one table and writes
# docs/benchmarks.md. Needs Debian's wrk (installed with apt-get when missing, which needs root)
# and PostgreSQL on 127.0.0.1:5432 (user postgres) for the PostgreSQL rows. Sizes and durations:
# see bench/run.py (BENCH_SECONDS, BENCH_CLIENTS, BENCH_REVISIONS, ...).
bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null 2>&1 || { echo "wrk not found: installing Debian's wrk"; \
		apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || true
	@command -v wrk >/dev/null 2>&1 || { echo "make bench needs wrk and could not install it:" \
		"run 'apt-get install wrk' as root (Debian/Ubuntu), then make bench again."; exit 1; }
	$(PY) -m bench.run

venv: $(PY)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed as $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Stamp files: pip runs again only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# axe-core for the browser tests' accessibility checks, exactly as pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Written once, never overwritten: a developer may add their own variables to it.
.env: | $(PY)
	$(PY) -c 'import secrets; print("DJANGO_DEBUG=true"); print("DJANGO_SECRET_KEY=" + secrets.token_urlsafe(50))' > $@

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

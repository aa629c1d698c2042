# ParkOps: the two commands are `make run` and `make test`; everything else is a step they use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENDOR := parkops/web/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
DEMO_COUNT ?= 300
# The suite runs on every core (pytest-xdist). Its default "load" scheduling keeps each worker in
# pytest-django's order (database tests before transactional ones, which flush the migrations' rows);
# "worksteal" breaks that. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install run serve test lint typecheck pytest static messages migrate load load-data check-migrations browser-deps proxy-deps office-deps bench strings clean

help:
	@echo "make run    install, migrate, load the Caojing plan and demo data, serve on http://$(HOST):$(PORT) with a job worker"
	@echo "make test   install, lint, type-check, check migrations, run the whole test suite"
	@echo "make bench  run the benchmarks (times as ratios against a baseline of the same run)"
	@echo "make load   a bounded locust load test on loopback (LOAD_USERS, LOAD_DURATION, ...); make load-data loads the demo data"

# --- installing ------------------------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ParkOps needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
		|| $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Third-party front-end files are never committed: they come from npm, pinned by package-lock.json.
$(VENDOR)/.built: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/maplibre-gl/dist/maplibre-gl.js node_modules/maplibre-gl/dist/maplibre-gl.js.map node_modules/maplibre-gl/dist/maplibre-gl.css $(VENDOR)/
	cp node_modules/pmtiles/dist/pmtiles.js node_modules/pmtiles/dist/pmtiles.js.map $(VENDOR)/
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/
	touch $@

static: $(VENDOR)/.built

# gettext's msgfmt compiles the translations; Debian ships it in the gettext package.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } \
		|| { echo "msgfmt is missing: install gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

install: $(VENV)/.installed static messages

# After adding UI strings: each app with a locale/ directory keeps its own catalogue.
strings: $(VENV)/.installed
	$(MANAGE) makemessages -l en --no-wrap --no-location --ignore=.venv --ignore=node_modules --ignore=staticfiles

# --- running ---------------------------------------------------------------------------------
migrate: install
	mkdir -p var
	$(MANAGE) migrate --no-input -v 0

load-data: migrate
	$(MANAGE) load_plan
	$(MANAGE) load_demo --count $(DEMO_COUNT)
	$(MANAGE) load_enforcement_demo
	$(MANAGE) load_attraction_demo
	$(MANAGE) ensure_users
	$(MANAGE) load_briefing_demo

# One queue worker runs next to gunicorn (evaluation runs, ratings, import writes, handbooks);
# stopping `make run` stops both (the worker finishes the job in hand first). More workers, on
# this machine or others, are `manage.py db_worker` against the same database.
run: load-data
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) sweep_jobs
	$(MANAGE) ensure_users --print-login --url http://$(HOST):$(PORT)/
	@if [ "$${PARKOPS_TASK_BACKEND:-database}" = database ]; then \
		$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		echo "Background worker started (pid $$worker)"; \
	fi; \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --error-logfile -

# --- testing ---------------------------------------------------------------------------------
# The browser tests drive Debian's Chromium; a CJK font makes the screenshots legible.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh | grep -q .; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
		else echo "Install Chromium and a CJK font: sudo apt-get install chromium fonts-wqy-microhei"; exit 1; fi; \
	fi

# The two-server test (parkops/ops/tests/test_two_servers.py) puts Debian's nginx in front of two
# gunicorn instances, as deploy/ does in production.
proxy-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq nginx-light >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }; \
		else echo "Install nginx for the two-server test: sudo apt-get install nginx-light"; fi; \
	fi

# The official documents' render test (parkops/briefings/tests/test_render.py) converts the .docx
# to PDF with Debian's headless LibreOffice and reads it back with poppler's pdftotext/pdftoppm.
office-deps:
	@if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null; }; \
		else echo "Install LibreOffice and poppler for the render test: sudo apt-get install libreoffice-writer-nogui poppler-utils"; fi; \
	fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

check-migrations: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run -v 1

pytest: install browser-deps proxy-deps office-deps
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

test: install browser-deps lint typecheck check-migrations pytest

bench: install
	$(PY) -m parkops.bench $(BENCH)

# A bounded locust run against gunicorn on loopback (parkops/bench/load.py): LOAD_USERS,
# LOAD_SPAWN_RATE, LOAD_DURATION, LOAD_COUNT, LOAD_WORKERS, LOAD_DATABASE_URL from the environment.
load: install
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-load.txt
	$(PY) -m parkops.bench.load

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles .mypy_cache .ruff_cache .pytest_cache test-results

# Quartieri — the two commands (`make run`, `make test`) and their helpers.
# Needs only Python 3.11 and make; everything else is installed into .venv.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes: one per core ("auto"); 0 runs the suite in this process (a debugger, -x).
# A file's tests stay in one process, the browser files all in one, the longest sent first and
# in that order (`loadgroup` without reordering; the groups are set in tests/conftest.py).
TEST_WORKERS ?= auto
TEST_DIST := $(if $(filter 0,$(TEST_WORKERS)),,--dist loadgroup --no-loadscope-reorder)

.PHONY: help install install-dev install-load run serve test check lint format messages bench load clean

help:
	@echo "make run    - set up .venv, migrate, load the demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test   - install the test requirements and run the whole suite"
	@echo "make lint   - ruff check and format check, import contracts (.importlinter), djLint on the"
	@echo "             templates, CSS and JS syntax (tools/check_static.py); runs them all, fails if any fails"
	@echo "make bench  - benchmarks (not part of make test)"
	@echo "make messages - extract interface strings into locale/ (needs GNU gettext) and compile them"
	@echo "make load   - the production server under load with the demo content"

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Quartieri needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed

install-dev: $(VENV)/.dev-installed

$(VENV)/.load-installed: requirements.txt requirements-dev.txt requirements-load.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-load.txt
	touch $@ $(VENV)/.dev-installed $(VENV)/.runtime-installed

install-load: $(VENV)/.load-installed

# The development server with the background worker (the proposals' e-mails, printed on the
# console: see TASKS in portal/settings/base.py) and the clock of the periodic jobs
# (docs/FOLLOWING.md) beside it. Ctrl-C stops all three; the worker and the clock do not reload
# on code changes, the server does.
SERVE = $(PY) manage.py db_worker --backend background --no-reload & worker=$$!; \
	$(PY) manage.py clock & clock=$$!; \
	trap 'kill $$worker $$clock 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

run: install
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(SERVE)

serve: install
	$(SERVE)

check: install-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

test: check
	$(PY) -m pytest -n $(TEST_WORKERS) $(TEST_DIST) $(PYTEST_ARGS)

# Every check runs even after one fails, so one run shows all that is wrong; any failure fails.
lint: install-dev
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/lint-imports --no-logo --no-cache || status=1; \
	$(VENV)/bin/djlint . --lint || status=1; \
	$(PY) tools/check_static.py || status=1; \
	exit $$status

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Interface catalogues: extracting strings needs GNU gettext (xgettext, msgmerge), so only the
# people who change them run this; compiling is pure Python (polib) and needs nothing.
LANGUAGES := it en fr ar ro zh_Hans es
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGES)) --add-location=file \
		--ignore=.venv --ignore=tests --ignore=static --ignore=media --ignore=test-artifacts
	$(PY) manage.py compile_catalogues

bench: install-dev
	$(PY) -m pytest tests/benchmarks -s -m benchmark $(PYTEST_ARGS)

load: install-load
	$(PY) tests/load/run_load.py

clean:
	rm -rf $(VENV) static

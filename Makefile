# Two commands: `make run` serves the site, `make test` runs every test.
# Both build .venv from .python-version first; nothing else to install.

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: one per core (pytest-xdist); WORKERS=0 runs in this process.
WORKERS ?= auto

.PHONY: messages run test lint format bench content centers purge clean mutants

$(STAMP): pyproject.toml .python-version
	@bin/find-python $(PYTHON_VERSION) > /dev/null
	@test -x $(PY) || "$$(bin/find-python $(PYTHON_VERSION))" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# The Spanish catalogue: locale/es/LC_MESSAGES/django.po is committed, the .mo
# is built here (msgfmt, from Debian's gettext) and by the test run.
messages: $(STAMP)
	@bin/ensure-system-packages gettext
	$(PY) manage.py compilemessages --ignore '.*' --ignore bench --ignore node_modules --verbosity 0

# The web server and one PDF worker (printing/tasks.py) together; Ctrl-C stops both.
run: messages
	$(PY) manage.py migrate --noinput
	@nice -n 10 $(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	@bin/ensure-system-packages
	$(MAKE) --no-print-directory messages
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest --numprocesses $(WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	@bin/ensure-system-packages bench
	$(PY) -m bench $(BENCH_ARGS)

# Mutation testing with mutmut ([tool.mutmut] in pyproject.toml): the modules
# that decide what is cached, limited, printed and scored are changed one
# mutant at a time in a copy (mutants/), and their tests run against each one,
# on SQLite without Redis. 10 to 20 minutes on 2 cores; prints each module's
# kill rate. Then `.venv/bin/mutmut results` lists the survivors and
# `.venv/bin/mutmut show NAME` shows one.
MUTANT_CHILDREN ?= 2

mutants: messages
	rm -rf mutants
	env -u DATABASE_URL -u REDIS_URL CI=true $(VENV)/bin/mutmut run --max-children $(MUTANT_CHILDREN)
	@$(VENV)/bin/mutmut results --all true | awk '{ \
	    module = $$1; sub(/\.x(_|ǁ).*/, "", module); total[module]++; \
	    if ($$2 == "killed" || $$2 == "timeout") killed[module]++; \
	    if ($$2 == "survived") survived[module]++; \
	} END { for (m in total) printf "%-24s %3d mutants %3d killed (%.1f%%) %3d survived\n", \
	    m, total[m], killed[m], 100 * killed[m] / total[m], survived[m] | "sort" }'

content: $(STAMP)
	$(PY) manage.py load_guides

centers: $(STAMP)
	$(PY) manage.py load_centers

purge: $(STAMP)
	$(PY) manage.py purge_packets

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

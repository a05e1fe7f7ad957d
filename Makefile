# Kumppanuus: every task starts here. `make demo` and `make test` need only Python 3.11+,
# make and git.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
DEMO_ENV := DEBUG=true
# make demo PORT=8001 when 8000 is taken.
PORT ?= 8000

.PHONY: demo test test-sso-personas install lint format messages compilemessages migrate serve worker bench clean ci

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	DEBUG=true $(PY) manage.py compiletranslations

demo: install compilemessages
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py seed_demo_totals
	$(DEMO_ENV) $(PY) manage.py aggregate_notes
	$(DEMO_ENV) $(PY) manage.py seed_loop_demo
	@echo ""
	@echo "Kumppanuus runs at http://127.0.0.1:$(PORT)/  (Ctrl+C stops it)"
	@echo "Staff log in at  http://127.0.0.1:$(PORT)/fi/work/"
	@echo "Demo logins: demo-worker / kumppanuus-demo  and  demo-manager / kumppanuus-demo"
	@echo ""
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install compilemessages
	$(PY) -m pytest

# The persona matrix again, with every persona a single sign-on user whose units come from
# sign-in groups (conftest.py).
test-sso-personas: install compilemessages
	KUMPPANUUS_PERSONAS=sso $(PY) -m pytest -q

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Needs GNU gettext (xgettext); a developer task, not needed by demo or test.
messages: install
	DEBUG=true $(PY) manage.py makemessages --no-location --no-obsolete -l fi -l sv -l en --ignore=.venv --ignore=staticfiles --ignore=node_modules
	DEBUG=true $(PY) manage.py compiletranslations

migrate: install
	$(PY) manage.py migrate --noinput

# A Celery worker with the beat schedule inside it (the outbox sweep) against REDIS_URL, for
# development. In production run exactly one beat and any number of workers, each its own
# systemd unit with Restart=always (deploy/systemd/, README).
worker: install
	@test -n "$$REDIS_URL" || (echo "Set REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make worker"; exit 1)
	$(VENV)/bin/celery -A kumppanuus worker -B --loglevel INFO

# Production-like: settings from the environment or .env (DEBUG off needs SECRET_KEY and
# ALLOWED_HOSTS), hashed + compressed static files, gunicorn with gunicorn.conf.py.
serve: install compilemessages
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@$(PY) manage.py migrate --check >/dev/null || { echo "Unapplied migrations: run 'make migrate' first."; exit 1; }
	$(VENV)/bin/gunicorn --config gunicorn.conf.py

# Loopback PostgreSQL (database kumppanuus_bench, created and dropped) and Redis (db 14),
# gunicorn with gunicorn.conf.py, wrk. BENCH_QUICK=1 for small sizes. See README.md.
bench: install compilemessages
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-db.sqlite3 .pytest_cache

ci:
	bash .ci/run

# The two commands: `make run` (set up and serve with demo data) and `make test`.
# Everything else here is what those two need.
# `make run` starts the scheduled work (run_jobs) in the background from the shell that then becomes
# runserver (exec): run_jobs stops when that process ends, however it ends (Ctrl+C, kill), so it is never left behind.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Local runs are development runs unless the caller says otherwise.
export DEBUG ?= true

# The suite runs on two processes (pytest-xdist; each gets its own test database). PYTEST_ARGS= runs it in one.
PYTEST_ARGS ?= -n 2

.PHONY: run test setup assets migrate demo bench clean

run: setup assets migrate demo
	@echo ""
	@echo "  TOPGGz-platform draait op http://$(HOST):$(PORT)/  (Ctrl+C stopt)"
	@echo "  Beheer: http://$(HOST):$(PORT)/beheer/  e-mail bureau.admin@topggz.example, wachtwoord Demo-topggz-2026!"
	@echo "  Tweede stap: voeg de TOTP-sleutel hierboven toe aan een authenticator-app,"
	@echo "  of vraag de huidige code op: $(PY) manage.py demo_totp bureau_admin"
	@echo "  Geplande en uitgestelde taken lopen mee (manage.py run_jobs) en stoppen met de server."
	@echo ""
	$(PY) manage.py run_jobs --parent-pid $$$$ & exec $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed assets
	$(PY) manage.py check
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json
	npm run --silent build

migrate: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: setup
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_users
	$(PY) manage.py load_demo_dossiers
	$(PY) manage.py adopt_certificates
	$(PY) manage.py load_demo_knowledge
	$(PY) manage.py load_demo_consultation
	$(PY) manage.py load_demo_triage
	$(PY) manage.py load_demo_insight

bench: $(VENV)/.dev-installed assets
	$(PY) bench/finder/run.py --db both
	$(PY) bench/certification/run.py --db both
	$(PY) bench/consultation/run.py --db both

clean:
	rm -rf $(VENV) node_modules staticfiles topggz/static/vendor db.sqlite3*

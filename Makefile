# Career Planner. `make run` serves the site on SQLite; `make test` runs everything CI runs.
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
RUFF := $(VENV)/bin/ruff
CHROMIUM := /usr/bin/chromium

.PHONY: run serve admin test lint format test-sqlite test-postgres test-browser test-scale bench clean

$(VENV)/.installed: pyproject.toml
	@command -v python3 >/dev/null || { echo "python3 is needed (Debian: apt-get install python3 python3-venv)"; exit 1; }
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py load_catalog --if-empty
	$(PY) manage.py check --database default
	@echo "Admin account: run 'make admin' in another terminal, then open http://127.0.0.1:8000/admin/"
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Production on one machine: gunicorn with the production settings (DEBUG off). Set
# DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and the rest first (docs/operations.md).
serve: $(VENV)/.installed
	$(PY) manage.py check --deploy
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py load_catalog --if-empty
	$(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py careerplanner.wsgi

admin: $(VENV)/.installed
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py createsuperuser

test: lint test-sqlite test-postgres test-browser test-scale

lint: $(VENV)/.installed
	$(RUFF) check .
	$(RUFF) format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(RUFF) check --fix .
	$(RUFF) format .

test-sqlite: $(VENV)/.installed
	$(PYTEST) -m "not browser" -n 2

test-postgres: $(VENV)/.installed
	.ci/with-services $(PYTEST) -m "not browser" -n 2

test-browser: $(VENV)/.installed $(CHROMIUM)
	$(PYTEST) -m browser

# nginx (deploy/nginx.conf) in front of two gunicorn app servers on PostgreSQL and Redis:
# sessions and catalog edits across servers, a server killed under write load, a load run.
test-scale: $(VENV)/.installed
	.ci/with-cluster $(PYTEST) -m scale -s tests/scale

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; \
	fi

# The engine's table, then the pages under load (gunicorn on PostgreSQL and Redis, locust on
# loopback: planner/httpbench). BENCH_SECONDS shortens the HTTP rows while developing.
bench: $(VENV)/.installed
	$(PY) -m planner.bench
	.ci/with-services $(PY) -m planner.httpbench --seconds $(or $(BENCH_SECONDS),10)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .hypothesis

# Two commands for a newcomer: `make run` and `make test`. See README.md.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/portal

-include .env.local
export

.PHONY: run serve test lint check install setup demo bench clean

$(BIN)/.installed: requirements/dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements/dev.txt
	touch $@

install: $(BIN)/.installed

# A random local secret, never committed; production takes SECRET_KEY from its environment.
.env.local:
	$(PY) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	chmod 600 $@

setup: install .env.local
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py load_demo_content

run: setup
	@echo "Cổng thông tin: http://127.0.0.1:$(PORT)/  –  quản trị: http://127.0.0.1:$(PORT)/admin/"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production stack on this machine: DEBUG off, several worker processes, compressed static files.
serve: setup
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py collectstatic --no-input -v 0
	DJANGO_SETTINGS_MODULE=portal.settings.production PORTAL_INSECURE_HTTP=1 PORTAL_SERVE_MEDIA=1 \
		$(BIN)/gunicorn portal.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --graceful-timeout 10

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	# Known vulnerabilities in the pinned dependencies (needs PyPI's advisory service over the network;
	# CI sets PIP_AUDIT_FLAGS=--strict so a dependency that could not be checked fails the build).
	$(BIN)/pip-audit -r requirements/base.txt --progress-spinner off $(PIP_AUDIT_FLAGS)

test: lint
	$(BIN)/pytest
	$(BIN)/python scripts/run_postgres_tests.py $(TEST_PG_URL)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

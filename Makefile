# Two commands for a newcomer: `make run` and `make test`. See README.md.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/portal

-include .env.local
export

.PHONY: run serve test lint check install setup migrate messages demo bench backup restore clean

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

# The Vietnamese catalogues (ours in locale/, the Wagtail admin's in locale_wagtail/) are compiled here, never committed.
messages: install
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv -v 0

migrate: install .env.local messages
	$(BIN)/python manage.py migrate --no-input -v 0

# The two demo wards and every app's demo content (its demo_content.load), only ever on request (`make run`,
# `make demo`).
demo: migrate
	$(BIN)/python manage.py load_demo_content

setup: demo

run: setup
	@echo "Cổng thông tin: http://127.0.0.1:$(PORT)/  –  quản trị: http://127.0.0.1:$(PORT)/admin/"
	BIN=$(BIN) PORT=$(PORT) scripts/run_dev.sh

# Collected once, and again only when a static file or a dependency changed.
STATIC_SOURCES := $(shell find . -path ./.venv -prune -o -path ./staticfiles -prune -o -path '*/static/*' -type f -print 2>/dev/null)
staticfiles/.collected: $(BIN)/.installed $(STATIC_SOURCES)
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py collectstatic --no-input -v 0
	touch $@

# The production stack on this machine: DEBUG off, WORKERS processes of granian (a Rust HTTP server; flags in
# scripts/serve.sh, shared with the systemd unit), compressed static files by whitenoise, cached pages answered
# before Django runs (pagecache.wsgi). It migrates but loads no demo content: an empty database gets an empty
# install whose home page says how to create the first ward site (`make demo` loads the demo wards).
serve: migrate staticfiles/.collected
	DJANGO_SETTINGS_MODULE=portal.settings.production PORTAL_INSECURE_HTTP=1 PORTAL_SERVE_MEDIA=1 \
		BIN=$(BIN) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve.sh

lint: install messages
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	# Known vulnerabilities in the pinned dependencies (pip-audit, asking PyPI). Offline nothing can be checked:
	# the script says "chưa kiểm tra được" and does not fail. It fails on a vulnerability, and, with CI=true or
	# PIP_AUDIT_FLAGS=--strict, when PyPI answered but some dependency could not be checked.
	$(BIN)/python scripts/audit_dependencies.py -r requirements/base.txt $(PIP_AUDIT_FLAGS)

test: lint
	$(BIN)/pytest
	$(BIN)/python scripts/run_postgres_tests.py $(TEST_PG_URL)

# Database dump plus media and the archive's files in backups/; `make restore FILE=backups/….tar.gz` into an empty database.
backup: install
	$(BIN)/python manage.py backup_portal $(if $(FILE),--output $(FILE))

restore: install
	@test -n "$(FILE)" || (echo "Cách dùng: make restore FILE=backups/portal-….tar.gz" && exit 2)
	$(BIN)/python manage.py restore_portal $(FILE)

# Benchmarks on this machine (needs Debian's nginx and wrk); results in bench/results/ and docs/benchmarks.md.
bench: setup staticfiles/.collected
	$(BIN)/python bench/article_render.py --runs 200
	$(BIN)/python bench/hot_page.py --runs 3 --duration 10
	# Province scale: databases built once into /tmp/scale (about 3 minutes), then about 5 minutes of runs.
	nice $(BIN)/python bench/scale.py --runs 3 --duration 10

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

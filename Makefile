# The two commands that must always work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HTMX_VERSION := 4.0.1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest chromium vendor-htmx clean screenshots readability

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@echo "Widget:    http://$(HOST):$(PORT)/"
	WIDGET_REGION=$${WIDGET_REGION:-AU} $(BIN)/python -m widget serve --host $(HOST) --port $(PORT)

chromium:
	@scripts/ensure-chromium.sh

lint: $(STAMP)
	$(BIN)/ruff check widget tests
	$(BIN)/ruff format --check widget tests

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) chromium
	$(BIN)/python -m pytest

test: lint typecheck pytest

# PNGs of every step and outcome (English, Arabic, pseudo-locale; 360 and 1024 px)
# into a temporary folder, for review. Never committed.
SCREENSHOT_LOCALES ?= en ar en_XA
screenshots: $(STAMP) chromium
	$(BIN)/python scripts/screenshots.py $(SCREENSHOT_LOCALES)

# Rewrite the readability section of docs/accessibility.md from locales/messages.pot.
readability: $(STAMP)
	$(BIN)/python scripts/readability.py

# Refresh the vendored htmx from the npm registry (see static/VENDORED.md).
vendor-htmx:
	rm -rf .htmx-tmp && mkdir .htmx-tmp
	cd .htmx-tmp && npm pack --silent htmx.org@$(HTMX_VERSION) && tar xzf htmx.org-$(HTMX_VERSION).tgz
	cp .htmx-tmp/package/dist/htmx.min.js static/vendor/htmx.min.js
	sha256sum static/vendor/htmx.min.js
	rm -rf .htmx-tmp

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

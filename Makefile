# The two commands that must always work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HTMX_VERSION := 4.0.1
# LHC-Forms, the FHIR form renderer the browser tests load our Questionnaire into.
# Tests only: unpacked from the npm registry into .lforms/ (ignored by git), never served by the app.
LFORMS_VERSION := 40.1.3
LFORMS_DIR := .lforms
LFORMS_STAMP := $(LFORMS_DIR)/$(LFORMS_VERSION)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint typecheck pytest chromium prometheus lforms wordpress wordpress-packages docs vendor-htmx clean translations translation-status check-catalogs pseudo review-pack apply-review load screenshots readability

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
	@echo "Demo:      http://$(HOST):$(PORT)/demo  (script tag)"
	@echo "           http://$(HOST):$(PORT)/demo/iframe  (plain iframe)"
	@echo "Code:      http://$(HOST):$(PORT)/embed-code?partner=demo  (for partners' editors)"
	WIDGET_REGION=$${WIDGET_REGION:-AU} WIDGET_PARTNERS=$${WIDGET_PARTNERS:-partners.example.toml} \
		WIDGET_PUBLIC_URL=$${WIDGET_PUBLIC_URL:-http://$(HOST):$(PORT)} \
		$(BIN)/python -m widget serve --host $(HOST) --port $(PORT)

chromium:
	@scripts/ensure-debian-package.sh chromium /usr/bin/chromium "the browser tests"

# Debian's Prometheus for tests/report/test_report_prometheus.py (the partner report
# against a real Prometheus, with its own config and storage in a temporary folder).
# Without the recommended node exporter. On a machine with systemd, Debian's
# package also starts its own prometheus service on :9090; the test never uses it.
prometheus:
	@scripts/ensure-debian-package.sh prometheus prometheus "the partner report test (tests/report/test_report_prometheus.py)" --no-install-recommends

# Debian's WordPress, MariaDB and PHP for tests/browser/test_wordpress.py (installed as root).
wordpress-packages:
	@scripts/ensure-wordpress.sh

# A real WordPress with the plugin and the widget, for a person to try (Ctrl+C stops it).
WP_PORT ?= 8081
WIDGET_PORT ?= 8082
wordpress: $(STAMP) wordpress-packages
	WP_PORT=$(WP_PORT) WIDGET_PORT=$(WIDGET_PORT) $(BIN)/python -m tests.wordpress.site

lint: $(STAMP)
	$(BIN)/ruff check widget tests bench scripts
	$(BIN)/ruff format --check widget tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

$(LFORMS_STAMP):
	@scripts/ensure-debian-package.sh npm npm "the LHC-Forms browser test (tests/browser/test_lforms.py)"
	rm -rf $(LFORMS_DIR) && mkdir -p $(LFORMS_DIR)/$(LFORMS_VERSION)
	cd $(LFORMS_DIR)/$(LFORMS_VERSION) && npm pack --silent lforms@$(LFORMS_VERSION) >/dev/null \
		&& tar xzf lforms-$(LFORMS_VERSION).tgz && rm lforms-$(LFORMS_VERSION).tgz
	touch $@

lforms: $(LFORMS_STAMP)

pytest: $(STAMP) chromium prometheus lforms wordpress-packages
	$(BIN)/python -m pytest

# The whole suite: what CI runs (.ci/run).
test: lint typecheck pytest

# The inner loop, under 2 minutes on 2 cores: lint, types and every test that
# needs no browser, WordPress or Prometheus (selected by marker; tests/conftest.py
# refuses a test that starts one without its marker), with each property test
# running a tenth of its examples (tests/examples.py), on two pytest-xdist
# workers (about 70 s where one took 110-120 s). `make test` runs them all, in one process.
CHECK_MARKERS := not browser and not wordpress and not prometheus
check: lint typecheck
	$(BIN)/python -m pytest -n 2 -m "$(CHECK_MARKERS)" --hypothesis-profile=check

# The flow picture for clinical reviewers; the test suite checks it is not stale.
docs: $(STAMP)
	@scripts/ensure-debian-package.sh graphviz dot "make docs"
	@mkdir -p docs
	$(BIN)/python -m widget rules --format svg --output docs/flow.svg
# Translator workflow (docs/translating.md): every target is one command of
# `python -m widget.i18n.tools` (widget/i18n/tools/cli.py). Catalogs are
# compiled in memory at start-up; no .mo file is built or committed.
I18N_TOOLS := $(BIN)/python -m widget.i18n.tools

translations: $(STAMP)
	$(I18N_TOOLS) update

translation-status: $(STAMP)
	@$(I18N_TOOLS) status

# One self-contained HTML file for a clinician reviewing a language (docs/translating.md):
#   make review-pack LANG=zh_Hans   -> build/review-pack/review-zh_Hans.html
# LANG is also the shell's locale variable, so the command itself runs with C.UTF-8.
review-pack: $(STAMP)
	@test -n "$(LANG)" || { echo "usage: make review-pack LANG=xx"; exit 2; }
	LANG=C.UTF-8 $(I18N_TOOLS) review-pack $(LANG) $(if $(BASE_URL),--base-url $(BASE_URL))

# Record the decisions a reviewer exported from the review pack: make apply-review FILE=review-xx.json
apply-review: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make apply-review FILE=review-xx-DATE.json"; exit 2; }
	$(I18N_TOOLS) apply-review $(FILE)

check-catalogs: $(STAMP)
	$(I18N_TOOLS) check

# The pseudo-locale en_XA, written for inspection; the app generates it in
# memory from messages.pot when WIDGET_DEBUG=1, so this file is never committed.
pseudo: $(STAMP)
	$(I18N_TOOLS) pseudo

# 200 connections doing full runs against the real server for 30 s (not part of `make test`).
load: $(STAMP)
	$(BIN)/python bench/load.py --connections 200 --duration 30

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
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(LFORMS_DIR)

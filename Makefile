# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/kairat.db
DB_INPUTS := $(wildcard data/*.csv data/*.json ingest/*.py models/*.py)
PORT ?= 8501

.PHONY: run test lint quality bench bundle db chromium

run: $(VENV)/.runtime db  ## install, build the database if needed, start the app
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev chromium  ## install the dev tools, lint, type-check and run every test
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m mypy

quality: $(VENV)/.dev  ## quote-extraction figures on the gold annotations
	$(PY) -m quality.measure

bench: $(VENV)/.dev chromium  ## performance at scale, against the naive baseline
	$(PY) -m bench

bundle: $(VENV)/.runtime  ## regenerate data/ from ../shared (developers only)
	$(PY) -m ingest bundle

db: $(VENV)/.runtime
	@if [ -z "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory $(DB); fi

$(DB): $(DB_INPUTS) | $(VENV)/.runtime
	$(PY) -m ingest build

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed without root: browser tests will be skipped"; fi; }

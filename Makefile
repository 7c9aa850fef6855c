# Two entry points do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-sweep bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build outputs/govreports.db from the bundled corpus, then export it (CSV, JSONL, Parquet, Excel).
run: $(STAMP)
	$(BIN)/govreports run corpus --db outputs/govreports.db
	$(BIN)/govreports export --db outputs/govreports.db --out outputs/exports

## The whole test suite, slow whole-corpus and PDF tests included (not the stress sweep: see test-sweep).
test: $(STAMP)
	$(BIN)/pytest -q -m "not sweep"

## The quick tests only.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow and not sweep"

## The seeded stress sweep of table renderings (192 PDFs; Chromium and LibreOffice cases need the
## Debian packages chromium, fonts-noto-cjk and libreoffice-writer-nogui, else they are skipped).
test-sweep: $(STAMP)
	$(BIN)/pytest -q -m sweep tests/test_tables_stress.py

clean:
	rm -rf $(VENV) outputs/*.db

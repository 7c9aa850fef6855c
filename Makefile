# Two entry points do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-sweep system-packages bench clean

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

## The Debian packages the stress corpus's Chromium and LibreOffice producers need (CI calls this; without
## them those stress cases are skipped, not failed). Needs root or password-less sudo; elsewhere it says
## what to install and carries on.
STRESS_PACKAGES := chromium fonts-noto-cjk libreoffice-writer-nogui
system-packages:
	@if command -v chromium >/dev/null && command -v soffice >/dev/null && fc-list :lang=zh family | grep -q Noto; then \
		echo "system-packages: already installed"; \
	elif command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(STRESS_PACKAGES) >/dev/null \
		&& echo "system-packages: installed $(STRESS_PACKAGES)"; \
	else \
		echo "system-packages: cannot install $(STRESS_PACKAGES) here (needs apt-get and root); their stress cases will be skipped"; \
	fi

clean:
	rm -rf $(VENV) outputs/*.db

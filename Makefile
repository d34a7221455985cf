# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
TORCH_PIN := torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install demo test test-unit lint bench clean browser serve apps

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first and pinned: an unpinned resolve pulls the CUDA build (several GB).
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(TORCH_PIN)
	$(PIP) install --quiet -e '.[dev]'
	$(VENV)/bin/drafter models build
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/drafter ingest knowledge knowledge/help-center --prune
	$(VENV)/bin/drafter ingest history knowledge/customers.jsonl
	$(VENV)/bin/drafter demo knowledge/tickets.jsonl

# The agent page is tested in Debian's Chromium; Playwright's own browser download cannot work offline.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing (sudo apt-get install chromium); the browser test will skip"; fi; \
	fi

test: $(STAMP) browser
	$(VENV)/bin/ruff check drafter tests benchmarks
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# The unit tests alone (in-process fakes, no model, servers or browser): feedback in seconds.
test-unit: $(STAMP)
	$(PY) -m pytest -m unit -q

lint: $(STAMP)
	$(VENV)/bin/ruff check drafter tests benchmarks
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/load.py

serve: $(STAMP)
	DRAFTER_AUTH=off $(VENV)/bin/drafter serve

# Rebuild the helpdesk sidebar apps' committed bundles (needs Node and npm; the lock file pins the SDKs).
apps:
	cd drafter/apps/web && npm ci && npm run build

clean:
	rm -rf .drafter

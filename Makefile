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

.PHONY: install demo test lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first and pinned: an unpinned resolve pulls the CUDA build (several GB).
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(TORCH_PIN)
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/drafter ingest knowledge knowledge/help-center --prune
	$(VENV)/bin/drafter ingest history knowledge/customers.jsonl
	$(VENV)/bin/drafter demo knowledge/tickets.jsonl

test: $(STAMP)
	$(VENV)/bin/ruff check drafter tests benchmarks
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check drafter tests benchmarks
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) benchmarks/ingest.py

clean:
	rm -rf .drafter

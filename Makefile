# One way to run anything. `make demo` and `make test` are the two set-up commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export ROMA_HOME ?= $(CURDIR)/var
export UV_PYTHON ?= $(PYTHON)

.PHONY: help setup demo pipeline serve test test-fast lint format contracts bench clean \
	browser screenshots bench-dashboard rebuild

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

.tools/bin/uv:
	$(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(if $(findstring .tools,$(UV)),.tools/bin/uv)  ## Create the environment from the lock file
	$(UV) sync --frozen

demo: setup  ## Sample extracts → Airflow DAGs → published marts; serve dashboard :8501, Airflow :8080
	$(UV) run bash scripts/demo.sh

pipeline: setup  ## Run the DAGs once on whatever is in $(ROMA_HOME)/landing (no servers)
	$(UV) run bash scripts/demo.sh --no-serve

rebuild: setup  ## Rebuild the warehouse from $(ROMA_HOME)/archive (old one kept), dbt build, publish
	$(UV) run roma-monitor rebuild-warehouse

# Where a test run keeps its folders (the privacy sweep reads them after the parallel run);
# short: a Unix socket test needs its path under 108 bytes.
TEST_TMP ?= $(or $(TMPDIR),/tmp)/rmt-$(shell id -u)
# One worker per core; each takes a whole test module at a time (its fixtures are built once),
# in the order tests/conftest.py gives (the slowest first), not xdist's (the most tests first).
TEST_WORKERS ?= auto

test: setup lint browser  ## Lint, then all tests on every core, then the privacy sweep over them
	$(UV) run pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder --basetemp=$(TEST_TMP) -m "not sweep"
	ROMA_SWEEP_ROOT=$(TEST_TMP) $(UV) run pytest -m sweep -p no:cacheprovider \
	  --basetemp=$(TEST_TMP)-sweep tests/zz_privacy_sweep

test-fast: setup  ## Tests without the end-to-end Airflow run
	$(UV) run pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder -m "not e2e and not sweep"

lint: setup  ## ruff, sqlfluff, and the contract artefacts check
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run sqlfluff lint dbt_project/models
	$(UV) run roma-monitor contracts check

format: setup  ## Apply ruff formatting and fixes
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

contracts: setup  ## Regenerate GX suites, dbt sources and contract pages from the contracts
	$(UV) run roma-monitor contracts export

browser:  ## Headless Chromium + chromedriver (Debian packages) for the screenshot tests
	@if command -v "$${CHROMIUM_BINARY:-chromium}" >/dev/null && \
	  command -v "$${CHROMEDRIVER:-chromedriver}" >/dev/null; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "make browser: chromium and chromedriver are missing and there is no apt-get here." >&2; \
	  echo "Install Chromium and a matching chromedriver on PATH (or set CHROMIUM_BINARY and" >&2; \
	  echo "CHROMEDRIVER), then run make again." >&2; \
	  exit 1; \
	fi; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	echo "== Installing Debian's chromium and chromium-driver"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	  chromium chromium-driver

screenshots: setup browser  ## Browser tests only; full-page PNGs of every page in var/screenshots/
	SCREENSHOT_DIR=$(CURDIR)/var/screenshots $(UV) run pytest -m browser tests/browser

bench: setup  ## National-scale benchmark (100 k, 1 M, 10 M rows; ~40 min) → docs/benchmarks.md
	$(UV) run python -m benchmarks.run $(BENCH_ARGS)

bench-dashboard: setup  ## Server time per dashboard interaction → docs/benchmarks/dashboard.md
	$(UV) run python -m benchmarks.dashboard_report $(BENCH_ARGS)

clean:  ## Remove the demo's data (var/)
	rm -rf var

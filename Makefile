# The two commands the README promises: `make run` starts Webmon, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

DASHBOARD       := backend/webmon/static/index.html
DASHBOARD_SRC   := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
                   frontend/index.html frontend/package.json frontend/package-lock.json frontend/vite.config.ts
NODE_MODULES    := frontend/node_modules/.package-lock.json

# Where `make run` listens: `make run HOST=0.0.0.0 PORT=8080` opens it to the other devices of the network.
# Only from the command line: some shells export HOST as the machine's name.
ifneq ($(origin HOST),command line)
HOST := 127.0.0.1
endif
ifneq ($(origin PORT),command line)
PORT := 8000
endif

.PHONY: run test lint install install-test dashboard api-types test-deps stack soak bench bench-smoke bench-deps clean help

help:
	@echo "make run   - install into .venv, build the dashboard, start Webmon on http://127.0.0.1:8000"
	@echo "             (make run HOST=0.0.0.0 PORT=8080 listens on every interface, port 8080)"
	@echo "make test  - install what the tests need, run the checks and the whole suite"
	@echo "make lint  - ruff (rules and format), the import-linter contracts and mypy (strict)"
	@echo "make api-types - regenerate the dashboard's API types after changing the API (commit the file)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Webmon needs Python 3.11 or newer; set PYTHON=python3.12, for example")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e backend
	@touch $@

$(VENV)/.installed-test: backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e 'backend[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(NODE_MODULES): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

# The dashboard is built into the package, where `webmon serve` finds it from any folder.
$(DASHBOARD): $(NODE_MODULES) $(DASHBOARD_SRC)
	cd frontend && WEBMON_DASHBOARD_OUT=../backend/webmon/static npm run build

# Building needs Node.js 20+; without it Webmon still runs (API only) and says so.
dashboard:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(DASHBOARD); \
	else echo "make: Node.js is not installed, so the dashboard is not built; the API still runs"; fi

# frontend/src/api/schema.d.ts from the backend's OpenAPI document; tests/test_openapi_types.py
# fails while the committed file is stale.
api-types: install $(NODE_MODULES)
	cd frontend && PYTHON=$(abspath $(BIN)/python) npm run gen:api

run: install dashboard
	$(BIN)/webmon serve --host '$(HOST)' --port '$(PORT)'

# System packages the browser, Nginx and Compose tests drive (Debian's; never a downloaded browser).
# Debian's docker-compose validates docker-compose.yml where the docker CLI has no compose plugin.
test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium chromium-driver"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1 || missing="$$missing docker-compose"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Style and layers: ruff's rules, ruff's format, and the import contracts of backend/pyproject.toml.
lint: install-test
	cd backend && ../$(BIN)/ruff check webmon ../tests ../bench ../devkit ../conftest.py
	cd backend && ../$(BIN)/ruff format --check webmon ../tests ../bench ../devkit ../conftest.py
	cd backend && ../$(BIN)/lint-imports
	cd backend && ../$(BIN)/mypy

test: lint install-test test-deps $(DASHBOARD)
	cd frontend && npm test
	$(BIN)/python -m pytest

# The multi-service mode on this machine, for a developer: the API, one worker and one Beat on
# the PostgreSQL and Redis in WEBMON_DATABASE_URL / WEBMON_REDIS_URL (see Procfile). Ctrl-C stops all.
stack: install dashboard
	@test -n "$$WEBMON_SECRET_KEY" || { echo "set WEBMON_SECRET_KEY (and WEBMON_DATABASE_URL=postgresql+asyncpg://...)"; exit 2; }
	$(BIN)/webmon migrate
	trap 'kill 0' INT TERM; \
	$(BIN)/webmon api --port 8000 & $(BIN)/webmon worker & $(BIN)/webmon beat & wait

# Long runs kept out of `make test` (~10 min): Telegram down for a minute, a large random fuzz,
# hostile targets.
soak: install-test
	WEBMON_SOAK=1 WEBMON_FUZZ_EXAMPLES=1000 WEBMON_FUZZ_RANDOM=1 WEBMON_FAULT_TELEGRAM_OUTAGE=60 CI=true \
		$(BIN)/python -m pytest -ra tests/faults tests/security/test_fuzz.py tests/security/test_hostile_targets.py

# Benchmarks: commands, not tests (figures in bench/README.md, JSON in bench/results/). ~30 min.
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }

bench-smoke: install-test
	$(BIN)/python bench/engine_bench.py --quick
	$(BIN)/python bench/scale_bench.py --smoke

bench: install-test test-deps bench-deps $(DASHBOARD)
	$(BIN)/python bench/engine_bench.py
	$(BIN)/python bench/scale_bench.py --sites 100000 --minutes 3
	$(BIN)/python bench/storage_bench.py
	$(BIN)/python bench/serve_bench.py
	$(BIN)/python bench/api_bench.py
	$(BIN)/python bench/dashboard_bench.py

clean:
	rm -rf $(VENV) .pytest_cache frontend/node_modules backend/webmon/static

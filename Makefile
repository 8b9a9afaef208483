# iisgraph: `make run` serves the bundled corpus, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STORE ?= iisgraph-store
VENDOR := api/static/vendor

.DEFAULT_GOAL := help
.PHONY: help install run ingest serve test test-fast lint typecheck unit bench messages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/iisgraph: pyproject.toml setup.py api/jsonld.py  # setup.py compiles api/jsonld.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# the SPARQL page's components (YASGUI, Chart.js, world-atlas...), from the npm registry as
# package-lock.json pins them, served as static files: no bundler
$(VENDOR)/node_modules/.package-lock.json: $(VENDOR)/package-lock.json
	npm ci --prefix $(VENDOR) --no-audit --no-fund --ignore-scripts
	touch $@

install: $(BIN)/iisgraph $(VENDOR)/node_modules/.package-lock.json ## create .venv, install iisgraph with its dev tools and the SPARQL page's npm components

ingest: install ## build the graph from corpus/ into the embedded store
	$(BIN)/iisgraph ingest corpus/texts --store $(STORE)

run: ingest ## build the graph from corpus/ and serve it on http://$(HOST):$(PORT)
	$(BIN)/iisgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

serve: install ## serve the existing store
	$(BIN)/iisgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install ## mypy --strict on graph and api
	$(BIN)/mypy

unit: install ## the test suite (with doctests)
	$(BIN)/pytest -q

test: lint typecheck unit ## lint, types and all tests: the README's and CI's command

# the fuzz module is slow as a whole: ignored, it is not even collected (its ~65 generated
# tests cost each worker ~2.5 s to build before the marker deselects them)
test-fast: install ## the quick loop: every test but the browser, SPARQL-server and slow ones, on both cores
	$(BIN)/pytest -q -n 2 --dist worksteal -m "not slow and not browser and not oxigraph and not virtuoso" \
		--ignore=tests/api/test_schema_fuzz.py

bench: install ## speed, memory, runaway-query, API load, page and backend benchmarks; results in benchmarks/*results.md
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/runaway.py
	$(BIN)/python benchmarks/api_load.py
	$(BIN)/python benchmarks/against_baseline.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/backends.py

messages: install ## gather the pages' words into api/locale/messages.pot and each language's .po
	$(BIN)/pybabel extract -F pyproject.toml --no-location --sort-output -w 100 -o api/locale/messages.pot .
	$(BIN)/pybabel update -i api/locale/messages.pot -d api/locale --no-fuzzy-matching -w 100

clean: ## remove the venv, caches and the local store
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(STORE) $(VENDOR)/node_modules build api/_jsonld_native*.so

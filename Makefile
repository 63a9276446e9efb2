# Every target creates or reuses .venv at the repo root.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

BUNDLE := src/briefgraph/report/assets/graph.bundle.js
NPM_STAMP := js/node_modules/.installed

.PHONY: demo test fuzz eval train bench bench-workers bench-scale bench-scale-direct bench-load bundle clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python $(BUNDLE)
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# The graph view: js/ (npm packages pinned by js/package-lock.json) bundled by esbuild into one
# script that the report inlines and the web app serves.
bundle: $(BUNDLE)

$(NPM_STAMP): js/package.json js/package-lock.json
	cd js && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

$(BUNDLE): $(NPM_STAMP) js/build.mjs $(wildcard js/src/*.js)
	cd js && npm run --silent build

demo: $(STAMP) $(BUNDLE)
	$(BIN)/briefgraph extract examples/briefs --format table
	$(BIN)/briefgraph extract examples/briefs --format json --output examples/graph.json
	@echo "wrote examples/graph.json"

test: $(STAMP) $(BUNDLE)
	cd js && node --test test/
	$(BIN)/python -m pytest -q

# The long adversarial run (tens of minutes): 20,000 generated inputs through the API, 1,000 files
# through the CLI, 100 kill -9 during `add`; prints inputs, crashes and the slowest call.
fuzz: $(STAMP)
	BRIEFGRAPH_FUZZ=1 BRIEFGRAPH_KILL_TRIALS=100 $(BIN)/python -m pytest -q -s -p no:cacheprovider \
		tests/test_fuzz.py tests/test_crash.py

eval: $(STAMP)
	bash scripts/eval.sh

# Rebuild the learned pair scorer shipped in the package from ../shared (seeded: same data, same file).
train: $(STAMP)
	nice $(BIN)/briefgraph train --data $${BRIEFGRAPH_SHARED:-../shared}

bench: $(STAMP) $(BUNDLE)
	$(BIN)/python benchmarks/throughput.py

# Worker memory along one run of 20,000 distinct briefs (6M words: about 15 minutes on 2 idle cores).
bench-workers: $(STAMP)
	nice $(BIN)/python benchmarks/throughput.py --worker-rss 1000,5000,10000,20000 --jobs 2

bench-scale: $(STAMP)
	nice $(BIN)/python benchmarks/scale.py --sizes 1000,5000

# The same read commands on stores filled without NLP (scale_direct.py), up to 20,000 briefs (about 15 min).
bench-scale-direct: $(STAMP)
	nice $(BIN)/python benchmarks/scale.py --direct --sizes 1000,5000,20000

# 50 clients against `briefgraph serve` on 1,000 synthetic briefs while an ingest writes (about 1 min).
bench-load: $(STAMP)
	nice $(BIN)/python benchmarks/load.py --briefs 1000 --clients 50 --seconds 20

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info js/node_modules $(BUNDLE)

# Every target creates or reuses .venv at the repo root.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval train bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/briefgraph extract examples/briefs --format table
	$(BIN)/briefgraph extract examples/briefs --format json --output examples/graph.json
	@echo "wrote examples/graph.json"

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	bash scripts/eval.sh

# Rebuild the learned pair scorer shipped in the package from ../shared (seeded: same data, same file).
train: $(STAMP)
	nice $(BIN)/briefgraph train --data $${BRIEFGRAPH_SHARED:-../shared}

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

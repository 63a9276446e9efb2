# Every target creates or reuses .venv at the repo root.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz eval bench clean

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

# The long adversarial run (tens of minutes): 20,000 generated inputs through the API, 1,000 files
# through the CLI, 100 kill -9 during `add`; prints inputs, crashes and the slowest call.
fuzz: $(STAMP)
	BRIEFGRAPH_FUZZ=1 BRIEFGRAPH_KILL_TRIALS=100 $(BIN)/python -m pytest -q -s -p no:cacheprovider \
		tests/test_fuzz.py tests/test_crash.py

eval: $(STAMP)
	bash scripts/eval.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

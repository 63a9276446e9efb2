"""The command line starts light: heavy libraries load only in the commands that need them, and making
that so changed no command, option or help text (the snapshot in snapshots/cli_help.txt)."""
from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys

import pytest

from cli_help import SNAPSHOT, pages_in_subprocess
from store_builders import filled_store

HEAVY = ("spacy", "networkx", "numpy", "scipy", "fastapi", "pyarrow", "matplotlib", "sklearn", "uvicorn", "ray",
         "followthemoney", "stix2", "trafilatura", "pypdf", "psycopg")
# What `show`, `relations --actor` and `actors` never need: extraction, analyses, exports, reports, the web app.
UNUSED_BY_QUERIES = ("briefgraph.nlp", "briefgraph.analysis", "briefgraph.export.selection", "briefgraph.report",
                     "briefgraph.web", "briefgraph.engines", "briefgraph.read", "briefgraph.api", "yaml")

# Runs the console entry point with the given arguments, then prints the loaded modules as JSON on stderr.
RUN_AND_LIST = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["briefgraph", *sys.argv[1:]]
from briefgraph.cli import main
main()
"""


def loaded_by(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], names) -> list[str]:
    return [n for n in names if n in modules or any(m.startswith(n + ".") for m in modules)]


def test_importing_the_cli_loads_no_heavy_library():
    done = subprocess.run([sys.executable, "-c", "import json, sys, briefgraph.cli; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout))
    assert "briefgraph.cli.store" in modules  # the commands are registered
    assert loaded(modules, HEAVY + UNUSED_BY_QUERIES + ("briefgraph.store", "rich.table")) == []


@pytest.fixture
def small_store(tmp_path):
    path = tmp_path / "small.db"
    filled_store(path).close()
    return str(path)


@pytest.mark.parametrize("command", [["show", "Wagner"], ["relations", "--actor", "Wagner"], ["actors"],
                                     ["relations", "--format", "json"]])
def test_store_queries_load_neither_the_nlp_nor_the_analysis_stack(small_store, command):
    modules = loaded_by(*command, "--db", small_store)
    assert "briefgraph.store.query" in modules  # the query really ran
    assert loaded(modules, HEAVY + UNUSED_BY_QUERIES) == []


def test_help_lists_every_command_without_loading_heavy_libraries():
    modules = loaded_by("--help")
    assert loaded(modules, HEAVY + UNUSED_BY_QUERIES) == []


def test_every_help_page_is_unchanged():
    """Every command, sub-command and option, with its help text, as before start-up was made lazy.
    After an intended change: BRIEFGRAPH_UPDATE_SNAPSHOT=1 pytest tests/test_cli_startup.py"""
    now = pages_in_subprocess()
    if os.environ.get("BRIEFGRAPH_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(now, encoding="utf-8")
    before = SNAPSHOT.read_text(encoding="utf-8")
    assert set(re.findall(r"^=== briefgraph .*\(exit (\d+)\)$", now, re.M)) == {"0"}
    diff = "".join(difflib.unified_diff(before.splitlines(True), now.splitlines(True), "snapshot", "now", n=2))
    assert now == before, diff

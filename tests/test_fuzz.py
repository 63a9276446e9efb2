"""Property and fuzz tests: whatever the input, briefgraph answers with a graph or its own typed error,
evidence is the document's own text, and storing a document twice changes nothing.

`make test` runs a bounded number of examples; `make fuzz` (BRIEFGRAPH_FUZZ=1) runs 20,000 generated
inputs through the API (in batches of 10 per call) and 1,000 files through the CLI, and prints the tallies.
"""
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

import briefgraph
from briefgraph.cli import app
from briefgraph.errors import BriefgraphError
from briefgraph.model import Document
from briefgraph.read import read_document
from briefgraph.store import Store

from fuzzing import API_INPUTS, CLI_FILES, FUZZ, EXTENSIONS, Tally, clock, evidence_errors, random_file, seeds, texts

pytestmark = pytest.mark.model
BATCH = 10
TALLIES: dict[str, Tally] = {}
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
           HealthCheck.function_scoped_fixture]


def tally(name: str) -> Tally:
    return TALLIES.setdefault(name, Tally(name))


@pytest.fixture(scope="module", autouse=True)
def report_tallies():
    briefgraph.extract(text="Iran armed Hezbollah.")  # the model loads before any input is timed
    yield
    for t in TALLIES.values():
        print("\n" + t.line())


@settings(max_examples=API_INPUTS // BATCH, deadline=None, suppress_health_check=SLOW_OK, derandomize=not FUZZ)
@given(st.lists(texts(max_len=1000 if FUZZ else 300), min_size=BATCH, max_size=BATCH))
def test_extract_on_random_unicode_gives_a_graph_whose_evidence_is_the_documents_text(batch):
    t = tally("api extract")
    began = clock()
    graph = briefgraph.extract([Document(text=x, path=f"fuzz-{i}") for i, x in enumerate(batch)])
    t.timed(clock() - began, sum(map(len, batch)))
    t.count(len(batch))
    assert evidence_errors(graph) == []
    assert len(graph.documents) == len({Document(text=x).id for x in batch})


@settings(max_examples=API_INPUTS // 4, deadline=None, suppress_health_check=SLOW_OK, derandomize=not FUZZ)
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(EXTENSIONS))
def test_readers_on_random_bytes_under_every_extension_give_a_document_or_a_read_error(tmp_path, data, suffix):
    t = tally("readers")
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    t.count()
    try:
        doc = read_document(str(path))
    except BriefgraphError:
        t.refused += 1
        return
    assert doc.text.strip() and "\udcff" not in doc.text


@settings(max_examples=max(5, API_INPUTS // 200), deadline=None, suppress_health_check=SLOW_OK, derandomize=not FUZZ)
@given(text=texts(max_len=200))
def test_storing_a_document_twice_changes_nothing(tmp_path_factory, text):
    t = tally("store idempotence")
    db = tmp_path_factory.mktemp("idem") / "s.db"
    graph = briefgraph.extract(text=text)
    doc = graph.documents[0]
    with Store(db) as store:
        assert store.add(doc, graph) is True
        first = store.graph().to_dict()
        assert store.add(doc, graph) is False
        assert store.graph().to_dict() == first
    t.count()


def test_mutated_files_through_the_cli_are_extracted_or_refused_in_one_line(tmp_path):
    """Each file goes through `briefgraph extract`; a crash is anything but exit 0/1 with one-line errors."""
    t = tally("cli files")
    rng = random.Random(20260101)
    seed_files = seeds()
    for n in range(CLI_FILES):
        suffix, data = random_file(rng, seed_files)
        path = tmp_path / f"in-{n}{suffix}"
        path.write_bytes(data)
        began = clock()
        result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
        t.timed(clock() - began, len(data))
        t.count()
        t.refused += result.exit_code == 1
        lines = result.stderr.splitlines()
        if result.exception and not isinstance(result.exception, (SystemExit, BriefgraphError)) \
                or result.exit_code not in (0, 1) or any(not x.startswith("error: ") for x in lines):
            t.crashes.append(f"{path.name}: exit {result.exit_code} {result.exception!r} {lines[:2]}")
        path.unlink()
    assert t.crashes == []

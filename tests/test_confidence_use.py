"""How relation confidence is used: analysis weights ties by it, --min-confidence leaves out the rest."""
import json

import pytest
from typer.testing import CliRunner

from analysis_graphs import Builder
from briefgraph.analysis.network import network
from briefgraph.cli import app
from briefgraph.store.corpus import Corpus

runner = CliRunner()


def graph_with_confidences(*confidences):
    """A graph of cooperative relations A-B, C-D, ... whose relations carry these confidences."""
    b = Builder()
    for k, _ in enumerate(confidences):
        b.rel(f"Actor {2 * k}", f"Actor {2 * k + 1}", 1)
    g = b.graph()
    for rel, conf in zip(g.relations, confidences):
        rel.confidence = conf
    for claim, conf in zip(g.claims, confidences):
        claim.confidence = conf
    return g


def test_network_weighs_each_relation_by_its_confidence():
    g = graph_with_confidences(0.5)
    edge = network(g).edge(g.relations[0].source, g.relations[0].target)
    assert edge.weight == pytest.approx(0.5)
    assert edge.sign == 1


def test_graph_at_least_keeps_relations_and_claims_as_confident_as_asked():
    g = graph_with_confidences(0.9, 0.3).at_least(0.5)
    assert [r.confidence for r in g.relations] == [0.9]
    assert [c.confidence for c in g.claims] == [0.9]
    assert len(g.actors) == 4


def test_analyze_min_confidence_leaves_out_less_confident_ties(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps(graph_with_confidences(0.9, 0.3).to_dict()))
    every = json.loads(runner.invoke(app, ["analyze", "--graph", str(path), "--json"]).output)
    confident = json.loads(runner.invoke(app, ["analyze", "--graph", str(path), "--json",
                                               "--min-confidence", "0.5"]).output)
    assert (every["network"]["edges"], confident["network"]["edges"]) == (2, 1)


def test_relations_min_confidence_lists_only_confident_relations_from_the_store(tmp_path):
    db = str(tmp_path / "c.db")
    g = graph_with_confidences(0.9, 0.3)
    with Corpus(db) as corpus:
        corpus.add_graph(g.documents[0], g)
    result = runner.invoke(app, ["relations", "--db", db, "--format", "json", "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert [r["confidence"] for r in json.loads(result.output)] == [0.9]


def test_min_confidence_above_1_is_refused_by_the_option():
    result = runner.invoke(app, ["relations", "--min-confidence", "1.5"])
    assert result.exit_code == 2


def test_extract_min_confidence_writes_only_confident_relations(tmp_path, monkeypatch):
    import briefgraph.api
    g = graph_with_confidences(0.9, 0.3)
    monkeypatch.setattr(briefgraph.api, "iter_graphs", lambda paths, **kw: iter([(g.documents[0], g)]))
    (tmp_path / "b.txt").write_text("text")
    result = runner.invoke(app, ["extract", str(tmp_path / "b.txt"), "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert [r["confidence"] for r in json.loads(result.output)["relations"]] == [0.9]


def test_add_min_confidence_stores_only_confident_claims(tmp_path, monkeypatch):
    from briefgraph.store import corpus as corpus_module
    g = graph_with_confidences(0.9, 0.3)

    def fake_extract(documents, model, jobs=1):
        for _ in documents:
            yield g.documents[0], g  # the graph's own document, so its evidence offsets hold
    monkeypatch.setattr(corpus_module, "_extract", fake_extract)
    (tmp_path / "b.txt").write_text("A brief the fake extractor ignores.")
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["add", str(tmp_path / "b.txt"), "--db", db, "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        assert [r.confidence for r in corpus.relations()] == [0.9]

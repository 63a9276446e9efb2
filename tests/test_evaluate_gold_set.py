"""Scoring a development set: briefs paired with gold graphs, micro-averaged, and by confidence."""
import json

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.errors import EvaluationError
from briefgraph.evaluate import common
from briefgraph.evaluate.gold_set import area, at_least, confident_half, find_briefs, micro, score_set
from briefgraph.evaluate.gold import score_gold
from briefgraph.model import Actor, Document, Graph, Modality, Relation, Span

runner = CliRunner()

GOLD = {"actors": [{"name": "Northland"}, {"name": "Southland"}, {"name": "Eastland"}],
        "relations": [{"source": "Northland", "target": "Southland", "sign": -1, "types": ["ASSAULT"]},
                      {"source": "Eastland", "target": "Southland", "sign": 1, "types": ["AID"]}]}


def graph_of(text, rels):
    """A graph of `text` with the three actors and relations (source, target, sign, confidence)."""
    doc = Document(text=text)
    actors = [Actor(n.lower(), n, "state", mentions=[Span(doc.id, 0, len(n), n)])
              for n in ("Northland", "Southland", "Eastland")]
    ev = Span(doc.id, 0, len(text), text)
    relations = [Relation(f"r{k}", s, t, "ASSAULT" if sign < 0 else "AID", "material_conflict", sign, Modality(),
                          [ev], conf) for k, (s, t, sign, conf) in enumerate(rels)]
    return Graph([doc], actors, relations)


def test_find_briefs_pairs_each_text_with_its_gold_across_folders(tmp_path):
    (tmp_path / "briefs").mkdir()
    (tmp_path / "gold").mkdir()
    for name in ("one", "two"):
        (tmp_path / "briefs" / f"{name}.txt").write_text("Northland struck Southland.")
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(GOLD))
    (tmp_path / "briefs" / "lonely.txt").write_text("No gold for this one.")
    found = find_briefs([tmp_path / "briefs", tmp_path / "gold"])
    assert [b.name for b in found] == ["one", "two"]
    assert found[0].gold == tmp_path / "gold" / "one.json"


def test_find_briefs_accepts_the_older_gold_then_brief_form(tmp_path):
    (tmp_path / "g.json").write_text(json.dumps(GOLD))
    (tmp_path / "b.txt").write_text("text")
    assert [(b.name, b.text.name) for b in find_briefs([tmp_path / "g.json", tmp_path / "b.txt"])] == [("g", "b.txt")]


def test_find_briefs_without_any_pair_raises_evaluation_error(tmp_path):
    with pytest.raises(EvaluationError, match="no NAME.txt with a NAME.json"):
        find_briefs([tmp_path])


def test_micro_average_sums_counts_over_briefs_before_dividing():
    full = score_gold(GOLD, graph_of("x", [("northland", "southland", -1, 1.0), ("eastland", "southland", 1, 1.0)]).to_dict())
    half = score_gold(GOLD, graph_of("y", [("northland", "southland", -1, 1.0), ("southland", "eastland", -1, 1.0)]).to_dict())
    m = micro([full, half])
    assert (m["relations"]["matched"], m["relations"]["gold"], m["relations"]["scored_predicted"]) == (3, 4, 4)
    assert (m["relations"]["untyped_recall"], m["relations"]["precision"]) == (0.75, 0.75)


def test_at_least_keeps_only_relations_as_confident_as_the_threshold():
    g = graph_of("x", [("northland", "southland", -1, 0.9), ("eastland", "southland", 1, 0.2)]).to_dict()
    assert [r["id"] for r in at_least(g, 0.5)["relations"]] == ["r0"]


def test_confident_half_is_more_precise_when_confidence_tracks_correctness():
    g = graph_of("x", [("northland", "southland", -1, 0.9), ("southland", "eastland", -1, 0.1)]).to_dict()
    half = confident_half([(GOLD, g)])
    assert (half["precision_all"], half["precision_top_half"]) == (0.5, 1.0)


def test_area_under_a_curve_of_perfect_precision_is_its_recall():
    points = [{"recall": 0.5, "precision": 1.0, "predicted": 2}, {"recall": 0.25, "precision": 1.0, "predicted": 1}]
    assert area(points) == 0.5


def test_score_set_lists_each_brief_and_a_curve_that_loses_recall_as_the_threshold_rises(tmp_path):
    g = graph_of("x", [("northland", "southland", -1, 0.95), ("eastland", "southland", 1, 0.35)]).to_dict()
    brief = find_briefs_one(tmp_path)
    result = score_set([(brief, GOLD, g, {})])
    assert [b["name"] for b in result["briefs"]] == ["n"]
    recalls = {p["threshold"]: p["recall"] for p in result["curve"]}
    assert (recalls[0.0], recalls[0.5], recalls[0.9]) == (1.0, 0.5, 0.5)


def find_briefs_one(tmp_path):
    (tmp_path / "n.json").write_text(json.dumps(GOLD))
    (tmp_path / "n.txt").write_text("text")
    return find_briefs([tmp_path / "n.json", tmp_path / "n.txt"])[0]


@pytest.fixture
def dev_set(tmp_path, monkeypatch):
    """Two briefs with gold graphs; extraction replaced by hand-built graphs (no model)."""
    for name in ("alpha", "beta"):
        (tmp_path / f"{name}.txt").write_text(f"{name}: Northland struck Southland.")
        (tmp_path / f"{name}.json").write_text(json.dumps(GOLD))

    def fake_extract(documents, model=None, generic_actors=False, scorer=True):
        for d in documents:
            yield d, graph_of(d.text, [("northland", "southland", -1, 0.8), ("southland", "eastland", 1, 0.3)])
    monkeypatch.setattr(common, "extract_each", fake_extract)
    return tmp_path


def test_eval_gold_on_a_folder_prints_per_brief_rows_and_the_micro_average(dev_set):
    result = runner.invoke(app, ["eval", "gold", str(dev_set)])
    assert result.exit_code == 0, result.output
    assert "alpha" in result.output and "beta" in result.output
    assert "development set: 2 briefs, micro-averaged" in result.output
    assert "area under the curve" in result.output


def test_eval_gold_json_has_micro_scores_curve_and_briefs(dev_set):
    data = json.loads(runner.invoke(app, ["eval", "gold", str(dev_set), "--json"]).output)
    assert data["micro"]["relations"]["untyped_recall"] == 0.5
    assert data["micro"]["relations"]["precision"] == 0.5
    assert [p["threshold"] for p in data["curve"]][:3] == [0.0, 0.1, 0.2]
    assert data["confident_half"]["gain"] == 0.5


def test_eval_gold_plot_writes_a_png_of_the_curve(dev_set):
    out = dev_set / "pr.png"
    result = runner.invoke(app, ["eval", "gold", str(dev_set), "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_gold_plot_with_an_unknown_suffix_exits_1_with_one_line(dev_set):
    result = runner.invoke(app, ["eval", "gold", str(dev_set), "--plot", str(dev_set / "pr.gif")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {dev_set / 'pr.gif'}: the plot must end in .png, .svg, .pdf"


def test_eval_gold_errors_lists_each_briefs_false_relations(dev_set):
    result = runner.invoke(app, ["eval", "gold", str(dev_set), "--errors"])
    assert "== alpha" in result.output
    assert "false: Southland -[AID 1]-> Eastland (asserted)" in result.output

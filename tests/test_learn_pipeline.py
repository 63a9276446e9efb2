"""The pair scorer inside extraction, trained on tiny briefs and gold graphs these tests write
(loads the real spaCy model)."""
import json

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.learn.build import fit
from briefgraph.learn.data import gold_examples
from briefgraph.model import Document
from briefgraph.nlp.pipeline import extract_pairs_iter, extract_text

pytestmark = pytest.mark.model
runner = CliRunner()

BRIEFS = {
    "levant": ("Iran supplies weapons to Hezbollah. Iran and Syria held talks on the crisis. "
               "Israel struck Hezbollah positions near the border. Egypt and Jordan attended the summit.",
               [("Iran", "Hezbollah", 1, "AID"), ("Iran", "Syria", 1, "CONSULT"), ("Israel", "Hezbollah", -1, "ASSAULT")]),
    "balkans": ("Russia backs Serbia. Russia and China signed an accord on energy. "
                "Ukraine attacked Russia with drones. Serbia and Hungary discussed the pipeline.",
                [("Russia", "Serbia", 1, "SUPPORT"), ("Russia", "China", 1, "AGREE"), ("Ukraine", "Russia", -1, "ASSAULT")]),
    "sahel": ("Mali expelled France from its bases. Mali and Burkina Faso formed an alliance. "
              "Niger condemned France over the sanctions. Senegal and Ghana sent observers.",
              [("Mali", "France", -1, "COERCE"), ("Mali", "Burkina Faso", 1, "ALLY_OF"), ("Niger", "France", -1, "ACCUSE")]),
}


def gold_of(rels):
    names = sorted({n for s, t, _, _ in rels for n in (s, t)})
    return {"actors": [{"name": n} for n in names],
            "relations": [{"source": s, "target": t, "sign": sign, "types": [ty]} for s, t, sign, ty in rels]}


@pytest.fixture
def shared(tmp_path):
    """A shared tree of the tests' own briefs and gold graphs (no labelled data folder); each brief also
    names two actors the gold does not relate, so every fold has pairs without a relation."""
    for folder in ("briefs", "gold"):
        (tmp_path / folder).mkdir()
    for name, (text, rels) in BRIEFS.items():
        (tmp_path / "briefs" / f"{name}.txt").write_text(text)
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(gold_of(rels)))
    return tmp_path


def test_candidate_pairs_join_mentions_of_one_sentence_with_parse_features():
    text = "Chad did not attack Niger. Sudan hosted talks."
    _, graph, found = next(extract_pairs_iter([Document(text=text)]))
    names = {a.id: a.name for a in graph.actors}
    pairs = {(names[p.first], names[p.second]) for p in found}
    assert ("Chad", "Niger") in pairs
    assert not any("Sudan" in pair for pair in pairs)
    chad_niger = next(p for p in found if (names[p.first], names[p.second]) == ("Chad", "Niger"))
    assert "neg" in chad_niger.features and "head=attack" in chad_niger.features
    assert any(f.startswith("rule=ASSAULT") for f in chad_niger.features)


def test_a_model_trained_on_gold_briefs_gives_every_relation_a_confidence_in_0_1(shared):
    by_brief = {n: gold_examples(n, shared / "briefs" / f"{n}.txt", shared / "gold" / f"{n}.json") for n in BRIEFS}
    model = fit(by_brief, [])
    graph = extract_text("Iran supplies weapons to Hezbollah. Russia backs Serbia.", scorer=model)
    assert graph.relations
    assert all(0.0 <= r.confidence <= 1.0 for r in graph.relations)
    assert any(r.confidence < 1.0 for r in graph.relations)


def test_rules_alone_leave_every_relation_at_confidence_1():
    graph = extract_text("Russia backs Serbia.", scorer=None)
    assert graph.relations and all(r.confidence == 1.0 for r in graph.relations)


def test_train_command_writes_the_same_file_twice(shared, tmp_path):
    for out in ("one.json", "two.json"):
        result = runner.invoke(app, ["train", "--data", str(shared), "--output", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    assert "relation pairs of" in result.output
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_train_command_without_briefs_and_gold_exits_1_with_one_line(tmp_path):
    result = runner.invoke(app, ["train", "--data", str(tmp_path), "--output", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path}: expected briefs/ and gold/ folders in it"


def test_eval_gold_cv_scores_each_brief_with_a_model_trained_on_the_others(shared):
    result = runner.invoke(app, ["eval", "gold", str(shared / "briefs"), str(shared / "gold"), "--cv", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cv"]["folds"] == 3
    assert [b["name"] for b in data["briefs"]] == sorted(BRIEFS)
    assert 0.0 <= data["micro"]["relations"]["untyped_recall"] <= 1.0

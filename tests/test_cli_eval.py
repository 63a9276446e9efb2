import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.evaluate import common
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Relation, Span

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

BRIEF = "Northland accused the Harbour Front of raids."
GOLD = {"actors": [{"name": "Northland", "type": "state"}, {"name": "Harbour Front", "type": "armed_group"}],
        "relations": [{"source": "Northland", "target": "Harbour Front", "sign": -1, "types": ["ACCUSE"]}]}


def at(words):
    start = BRIEF.index(words)
    return start, start + len(words)


def brief_graph(doc, type_="ACCUSE", sign=-1):
    north = Actor("n", "Northland", "state", mentions=[Span(doc.id, *at("Northland"), "Northland")])
    front = Actor("h", "Harbour Front", "armed_group",
                  mentions=[Span(doc.id, *at("the Harbour Front"), "the Harbour Front")])
    ev = Span(doc.id, 0, len(doc.text), doc.text)
    rel = Relation("r", "n", "h", type_, "verbal_conflict", sign, Modality(), [ev])
    return Graph([doc], [north, front], [rel], [Claim("n", "h", type_, "verbal_conflict", sign, Modality(), ev)])


@pytest.fixture
def gold_files(tmp_path, monkeypatch):
    gold, brief = tmp_path / "gold.json", tmp_path / "brief.txt"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    brief.write_text(BRIEF, encoding="utf-8")
    monkeypatch.setattr(common, "extract_path", lambda path, model=None: brief_graph(Document(BRIEF, str(path)),
                                                                                       "ASSAULT"))
    return gold, brief


def test_eval_gold_json_prints_one_object_with_the_scores(gold_files):
    result = runner.invoke(app, ["eval", "gold", str(gold_files[0]), str(gold_files[1]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["actors"]["recall"], data["relations"]["untyped_recall"], data["relations"]["typed_recall"]) == \
        (1.0, 1.0, 0.0)


def test_eval_gold_table_shows_recall_and_precision(gold_files):
    result = runner.invoke(app, ["eval", "gold", str(gold_files[0]), str(gold_files[1])])
    assert result.exit_code == 0, result.output
    assert "gold: gold.json" in result.output
    assert "relations" in result.output and "1.000" in result.output


def test_eval_gold_errors_lists_false_relations_with_their_sentence(gold_files, monkeypatch):
    monkeypatch.setattr(common, "extract_path", lambda path, model=None: brief_graph(Document(BRIEF), "SUPPORT", 1))
    result = runner.invoke(app, ["eval", "gold", str(gold_files[0]), str(gold_files[1]), "--errors"])
    assert "false: Northland -[SUPPORT 1]-> Harbour Front (asserted)" in result.output
    assert f"    | {BRIEF}" in result.output
    assert "missed: Northland -[ACCUSE -1]-> Harbour Front" in result.output


def test_eval_gold_with_a_missing_gold_file_exits_1_with_one_line(tmp_path):
    result = runner.invoke(app, ["eval", "gold", str(tmp_path / "none.json"), str(tmp_path / "brief.txt")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'none.json'}: no such file"


def write_re3d(folder):
    folder.mkdir()
    (folder / "documents.json").write_text(json.dumps({"_id": "d1", "title": "t", "text": BRIEF}) + "\n")
    ents = [{"documentId": "d1", "begin": b, "end": e, "type": "Organisation", "value": BRIEF[b:e], "confidence": 0.9}
            for b, e in (at("Northland"), at("Harbour Front"))]
    (folder / "entities.json").write_text("\n".join(json.dumps(e) for e in ents) + "\n")
    (folder / "relations.json").write_text("")
    return folder


def fake_each(documents, model=None, generic_actors=False, scorer=True):
    return [(d, brief_graph(d)) for d in documents]


def test_eval_re3d_json_reports_exact_and_overlap_entity_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "extract_each", fake_each)
    result = runner.invoke(app, ["eval", "re3d", str(write_re3d(tmp_path / "src")), "--json"])
    assert result.exit_code == 0, result.output
    ents = json.loads(result.output)["entities"]
    assert (ents["recall"], ents["overlap"]["recall"]) == (0.5, 1.0)


def test_eval_re3d_errors_shows_boundary_mismatches(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "extract_each", fake_each)
    result = runner.invoke(app, ["eval", "re3d", str(write_re3d(tmp_path / "src")), "--errors"])
    assert result.exit_code == 0, result.output
    assert "re3d actor mentions: 1 documents (src)" in result.output
    assert "boundary Organisation: gold 'Harbour Front' predicted ['the Harbour Front']" in result.output


def test_eval_plover_table_shows_recall_and_confusion(tmp_path, monkeypatch):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"id": "p1", "text": BRIEF, "event": "DISAPPROVE",
                                 "source": [{"actorText": "Northland"}], "target": [{"actorText": "Harbour Front"}]}]))
    monkeypatch.setattr(common, "extract_each", fake_each)
    result = runner.invoke(app, ["eval", "plover", str(path)])
    assert result.exit_code == 0, result.output
    assert "event recall" in result.output and "confusion: gold type -> predicted type" in result.output
    assert "│ ACCUSE │      1 │     1 │" in result.output


def test_eval_plover_rejects_a_missing_cameo_map(tmp_path):
    xml = tmp_path / "v.xml"
    xml.write_text('<Sentence id="a"/>\n<EventCoding eventcode="190" sourcecode="X" targetcode="Y"/>\n<Text>x</Text>')
    result = runner.invoke(app, ["eval", "plover", str(xml), "--cameo-map", str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path / 'none.txt'}: cannot read")


@pytest.mark.parametrize("command", ["gold", "re3d", "plover"])
def test_every_eval_command_help_has_an_example(command):
    result = runner.invoke(app, ["eval", command, "--help"])
    assert result.exit_code == 0
    assert f"Example: briefgraph eval {command} " in result.output


def test_eval_script_skips_cleanly_without_the_shared_data(tmp_path):
    env = dict(os.environ, BRIEFGRAPH_SHARED=str(tmp_path / "absent"))
    done = subprocess.run(["bash", str(ROOT / "scripts" / "eval.sh")], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert f"{tmp_path / 'absent'} not found" in done.stdout

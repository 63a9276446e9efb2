"""`briefgraph review ...` end to end with the real model: decisions survive re-adding briefs."""
import json

import pytest
from typer.testing import CliRunner

import briefgraph.cli  # noqa: F401  (registers every command)
from briefgraph.cli.app import app

runner = CliRunner()

FIRST = "Iran armed the Houthis in Yemen. The United States struck the Houthis near Hodeidah.\n"
SECOND = "Iran armed the Houthis again. Saudi Arabia attacked the Houthis in March.\n"


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def relation(db, source, type_, target):
    rels = json.loads(run("relations", "--db", db, "--format", "json"))
    return next(r["id"] for r in rels if (r["source"], r["type"], r["target"]) == (source, type_, target))


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "first.txt").write_text(FIRST)
    db = tmp_path / "c.db"
    run("add", tmp_path / "first.txt", "--db", db)
    return tmp_path, db


@pytest.mark.model
def test_rejected_relation_stays_rejected_after_adding_the_same_and_new_briefs(corpus):
    folder, db = corpus
    rid = relation(db, "iran", "AID", "houthis")
    assert "decision 1: reject" in run("review", "reject", rid, "--db", db, "--why", "test", "--who", "ana")
    (folder / "second.txt").write_text(SECOND)
    run("add", folder / "first.txt", folder / "second.txt", "--db", db)
    rels = json.loads(run("relations", "--db", db, "--format", "json"))
    assert not [r for r in rels if (r["source"], r["type"], r["target"]) == ("iran", "AID", "houthis")]
    assert [r for r in rels if r["source"] == "saudi-arabia"]  # the new brief's other ties are in
    log = run("review", "log", "--db", db)
    assert "ana  reject" in log and "why: test" in log


@pytest.mark.model
def test_merge_then_undo_restores_relations_json_exactly(corpus):
    _, db = corpus
    before = run("relations", "--db", db, "--format", "json")
    out = run("review", "merge", "Iran", "United States", "--db", db)
    assert run("relations", "--db", db, "--format", "json") != before
    decision = out.split(":")[0].split()[-1]
    run("review", "undo", decision, "--db", db)
    assert run("relations", "--db", db, "--format", "json") == before


@pytest.mark.model
def test_review_export_writes_json_lines(corpus):
    _, db = corpus
    run("review", "confirm", relation(db, "united-states", "ASSAULT", "houthis"), "--db", db)
    [row] = [json.loads(line) for line in run("review", "export", "--db", db).splitlines()]
    assert (row["source"], row["type"], row["target"], row["label"]) == ("United States", "ASSAULT", "Houthis", "confirmed")


def test_review_errors_are_one_line(tmp_path):
    result = runner.invoke(app, ["review", "reject", "abc", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no store at")


def test_every_review_command_help_shows_an_example():
    for command in ["list", "confirm", "reject", "edit", "add", "merge", "split", "rename", "alias", "retype",
                    "catalogue", "undo", "log", "export"]:
        result = runner.invoke(app, ["review", command, "--help"])
        assert result.exit_code == 0 and "Example: briefgraph review" in result.stdout, command


def test_serve_help_shows_an_example_and_the_loopback_default():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example: briefgraph serve" in result.stdout
    assert "127.0.0.1" in result.stdout


@pytest.mark.model
def test_a_rejected_relation_leaves_analyze_and_exports(corpus, tmp_path):
    _, db = corpus
    run("review", "reject", relation(db, "iran", "AID", "houthis"), "--db", db)
    findings = json.loads(run("analyze", "--db", db, "--json"))
    assert "Iran" not in json.dumps(findings["cross_pressure"])
    run("export", "--format", "csv", "--db", db, "--output", tmp_path / "tables")
    relations_csv = (tmp_path / "tables" / "relations.csv").read_text()
    assert "united-states" in relations_csv and "iran" not in relations_csv

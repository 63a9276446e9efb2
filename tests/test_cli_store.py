"""`briefgraph add|actors|relations|show` with the NLP step replaced by a tiny hand-written extractor."""
import json
import re

import pytest
from typer.testing import CliRunner

import briefgraph.cli.store  # noqa: F401  (registers the commands)
from briefgraph.cli.app import app
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, slugify
from briefgraph.store import corpus as corpus_module

NAMES = {"Iran": "state", "Qatar": "state", "Hezbollah": "armed_group", "Hamas": "armed_group",
         "Turkistan Islamic Party": "armed_group"}
ALIASES = {"TIP": "Turkistan Islamic Party"}


def _spans(doc: Document, name: str) -> list[Span]:
    return [Span(doc.id, m.start(), m.end(), name) for m in re.finditer(rf"\b{re.escape(name)}\b", doc.text)]


def _actors(doc: Document) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for name in (*NAMES, *ALIASES):
        canonical = ALIASES.get(name, name)
        spans = _spans(doc, name)
        if spans:
            a = found.setdefault(canonical, Actor(slugify(canonical), canonical, NAMES[canonical]))
            a.mentions += spans
            a.add_alias(name)
    return found


def _claims(doc: Document, actors: dict[str, Actor]) -> list[Claim]:
    """'X backs Y.' in a sentence is a SUPPORT claim; 'reportedly' makes it reported."""
    names = "|".join(re.escape(n) for n in (*NAMES, *ALIASES))
    claims = []
    for m in re.finditer(rf"\b({names}) (reportedly )?backs ({names})\b[^.]*\.", doc.text):
        source, target = (actors[ALIASES.get(n, n)].id for n in (m.group(1), m.group(3)))
        status = "reported" if m.group(2) else "asserted"
        claims.append(Claim(source, target, "SUPPORT", "material_cooperation", 1,
                            Modality(status, None, ["reportedly"] if m.group(2) else []),
                            Span(doc.id, m.start(), m.end(), m.group(0)), "backs"))
    return claims


def fake_extract(documents, model, jobs=1, catalog=None):
    for doc in documents:
        actors = _actors(doc)
        yield doc, Graph([doc], list(actors.values()), [], _claims(doc, actors))


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.setattr(corpus_module, "_extract", fake_extract)
    monkeypatch.delenv("BRIEFGRAPH_DB", raising=False)


@pytest.fixture
def briefs(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "gulf.txt").write_text("Iran backs Hezbollah. Qatar reportedly backs Hamas.\n")
    (folder / "xinjiang.txt").write_text("The Turkistan Islamic Party (TIP) regrouped. Iran backs Hezbollah again.\n")
    return folder


@pytest.fixture
def db(store_url):
    """A SQLite file, then a PostgreSQL database: every command must behave the same on both."""
    return store_url


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), **kwargs)


def test_add_stores_every_brief_and_prints_one_summary_line(briefs, db):
    result = run("add", str(briefs), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Stored 2 new briefs in {db} (0 already stored, 0 failed)\n"


def test_adding_the_same_folder_again_skips_every_brief(briefs, db):
    run("add", str(briefs), "--db", db)
    result = run("add", str(briefs), "--db", db)
    assert result.exit_code == 0
    assert result.stdout == f"Stored 0 new briefs in {db} (2 already stored, 0 failed)\n"


def test_unreadable_file_is_named_on_one_line_exits_1_and_the_good_files_are_still_stored(briefs, db):
    empty = briefs / "empty.txt"
    empty.write_text("")
    result = run("add", str(briefs), "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error: {empty}: empty file\n"
    assert result.stdout == f"Stored 2 new briefs in {db} (0 already stored, 1 failed)\n"
    assert "Hezbollah" in run("actors", "--db", db).stdout


def test_add_refuses_a_date_that_is_not_a_date_before_reading_anything(briefs, db):
    result = run("add", str(briefs), "--db", db, "--date", "soon")
    assert result.exit_code == 1
    assert result.stderr == "error: --date: not a date: 'soon' (expected e.g. 2021-10-04)\n"


def test_add_date_option_dates_every_brief(briefs, db):
    run("add", str(briefs), "--db", db, "--date", "4 October 2021")
    with corpus_module.Corpus(db) as corpus:
        assert {d.date for d in corpus.graph().documents} == {"2021-10-04"}


def test_db_defaults_to_the_environment_setting(briefs, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGRAPH_DB", str(tmp_path / "env.db"))
    assert run("add", str(briefs)).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_relations_json_is_byte_identical_after_adding_a_brief_twice(briefs, db):
    run("add", str(briefs / "gulf.txt"), "--db", db)
    first = run("relations", "--db", db, "--format", "json").stdout
    run("add", str(briefs / "gulf.txt"), "--db", db)
    assert run("relations", "--db", db, "--format", "json").stdout == first


def test_relations_json_aggregates_the_same_claim_across_briefs(briefs, db):
    run("add", str(briefs), "--db", db)
    relations = json.loads(run("relations", "--db", db, "--format", "json", "--actor", "Hezbollah").stdout)
    assert [(r["source"], r["type"], r["target"], len(r["evidence"])) for r in relations] == [
        ("iran", "SUPPORT", "hezbollah", 2)]


def test_relations_table_names_actors_and_keeps_modality(briefs, db):
    run("add", str(briefs), "--db", db)
    table = run("relations", "--db", db).stdout
    assert re.search(r"Qatar\s+│\s+SUPPORT\s+│\s+\+1\s+│\s+Hamas\s+│\s+reported", table)


def test_actors_type_filter_lists_only_that_type(briefs, db):
    run("add", str(briefs), "--db", db)
    actors = json.loads(run("actors", "--db", db, "--type", "state", "--format", "json").stdout)
    assert [a["name"] for a in actors] == ["Iran", "Qatar"]


def test_actors_table_lists_aliases(briefs, db):
    run("add", str(briefs), "--db", db)
    assert re.search(r"Turkistan Islamic Party\s+│\s+armed_group\s+│\s+TIP", run("actors", "--db", db).stdout)


def test_show_prints_aliases_type_and_evidence_sentences(briefs, db):
    run("add", str(briefs), "--db", db)
    result = run("show", "TIP", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == ["Turkistan Islamic Party (armed_group)",
                                              "  id: turkistan-islamic-party", "  aliases: TIP"]
    shown = run("show", "Qatar", "--db", db).stdout
    assert re.search(r"  -> SUPPORT Hamas \[reported, sign \+1, confidence [01]\.\d\d\]", shown)
    assert f'      "Qatar reportedly backs Hamas." ({briefs / "gulf.txt"})' in shown


def test_show_unknown_actor_is_a_one_line_error(briefs, db):
    run("add", str(briefs), "--db", db)
    result = run("show", "Nobody", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error: no actor named 'Nobody' in {db}\n"


def test_reading_a_store_that_does_not_exist_is_a_one_line_error_and_creates_nothing(tmp_path):
    missing = str(tmp_path / "typo.db")
    result = run("actors", "--db", missing)
    assert result.exit_code == 1
    assert result.stderr == f"error: no store at {missing}; add briefs first: briefgraph add PATH --db {missing}\n"
    assert not (tmp_path / "typo.db").exists()


def test_rm_removes_a_brief_and_the_relations_only_it_supported(briefs, db):
    run("add", str(briefs), "--db", db)
    gulf = str(briefs / "gulf.txt")
    result = run("rm", gulf, "--db", db)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Removed {re.escape(gulf)} \([0-9a-f]{{12}}\) from {re.escape(db)}\n", result.stdout)
    relations = json.loads(run("relations", "--db", db, "--format", "json").stdout)
    assert [(r["source"], r["target"], len(r["evidence"])) for r in relations] == [("iran", "hezbollah", 1)]
    assert "Qatar" not in run("actors", "--db", db).stdout


def test_rm_of_an_unknown_brief_is_a_one_line_error(briefs, db):
    run("add", str(briefs), "--db", db)
    result = run("rm", "missing.txt", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no document 'missing.txt' in the store")


@pytest.mark.parametrize("command", ["add", "actors", "relations", "show", "rm"])
def test_every_store_command_help_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: briefgraph {command} " in result.stdout

"""Actor names: transliterations, short designations, sub-national polities, descriptive variants,
page furniture and a user catalogue (texts written for these tests)."""
import json

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.errors import OntologyError
from briefgraph.nlp.gazetteer import load_gazetteer
from briefgraph.nlp.pipeline import extract_documents_iter, extract_text
from briefgraph.model import Document

pytestmark = pytest.mark.model


def actors(text):
    return {a.name: a.type for a in extract_text(text).actors}


def test_a_transliterated_name_runs_on_over_its_particles():
    found = actors("Harakat Nasr al-Din wal Ansar attacked Niger.")
    assert found.get("Harakat Nasr al-Din wal Ansar") == "armed_group"
    assert "Ansar" not in found


def test_a_short_catalogue_designation_matches_as_written():
    g = extract_text("Rwanda backs M23.")
    names = {a.id: a.name for a in g.actors}
    assert {(names[r.source], r.type, names[r.target]) for r in g.relations} == {("Rwanda", "SUPPORT", "M23")}


def test_a_regional_administration_is_an_organization_not_a_place():
    found = actors("Ethiopia struck the Afar regional government.")
    assert found.get("Afar regional government") == "organization"


def test_a_federal_member_state_acts():
    found = actors("The Jubaland state authorities clashed with Somali forces.")
    assert found.get("Jubaland") == "organization"


def test_variants_of_one_backed_group_are_one_actor():
    g = extract_text("Iran-backed militias attacked Jordan. Iranian-aligned militias later struck Israel.")
    groups = [a for a in g.actors if a.type == "armed_group"]
    assert len(groups) == 1


def test_groups_backed_by_different_states_stay_apart():
    g = extract_text("Iran-backed militias attacked Jordan. Turkish-backed militias later struck Syria.")
    assert len([a for a in g.actors if a.type == "armed_group"]) == 2


def test_page_furniture_lines_hold_no_actors():
    g = extract_text("Subscribe to Desert Weekly\n\nShare this on LinkedIn\n\nIran attacked Israel.")
    assert {a.name for a in g.actors} == {"Iran", "Israel"}


CATALOG = """
- name: Red Valley Brigade
  type: armed_group
  acronyms: [RVB]
- name: Hezbollah
  type: organization
"""


def test_a_user_catalogue_adds_and_overrides_entries(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    doc = Document(text="The RVB attacked Hezbollah positions.")
    _, g = next(extract_documents_iter([doc], catalog=str(path)))
    assert {a.name: a.type for a in g.actors} == {"Red Valley Brigade": "armed_group", "Hezbollah": "organization"}


def test_the_catalogue_setting_is_read_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    monkeypatch.setenv("BRIEFGRAPH_CATALOG", str(path))
    result = CliRunner().invoke(app, ["extract", "-", "--format", "json"], input="The RVB attacked Mali.\n")
    assert result.exit_code == 0
    assert "Red Valley Brigade" in {a["name"] for a in json.loads(result.stdout)["actors"]}


def test_a_missing_catalogue_is_one_clear_error(tmp_path):
    with pytest.raises(OntologyError, match="cannot read the actor catalogue"):
        load_gazetteer(catalog=tmp_path / "absent.yaml")


def test_add_stores_actors_from_a_user_catalogue(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    brief = tmp_path / "brief.txt"
    brief.write_text("The RVB attacked Mali.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["add", str(brief), "--db", db, "--catalog", str(path)]).exit_code == 0
    listed = runner.invoke(app, ["actors", "--db", db, "--format", "json"])
    assert "Red Valley Brigade" in {a["name"] for a in json.loads(listed.stdout)}


OFFICE_CATALOG = """
- name: Amara Tessel
  type: person
  aliases: [Tessel]
  state: Mali
"""


def _office_claims(tmp_path, text):
    path = tmp_path / "people.yaml"
    path.write_text(OFFICE_CATALOG, encoding="utf-8")
    _, g = next(extract_documents_iter([Document(text=text)], catalog=str(path)))
    names = {a.id: a.name for a in g.actors}
    return {(names[r.source], r.type, names[r.target]) for r in g.relations}


def test_a_bare_title_holds_office_in_the_state_the_catalogue_gives(tmp_path):
    found = _office_claims(tmp_path, "President Tessel criticised Niger. Mali later closed its border.")
    assert ("Amara Tessel", "LEADER_OF", "Mali") in found


def test_a_bare_title_gives_no_office_when_the_brief_never_names_the_state(tmp_path):
    found = _office_claims(tmp_path, "President Tessel criticised Niger.")
    assert not any(t == "LEADER_OF" for _, t, _ in found)


def test_a_catalogued_leaders_administration_is_the_state_they_serve(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(OFFICE_CATALOG, encoding="utf-8")
    _, g = next(extract_documents_iter([Document(text="The Tessel Administration sanctioned Niger.")],
                                       catalog=str(path)))
    assert {a.name for a in g.actors} == {"Mali", "Niger"}


def test_a_states_foreign_ministry_is_the_state():
    assert set(actors("The Oman Foreign Ministry condemned Israel.")) == {"Oman", "Israel"}


def test_a_shorter_form_of_a_full_name_is_the_same_person():
    g = extract_text("Prime Minister Ali Al Rawi met Iran's envoy. Al Rawi later criticised Turkey.")
    assert len([a for a in g.actors if a.type == "person"]) == 1


def test_an_acronym_the_brief_defines_overrides_the_catalogues_reading(tmp_path):
    path = tmp_path / "agency.yaml"
    path.write_text("- name: Southern Support Agency\n  type: organization\n  acronyms: [SSA]\n", encoding="utf-8")
    text = "Mali joined the Sahel Security Alliance (SSA) in May. The SSA later struck Niger."
    _, g = next(extract_documents_iter([Document(text=text)], catalog=str(path)))
    assert {a.name for a in g.actors} == {"Mali", "Sahel Security Alliance", "Niger"}


def test_a_name_before_a_gang_or_cartel_is_an_armed_group_based_where_its_owner_says():
    g = extract_text("The leader of Ecuador's Los Lobos gang escaped from prison.")
    assert {a.name: a.type for a in g.actors}.get("Los Lobos") == "armed_group"
    names = {a.id: a.name for a in g.actors}
    assert {(names[r.source], r.type, names[r.target]) for r in g.relations} == {("Los Lobos", "BASED_IN", "Ecuador")}


def test_a_state_before_a_gang_noun_is_no_group_name():
    assert "Haiti" not in {a.name for a in extract_text("Haitian gangs attacked the police in Haiti.").actors
                           if a.type == "armed_group"}


def test_a_family_name_first_joins_the_three_part_name_it_begins():
    g = extract_text("Park Min Soo met Vladimir Putin in 2023. Park later visited Russia.")
    assert [a.name for a in g.actors if a.type == "person"].count("Park Min Soo") == 1
    assert "Park" not in {a.name for a in g.actors}


def test_words_in_capitals_for_emphasis_are_no_actor():
    g = extract_text('He wrote that it required "Iran agreeing to the COMPLETE, IMMEDIATE, and SAFE OPENING of the port."')
    assert {a.name for a in g.actors} == {"Iran"}


def test_the_administration_alone_is_the_united_states_but_not_an_administration_of_someone():
    assert "United States" in actors("In May, the Administration designated Hamas.")
    assert "United States" not in actors("The Administration of Ahmed al-Sharaa struck Israel.")


def test_a_one_word_name_that_is_only_attacked_is_a_place_not_a_person():
    g = extract_text("JNIM fighters attacked Boulkessi last week.")
    assert {a.name: a.type for a in g.actors}.get("Boulkessi") == "place"


def test_a_one_word_name_that_is_killed_stays_a_person():
    g = extract_text("Israel killed Deif.")
    assert {a.name: a.type for a in g.actors}.get("Deif") == "person"


def test_worker_processes_read_the_user_catalogue_too(tmp_path):
    from briefgraph.api import iter_graphs
    path = tmp_path / "mine.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    docs = [Document(text=f"The RVB attacked Mali in week {i}.", path=f"b{i}.txt") for i in range(10)]
    graphs = list(iter_graphs(docs, jobs=2, catalog=str(path)))
    assert len(graphs) == 10
    assert all("Red Valley Brigade" in {a.name for a in g.actors} for _, g in graphs)

"""Review decisions: logged with who/when/why, applied whenever the store is read, undone by new entries."""
import json

import pytest

from briefgraph.errors import ReviewError, StoreError
from briefgraph.review import Review, examples
from briefgraph.review.log import Decision, in_force

from store_builders import brief, claim, actor, filled_store, relation_id, sahel


@pytest.fixture
def store(tmp_path):
    s = filled_store(tmp_path / "corpus.db")
    yield s
    s.close()


def relations_json(store):
    return json.dumps([r.to_dict() for r in store.graph().relations], sort_keys=True)


def triples(store):
    names = {a.id: a.name for a in store.graph().actors}
    return {(names[r.source], r.type, names[r.target]) for r in store.graph().relations}


def test_rejected_relation_leaves_the_graph_and_is_logged_with_who_and_why(store):
    rid = relation_id(store, "France", "OPPOSE", "Wagner Group")
    decision = Review(store, who="ana").reject(rid, why="a denial in the text")
    assert ("France", "OPPOSE", "Wagner Group") not in triples(store)
    [entry] = store.reviewed_log()
    assert (entry.id, entry.who, entry.why, entry.action) == (decision.id, "ana", "a denial in the text", "reject")
    assert entry.at


def test_rejected_relation_stays_rejected_when_a_new_brief_says_it_again(store):
    Review(store, who="ana").reject(relation_id(store, "France", "OPPOSE", "Wagner Group"))
    doc = brief("France opposed Wagner once more in Bamako.")
    france, wagner = actor(doc, "France", type_="state"), actor(doc, "Wagner")
    from briefgraph.model import Graph
    store.add(doc, Graph([doc], [france, wagner], [], [claim(doc, france, wagner, doc.text, "OPPOSE", -1)]))
    assert ("France", "OPPOSE", "Wagner Group") not in triples(store)
    assert len(store.graph().documents) == 3


def test_merge_then_undo_restores_the_relations_exactly(store):
    before = relations_json(store)
    review = Review(store, who="ana")
    merged = review.merge("Mali", "France", why="test")
    assert "france" not in {a.id for a in store.actors()}
    assert "France" in store.actor("Mali").aliases
    assert relations_json(store) != before
    review.undo(merged.id, why="wrong")
    assert relations_json(store) == before


def test_merged_away_actor_is_found_under_its_old_name(store):
    Review(store, who="ana").merge("Wagner Group", "Houthis")
    assert store.actor("Houthis").id == "wagner-group"


def test_undoing_an_undo_puts_the_decision_back(store):
    review = Review(store, who="ana")
    rejected = review.reject(relation_id(store, "Iran", "AID", "Houthis"))
    undo = review.undo(rejected.id)
    assert ("Iran", "AID", "Houthis") in triples(store)
    review.undo(undo.id)
    assert ("Iran", "AID", "Houthis") not in triples(store)


def test_in_force_skips_undone_decisions_and_the_undos_themselves():
    log = [Decision(1, "reject"), Decision(2, "merge"), Decision(3, "undo", undoes=1)]
    assert [d.id for d in in_force(log)] == [2]


def test_edit_changes_type_sign_direction_and_modality(store):
    rid = relation_id(store, "Mali", "COERCE", "France")
    Review(store, who="ana").edit(rid, type="OPPOSE", reverse=True, status="reported")
    [rel] = [r for r in store.graph().relations if r.type == "OPPOSE" and r.source == "france" and r.target == "mali"]
    assert (rel.sign, rel.modality.status, rel.review, rel.confidence) == (-1, "reported", "edited", 1.0)


def test_confirm_sets_confidence_to_one_and_marks_the_relation(store):
    rid = relation_id(store, "Iran", "AID", "Houthis")
    Review(store, who="ana").confirm(rid)
    rel = next(r for r in store.graph().relations if r.id == rid)
    assert (rel.confidence, rel.review) == (1.0, "confirmed")


def test_added_relation_carries_its_evidence_span(store):
    doc = store.graph().documents[1]
    start = doc.text.index("Iran armed")
    Review(store, who="ana").add("Iran", "Israel", "OPPOSE", doc.id, start, start + 23)
    rel = next(r for r in store.graph().relations if (r.source, r.type, r.target) == ("iran", "OPPOSE", "israel"))
    assert rel.evidence[0].text == "Iran armed the Houthis."
    assert rel.review == "added"


def test_split_gives_the_aliases_and_their_claims_to_a_new_actor(store):
    Review(store, who="ana").split("Mali", ["junta"], type="armed_group")
    junta = store.actor("junta")
    assert (junta.name, junta.type) == ("junta", "armed_group")
    assert "junta" not in store.actor("Mali").aliases
    assert ("junta", "COERCE", "France") in triples(store)
    assert ("Mali", "COOPERATE", "Wagner Group") in triples(store)


def test_rename_keeps_the_old_name_as_an_alias(store):
    Review(store, who="ana").rename("Wagner Group", "Africa Corps")
    renamed = store.actor("Wagner")
    assert renamed.name == "Africa Corps" and "Wagner Group" in renamed.aliases


def test_alias_add_and_remove(store):
    review = Review(store, who="ana")
    review.alias("Houthis", "Ansar Allah")
    assert store.actor("Ansar Allah").name == "Houthis"
    review.alias("Houthis", "Ansar Allah", remove=True)
    with pytest.raises(StoreError):
        store.actor("Ansar Allah")


def test_review_refuses_impossible_decisions_with_a_clear_message(store):
    review = Review(store, who="ana")
    with pytest.raises(ReviewError, match="no relation 'nope'"):
        review.reject("nope")
    with pytest.raises(ReviewError, match="already one actor"):
        review.merge("Mali", "junta")
    with pytest.raises(ReviewError, match="unknown relation type"):
        review.edit(relation_id(store, "Iran", "AID", "Houthis"), type="HUG")
    with pytest.raises(ReviewError, match="no review decision 99"):
        review.undo(99)


def test_export_writes_labelled_examples_with_offsets(store):
    review = Review(store, who="ana")
    review.reject(relation_id(store, "France", "OPPOSE", "Wagner Group"))
    review.confirm(relation_id(store, "Iran", "AID", "Houthis"))
    rows = list(examples(store.reviewed_graph()))
    assert [(r["source"], r["type"], r["target"], r["label"]) for r in rows] == [
        ("France", "OPPOSE", "Wagner Group", "rejected"), ("Iran", "AID", "Houthis", "confirmed")]
    doc = sahel()[0]
    start, end = rows[0]["offsets"]
    assert doc.text[start:end] == rows[0]["sentence"] == "France opposed Wagner."
    assert rows[0]["source_spans"] == [[0, 6]] and rows[0]["target_spans"] == [[15, 21]]


def test_catalogue_entry_is_written_in_the_gazetteer_format(store, tmp_path):
    from briefgraph.nlp.gazetteer import load_gazetteer
    path = tmp_path / "actors.user.yaml"
    Review(store, who="ana").catalogue("March 23 Movement", "armed_group", str(path), ["M23"])
    gaz = load_gazetteer(path)
    assert gaz.get("March 23 Movement").aliases == ("M23",)
    with pytest.raises(ReviewError, match="already in the catalogue"):
        Review(store, who="ana").catalogue("March 23 movement", "armed_group", str(path))


def test_rejected_relation_leaves_the_analysis(store):
    from briefgraph.analysis import analyze
    def houthi_pressure():
        return next((p for p in analyze(store.graph())["cross_pressure"] if p["actor"] == "Houthis"), None)
    assert houthi_pressure() is not None and "Iran" in houthi_pressure()["explanation"]
    Review(store, who="ana").reject(relation_id(store, "Iran", "AID", "Houthis"))
    assert houthi_pressure() is None or "Iran" not in houthi_pressure()["explanation"]

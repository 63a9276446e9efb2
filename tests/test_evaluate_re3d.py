import json

import pytest

from briefgraph.errors import EvaluationError
from briefgraph.evaluate import common
from briefgraph.evaluate.re3d import evaluate_re3d, read_re3d
from briefgraph.model import Actor, Graph, Modality, Relation, Span

TEXT = ("The Red Brigade attacked Blue Army posts near Lakeside. "
        "General Moss commands the Red Brigade (RB). Blue Army units welcomed Kestrel aid.")


def at(text, words, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def entity(words, type_, confidence=1.0, nth=0, value=None, doc="d1"):
    begin, end = at(TEXT, words, nth)
    return {"documentId": doc, "begin": begin, "end": end, "type": type_, "value": value or words,
            "confidence": confidence}


def relation(source, target, type_, confidence=1.0, snth=0, tnth=0, doc="d1"):
    sb, se = at(TEXT, source, snth)
    tb, te = at(TEXT, target, tnth)
    return {"documentId": doc, "source": source, "sourceBegin": sb, "sourceEnd": se, "target": target,
            "targetBegin": tb, "targetEnd": te, "type": type_, "value": "", "confidence": confidence}


def write_folder(folder, entities=(), relations=(), docs=(("d1", TEXT),)):
    folder.mkdir(parents=True)
    lines = {"documents.json": [{"_id": i, "title": f"title {i}", "text": t} for i, t in docs],
             "entities.json": list(entities), "relations.json": list(relations)}
    for name, records in lines.items():
        (folder / name).write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


def mention(doc, words, nth=0, kind=None):
    start, end = at(doc.text, words, nth)
    return Span(doc.id, start, end, words, kind)


class FakeExtractor:
    """Stands in for the pipeline: builds each document's graph with `build(doc)`, records the calls."""

    def __init__(self, build):
        self.build, self.calls = build, []

    def __call__(self, documents, model=None, generic_actors=True, scorer=True):
        docs = list(documents)
        self.calls.append([d.path for d in docs])
        return [(d, self.build(d)) for d in docs]


def run(tmp_path, monkeypatch, build, entities=(), relations=(), errors=False):
    write_folder(tmp_path / "src", entities, relations)
    monkeypatch.setattr(common, "extract_each", FakeExtractor(build))
    return evaluate_re3d(tmp_path / "src", errors=errors)


def test_one_exact_and_one_overlap_only_hit_give_exact_recall_half_and_overlap_recall_one(tmp_path, monkeypatch):
    def build(doc):
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group", mentions=[mention(doc, "The Red Brigade")]),
                             Actor("ba", "Blue Army", "armed_group", mentions=[mention(doc, "Blue Army posts")])])
    gold = [entity("The Red Brigade", "Organisation"), entity("Blue Army", "Organisation")]
    res = run(tmp_path, monkeypatch, build, gold)
    ents = res["entities"]
    assert (ents["recall"], ents["overlap"]["recall"]) == (0.5, 1.0)
    assert (ents["precision"], ents["overlap"]["precision"]) == (0.5, 1.0)
    assert ents["by_type"]["Organisation"]["f1"] == 0.5


def test_mention_over_a_location_span_counts_neither_for_nor_against(tmp_path, monkeypatch):
    def build(doc):
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group", mentions=[mention(doc, "The Red Brigade")]),
                             Actor("lk", "Lakeside", "place", mentions=[mention(doc, "Lakeside")])])
    res = run(tmp_path, monkeypatch, build, [entity("The Red Brigade", "Organisation"), entity("Lakeside", "Location")])
    assert res["entities"]["precision"] == 1.0
    assert res["entities"]["predicted"] == 1
    assert res["entities"]["neutral"] == 1


def test_low_confidence_span_is_not_required_and_a_mention_on_it_is_neutral(tmp_path, monkeypatch):
    def build(doc):
        return Graph([doc], [Actor("k", "Kestrel", "organization", mentions=[mention(doc, "Kestrel")])])
    res = run(tmp_path, monkeypatch, build, [entity("Kestrel", "Organisation", 0.3), entity("General Moss", "Person")])
    assert res["entities"]["gold"] == 1
    assert res["entities"]["predicted"] == 0
    assert res["counts"]["low_confidence_spans"] == 1


def test_span_keeps_its_most_confident_type(tmp_path, monkeypatch):
    write_folder(tmp_path / "src", [entity("Lakeside", "Organisation", 0.6), entity("Lakeside", "Location", 0.9)])
    docs, _ = read_re3d(tmp_path / "src")
    assert [(s.text, s.type) for s in docs[0].entities] == [("Lakeside", "Location")]


def test_record_whose_offsets_do_not_match_its_value_is_skipped(tmp_path, monkeypatch):
    write_folder(tmp_path / "src", [entity("General Moss", "Person", value="General Mass"),
                                    entity("RB", "Organisation")])
    docs, counts = read_re3d(tmp_path / "src")
    assert [s.text for s in docs[0].entities] == ["RB"]
    assert counts["skipped_entity_records"] == 1


def test_false_mention_counts_against_the_type_of_its_actor(tmp_path, monkeypatch):
    def build(doc):
        return Graph([doc], [Actor("m", "Moss", "person", mentions=[mention(doc, "General Moss")]),
                             Actor("p", "posts", "organization", mentions=[mention(doc, "posts")])])
    res = run(tmp_path, monkeypatch, build, [entity("General Moss", "Person")], errors=True)
    by_type = res["entities"]["by_type"]
    assert (by_type["Person"]["precision"], by_type["Organisation"]["precision"]) == (1.0, 0.0)
    assert res["entities"]["errors"]["false"][0]["text"] == "posts"
    assert res["entities"]["errors"]["false"][0]["sentence"] == \
        "The Red Brigade attacked Blue Army posts near Lakeside."


def test_missed_entities_are_listed_with_their_sentence(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda doc: Graph([doc]), [entity("General Moss", "Person")], errors=True)
    missed = res["entities"]["errors"]["missed"]
    assert [(m["type"], m["text"], m["sentence"]) for m in missed] == [
        ("Person", "General Moss", "General Moss commands the Red Brigade (RB).")]


def graph_with_relation(doc, type_, sign, source_words, target_words, status="asserted"):
    src = Actor("a", "A", "armed_group", mentions=[mention(doc, source_words)])
    tgt = Actor("b", "B", "armed_group", mentions=[mention(doc, target_words)])
    start, end = at(doc.text, "The Red Brigade attacked Blue Army posts near Lakeside.")
    ev = Span(doc.id, start, end, doc.text[start:end])
    quad = "structural" if sign == 0 else "material_conflict"
    return Graph([doc], [src, tgt], [Relation("r", "a", "b", type_, quad, sign, Modality(status), [ev])])


FIGHT_GOLD = dict(entities=[entity("The Red Brigade", "Organisation"), entity("Blue Army", "Organisation"),
                            entity("Lakeside", "Location")],
                  relations=[relation("Blue Army", "The Red Brigade", "FightingAgainst"),
                             relation("The Red Brigade", "Lakeside", "CoLocated")])


def test_negative_relation_matches_a_fighting_gold_pair_in_either_direction(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda d: graph_with_relation(d, "ASSAULT", -1, "The Red Brigade", "Blue Army"),
              **FIGHT_GOLD)
    rels = res["relations"]
    assert (rels["recall"], rels["precision"]) == (1.0, 1.0)
    assert rels["by_sign"]["-1"]["found"] == 1


def test_relation_with_the_wrong_sign_is_a_false_hit_and_a_miss(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda d: graph_with_relation(d, "SUPPORT", 1, "The Red Brigade", "Blue Army"),
              **FIGHT_GOLD, errors=True)
    rels = res["relations"]
    assert (rels["recall"], rels["precision"], rels["predicted"]) == (0.0, 0.0, 1)
    assert rels["errors"]["missed"][0]["source"] == "Blue Army"
    assert rels["errors"]["false"][0]["relation"] == "A -[SUPPORT +1]-> B"


def test_negated_relation_is_not_scored(tmp_path, monkeypatch):
    build = lambda d: graph_with_relation(d, "ASSAULT", -1, "The Red Brigade", "Blue Army", "negated")  # noqa: E731
    res = run(tmp_path, monkeypatch, build, **FIGHT_GOLD)
    assert (res["relations"]["recall"], res["relations"]["predicted"]) == (0.0, 0)


def test_prediction_with_an_endpoint_outside_gold_spans_is_not_scored(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda d: graph_with_relation(d, "ASSAULT", -1, "The Red Brigade", "posts"),
              **FIGHT_GOLD)
    assert (res["relations"]["predicted"], res["relations"]["unanchored"]) == (0, 1)


def test_prediction_on_an_unsigned_gold_pair_is_neutral(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda d: graph_with_relation(d, "ASSAULT", -1, "The Red Brigade", "Lakeside"),
              **FIGHT_GOLD)
    assert (res["relations"]["predicted"], res["relations"]["neutral"]) == (0, 1)


def test_structural_relation_must_keep_its_direction(tmp_path, monkeypatch):
    gold = dict(entities=[entity("General Moss", "Person"), entity("the Red Brigade", "Organisation")],
                relations=[relation("General Moss", "the Red Brigade", "InChargeOf")])

    def build(doc, reverse):
        moss = Actor("m", "Moss", "person", mentions=[mention(doc, "General Moss")])
        rb = Actor("rb", "Red Brigade", "armed_group", mentions=[mention(doc, "the Red Brigade")])
        start, end = at(doc.text, "General Moss commands the Red Brigade (RB).")
        ev = Span(doc.id, start, end, doc.text[start:end])
        src, tgt = ("rb", "m") if reverse else ("m", "rb")
        return Graph([doc], [moss, rb], [Relation("r", src, tgt, "LEADER_OF", "structural", 0, Modality(), [ev])])
    right = run(tmp_path / "x", monkeypatch, lambda d: build(d, False), **gold)
    wrong = run(tmp_path / "y", monkeypatch, lambda d: build(d, True), **gold)
    assert (right["relations"]["recall"], wrong["relations"]["recall"]) == (1.0, 0.0)


def test_structural_gold_with_a_place_endpoint_is_out_of_scope(tmp_path, monkeypatch):
    res = run(tmp_path, monkeypatch, lambda d: Graph([d]),
              entities=[entity("The Red Brigade", "Organisation"), entity("Lakeside", "Location")],
              relations=[relation("The Red Brigade", "Lakeside", "InChargeOf")])
    assert (res["relations"]["gold"], res["relations"]["gold_out_of_scope"]) == (0, 1)


def test_alias_pair_resolved_to_one_actor_counts_and_two_actors_do_not(tmp_path, monkeypatch):
    ents = [entity("the Red Brigade", "Organisation"), entity("RB", "Organisation")]
    rels = [relation("the Red Brigade", "RB", "IsSynonymOf"), relation("RB", "the Red Brigade", "IsSynonymOf")]

    def merged(doc):
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group",
                                   mentions=[mention(doc, "the Red Brigade"), mention(doc, "RB")])])

    def split(doc):
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group", mentions=[mention(doc, "the Red Brigade")]),
                             Actor("x", "RB", "organization", mentions=[mention(doc, "RB")])])
    good = run(tmp_path / "a", monkeypatch, merged, ents, rels)
    bad = run(tmp_path / "b", monkeypatch, split, ents, rels)
    assert (good["aliases"]["pairs"], good["aliases"]["recall"]) == (1, 1.0)
    assert (bad["aliases"]["recall"], bad["aliases"]["both_resolved"]) == (0.0, 1)


def test_folder_of_folders_is_extracted_in_one_call(tmp_path, monkeypatch):
    write_folder(tmp_path / "all" / "one", [entity("RB", "Organisation")])
    write_folder(tmp_path / "all" / "two", [entity("RB", "Organisation", doc="d2")], docs=[("d2", TEXT + " More.")])
    fake = FakeExtractor(lambda doc: Graph([doc]))
    monkeypatch.setattr(common, "extract_each", fake)
    res = evaluate_re3d(tmp_path / "all")
    assert fake.calls == [["one/d1", "two/d2"]]
    assert res["counts"]["folders"] == ["one", "two"]
    assert res["entities"]["gold"] == 2


def test_folder_without_re3d_files_is_an_evaluation_error(tmp_path):
    with pytest.raises(EvaluationError, match="no re3d folder"):
        evaluate_re3d(tmp_path)


def test_mentions_of_other_documents_are_ignored(tmp_path, monkeypatch):
    def build(doc):
        stray = Span("another-document", 0, 15, "The Red Brigade")
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group", mentions=[stray])])
    res = run(tmp_path, monkeypatch, build, [entity("The Red Brigade", "Organisation")])
    assert (res["entities"]["recall"], res["entities"]["predicted"]) == (0.0, 0)


def test_predicted_mentions_are_tallied_by_kind(tmp_path, monkeypatch):
    def build(doc):
        return Graph([doc], [Actor("rb", "Red Brigade", "armed_group",
                                   mentions=[mention(doc, "The Red Brigade", kind="name"),
                                             mention(doc, "posts", kind="description")])])
    res = run(tmp_path, monkeypatch, build, [entity("The Red Brigade", "Organisation")])
    assert res["entities"]["by_mention_kind"] == {"description": {"correct": 0, "false": 1, "neutral": 0},
                                                  "name": {"correct": 1, "false": 0, "neutral": 0}}

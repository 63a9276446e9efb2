import json

import pytest

from briefgraph.errors import EvaluationError
from briefgraph.evaluate import common
from briefgraph.evaluate.cameo import load_cameo_map, parse_table
from briefgraph.evaluate.events import PLOVER_TYPES
from briefgraph.evaluate.plover import evaluate_plover, plover_sentence
from briefgraph.model import Actor, Claim, Graph, Modality, Relation, Span

S1 = "Northland troops shelled Eastport on Monday."
S2 = "Southland asked Northland to reopen the border."
S3 = "Westmark and Ostland agreed to hold joint drills."


def record(rid, text, event, sources=(), targets=()):
    return {"id": rid, "text": text, "event": event,
            "source": [{"actorText": s, "code": "XXX"} for s in sources],
            "target": [{"actorText": t, "code": "XXX"} for t in targets] if targets else ""}


def span(doc, words):
    start = doc.text.index(words)
    return Span(doc.id, start, start + len(words), words)


def claim(doc, source, target, type_):
    sent = Span(doc.id, 0, len(doc.text), doc.text)
    return Claim(source, target, type_, "material_conflict", -1, Modality(), sent, trigger=type_.lower())


class Fake:
    def __init__(self, build):
        self.build, self.calls = build, []

    def __call__(self, documents, model=None, generic_actors=False, scorer=True):
        docs = list(documents)
        self.calls.append(len(docs))
        return [(d, self.build(d)) for d in docs]


def run(tmp_path, monkeypatch, records, build, errors=False):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    fake = Fake(build)
    monkeypatch.setattr(common, "extract_each", fake)
    return evaluate_plover(path, errors=errors), fake


def shelling(doc, type_="ASSAULT"):
    north = Actor("n", "Northland", "state", mentions=[span(doc, "Northland troops")])
    east = Actor("e", "Eastport", "place", mentions=[span(doc, "Eastport")])
    return Graph([doc], [north, east], claims=[claim(doc, "n", "e", type_)])


def test_early_label_fight_is_scored_as_assault():
    sentence = plover_sentence(record("r1", S1, "FIGHT", ["Northland"], ["Eastport"]))
    assert sentence.events[0].type == "ASSAULT"


def test_document_records_and_records_without_text_are_skipped():
    assert plover_sentence({"id": "doc", "event": "DOCUMENT", "text": "About this file."}) is None
    assert plover_sentence({"id": "r", "event": "AGREE", "text": ""}) is None


def test_found_event_with_right_type_and_actors_scores_full_marks(tmp_path, monkeypatch):
    res, _ = run(tmp_path, monkeypatch, [record("r1", S1, "FIGHT", ["Northland"], ["Eastport"])], shelling)
    assert (res["event_recall"], res["type_accuracy"], res["source_accuracy"], res["target_accuracy"]) == \
        (1.0, 1.0, 1.0, 1.0)
    assert res["confusion"] == {"ASSAULT": {"ASSAULT": 1}}


def test_wrong_type_shows_in_accuracy_and_confusion(tmp_path, monkeypatch):
    res, _ = run(tmp_path, monkeypatch, [record("r1", S1, "ASSAULT", ["Northland"], ["Eastport"])],
                 lambda d: shelling(d, "COERCE"), errors=True)
    assert (res["event_recall"], res["type_accuracy"]) == (1.0, 0.0)
    assert res["confusion"] == {"ASSAULT": {"COERCE": 1}}
    assert res["errors"]["false"][0]["predicted"] == "Northland -[COERCE]-> Eastport"
    assert res["errors"]["false"][0]["sentence"] == S1


def test_sentence_without_claims_is_a_miss(tmp_path, monkeypatch):
    res, _ = run(tmp_path, monkeypatch, [record("r2", S2, "DEMAND", ["Southland"], ["Northland"])],
                 lambda d: Graph([d]), errors=True)
    assert (res["event_recall"], res["type_accuracy"]) == (0.0, 0.0)
    assert res["confusion"] == {"REQUEST": {"NONE": 1}}
    assert res["errors"]["missed"] == [{"id": "r2", "event": "REQUEST", "sentence": S2}]


def test_actor_without_a_mention_over_the_gold_words_matches_by_name(tmp_path, monkeypatch):
    def build(doc):
        south, north = Actor("s", "Southland", "state"), Actor("n", "the Northland government", "state")
        return Graph([doc], [south, north], claims=[claim(doc, "s", "n", "REQUEST")])
    res, _ = run(tmp_path, monkeypatch, [record("r2", S2, "DEMAND", ["Southland"], ["Northland"])], build)
    assert (res["source_accuracy"], res["target_accuracy"]) == (1.0, 1.0)


def test_reversed_actors_fail_source_and_target(tmp_path, monkeypatch):
    def build(doc):
        south = Actor("s", "Southland", "state", mentions=[span(doc, "Southland")])
        north = Actor("n", "Northland", "state", mentions=[span(doc, "Northland")])
        return Graph([doc], [south, north], claims=[claim(doc, "n", "s", "REQUEST")])
    res, _ = run(tmp_path, monkeypatch, [record("r2", S2, "DEMAND", ["Southland"], ["Northland"])], build)
    assert (res["type_accuracy"], res["source_accuracy"], res["target_accuracy"]) == (1.0, 0.0, 0.0)


def test_best_claim_is_the_one_whose_actors_fit(tmp_path, monkeypatch):
    def build(doc):
        g = shelling(doc, "ASSAULT")
        g.claims.insert(0, claim(doc, "e", "n", "PROTEST"))
        return g
    res, _ = run(tmp_path, monkeypatch, [record("r1", S1, "FIGHT", ["Northland"], ["Eastport"])], build)
    assert res["confusion"] == {"ASSAULT": {"ASSAULT": 1}}


def test_compound_source_without_target_accepts_the_other_party_as_target(tmp_path, monkeypatch):
    def build(doc):
        w = Actor("w", "Westmark", "state", mentions=[span(doc, "Westmark")])
        o = Actor("o", "Ostland", "state", mentions=[span(doc, "Ostland")])
        return Graph([doc], [w, o], claims=[claim(doc, "w", "o", "AGREE")])
    res, _ = run(tmp_path, monkeypatch, [record("r3", S3, "AGREE", ["Westmark", "Ostland"])], build)
    assert (res["source_accuracy"], res["target_accuracy"], res["target_checked"]) == (1.0, 1.0, 1)


def test_graph_without_claims_is_read_through_relation_evidence(tmp_path, monkeypatch):
    def build(doc):
        g = shelling(doc)
        c = g.claims.pop()
        g.relations.append(Relation("r", "n", "e", "ASSAULT", "material_conflict", -1, Modality(), [c.evidence]))
        return g
    res, _ = run(tmp_path, monkeypatch, [record("r1", S1, "FIGHT", ["Northland"], ["Eastport"])], build)
    assert (res["event_recall"], res["type_accuracy"]) == (1.0, 1.0)


def test_structural_claims_are_not_events(tmp_path, monkeypatch):
    res, _ = run(tmp_path, monkeypatch, [record("r1", S1, "FIGHT", ["Northland"], ["Eastport"])],
                 lambda d: shelling(d, "MEMBER_OF"))
    assert res["event_recall"] == 0.0


def test_type_macro_f1_averages_over_gold_types(tmp_path, monkeypatch):
    records = [record("r1", S1, "FIGHT", ["Northland"], ["Eastport"]),
               record("r2", S2, "DEMAND", ["Southland"], ["Northland"])]
    res, fake = run(tmp_path, monkeypatch, records, lambda d: shelling(d) if d.text == S1 else Graph([d]))
    assert res["by_type"]["ASSAULT"]["f1"] == 1.0
    assert res["by_type"]["REQUEST"]["f1"] == 0.0
    assert res["type_macro_f1"] == 0.5
    assert fake.calls == [2]


def test_non_array_plover_file_is_an_evaluation_error(tmp_path, monkeypatch):
    with pytest.raises(EvaluationError, match="JSON array"):
        run(tmp_path, monkeypatch, {"event": "AGREE"}, lambda d: Graph([d]))


PETRARCH = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
# a comment line, as these files have
<Sentences>
<Sentence category="TEST" date="20200101" id="T1" evaluate="true"/>
<EventCoding eventcode="0841" sourcecode="NORGOV" targetcode="SWE" />
<Text>
Norway freed two Swedish
sailors on Tuesday.
</Text>
<Parse>
1\tNorway\tNorway\tPROPN
</Parse>
</Sentence>
<Sentence category="TEST" date="20200101" id="T2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
Rain fell over Oslo.
</Text>
</Sentence>
<Sentence category="TEST" date="20200101" id="T3" evaluate="true"/>
<EventCoding eventcode="010" sourcecode="NOR" targetcode="SWE" />
<Text>
Norway made a statement.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def freed(doc):
    if "freed" not in doc.text:
        return Graph([doc], [Actor("o", "Oslo", "place")], claims=[claim(doc, "o", "o", "PROTEST")])
    norway = Actor("no", "Norway", "state", mentions=[span(doc, "Norway")])
    sailors = Actor("se", "Swedish sailors", "collective", mentions=[span(doc, "Swedish sailors")])
    return Graph([doc], [norway, sailors], claims=[claim(doc, "no", "se", "RETREAT")])


def test_petrarch_xml_maps_cameo_codes_and_counts_false_alarms(tmp_path, monkeypatch):
    path = tmp_path / "validation.xml"
    path.write_text(PETRARCH, encoding="utf-8")
    monkeypatch.setattr(common, "extract_each", Fake(freed))
    res = evaluate_plover(path)
    assert (res["format"], res["sentences"], res["events"], res["unmapped_codings"]) == ("petrarch", 2, 1, 1)
    assert res["confusion"] == {"RETREAT": {"RETREAT": 1}}
    assert (res["source_accuracy"], res["target_accuracy"]) == (1.0, 1.0)
    assert (res["no_event_sentences"], res["false_alarms"]) == (1, 1)


def test_petrarch_xml_uses_a_given_conversion_table(tmp_path, monkeypatch):
    path, table = tmp_path / "validation.xml", tmp_path / "table.txt"
    path.write_text(PETRARCH, encoding="utf-8")
    table.write_text("# header\n08: CONCEDE\n084: CONCEDE, release # comment\n01: AGREE\n", encoding="utf-8")
    monkeypatch.setattr(common, "extract_each", Fake(freed))
    res = evaluate_plover(path, cameo_map=table)
    assert res["confusion"] == {"AGREE": {"PROTEST": 1}, "CONCEDE": {"RETREAT": 1}}
    assert res["cameo_map"] == str(table)


def test_conversion_table_keeps_the_first_line_for_a_code_and_ignores_comments():
    assert parse_table("# 05: SUPPORT\n08: CONCEDE\n08: RETREAT\n0841: RETREAT, release, legal # x\n~~~~\n") == \
        {"08": "CONCEDE", "0841": "RETREAT"}


def test_cameo_lookup_uses_the_longest_listed_prefix():
    cmap = load_cameo_map()
    assert (cmap.plover_type("0841"), cmap.plover_type("083"), cmap.plover_type("1124")) == \
        ("RETREAT", "CONCEDE", "ACCUSE")
    assert cmap.plover_type("015") is None
    assert "Moscow" in cmap.country_names("RUSMIL")


def test_shipped_cameo_map_covers_every_root_code_with_plover_types():
    codes = load_cameo_map().codes
    assert {f"{n:02d}" for n in range(1, 21)} <= set(codes)
    assert {v for v in codes.values() if v is not None} <= set(PLOVER_TYPES)


def test_xml_file_without_event_codings_is_rejected(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<root><item/></root>", encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a PETRARCH validation file"):
        evaluate_plover(path)

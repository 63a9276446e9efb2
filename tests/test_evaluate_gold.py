import json

import pytest

from briefgraph.errors import EvaluationError
from briefgraph.evaluate import common, gold as gold_mod
from briefgraph.evaluate.gold import evaluate_gold, score_gold
from briefgraph.model import Actor, Document, Graph, Modality, Relation, Span

TEXT = "Northland accused the Harbour Front of raids. Southland may back Northland."

GOLD = {
    "actors": [
        {"name": "Northland", "type": "state", "aliases": ["Republic of Northland"]},
        {"name": "Harbour Front", "type": "armed_group", "aliases": ["HF"]},
        {"name": "Southland", "type": "state"},
    ],
    "also_ok": ["Eastport"],
    "relations": [
        {"source": "Northland", "target": "Harbour Front", "sign": -1, "types": ["ACCUSE"], "modality": "asserted"},
        {"source": "Southland", "target": "Northland", "sign": 1, "types": ["SUPPORT"], "modality": "possible"},
    ],
    "also_ok_relations": [{"source": "Harbour Front", "target": "Eastport"}],
    "must_not_assert": [{"source": "Southland", "target": "Northland", "sign": 1, "why": "backing is only possible"}],
}

DOC = Document(text=TEXT, path="brief.txt")


def actor(aid, name, aliases=()):
    return Actor(aid, name, "state", list(aliases))


def rel(source, target, type_, sign, status="asserted", evidence=None):
    ev = evidence if evidence is not None else [Span(DOC.id, 0, 45, TEXT[0:45])]
    return Relation(f"{source}-{type_}-{target}", source, target, type_, "verbal_conflict", sign,
                    Modality(status), ev)


def graph(actors, relations=()):
    return Graph([DOC], list(actors), list(relations)).to_dict()


def test_actor_found_by_alias_counts_toward_recall():
    res = score_gold(GOLD, graph([actor("n", "Republic of Northland")]))
    assert res["actors"]["found"] == 1
    assert res["actors"]["recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert res["actors"]["precision"] == 1.0


def test_second_actor_for_one_gold_actor_is_a_duplicate_against_precision():
    res = score_gold(GOLD, graph([actor("n", "Northland"), actor("n2", "the Northland")]))
    assert res["actors"]["duplicates"] == ["the Northland"]
    assert res["actors"]["precision"] == 0.5


def test_actor_matching_two_gold_actors_is_a_merge_and_matches_none():
    res = score_gold(GOLD, graph([actor("x", "Northland", ["HF"])]))
    assert res["actors"]["found"] == 0
    assert res["actors"]["merged"] == [("Northland", ["Harbour Front", "Northland"])]


def test_also_ok_actor_is_neither_found_nor_false():
    res = score_gold(GOLD, graph([actor("e", "Eastport"), actor("z", "Zedland")]))
    assert res["actors"]["scored_predicted"] == 1
    assert res["actors"]["false"] == ["Zedland"]


def test_relation_with_wrong_type_counts_untyped_but_not_typed():
    actors = [actor("n", "Northland"), actor("h", "Harbour Front")]
    res = score_gold(GOLD, graph(actors, [rel("n", "h", "THREATEN", -1)]))
    assert res["relations"]["untyped_recall"] == 0.5
    assert res["relations"]["typed_recall"] == 0.0
    assert res["relations"]["precision"] == 1.0


def test_relation_in_wrong_direction_does_not_match_unless_symmetric():
    actors = [actor("n", "Northland"), actor("h", "Harbour Front")]
    asym = score_gold(GOLD, graph(actors, [rel("h", "n", "ACCUSE", -1)]))
    sym_gold = dict(GOLD, relations=[dict(GOLD["relations"][0], symmetric=True)])
    sym = score_gold(sym_gold, graph(actors, [rel("h", "n", "ACCUSE", -1)]))
    assert asym["relations"]["matched"] == 0
    assert sym["relations"]["matched"] == 1


def test_relation_between_also_ok_pair_is_neutral_and_others_are_false():
    actors = [actor("n", "Northland"), actor("h", "Harbour Front"), actor("e", "Eastport"), actor("s", "Southland")]
    res = score_gold(GOLD, graph(actors, [rel("h", "e", "ASSAULT", -1), rel("s", "h", "ASSAULT", -1)]))
    assert res["relations"]["neutral"] == 1
    assert res["relations"]["false"] == ["Southland -[ASSAULT -1]-> Harbour Front"]
    assert res["relations"]["precision"] == 0.0


def test_modality_accuracy_compares_classes_of_matched_relations():
    actors = [actor("n", "Northland"), actor("s", "Southland"), actor("h", "Harbour Front")]
    relations = [rel("s", "n", "SUPPORT", 1, "probable"), rel("n", "h", "ACCUSE", -1, "reported")]
    res = score_gold(GOLD, graph(actors, relations))
    assert res["relations"]["modality_matched"] == 1
    assert res["relations"]["modality_accuracy"] == 0.5


def test_trap_is_hit_only_when_asserted_as_fact():
    actors = [actor("n", "Northland"), actor("s", "Southland")]
    asserted = score_gold(GOLD, graph(actors, [rel("s", "n", "SUPPORT", 1, "asserted")]))
    hedged = score_gold(GOLD, graph(actors, [rel("s", "n", "SUPPORT", 1, "possible")]))
    assert asserted["traps_hit"] == ["backing is only possible"]
    assert hedged["traps_hit"] == []


def test_relation_without_evidence_or_with_mismatched_text_is_invalid():
    actors = [actor("n", "Northland"), actor("h", "Harbour Front")]
    wrong_text = [Span(DOC.id, 0, 9, "Southland")]
    g = graph(actors, [rel("n", "h", "ACCUSE", -1, evidence=[]), rel("h", "n", "ACCUSE", -1, evidence=wrong_text)])
    assert score_gold(GOLD, g)["relations_without_valid_evidence"] == 1
    assert score_gold(GOLD, g, texts={DOC.id: TEXT})["relations_without_valid_evidence"] == 2


def test_gold_without_relations_list_is_rejected():
    with pytest.raises(EvaluationError, match="'actors' and 'relations'"):
        score_gold({"actors": []}, graph([]))


def test_evaluate_gold_extracts_the_text_and_lists_false_relations_with_sentences(tmp_path, monkeypatch):
    gold_path, text_path = tmp_path / "gold.json", tmp_path / "brief.txt"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    text_path.write_text(TEXT, encoding="utf-8")
    actors = [actor("n", "Northland"), actor("h", "Harbour Front"), actor("s", "Southland")]
    extracted = Graph([DOC], actors, [rel("s", "h", "ASSAULT", -1)])
    seen = []
    monkeypatch.setattr(common, "extract_path", lambda path, model=None: seen.append(str(path)) or extracted)
    res = evaluate_gold(gold_path, text_path, errors=True)
    assert seen == [str(text_path)]
    assert res["actors"]["recall"] == 1.0
    assert res["errors"]["false_relations"] == [{"relation": "Southland -[ASSAULT -1]-> Harbour Front",
                                                 "status": "asserted", "sentences": [TEXT[0:45]]}]
    assert [m["relation"] for m in res["errors"]["missed_relations"]] == [
        "Northland -[ACCUSE -1]-> Harbour Front", "Southland -[SUPPORT +1]-> Northland"]


def test_evaluate_gold_reports_a_missing_gold_file(tmp_path):
    with pytest.raises(EvaluationError, match="no such file"):
        evaluate_gold(tmp_path / "absent.json", tmp_path / "brief.txt")


def test_gold_module_matches_source_alternatives():
    g = dict(GOLD, relations=[dict(GOLD["relations"][0], source="Southland", source_alternatives=["Northland"])])
    actors = [actor("n", "Northland"), actor("h", "Harbour Front")]
    assert gold_mod.score_gold(g, graph(actors, [rel("n", "h", "ACCUSE", -1)]))["relations"]["typed_matched"] == 1

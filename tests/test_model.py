"""The data model: relations aggregate claims, ids are stable, the JSON contract round-trips."""
from briefgraph.model import (Actor, Claim, Document, Graph, Modality, Span, aggregate, name_key, slugify)


def claim(source, target, type_="SUPPORT", status="asserted", start=0, sign=1, confidence=1.0):
    return Claim(source, target, type_, "verbal_cooperation", sign, Modality(status),
                 Span("d", start, start + 4, "text"), confidence=confidence)


def test_relation_confidence_combines_independent_sentences_by_noisy_or():
    rel = aggregate([claim("a", "b", start=0, confidence=0.5), claim("a", "b", start=10, confidence=0.5)])[0]
    assert rel.confidence == 0.75


def test_the_same_sentence_twice_is_not_extra_support():
    rel = aggregate([claim("a", "b", confidence=0.6), claim("a", "b", confidence=0.3)])[0]
    assert rel.confidence == 0.6


def test_relation_confidence_is_in_the_graph_json_and_read_back():
    rel = aggregate([claim("a", "b", confidence=0.42)])[0]
    data = Graph(relations=[rel]).to_dict()
    assert data["relations"][0]["confidence"] == 0.42
    assert Graph.from_dict(data).relations[0].confidence == 0.42


def test_one_relation_per_source_type_target_and_status_collects_evidence():
    rels = aggregate([claim("a", "b", start=0), claim("a", "b", start=10), claim("a", "b", status="reported")])
    assert len(rels) == 2
    asserted = next(r for r in rels if r.modality.status == "asserted")
    assert [e.start for e in asserted.evidence] == [0, 10]


def test_relations_list_facts_before_hedged_and_negated_readings():
    rels = aggregate([claim("a", "b", status="negated"), claim("a", "c", status="possible"), claim("a", "d")])
    assert [r.modality.status for r in rels] == ["asserted", "possible", "negated"]


def test_relation_ids_are_stable_across_runs():
    assert aggregate([claim("a", "b")])[0].id == aggregate([claim("a", "b")])[0].id


def test_name_key_ignores_case_article_possessive_and_hyphens():
    assert name_key("The Taliban’s") == name_key("taliban")
    assert name_key("al-Qaeda") == name_key("Al Qaeda")


def test_slug_ids_are_ascii():
    assert slugify("Assimi Goïta") == "assimi-goita"


def test_graph_json_round_trips_through_the_contract():
    doc = Document(text="Iran backs Hezbollah.", path="x.txt")
    iran = Actor("iran", "Iran", "state", mentions=[Span(doc.id, 0, 4, "Iran", "name")])
    hez = Actor("hezbollah", "Hezbollah", "armed_group", mentions=[Span(doc.id, 11, 20, "Hezbollah", "name")])
    c = Claim("iran", "hezbollah", "SUPPORT", "verbal_cooperation", 1, Modality(), Span(doc.id, 0, 21, doc.text))
    g = Graph([doc], [iran, hez], aggregate([c]), [c])
    data = g.to_dict()
    assert data["schema"] == "briefgraph/graph@1" and data["documents"][0]["chars"] == 21
    assert Graph.from_dict(data).to_dict() == data
    assert g.actor("hezbollah") is hez


def test_actor_confidence_grows_with_its_mentions_and_stays_in_the_unit_interval():
    def named(n):
        return Actor("x", "X", "state", mentions=[Span("d", 10 * k, 10 * k + 1, "X", "name") for k in range(n)])
    values = [named(n).confidence for n in range(6)]
    assert values == sorted(values) and len(set(values)) == 6
    assert values[0] == 0.0 and all(0.0 <= v < 1.0 for v in values)


def test_actor_confidence_is_in_the_graph_json_and_reading_it_back_ignores_it():
    actor = Actor("x", "X", "state", mentions=[Span("d", 0, 1, "X", "name"), Span("d", 5, 6, "X", "name")])
    data = Graph(actors=[actor]).to_dict()
    assert data["actors"][0]["confidence"] == 0.75
    assert Graph.from_dict(data).actors[0].confidence == 0.75

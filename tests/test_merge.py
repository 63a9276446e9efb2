"""merge_graphs: actors joined by id or unambiguous name, claims re-pointed, relations re-aggregated."""
import copy

import pytest

from briefgraph.merge import is_ambiguous, merge_graphs, same_actor
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Relation, Span, slugify


def brief(text: str) -> Document:
    return Document(text=text, path=f"{slugify(text[:20])}.txt")


def actor(doc: Document, name: str, *aliases: str, type_: str = "armed_group", actor_id: str | None = None,
          **attributes: str) -> Actor:
    """An actor mentioned wherever its name or an alias occurs first in the document."""
    mentions = [Span(doc.id, doc.text.index(n), doc.text.index(n) + len(n), n) for n in (name, *aliases)
                if n in doc.text]
    return Actor(actor_id or slugify(name), name, type_, list(aliases), dict(attributes), mentions)


def claim(doc: Document, source: Actor, target: Actor, type_: str = "SUPPORT", status: str = "asserted",
          cues: tuple[str, ...] = ()) -> Claim:
    return Claim(source.id, target.id, type_, "material_cooperation", 1, Modality(status, None, list(cues)),
                 Span(doc.id, 0, len(doc.text), doc.text), "backs")


def graph(doc: Document, actors: list[Actor], claims: list[Claim] = ()) -> Graph:
    return Graph([doc], actors, [], list(claims))


def test_actors_with_the_same_id_become_one_actor_with_both_documents_mentions():
    d1, d2 = brief("Hamas fired rockets."), brief("Talks with Hamas stalled.")
    merged = merge_graphs([graph(d1, [actor(d1, "Hamas")]), graph(d2, [actor(d2, "Hamas")])])
    assert [a.id for a in merged.actors] == ["hamas"]
    assert [m.doc for m in merged.actors[0].mentions] == [d1.id, d2.id]


def test_actors_sharing_a_multiword_alias_merge_and_keep_every_name():
    d1 = brief("The Turkistan Islamic Party, once the East Turkestan Islamic Movement, grew.")
    d2 = brief("The East Turkestan Islamic Movement trained fighters.")
    a1 = actor(d1, "Turkistan Islamic Party", "East Turkestan Islamic Movement")
    a2 = actor(d2, "East Turkestan Islamic Movement")
    merged = merge_graphs([graph(d1, [a1]), graph(d2, [a2])])
    assert len(merged.actors) == 1
    assert merged.actors[0].name == "Turkistan Islamic Party"
    assert merged.actors[0].aliases == ["East Turkestan Islamic Movement"]


def test_short_acronym_shared_as_alias_does_not_join_actors_with_different_names():
    d1 = brief("The Islamic Movement of Uzbekistan (IMU) regrouped.")
    d2 = brief("The International Maritime Union (IMU) went on strike.")
    imu1 = actor(d1, "Islamic Movement of Uzbekistan", "IMU")
    imu2 = actor(d2, "International Maritime Union", "IMU", type_="organization")
    merged = merge_graphs([graph(d1, [imu1]), graph(d2, [imu2])])
    assert [a.name for a in merged.actors] == ["Islamic Movement of Uzbekistan", "International Maritime Union"]


def test_bare_surname_alias_does_not_join_two_people():
    d1 = brief("Asim Umar led the group; Umar was killed.")
    d2 = brief("Umar Farooq, known as Umar, spoke.")
    p1 = actor(d1, "Asim Umar", "Umar", type_="person")
    p2 = actor(d2, "Umar Farooq", "Umar", type_="person")
    assert not same_actor(p1, p2)
    assert len(merge_graphs([graph(d1, [p1]), graph(d2, [p2])]).actors) == 2


def test_same_one_word_canonical_name_merges_even_under_different_ids():
    d1, d2 = brief("Pakistan closed the border."), brief("Pakistan reopened it.")
    a1, a2 = actor(d1, "Pakistan", type_="state"), actor(d2, "Pakistan", type_="state", actor_id="pakistan-2")
    merged = merge_graphs([graph(d1, [a1]), graph(d2, [a2])])
    assert [a.id for a in merged.actors] == ["pakistan"]


@pytest.mark.parametrize("name, ambiguous", [
    ("TIP", True), ("U.S.", True), ("AQ-I", True), ("Umar", True), ("UNAMA", True),
    ("al-Qaeda", True), ("Islamic State", False), ("al-Qaeda in the Islamic Maghreb", False),
    ("Islamic Movement of Uzbekistan", False),
])
def test_short_acronyms_and_one_word_names_count_as_ambiguous(name, ambiguous):
    assert is_ambiguous(name) is ambiguous


def test_actor_naming_two_earlier_actors_bridges_them_into_one():
    d1, d2 = brief("The Turkistan Islamic Party attacked."), brief("The East Turkestan Islamic Movement hid.")
    d3 = brief("The Turkistan Islamic Party, formerly the East Turkestan Islamic Movement, moved.")
    graphs = [graph(d1, [actor(d1, "Turkistan Islamic Party")]),
              graph(d2, [actor(d2, "East Turkestan Islamic Movement")]),
              graph(d3, [actor(d3, "Turkistan Islamic Party", "East Turkestan Islamic Movement")])]
    merged = merge_graphs(graphs)
    assert [a.id for a in merged.actors] == ["turkistan-islamic-party"]
    assert {m.doc for m in merged.actors[0].mentions} == {d1.id, d2.id, d3.id}


def test_claims_are_repointed_at_the_surviving_actor():
    d1 = brief("The Turkistan Islamic Party, or East Turkestan Islamic Movement, exists.")
    d2 = brief("Pakistan fought the East Turkestan Islamic Movement.")
    tip = actor(d1, "Turkistan Islamic Party", "East Turkestan Islamic Movement")
    etim, pak = actor(d2, "East Turkestan Islamic Movement"), actor(d2, "Pakistan", type_="state")
    merged = merge_graphs([graph(d1, [tip]), graph(d2, [etim, pak], [claim(d2, pak, etim, "ASSAULT")])])
    assert [(c.source, c.target) for c in merged.claims] == [("pakistan", "turkistan-islamic-party")]
    assert [(r.source, r.target) for r in merged.relations] == [("pakistan", "turkistan-islamic-party")]


def test_claim_between_two_actors_that_merge_is_dropped():
    d1 = brief("The Turkistan Islamic Party, or East Turkestan Islamic Movement, exists.")
    d2 = brief("The East Turkestan Islamic Movement is the Turkistan Islamic Party.")
    tip, etim = actor(d2, "Turkistan Islamic Party"), actor(d2, "East Turkestan Islamic Movement")
    g2 = graph(d2, [etim, tip], [claim(d2, etim, tip, "ALIAS_OF")])
    merged = merge_graphs([graph(d1, [actor(d1, "Turkistan Islamic Party", "East Turkestan Islamic Movement")]), g2])
    assert merged.claims == [] and merged.relations == []


def test_same_claim_in_two_documents_is_one_relation_with_two_evidence_spans_and_all_cues():
    d1, d2 = brief("Iran reportedly backs Hezbollah."), brief("Iran backs Hezbollah, officials say.")
    g1 = graph(d1, [i1 := actor(d1, "Iran", type_="state"), h1 := actor(d1, "Hezbollah")],
               [claim(d1, i1, h1, status="reported", cues=("reportedly",))])
    g2 = graph(d2, [i2 := actor(d2, "Iran", type_="state"), h2 := actor(d2, "Hezbollah")],
               [claim(d2, i2, h2, status="reported", cues=("officials say",))])
    [relation] = merge_graphs([g1, g2]).relations
    assert [e.doc for e in relation.evidence] == [d1.id, d2.id]
    assert relation.modality.cues == ["reportedly", "officials say"]


def test_graphs_without_claims_have_their_relations_merged_by_key():
    d1, d2 = brief("Iran backs Hezbollah."), brief("Iran backs Hezbollah again.")

    def relation(doc):
        return Relation("x", "iran", "hezbollah", "SUPPORT", "material_cooperation", 1, Modality(),
                        [Span(doc.id, 0, 4, "Iran")])
    g1 = Graph([d1], [actor(d1, "Iran", type_="state"), actor(d1, "Hezbollah")], [relation(d1)])
    g2 = Graph([d2], [actor(d2, "Iran", type_="state"), actor(d2, "Hezbollah")], [relation(d2)])
    [merged] = merge_graphs([g1, g2]).relations
    assert [e.doc for e in merged.evidence] == [d1.id, d2.id]
    assert merged.id != "x"  # ids are recomputed from the key, as aggregate() does


def test_relations_read_back_from_json_keep_and_combine_their_confidence():
    d1, d2 = brief("Iran backs Hezbollah."), brief("Iran backs Hezbollah again.")

    def relation(doc, confidence):
        return Relation("x", "iran", "hezbollah", "SUPPORT", "material_cooperation", 1, Modality(),
                        [Span(doc.id, 0, 4, "Iran")], confidence)
    actors = [actor(d1, "Iran", type_="state"), actor(d1, "Hezbollah")]
    [again] = merge_graphs([Graph([d1], actors, [relation(d1, 0.5)]), Graph([d1], actors, [relation(d1, 0.3)])]).relations
    assert again.confidence == 0.5  # the same sentence twice is not more support
    [both] = merge_graphs([Graph([d1], actors, [relation(d1, 0.5)]), Graph([d2], actors, [relation(d2, 0.5)])]).relations
    assert both.confidence == 0.75


def test_a_document_in_two_graphs_is_listed_once():
    d = brief("Hamas fired rockets.")
    merged = merge_graphs([graph(d, [actor(d, "Hamas")]), graph(d, [actor(d, "Hamas")])])
    assert [x.id for x in merged.documents] == [d.id]
    assert len(merged.actors[0].mentions) == 1


def test_first_seen_actor_wins_type_and_conflicting_attributes_but_gains_new_ones():
    d1 = brief("The Haqqani Network, led by Sirajuddin, fought.")
    d2 = brief("The Haqqani Network, based in Miranshah, regrouped.")
    a1 = actor(d1, "Haqqani Network", led_by="Sirajuddin")
    a2 = actor(d2, "Haqqani Network", type_="organization", led_by="someone else", based_in="Miranshah")
    [merged] = merge_graphs([graph(d1, [a1]), graph(d2, [a2])]).actors
    assert merged.type == "armed_group"
    assert merged.attributes == {"led_by": "Sirajuddin", "based_in": "Miranshah"}


def test_merging_leaves_inputs_untouched_and_gives_the_same_output_twice():
    d1, d2 = brief("Iran backs Hezbollah."), brief("Lebanese Hezbollah, or Hezbollah, thanked Iran.")
    graphs = [graph(d1, [i := actor(d1, "Iran", type_="state"), h := actor(d1, "Hezbollah")], [claim(d1, i, h)]),
              graph(d2, [actor(d2, "Lebanese Hezbollah", "Hezbollah"), actor(d2, "Iran", type_="state")])]
    before = copy.deepcopy(graphs)
    first, second = merge_graphs(graphs), merge_graphs(graphs)
    assert first.to_dict() == second.to_dict()
    assert [g.to_dict() for g in graphs] == [g.to_dict() for g in before]
    assert [a.id for a in first.actors] == ["iran", "hezbollah", "lebanese-hezbollah"]

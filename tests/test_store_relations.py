"""Relation rows kept in step with the claims, reads that touch only what they answer, and `rm`."""
import pytest

from briefgraph.errors import StoreError
from briefgraph.model import Actor, Document, Graph, aggregate
from briefgraph.store import Store
from briefgraph.store.profile import profile
from briefgraph.store.relations import rebuild_all
from briefgraph.store.schema import migrate
from test_store import actor, brief, claim, counts, graph

ROWS = ("SELECT id, source, type, target, status, quad, sign, probability, cues, claims, documents, confidence, "
        "first_date, last_date, first_claim FROM relations ORDER BY id")


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def gulf(date="2021-03-01"):
    doc = brief("Iran backs Hezbollah. Qatar reportedly backs Hamas. Iran backs Hamas.", date=date)
    iran, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    qatar, hamas = actor(doc, "Qatar", type_="state"), actor(doc, "Hamas")
    reported = claim(doc, qatar, hamas, "Qatar reportedly backs Hamas.", status="reported")
    reported.modality.cues = ["reportedly"]
    reported.confidence = 0.6
    return doc, graph(doc, [iran, hez, qatar, hamas], [claim(doc, iran, hez, "Iran backs Hezbollah."), reported,
                                                      claim(doc, iran, hamas, "Iran backs Hamas.")])


def levant(date="2022-05-01"):
    doc = brief("Iran backs Hezbollah. Hezbollah attacked the Israel Defense Forces.", date=date)
    iran, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    idf = actor(doc, "Israel Defense Forces")
    return doc, graph(doc, [iran, hez, idf], [claim(doc, iran, hez, "Iran backs Hezbollah."),
                                              claim(doc, hez, idf, doc.text.split(". ")[1], "ASSAULT")])


def tip_briefs():
    """Two briefs about one group under two names, then a brief that says they are one."""
    d1 = brief("Pakistan fought the Turkistan Islamic Party.", date="2020-01-01")
    d2 = brief("China fought the East Turkestan Islamic Movement.", date="2020-02-01")
    d3 = brief("The Turkistan Islamic Party, once the East Turkestan Islamic Movement, fought China.")
    p, tip = actor(d1, "Pakistan", type_="state"), actor(d1, "Turkistan Islamic Party")
    c, etim = actor(d2, "China", type_="state"), actor(d2, "East Turkestan Islamic Movement")
    tip3, c3 = actor(d3, "Turkistan Islamic Party", "East Turkestan Islamic Movement"), actor(d3, "China", type_="state")
    return [(d1, graph(d1, [p, tip], [claim(d1, p, tip, d1.text, "ASSAULT")])),
            (d2, graph(d2, [c, etim], [claim(d2, c, etim, d2.text, "ASSAULT")])),
            (d3, graph(d3, [tip3, c3], [claim(d3, tip3, c3, d3.text, "ASSAULT")]))]


def rebuilt(store: Store) -> list[tuple]:
    """The relation rows as rebuilding them from every claim gives (in a transaction rolled back)."""
    store.db.execute("BEGIN")
    try:
        rebuild_all(store.db)
        return store.db.execute(ROWS).fetchall()
    finally:
        store.db.execute("ROLLBACK")


def test_relation_rows_updated_brief_by_brief_equal_rows_rebuilt_from_the_claims(store):
    for doc, g in [gulf(), levant(), *tip_briefs()]:
        store.add(doc, g)
    rows = store.db.execute(ROWS).fetchall()
    assert rows == rebuilt(store)
    by_pair = {(r[1], r[3]): r for r in rows}
    assert by_pair[("iran", "hezbollah")][9:14] == (2, 2, 1.0, "2021-03-01", "2022-05-01")  # claims .. last date


def test_merging_two_stored_actors_moves_their_relation_rows_to_the_survivor(store):
    for doc, g in tip_briefs():
        store.add(doc, g)
    pairs = store.db.execute("SELECT source, target, claims FROM relations ORDER BY first_claim").fetchall()
    assert pairs == [("pakistan", "turkistan-islamic-party", 1), ("china", "turkistan-islamic-party", 1),
                     ("turkistan-islamic-party", "china", 1)]


def test_relations_read_from_rows_match_aggregating_every_claim(store):
    for doc, g in [gulf(), levant(), *tip_briefs()]:
        store.add(doc, g)
    full = store.graph()
    assert [r.to_dict() for r in store.relations()] == [r.to_dict() for r in aggregate(full.claims)]
    assert [r.to_dict() for r in store.relations("Hamas")] == [
        r.to_dict() for r in full.relations if "hamas" in (r.source, r.target)]


def test_relations_read_from_rows_list_a_sentence_said_twice_once_in_the_order_first_said(store):
    doc = brief("Iran backs Hamas. Iran backs Hezbollah. Iran funds Hamas.")
    iran, hamas, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hamas"), actor(doc, "Hezbollah")
    store.add(doc, graph(doc, [iran, hamas, hez], [
        claim(doc, iran, hamas, "Iran funds Hamas."), claim(doc, iran, hez, "Iran backs Hezbollah."),
        claim(doc, iran, hamas, "Iran backs Hamas."), claim(doc, iran, hamas, "Iran funds Hamas.")]))
    [hamas_rel] = [r for r in store.relations() if r.target == "hamas"]
    assert [span.text for span in hamas_rel.evidence] == ["Iran funds Hamas.", "Iran backs Hamas."]
    assert [r.to_dict() for r in store.relations()] == [r.to_dict() for r in aggregate(store.graph().claims)]


def test_relations_without_evidence_read_only_the_rows_but_keep_modality_and_confidence(store):
    store.add(*gulf())
    [reported] = [r for r in store.relations(evidence=False) if r.modality.status == "reported"]
    assert (reported.source, reported.target, reported.modality.cues, reported.evidence) == ("qatar", "hamas",
                                                                                           ["reportedly"], [])
    assert reported.confidence == pytest.approx(0.6)


def test_relation_graph_has_the_relations_and_actors_of_the_full_graph_without_claims_or_mentions(store):
    for doc, g in [gulf(), levant()]:
        store.add(doc, g)
    full, light = store.graph(), store.relation_graph()
    assert [r.to_dict() for r in light.relations] == [r.to_dict() for r in full.relations]
    assert [a.id for a in light.actors] == [a.id for a in full.actors]
    assert light.claims == [] and all(not a.mentions for a in light.actors)
    assert [d.text for d in light.documents] == ["", ""]
    assert [d.text for d in store.relation_graph(texts=True).documents] == [d.text for d in full.documents]


def test_windowed_relation_graph_matches_the_windowed_full_graph(store):
    for doc, g in [gulf(), levant()]:
        store.add(doc, g)
    full, light = store.graph(since="2022"), store.relation_graph(since="2022")
    assert [r.to_dict() for r in light.relations] == [r.to_dict() for r in full.relations]
    assert {a.id for a in light.actors} == {a.id for a in full.actors} == {"iran", "hezbollah", "israel-defense-forces"}


def test_profile_read_through_the_actor_equals_the_profile_of_the_whole_graph(store):
    for doc, g in [gulf(), levant()]:
        store.add(doc, g)
    actor_, part = store.profile_graph("Hezbollah")
    assert profile(part, actor_.id) == profile(store.graph(), "hezbollah")


def test_removing_a_brief_leaves_the_store_as_if_it_was_never_added(tmp_path):
    with Store(tmp_path / "all.db") as everything, Store(tmp_path / "some.db") as without:
        for doc, g in [gulf(), levant()]:
            everything.add(doc, g)
        without.add(*levant())
        removed = everything.remove(gulf()[0].id)
        assert removed.path == gulf()[0].path
        assert [r.to_dict() for r in everything.relations()] == [r.to_dict() for r in without.relations()]
        assert [a.to_dict() for a in everything.actors()] == [a.to_dict() for a in without.actors()]
        assert counts(everything) == counts(without)
        no_claim_ids = "SELECT id, claims, documents, confidence, cues, first_date, last_date FROM relations ORDER BY id"
        assert everything.db.execute(no_claim_ids).fetchall() == without.db.execute(no_claim_ids).fetchall()


def test_removing_a_brief_keeps_actors_other_briefs_mention_and_drops_the_rest(store):
    for doc, g in [gulf(), levant()]:
        store.add(doc, g)
    store.remove(levant()[0].path)
    assert [a.id for a in store.actors()] == ["iran", "hezbollah", "qatar", "hamas"]
    with pytest.raises(StoreError, match="no actor named 'Israel Defense Forces'"):
        store.actor("Israel Defense Forces")
    [backs] = [r for r in store.relations("Hezbollah")]
    assert [e.doc for e in backs.evidence] == [gulf()[0].id]
    assert store.db.execute("SELECT claims, documents, last_date FROM relations WHERE id = ?",
                            (backs.id,)).fetchone() == (1, 1, "2021-03-01")


def test_removing_the_brief_that_merged_two_actors_keeps_the_merged_actor_and_the_others_claims(store):
    for doc, g in tip_briefs():
        store.add(doc, g)
    store.remove(tip_briefs()[2][0].id[:10])
    assert store.db.execute(ROWS).fetchall() == rebuilt(store)
    assert [(r.source, r.target) for r in store.relations()] == [("pakistan", "turkistan-islamic-party"),
                                                                 ("china", "turkistan-islamic-party")]


def test_removing_names_the_document_by_id_prefix_or_path_and_refuses_unknown_or_ambiguous_ones(store):
    docs = []
    for day in range(1, 10):  # nine versions of one file: one path, nine texts
        doc, g = gulf()
        doc = Document(text=f"Version {day}. {doc.text}", path="briefs/gulf.txt")
        docs.append(doc)
        store.add(doc, Graph([doc], [Actor(a.id, a.name, a.type) for a in g.actors]))
    with pytest.raises(StoreError, match=r"^no document 'nothing' in the store \(give its id"):
        store.remove("nothing")
    with pytest.raises(StoreError, match=r"^'briefs/gulf.txt' names 9 documents: .*; give a longer id$"):
        store.remove("briefs/gulf.txt")
    assert store.remove(docs[3].id[:12]).id == docs[3].id
    assert not store.has(docs[3].id) and store.has(docs[4].id)


def test_opening_a_store_from_before_relation_rows_fills_them_from_its_claims(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for doc, g in [gulf(), levant()]:
            store.add(doc, g)
        expected = store.db.execute(ROWS).fetchall()
        store.db.executescript("""DROP TABLE relations; DROP INDEX claims_relation;
            CREATE VIEW relations AS SELECT source, type, target, status FROM claims;
            DELETE FROM migrations WHERE name = 'm006_relation_rows';""")
    with Store(path) as store:
        assert store.db.execute(ROWS).fetchall() == expected
        assert migrate(store.db) == []

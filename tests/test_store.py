"""The SQLite store: idempotent adds, all-or-nothing documents, migrations, cross-brief merging, windows."""
import re
import sqlite3

import pytest

from briefgraph.errors import StoreError
from briefgraph.merge import merge_graphs
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, slugify
from briefgraph.store import Store, write
from briefgraph.store.schema import MIGRATIONS, applied, migrate

TABLES = ("documents", "actors", "actor_ids", "aliases", "mentions", "claims")


def brief(text: str, date: str | None = None) -> Document:
    return Document(text=text, path=f"briefs/{slugify(text[:24])}.txt", date=date)


def actor(doc: Document, name: str, *aliases: str, type_: str = "armed_group", actor_id: str | None = None) -> Actor:
    """An actor mentioned at the first occurrence of each of its names in the document."""
    mentions = [Span(doc.id, doc.text.index(n), doc.text.index(n) + len(n), n, "name") for n in (name, *aliases)
                if n in doc.text]
    return Actor(actor_id or slugify(name), name, type_, list(aliases), {}, mentions)


def claim(doc: Document, source: Actor, target: Actor, sentence: str, type_: str = "SUPPORT",
          status: str = "asserted") -> Claim:
    start = doc.text.index(sentence)
    return Claim(source.id, target.id, type_, "material_cooperation", 1, Modality(status, None, []),
                 Span(doc.id, start, start + len(sentence), sentence), "backs")


def graph(doc: Document, actors: list[Actor], claims: list[Claim] = ()) -> Graph:
    return Graph([doc], actors, [], list(claims))


def counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def snapshot(store: Store) -> list:
    """Every row of every table, on either backend (SQLite's iterdump has no PostgreSQL twin)."""
    return [sorted(map(repr, store.db.execute(f"SELECT * FROM {t}").fetchall())) for t in (*TABLES, "relations")]


@pytest.fixture
def store(store_url):  # a SQLite file, then a PostgreSQL database (conftest.py)
    with Store(store_url) as s:
        yield s


@pytest.fixture
def iran_backs_hezbollah():
    doc = brief("Iran backs Hezbollah. Hezbollah thanked Iran.", date="2021-03-01")
    iran, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    return doc, graph(doc, [iran, hez], [claim(doc, iran, hez, "Iran backs Hezbollah.")])


def test_adding_same_text_twice_changes_nothing(store, iran_backs_hezbollah):
    assert store.add(*iran_backs_hezbollah) is True
    before = snapshot(store)
    assert store.add(*iran_backs_hezbollah) is False
    assert snapshot(store) == before


def test_a_write_failing_mid_document_leaves_nothing_of_that_document(store, iran_backs_hezbollah, monkeypatch):
    store.add(*iran_backs_hezbollah)
    before = snapshot(store)
    doc = brief("Iran and the Islamic Revolutionary Guard Corps armed Hezbollah.")
    irgc, hez = actor(doc, "Islamic Revolutionary Guard Corps"), actor(doc, "Hezbollah")

    def disk_full(*args):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(write, "_insert_claim", disk_full)  # fails after document, actors and mentions
    with pytest.raises(StoreError, match=f"^{re.escape(doc.path)}: not stored: database or disk is full$"):
        store.add(doc, graph(doc, [irgc, hez], [claim(doc, irgc, hez, doc.text)]))
    assert snapshot(store) == before
    assert not store.has(doc.id)


def test_claim_naming_an_actor_missing_from_its_graph_rejects_the_whole_document(store):
    doc = brief("Iran backs Hezbollah.")
    iran, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    with pytest.raises(StoreError, match="(?i)FOREIGN KEY"):
        store.add(doc, graph(doc, [iran], [claim(doc, iran, hez, doc.text)]))
    assert counts(store) == dict.fromkeys(TABLES, 0)


def test_merge_undone_when_the_bridging_document_fails(store, monkeypatch):
    d1, d2 = brief("The Turkistan Islamic Party attacked."), brief("The East Turkestan Islamic Movement hid.")
    store.add(d1, graph(d1, [actor(d1, "Turkistan Islamic Party")]))
    store.add(d2, graph(d2, [actor(d2, "East Turkestan Islamic Movement")]))
    before = snapshot(store)
    d3 = brief("The Turkistan Islamic Party, once the East Turkestan Islamic Movement, moved.")
    monkeypatch.setattr(write, "_insert_mentions", lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("I/O")))
    with pytest.raises(StoreError):
        store.add(d3, graph(d3, [actor(d3, "Turkistan Islamic Party", "East Turkestan Islamic Movement")]))
    assert snapshot(store) == before


def test_migrations_are_recorded_in_order_and_not_rerun_on_reopening(tmp_path):
    path = tmp_path / "corpus.db"
    Store(path).close()
    with Store(path) as reopened:
        assert applied(reopened.db) == [m.__name__ for m in MIGRATIONS]
        assert migrate(reopened.db) == []


def test_failing_migration_leaves_no_trace_and_runs_again_next_time(tmp_path):
    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)

    def m001_things(conn):
        conn.execute("CREATE TABLE things (id INTEGER)")

    def m002_broken(conn):
        conn.execute("CREATE TABLE half (id INTEGER)")
        conn.execute("INSERT INTO nowhere VALUES (1)")

    with pytest.raises(StoreError, match="^migration m002_broken failed: no such table: nowhere$"):
        migrate(db, [m001_things, m002_broken])
    assert applied(db) == ["m001_things"]
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None

    def m002_broken(conn):  # noqa: F811  (the same migration, fixed)
        conn.execute("CREATE TABLE half (id INTEGER)")
    assert migrate(db, [m001_things, m002_broken]) == ["m002_broken"]


def test_actor_named_in_two_briefs_is_one_actor_with_mentions_in_both(store):
    d1, d2 = brief("Hamas fired rockets."), brief("Egypt hosted Hamas.")
    store.add(d1, graph(d1, [actor(d1, "Hamas")]))
    store.add(d2, graph(d2, [actor(d2, "Hamas"), actor(d2, "Egypt", type_="state")]))
    hamas = store.actor("Hamas")
    assert [m.doc for m in hamas.mentions] == [d1.id, d2.id]
    assert [a.name for a in store.actors()] == ["Hamas", "Egypt"]


def test_alias_given_in_a_later_brief_joins_the_actor_stored_under_its_full_name(store):
    d1 = brief("The East Turkestan Islamic Movement trained fighters.")
    d2 = brief("The Turkistan Islamic Party, formerly the East Turkestan Islamic Movement, grew.")
    store.add(d1, graph(d1, [actor(d1, "East Turkestan Islamic Movement")]))
    store.add(d2, graph(d2, [actor(d2, "Turkistan Islamic Party", "East Turkestan Islamic Movement")]))
    [merged] = store.actors()
    assert merged.id == "east-turkestan-islamic-movement"  # the stored actor keeps its id
    assert merged.aliases == ["Turkistan Islamic Party"]
    assert store.actor("Turkistan Islamic Party").id == merged.id


def test_short_acronym_shared_by_two_actors_keeps_them_apart_and_is_ambiguous_to_look_up(store):
    d1, d2 = brief("The Islamic Movement of Uzbekistan (IMU) regrouped."), brief("The IMU, a maritime union, struck.")
    store.add(d1, graph(d1, [actor(d1, "Islamic Movement of Uzbekistan", "IMU")]))
    store.add(d2, graph(d2, [actor(d2, "International Maritime Union", "IMU", type_="organization")]))
    assert len(store.actors()) == 2
    with pytest.raises(StoreError, match=rf"^'IMU' names 2 actors in {re.escape(store.path)}: Islamic Movement of Uzbekistan, "
                                         r"International Maritime Union; give the full name$"):
        store.actor("IMU")


def test_brief_naming_two_stored_actors_as_one_merges_them_and_repoints_claims(store):
    d1 = brief("Pakistan fought the Turkistan Islamic Party.")
    d2 = brief("China fought the East Turkestan Islamic Movement.")
    d3 = brief("The Turkistan Islamic Party, once the East Turkestan Islamic Movement, moved.")
    p, tip = actor(d1, "Pakistan", type_="state"), actor(d1, "Turkistan Islamic Party")
    c, etim = actor(d2, "China", type_="state"), actor(d2, "East Turkestan Islamic Movement")
    store.add(d1, graph(d1, [p, tip], [claim(d1, p, tip, d1.text, "ASSAULT")]))
    store.add(d2, graph(d2, [c, etim], [claim(d2, c, etim, d2.text, "ASSAULT")]))
    store.add(d3, graph(d3, [actor(d3, "Turkistan Islamic Party", "East Turkestan Islamic Movement")]))
    g = store.graph()
    assert [a.id for a in g.actors] == ["pakistan", "turkistan-islamic-party", "china"]
    assert [(r.source, r.target) for r in g.relations] == [("pakistan", "turkistan-islamic-party"),
                                                          ("china", "turkistan-islamic-party")]
    assert store.actor("east-turkestan-islamic-movement").id == "turkistan-islamic-party"  # old ids still work


def test_adding_briefs_one_by_one_groups_actors_as_merging_them_at_once_does():
    d1 = brief("Lebanese Hezbollah, the Party of God, voted.")
    d2 = brief("Hezbollah, the Party of God, fired.")
    d3 = brief("Hizballah fired again.")
    graphs = [graph(d1, [actor(d1, "Lebanese Hezbollah", "Party of God")]),
              graph(d2, [actor(d2, "Hezbollah", "Party of God")]),  # merged into Lebanese Hezbollah by the alias
              graph(d3, [actor(d3, "Hizballah", actor_id="hezbollah")])]  # only the id merged away joins it
    with Store(":memory:") as s:
        for g in graphs:
            s.add(g.documents[0], g)
        stored = s.graph().to_dict()["actors"]
    assert stored == merge_graphs(graphs).to_dict()["actors"]
    assert len(stored) == 1


def test_same_claim_in_two_briefs_is_one_relation_with_evidence_from_both(store, iran_backs_hezbollah):
    store.add(*iran_backs_hezbollah)
    d2 = brief("Officials said Iran backs Hezbollah.", date="2021-09-01")
    iran, hez = actor(d2, "Iran", type_="state"), actor(d2, "Hezbollah")
    store.add(d2, graph(d2, [iran, hez], [claim(d2, iran, hez, "Iran backs Hezbollah.")]))
    [relation] = store.graph().relations
    assert [(e.doc, e.text) for e in relation.evidence] == [(iran_backs_hezbollah[0].id, "Iran backs Hezbollah."),
                                                            (d2.id, "Iran backs Hezbollah.")]
    assert store.db.execute("SELECT claims, documents FROM relations").fetchall() == [(2, 2)]


def test_claim_confidence_is_stored_and_relations_read_back_combine_it(store):
    doc = brief("Iran backs Hezbollah. Later, Iran backs Hezbollah.")
    iran, hez = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    first, second = claim(doc, iran, hez, "Iran backs Hezbollah."), claim(doc, iran, hez, "Later, Iran backs Hezbollah.")
    first.confidence, second.confidence = 0.5, 0.2
    store.add(doc, graph(doc, [iran, hez], [first, second]))
    g = store.graph()
    assert sorted(c.confidence for c in g.claims) == [0.2, 0.5]
    assert g.relations[0].confidence == 1 - 0.5 * 0.8


def test_graph_keeps_document_text_so_evidence_offsets_can_be_checked(store, iran_backs_hezbollah):
    store.add(*iran_backs_hezbollah)
    g = store.graph()
    texts = {d.id: d.text for d in g.documents}
    assert all(texts[e.doc][e.start:e.end] == e.text for r in g.relations for e in r.evidence)
    assert g.actors[0].mentions[0].kind == "name"


@pytest.fixture
def three_dated_briefs(store):
    docs = [brief("Iran backs Hezbollah in January.", "2021-01-10"), brief("Qatar hosts Hamas in June.", "2021-06-01"),
            brief("Egypt mediates with Hamas, undated.")]
    for doc, (a, b) in zip(docs, [("Iran", "Hezbollah"), ("Qatar", "Hamas"), ("Egypt", "Hamas")]):
        src, tgt = actor(doc, a, type_="state"), actor(doc, b)
        store.add(doc, graph(doc, [src, tgt], [claim(doc, src, tgt, doc.text)]))
    return store


def test_date_window_keeps_only_briefs_dated_inside_it_and_the_actors_they_involve(three_dated_briefs):
    g = three_dated_briefs.graph(since="2021-03-01")
    assert [d.date for d in g.documents] == ["2021-06-01"]
    assert [a.name for a in g.actors] == ["Qatar", "Hamas"]
    assert [(r.source, r.target) for r in g.relations] == [("qatar", "hamas")]
    assert all(m.doc == g.documents[0].id for a in g.actors for m in a.mentions)


def test_date_window_bound_may_be_a_month_and_includes_all_of_it(three_dated_briefs):
    assert [d.date for d in three_dated_briefs.graph(until="2021-01").documents] == ["2021-01-10"]
    assert len(three_dated_briefs.graph().documents) == 3


def test_date_window_refuses_a_bound_that_is_not_a_date(store):
    with pytest.raises(StoreError, match=r"^not a date: 'June' \(expected e\.g\. 2021-10-04, 2021-10 or 2021\)$"):
        store.graph(since="June")


def test_opening_a_missing_store_for_reading_fails_without_creating_it(tmp_path):
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match=f"^no store at {path}; add briefs first"):
        Store(path, create=False)
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_refused_with_its_name(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=f"^{path}: cannot open store: file is not a database$"):
        Store(path)


def test_looking_up_an_unknown_actor_names_the_store(store):
    with pytest.raises(StoreError, match=rf"^no actor named 'Nobody' in {re.escape(store.path)}$"):
        store.actor("Nobody")


def test_a_documents_date_source_is_kept_in_the_store(tmp_path):
    doc = Document(text="Iran armed Hezbollah.", path="a.md", date="2021-10-04", date_source="front matter")
    with Store(tmp_path / "s.db") as store:
        store.add(doc, Graph())
        stored, = store.graph().documents
    assert (stored.date, stored.date_source) == ("2021-10-04", "front matter")

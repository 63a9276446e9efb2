"""Each actor row keeps its number of mentions (what `actors` shows) in step with the mentions table,
on SQLite and PostgreSQL, through adds, merges of stored actors and removals."""
import pytest

from briefgraph.store import Store
from briefgraph.store.schema import migrate
from test_store import actor, brief, claim, graph
from test_store_relations import gulf, levant, tip_briefs

COUNTED = """SELECT a.id, COUNT(m.actor_id) FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
             GROUP BY a.id ORDER BY a.id"""
KEPT = "SELECT id, mention_count FROM actors ORDER BY id"


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def test_mention_counts_follow_every_added_brief(store):
    for doc, g in [gulf(), levant()]:
        store.add(doc, g)
    kept = store.db.execute(KEPT).fetchall()
    assert kept == store.db.execute(COUNTED).fetchall()
    assert dict(kept)["iran"] == 2  # named in both briefs


def test_mention_counts_move_to_the_survivor_when_a_brief_shows_two_stored_actors_are_one(store):
    for doc, g in tip_briefs():
        store.add(doc, g)
    kept = store.db.execute(KEPT).fetchall()
    assert kept == store.db.execute(COUNTED).fetchall()
    assert dict(kept)["turkistan-islamic-party"] == 4
    assert "east-turkestan-islamic-movement" not in dict(kept)


def test_mention_counts_drop_with_a_removed_brief(store):
    for doc, g in [gulf(), levant(), *tip_briefs()]:
        store.add(doc, g)
    store.remove(levant()[0].id)
    store.remove(tip_briefs()[2][0].id)
    assert store.db.execute(KEPT).fetchall() == store.db.execute(COUNTED).fetchall()
    assert dict(store.db.execute(KEPT).fetchall())["iran"] == 1


def test_a_mention_two_extracted_actors_share_is_counted_once(store):
    doc = brief("Mali hired Wagner. Wagner left Mali.")
    mali, wagner = actor(doc, "Mali", type_="state"), actor(doc, "Wagner")
    store.add(doc, graph(doc, [mali, wagner, actor(doc, "Mali", type_="state")],
                         [claim(doc, mali, wagner, "Mali hired Wagner.")]))
    assert dict(store.db.execute(KEPT).fetchall()) == {"mali": 1, "wagner": 1}


def test_mention_counts_are_what_the_store_reports_for_actors(store):
    for doc, g in [gulf(), levant(), *tip_briefs()]:
        store.add(doc, g)
    assert store.mention_counts() == {a.id: len(a.mentions) for a in store.actors()}


def test_opening_a_store_from_before_mention_counts_fills_them(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for doc, g in [gulf(), levant(), *tip_briefs()]:
            store.add(doc, g)
        store.db.executescript("""DROP TRIGGER mentions_count_insert; DROP TRIGGER mentions_count_delete;
            DROP TRIGGER mentions_count_move; ALTER TABLE actors DROP COLUMN mention_count;
            DELETE FROM migrations WHERE name = 'm010_actor_mention_counts';""")
    with Store(path) as store:
        assert store.db.execute(KEPT).fetchall() == store.db.execute(COUNTED).fetchall()
        assert migrate(store.db) == []

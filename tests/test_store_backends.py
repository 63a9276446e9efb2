"""SQLite and PostgreSQL give the same answers; writers sharing one store queue instead of colliding."""
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefgraph.cli.store  # noqa: F401  (registers the commands)
from briefgraph.cli.app import app
from briefgraph.errors import StoreError
from briefgraph.store import Corpus, Store
from briefgraph.store.postgres import display_url, translate
from test_store import actor, brief, claim, graph

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "briefs"


def test_concurrent_writers_naming_the_same_new_actor_store_it_once(store_url):
    Store(store_url).close()  # created (and migrated) before the writers race
    docs = [brief(f"Report {k}: Qatar backs Hamas.") for k in range(6)]
    errors = []

    def write(doc):
        try:
            with Store(store_url) as store:
                qatar, hamas = actor(doc, "Qatar", type_="state"), actor(doc, "Hamas")
                store.add(doc, graph(doc, [qatar, hamas], [claim(doc, qatar, hamas, "Qatar backs Hamas.")]))
        except Exception as exc:  # collected: an assertion in a thread would be lost
            errors.append(exc)
    threads = [threading.Thread(target=write, args=(doc,)) for doc in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(store_url) as store:
        assert [a.id for a in store.actors()] == ["qatar", "hamas"]
        [relation] = store.relations()
        assert len(relation.evidence) == 6
        assert store.db.execute("SELECT claims, documents FROM relations").fetchall() == [(6, 6)]


def test_reading_a_postgres_database_without_a_store_is_refused_and_creates_nothing(pg_server):
    from pg_cluster import fresh_database
    with fresh_database(pg_server) as url:
        with pytest.raises(StoreError, match="^no store at postgresql://.*; add briefs first"):
            Store(url, create=False)
        with Store(url) as store:  # still empty: the refused open wrote nothing
            assert store.actors() == []


def test_a_postgres_url_password_never_appears_in_messages():
    assert display_url("postgresql://analyst:s3cret@db.example:5432/briefs") == "postgresql://analyst@db.example:5432/briefs"
    with pytest.raises(StoreError) as raised:
        Store("postgresql://analyst:s3cret@127.0.0.1:1/briefs", create=False)
    assert "s3cret" not in str(raised.value)
    assert str(raised.value).startswith("postgresql://analyst@127.0.0.1:1/briefs: cannot open store:")


def test_sqlite_spellings_are_rewritten_for_postgres():
    assert translate("INSERT OR IGNORE INTO actor_ids (id, actor_id) VALUES (?, ?)", True) == \
        "INSERT INTO actor_ids (id, actor_id) VALUES (%s, %s) ON CONFLICT DO NOTHING"
    assert translate("CREATE TABLE t (id INTEGER PRIMARY KEY, p REAL)", False) == \
        "CREATE TABLE t (rowid BIGSERIAL, id BIGSERIAL PRIMARY KEY, p DOUBLE PRECISION)"
    assert translate("SELECT 1 WHERE d GLOB '[0-9][0-9]*' AND x LIKE '5%' AND y = ?", True) == \
        "SELECT 1 WHERE d ~ '^[0-9][0-9].*$' AND x LIKE '5%%' AND y = %s"


@pytest.fixture(scope="module")
def example_graphs():
    from briefgraph.api import iter_graphs
    return list(iter_graphs(str(EXAMPLES)))


@pytest.mark.model
def test_example_corpus_relations_json_is_the_same_on_sqlite_and_postgres(example_graphs, tmp_path, pg_server):
    from pg_cluster import fresh_database
    outputs = []
    with fresh_database(pg_server) as url:
        for db in (str(tmp_path / "corpus.db"), url):
            with Corpus(db) as corpus:
                assert all(corpus.add_graph(doc, g) for doc, g in example_graphs)
            result = CliRunner().invoke(app, ["relations", "--db", db, "--format", "json"])
            assert result.exit_code == 0, result.output
            outputs.append(result.stdout)
    assert json.loads(outputs[0])  # the examples do have relations
    assert outputs[0] == outputs[1]

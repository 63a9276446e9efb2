"""Crashes and concurrency: `add` killed with SIGKILL at random points leaves an intact store that a
resumed `add` completes to the same graph; concurrent writers and readers lose nothing.

`make test` runs a few kill trials; `make fuzz` sets BRIEFGRAPH_KILL_TRIALS=100 and prints the tally.
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from briefgraph.model import Document, Graph
from briefgraph.store import Corpus, Store

pytestmark = pytest.mark.model
TRIALS = int(os.environ.get("BRIEFGRAPH_KILL_TRIALS", "2"))
STATES = ["Iran", "Israel", "Russia", "Ukraine", "China", "Pakistan", "Turkey", "Greece", "Egypt", "Qatar"]
GROUPS = ["Hezbollah", "Hamas", "the Houthis", "the Taliban", "al-Shabaab"]
VERBS = ["armed", "attacked", "condemned", "praised", "sanctioned", "threatened", "met with", "funded"]
CODE = "import sys; from briefgraph.cli import main; sys.argv[0] = 'briefgraph'; main()"


def write_briefs(folder, count: int, seed: int = 7) -> None:
    """`count` small briefs of our own making, each a few claims between known actors."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        lines = [f"{rng.choice(STATES)} {rng.choice(VERBS)} {rng.choice(GROUPS + STATES)} in {1990 + n}."
                 for _ in range(6)]
        (folder / f"brief-{n:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def start_add(folder, db, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CODE, "add", str(folder), "--db", str(db), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def canonical(db) -> str:
    """The stored graph as sorted JSON: two stores holding the same briefs compare equal."""
    with Corpus(db) as corpus:
        data = corpus.graph().to_dict()
    for rel in data["relations"]:
        rel["evidence"].sort(key=lambda e: (e["doc"], e["start"]))
    for actor in data["actors"]:
        actor["mentions"].sort(key=lambda m: (m["doc"], m["start"]))
    data["documents"].sort(key=lambda d: d["id"])
    data["actors"].sort(key=lambda a: a["id"])
    data["relations"].sort(key=lambda r: r["id"])
    return json.dumps(data, sort_keys=True)


def claims_per_document(db) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT d.id, COUNT(c.id) FROM documents d LEFT JOIN claims c ON c.doc_id = d.id "
                           "GROUP BY d.id").fetchall()
    return dict(rows)


def integrity(db) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A clean, uninterrupted `add` of the briefs: the graph every resumed run must reach."""
    root = tmp_path_factory.mktemp("crash")
    briefs, db = root / "briefs", root / "reference.db"
    write_briefs(briefs, 10)
    done = start_add(briefs, db)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    return briefs, canonical(db), claims_per_document(db)


def stored(db) -> int:
    """How many documents another process has committed so far (0 while there is no store yet)."""
    if not os.path.exists(db):
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # the writer is still creating the schema
        return 0


def kill_trial(briefs, db, after_documents: int, delay: float) -> None:
    """SIGKILL an `add` once it has stored `after_documents` briefs, plus `delay` seconds: mid-ingest,
    often inside a write transaction (the model's load time varies too much for a fixed clock)."""
    proc = start_add(briefs, db)
    while proc.poll() is None and stored(db) < after_documents:
        time.sleep(0.02)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()


def test_add_killed_at_random_points_leaves_an_intact_store_that_resumes_to_the_same_graph(reference, tmp_path):
    briefs, graph, claims = reference
    rng = random.Random(int(os.environ.get("BRIEFGRAPH_KILL_SEED", "11")))
    tally = {"trials": 0, "corrupt": 0, "partial_documents": 0, "different_graph": 0, "killed_with_documents": 0}
    for n in range(TRIALS):
        db = tmp_path / f"trial-{n}.db"
        kill_trial(briefs, db, rng.randrange(len(claims)), rng.uniform(0, 0.4))
        tally["trials"] += 1
        if os.path.exists(db):
            tally["corrupt"] += integrity(db) != "ok"
            stored = claims_per_document(db)
            tally["killed_with_documents"] += bool(stored)
            tally["partial_documents"] += sum(claims[d] != k for d, k in stored.items())
        resumed = start_add(briefs, db)
        _, err = resumed.communicate(timeout=300)
        assert resumed.returncode == 0, err
        tally["different_graph"] += canonical(db) != graph
        os.unlink(db)
        if TRIALS > 10:  # the long run reports as it goes
            print(f"\n[progress] kill -9 during add: {tally}", flush=True)
    print(f"\nkill -9 during add: {tally}")
    assert tally["corrupt"] == tally["partial_documents"] == tally["different_graph"] == 0, tally


def test_two_concurrent_adds_and_a_polling_reader_lose_nothing(tmp_path):
    write_briefs(tmp_path / "a", 4, seed=1)
    write_briefs(tmp_path / "b", 4, seed=2)
    db = tmp_path / "s.db"
    Store(db).close()  # both writers open an existing store
    errors: list[BaseException] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                with Corpus(db) as corpus:
                    corpus.relations()
            except BaseException as exc:  # any error a reader sees is a failure of this test
                errors.append(exc)
                return

    reader = threading.Thread(target=poll)
    reader.start()
    writers = [start_add(tmp_path / "a", db), start_add(tmp_path / "b", db)]
    results = [w.communicate(timeout=300) + (w.returncode,) for w in writers]
    stop.set()
    reader.join()
    assert [r[2] for r in results] == [0, 0], results
    assert errors == []
    assert len(claims_per_document(db)) == 8 and integrity(db) == "ok"


def test_a_long_reader_does_not_block_a_writer(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as reader, Store(db) as writer:
        reader.db.execute("BEGIN")
        reader.db.execute("SELECT COUNT(*) FROM documents").fetchone()  # holds a read snapshot open
        writer.db.execute("PRAGMA busy_timeout = 0")  # a writer that would have to wait fails at once
        assert writer.add(Document(text="Iran armed Hezbollah.", path="a.txt"), Graph()) is True
        assert reader.db.execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)  # its snapshot
        reader.db.execute("COMMIT")
        assert reader.has(Document(text="Iran armed Hezbollah.").id)

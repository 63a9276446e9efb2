"""The API's answer cache never shows an answer older than the view: review decisions, undo, other
processes' writes and the access token all behave as without a cache."""
import time

import pytest

from briefgraph.model import Graph
from briefgraph.store import Store
from briefgraph.web import cache, context

from store_builders import actor, brief, claim
from web_client import client_for, csrf_headers, make_store


@pytest.fixture
def db(tmp_path):
    return make_store(tmp_path)


def ties(client, actor_id):
    items = client.get("/api/relations", params={"actor": actor_id}).json()["items"]
    return {(r["source_name"], r["type"], r["target_name"]) for r in items}


def edges(client, actor_id):
    return {e["id"] for e in client.get("/api/graph", params={"focus": actor_id}).json()["edges"]}


def add_hezbollah(db):
    text = "Iran funded Hezbollah."
    doc = brief(text, path="later.txt")
    iran, hezbollah = actor(doc, "Iran", type_="state"), actor(doc, "Hezbollah")
    with Store(db, create=False) as store:
        store.add(doc, Graph([doc], [iran, hezbollah], [], [claim(doc, iran, hezbollah, text)]))


def test_review_decision_through_the_api_shows_in_the_very_next_answer(db):
    with client_for(db) as c:
        for _ in range(2):  # the second answer comes from the cache
            assert ("Iran", "AID", "Houthis") in ties(c, "houthis")
        rid = next(r["id"] for r in c.get("/api/relations", params={"actor": "houthis"}).json()["items"]
                   if r["source_name"] == "Iran")
        assert rid in edges(c, "houthis") and rid in edges(c, "houthis")
        decision = c.post(f"/api/review/relations/{rid}/reject", json={"why": "denied"}, headers=csrf_headers(c)).json()
        assert ("Iran", "AID", "Houthis") not in ties(c, "houthis")
        assert rid not in edges(c, "houthis")
        assert "iran" not in {t["other"] for g in c.get("/api/actors/houthis").json()["ties"].values()
                              for group in g.values() for t in group}
        c.post(f"/api/review/decisions/{decision['id']}/undo", json={"why": "was right"}, headers=csrf_headers(c))
        assert ("Iran", "AID", "Houthis") in ties(c, "houthis")


def test_rename_through_the_api_shows_in_cached_search_and_actor_answers(db):
    with client_for(db) as c:
        for _ in range(2):
            assert c.get("/api/actors/iran").json()["name"] == "Iran"
            assert [a["name"] for a in c.get("/api/search", params={"q": "Ira"}).json()["actors"]["items"]] == ["Iran"]
        c.post("/api/review/actors/iran/rename", json={"name": "Islamic Republic of Iran"}, headers=csrf_headers(c))
        assert c.get("/api/actors/iran").json()["name"] == "Islamic Republic of Iran"
        assert [a["name"] for a in c.get("/api/search", params={"q": "Ira"}).json()["actors"]["items"]] == [
            "Islamic Republic of Iran"]


def test_another_process_writing_the_store_shows_once_the_app_reads_it_again(db, monkeypatch):
    monkeypatch.setattr(context, "REREAD_SECONDS", 0.0)
    monkeypatch.setattr(context, "CHECK_SECONDS", 0.0)
    with client_for(db) as c:
        assert c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"] == []
        add_hezbollah(db)
        deadline = time.monotonic() + 30  # the app reads the store again in a background thread
        found = []
        while not found and time.monotonic() < deadline:
            found = c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"]
            time.sleep(0.05)
        assert [a["name"] for a in found] == ["Hezbollah"]


def test_while_stale_answers_are_served_the_asked_for_ones_are_computed_again_in_the_background(db, monkeypatch):
    monkeypatch.setattr(context, "REREAD_SECONDS", 0.0)
    monkeypatch.setattr(context, "CHECK_SECONDS", 0.0)
    monkeypatch.setattr(cache, "STALE_SECONDS", 1000.0)  # only the background task can replace the stale answer
    with client_for(db) as c:
        assert c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"] == []
        add_hezbollah(db)
        deadline = time.monotonic() + 30
        found = []
        while not found and time.monotonic() < deadline:
            found = c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"]
            time.sleep(0.05)
        assert [a["name"] for a in found] == ["Hezbollah"]


def test_cached_answers_still_need_the_access_token(db):
    with client_for(db, token="s3cret") as c:
        bearer = {"Authorization": "Bearer s3cret"}
        assert c.get("/api/actors/iran", headers=bearer).status_code == 200
        assert c.get("/api/actors/iran", headers=bearer).status_code == 200
        c.cookies.clear()
        refused = c.get("/api/actors/iran")
        assert refused.status_code == 401 and "Iran" not in refused.text


def test_a_cached_answer_equals_the_fresh_one_with_the_security_headers(db):
    with client_for(db) as c:
        first = c.get("/api/graph", params={"focus": "mali"})
        again = c.get("/api/graph", params={"focus": "mali"})
        assert first.content == again.content and again.headers["content-type"] == "application/json"
        assert "script-src 'self'" in again.headers["content-security-policy"]


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def answer(body: bytes, own_writes: int = 0) -> cache.Entry:
    return cache.Entry({"type": "http.response.start", "status": 200, "headers": []}, body, own_writes, asked=True)


def test_answer_cache_drops_the_least_recently_used(monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    kept = cache.ResponseCache()
    view_a = (object(),)
    for path in ("/a", "/b"):
        kept.put(view_a, (path, b""), answer(path.encode()))
    assert kept.get(view_a, ("/a", b""), 0)[0] is not None  # /a is now the most recently used
    kept.put(view_a, ("/c", b""), answer(b"/c"))
    assert kept.get(view_a, ("/b", b""), 0) == (None, False)
    assert kept.get(view_a, ("/a", b""), 0)[0].body == b"/a"


def test_after_a_reread_the_previous_answers_serve_as_stale_for_at_most_stale_seconds():
    clock = Clock()
    kept = cache.ResponseCache(clock)
    view_a, view_b, view_c = (object(),), (object(),), (object(),)
    kept.put(view_a, ("/a", b""), answer(b"old"))
    clock.now += 60  # however long the view lasted, its answers are stale only from when it was replaced
    found, fresh = kept.get(view_b, ("/a", b""), 0)
    assert (found.body, fresh) == (b"old", False) and len(kept) == 0
    assert kept.take_hot() == [("/a", b"")]  # asked for under the replaced view: worth computing again
    clock.now += cache.STALE_SECONDS
    assert kept.get(view_b, ("/a", b""), 0)[0].body == b"old"
    kept.put(view_b, ("/a", b""), answer(b"new"))
    assert kept.get(view_b, ("/a", b""), 0) == (kept.get(view_b, ("/a", b""), 0)[0], True)
    clock.now += 0.01
    assert kept.get(view_c, ("/a", b""), 0)[0].body == b"new"  # the newest answer replaces the older stale one
    clock.now += cache.STALE_SECONDS + 0.01
    assert kept.get(view_c, ("/a", b""), 0) == (None, False)


def test_a_write_through_the_app_ends_the_stale_answers_at_once():
    kept = cache.ResponseCache(Clock())
    view_a, view_b = (object(),), (object(),)
    kept.put(view_a, ("/a", b""), answer(b"before the decision", own_writes=0))
    assert kept.get(view_b, ("/a", b""), own_writes=1) == (None, False)


def test_with_no_staleness_allowed_the_first_answer_after_a_reread_is_fresh(db, monkeypatch):
    monkeypatch.setattr(context, "REREAD_SECONDS", 0.0)
    monkeypatch.setattr(context, "CHECK_SECONDS", 0.0)
    monkeypatch.setattr(cache, "STALE_SECONDS", -1.0)
    with client_for(db) as c:
        assert c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"] == []
        workbench = c.app.state.workbench
        read = workbench.view()
        add_hezbollah(db)
        deadline = time.monotonic() + 30
        while workbench.view() is read and time.monotonic() < deadline:  # the re-read runs in a thread
            time.sleep(0.02)
        found = c.get("/api/search", params={"q": "Hezbol"}).json()["actors"]["items"]
        assert [a["name"] for a in found] == ["Hezbollah"]


def test_stale_answers_are_bounded_in_bytes_dropping_the_oldest_first(monkeypatch):
    monkeypatch.setattr(cache, "MAX_BYTES", 26)  # answers up to a quarter of it are kept: 6 bytes
    kept = cache.ResponseCache(Clock())
    views = [(object(),) for _ in range(5)]
    for number, view in enumerate(views[:4]):
        kept.put(view, (f"/{number}", b""), answer(b"x" * 6))
        kept.put(view, ("/shared", b""), answer(b"y" * 6))  # one stale answer per key: the newest
    assert [kept.get(views[4], (f"/{n}", b""), 0)[0] is not None for n in range(4)] == [False, True, True, True]
    assert kept.get(views[4], ("/shared", b""), 0)[0] is not None

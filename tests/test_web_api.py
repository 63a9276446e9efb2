"""The web API through FastAPI's TestClient: error shape, pagination, search, review, safety."""
import pytest

from briefgraph.errors import BriefgraphError
from briefgraph.cli.serve import check_bind
from briefgraph.model import Graph

from store_builders import actor, brief, claim
from web_client import client_for, csrf_headers, make_store


@pytest.fixture
def db(tmp_path):
    return make_store(tmp_path)


@pytest.fixture
def client(db):
    with client_for(db) as c:
        yield c


def post(client, url, body):
    return client.post(url, json=body, headers=csrf_headers(client))


def relation_id(client, source, type_, target):
    rels = client.get("/api/relations", params={"limit": 500}).json()["items"]
    return next(r["id"] for r in rels if (r["source_name"], r["type"], r["target_name"]) == (source, type_, target))


def test_error_shape_is_one_json_object_for_every_failure(client):
    assert client.get("/api/actors/nobody").json() == {
        "error": {"status": 404, "code": "not_found", "message": "no actor 'nobody'"}}
    bad = client.get("/api/actors", params={"limit": 0})
    assert bad.status_code == 422
    assert set(bad.json()["error"]) == {"status", "code", "message"} and bad.json()["error"]["code"] == "invalid_request"
    refused = post(client, "/api/review/merge", {"into": "Mali", "other": "junta"})
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "Mali and Mali are already one actor"
    unknown_type = post(client, "/api/review/actors/mali/retype", {"type": "planet"})
    assert unknown_type.status_code == 422 and unknown_type.json()["error"]["message"].startswith("body.type: ")
    assert client.get("/api/no-such-route").json()["error"]["code"] == "not_found"


def test_lists_are_paginated_with_total_offset_and_limit(client):
    first = client.get("/api/actors", params={"limit": 2}).json()
    second = client.get("/api/actors", params={"limit": 2, "offset": 2}).json()
    assert (first["total"], first["offset"], first["limit"], len(first["items"])) == (7, 0, 2, 2)
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])


def test_search_matches_partial_words_in_names_documents_and_evidence(client):
    found = client.get("/api/search", params={"q": "Wagn"}).json()
    assert [a["name"] for a in found["actors"]["items"]] == ["Wagner Group"]
    assert found["documents"]["total"] == 1
    assert {e["snippet"].replace("\ue000", "[").replace("\ue001", "]") for e in found["evidence"]["items"]} >= {
        "France opposed [Wagner]."}
    assert client.get("/api/search", params={"q": "Hout"}).json()["actors"]["items"][0]["name"] == "Houthis"


def test_actor_profile_groups_ties_by_sign_and_type_with_evidence(client):
    wagner = client.get("/api/actors/wagner-group").json()
    assert wagner["aliases"] == ["Wagner"]
    [opposed] = wagner["ties"]["negative"]["OPPOSE"]
    assert (opposed["other_name"], opposed["direction"], opposed["evidence"][0]["text"]) == (
        "France", "in", "France opposed Wagner.")
    assert [t["date"] for t in wagner["timeline"]] == ["2023-05-01"]


def test_rejected_relation_leaves_graph_and_analysis(client):
    rid = relation_id(client, "France", "OPPOSE", "Wagner Group")
    assert rid in {e["id"] for e in client.get("/api/graph").json()["edges"]}
    decision = post(client, f"/api/review/relations/{rid}/reject", {"why": "denied", "who": "ana"}).json()
    assert (decision["action"], decision["who"], decision["why"]) == ("reject", "ana", "denied")
    assert rid not in {e["id"] for e in client.get("/api/graph").json()["edges"]}
    pressure = client.get("/api/analysis").json()["cross_pressure"]
    assert all("France" not in str(p["positive_ties"] + p.get("negative_ties", [])) for p in pressure
               if p["actor"] == "Wagner Group")


def test_merge_then_undo_restores_the_relations(client):
    before = client.get("/api/relations", params={"limit": 500}).json()
    merged = post(client, "/api/review/merge", {"into": "iran", "other": "united-states"}).json()
    assert client.get("/api/relations", params={"limit": 500}).json() != before
    assert client.get("/api/actors/united-states").json()["id"] == "iran"  # the merged-away id still resolves
    post(client, f"/api/review/decisions/{merged['id']}/undo", {"why": "wrong"})
    assert client.get("/api/relations", params={"limit": 500}).json() == before
    log = client.get("/api/review/log").json()["items"]
    assert [d["action"] for d in log] == ["undo", "merge"]


def test_graph_filters_by_sign_focus_and_confidence(client):
    negative = client.get("/api/graph", params={"signs": "-1"}).json()
    assert negative["edges"] and all(e["sign"] == -1 for e in negative["edges"])
    around = client.get("/api/graph", params={"focus": "iran", "hops": 1}).json()
    assert {n["id"] for n in around["nodes"]} == {"iran", "houthis"}
    assert client.get("/api/graph", params={"min_confidence": 0.9}).json()["edges"] == []


def test_state_changing_request_without_csrf_secret_is_refused(client):
    rid = relation_id(client, "Iran", "AID", "Houthis")
    refused = client.post(f"/api/review/relations/{rid}/reject", json={})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    forged = client.post(f"/api/review/relations/{rid}/reject", json={},
                         headers={**csrf_headers(client), "Origin": "http://evil.example"})
    assert forged.status_code == 403
    assert client.get("/api/review/log").json()["total"] == 0


def test_token_is_required_on_every_request_when_set(db):
    with client_for(db, token="s3cret") as c:
        assert c.get("/api/overview").status_code == 401
        assert c.get("/api/overview", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/overview", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        rid = relation_id_with(c, {"Authorization": "Bearer s3cret"})
        ok = c.post(f"/api/review/relations/{rid}/confirm", json={}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200  # a bearer token is no ambient credential: no CSRF secret needed
        first = c.get("/search?token=s3cret&q=Iran", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/search?q=Iran"
        assert c.get("/api/overview").status_code == 200  # the cookie set by the first visit


def relation_id_with(c, headers):
    return c.get("/api/relations", headers=headers).json()["items"][0]["id"]


def test_non_loopback_bind_without_token_is_refused():
    with pytest.raises(BriefgraphError, match="refusing to listen on 0.0.0.0 without a token"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "s3cret")
    check_bind("127.0.0.1", None)
    check_bind("::1", None)


def test_unexpected_host_header_is_refused_on_loopback(db):
    with client_for(db, allowed_hosts={"127.0.0.1:8000"}) as c:
        assert c.get("/api/overview", headers={"Host": "attacker.example"}).status_code == 400
        assert c.get("/api/overview", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_xss_probe_brief_is_escaped_in_pages_and_served_with_a_strict_policy(tmp_path):
    from briefgraph.store import Store
    text = ('Iran <script>alert(1)</script> armed the Houthis. <img src=x onerror="alert(2)"> '
            '<a href="javascript:alert(3)">Houthis</a> thanked Iran.')
    doc = brief(text, path="probe<script>.txt")
    doc.title = "<script>alert(4)</script>"
    iran, houthis = actor(doc, "Iran", type_="state"), actor(doc, "Houthis")
    with Store(tmp_path / "x.db") as store:
        store.add(doc, Graph([doc], [iran, houthis], [], [claim(doc, iran, houthis, text[:49])]))
    with client_for(tmp_path / "x.db") as c:
        for url in [f"/documents/{doc.id}", "/", "/documents", "/actors/iran", "/search?q=alert", "/analysis"]:
            html = c.get(url).text
            assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html, url
        page = c.get(f"/documents/{doc.id}")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_document_page_links_mentions_to_actors_and_marks_claims(client):
    doc = client.get("/api/documents").json()["items"][0]
    html = client.get(f"/documents/{doc['id']}").text
    assert '<a class="mention" href="/actors/iran">Iran</a>' in html
    assert 'class="claim" data-relations=' in html
    assert 'id="ev-' in html


def test_no_route_reads_files_outside_the_store(client):
    for url in ["/static/../../../../etc/passwd", "/static/..%2f..%2fapp.py", "/documents/..%2f..%2fetc%2fpasswd",
                "/api/documents/../../etc/passwd"]:
        response = client.get(url)
        assert response.status_code == 404 and "root:" not in response.text, url


def test_upload_refuses_wrong_type_empty_and_oversized_files_with_one_message(client, monkeypatch):
    from briefgraph.web import upload
    headers = csrf_headers(client)
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 100)
    big = client.post("/api/uploads", files={"file": ("long.txt", b"Iran armed the Houthis. " * 10, "text/plain")},
                      headers=headers)
    assert big.status_code == 413 and big.json()["error"]["message"] == "long.txt: larger than 100 bytes"
    wrong = client.post("/api/uploads", files={"file": ("notes.exe", b"MZ\x90\x00", "application/octet-stream")},
                        headers=headers)
    assert wrong.status_code == 415
    assert wrong.json()["error"]["message"] == "notes.exe: not a brief file; upload .txt, .md, .html or .pdf"
    empty = client.post("/api/uploads", files={"file": ("empty.txt", b"", "text/plain")}, headers=headers)
    assert empty.status_code == 400 and empty.json()["error"]["message"].startswith("empty.txt: ")


def test_pages_render(client):
    rid = relation_id(client, "Iran", "AID", "Houthis")
    for url in ["/", "/search?q=Mali", "/actors/mali", "/documents", "/graph", "/analysis", "/review", "/upload",
                f"/relations/{rid}"]:
        response = client.get(url)
        assert response.status_code == 200 and "<h1>" in response.text, url


def test_serve_refuses_a_public_address_without_a_token(tmp_path):
    from typer.testing import CliRunner
    import briefgraph.cli  # noqa: F401  (registers every command)
    from briefgraph.cli.app import app
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == ("error: refusing to listen on 0.0.0.0 without a token: give --token or set "
                             "BRIEFGRAPH_TOKEN (every request must then present it)\n")


def test_relation_added_from_a_document_span_shows_on_the_document_page(client):
    doc = next(d for d in client.get("/api/documents").json()["items"] if d["path"].startswith("briefs/the-houthis"))
    text = client.get(f"/api/documents/{doc['id']}").json()["text"]
    start = text.index("Iran armed the Houthis.")
    added = post(client, "/api/review/relations", {"source": "iran", "target": "israel", "type": "OPPOSE",
                                                   "doc": doc["id"], "start": start, "end": start + 23})
    assert added.status_code == 200
    claims = client.get(f"/api/documents/{doc['id']}").json()["claims"]
    assert ("Iran", "OPPOSE", "Israel", "Iran armed the Houthis.") in {
        (c["source"], c["type"], c["target"], c["text"]) for c in claims}
    out_of_range = post(client, "/api/review/relations", {"source": "iran", "target": "israel", "type": "OPPOSE",
                                                          "doc": doc["id"], "start": 5, "end": 10_000})
    assert out_of_range.status_code == 400
    assert out_of_range.json()["error"]["message"] == (
        f"the span 5-10000 is not inside document {doc['id'][:12]} ({len(text)} characters)")

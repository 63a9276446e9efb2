"""Cached answers sent by the front door obey the same security rules, and carry the same headers, as
answers computed through the whole app: Host check, access token (bearer or cookie), the ?token=
visit, the CSRF cookie, the security headers."""
import pytest

from web_client import client_for, make_store

URL = "/api/actors/iran"


@pytest.fixture
def db(tmp_path):
    return make_store(tmp_path)


def test_a_cached_answer_is_refused_to_an_unexpected_host(db):
    with client_for(db, allowed_hosts={"testserver"}) as c:
        assert [c.get(URL).status_code for _ in range(2)] == [200, 200]
        refused = c.get(URL, headers={"host": "attacker.example"})
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "bad_request"
        assert "Iran" not in refused.text


def test_a_cached_answer_needs_the_token_as_bearer_or_cookie(db):
    with client_for(db, token="s3cret") as c:
        bearer = {"Authorization": "Bearer s3cret"}
        assert [c.get(URL, headers=bearer).status_code for _ in range(2)] == [200, 200]
        assert c.get(URL, headers={"Authorization": "Bearer wrong"}).status_code == 401
        c.cookies.clear()
        visit = c.get(URL + "?token=s3cret", follow_redirects=False)
        assert visit.status_code == 303 and "briefgraph_token=s3cret" in visit.headers["set-cookie"]
        assert c.get(URL).status_code == 200  # the cookie the visit set
        c.cookies.set("briefgraph_token", "wrong")
        refused = c.get(URL)
        assert refused.status_code == 401 and "Iran" not in refused.text


def test_a_cached_answer_hands_a_new_csrf_secret_to_a_client_without_one(db):
    with client_for(db) as c:
        secrets = []
        for _ in range(3):
            c.cookies.clear()
            answer = c.get(URL)
            assert answer.status_code == 200
            secrets.append(c.cookies["briefgraph_csrf"])
        assert len(set(secrets)) == 3
        assert "set-cookie" not in c.get(URL).headers  # a client keeping its secret gets no new one


def test_cached_and_computed_answers_carry_the_same_headers(db):
    with client_for(db) as c:
        computed, cached = c.get(URL), c.get(URL)
        assert computed.content == cached.content
        assert sorted(computed.headers.items()) == sorted(cached.headers.items())
        assert cached.headers["x-content-type-options"] == "nosniff"
        assert cached.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'none'" in cached.headers["content-security-policy"]

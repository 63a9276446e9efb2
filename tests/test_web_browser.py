"""The workbench in Debian's headless Chromium through Playwright, against a server on loopback.

BRIEFGRAPH_SCREENSHOT=1 refreshes the screenshots kept in docs/.
"""
import os
import threading
import time
from pathlib import Path

import pytest

from briefgraph.model import Graph
from briefgraph.store import Store
from store_builders import actor, brief, claim, filled_store
from chromium import browser, needs_chromium  # noqa: F401 (browser is a fixture)

DOCS = Path(__file__).resolve().parent.parent / "docs"
REFRESH_SCREENSHOTS = os.environ.get("BRIEFGRAPH_SCREENSHOT") == "1"
PROBE = ('Iran <script>alert("script")</script> armed the Houthis. <img src=x onerror="alert(\'img\')"> '
         '<a href="javascript:alert(\'link\')">Houthis</a> thanked <b onmouseover="alert(1)">Iran</b>.')

pytestmark = needs_chromium


def shot(page, name):
    if REFRESH_SCREENSHOTS:
        page.screenshot(path=str(DOCS / name))


def add_probe(store: Store) -> str:
    doc = brief(PROBE, path="probe.html")
    doc.title = '<img src=x onerror="alert(\'title\')">'
    iran, houthis = actor(doc, "Iran", type_="state"), actor(doc, "Houthis")
    store.add(doc, Graph([doc], [iran, houthis], [], [claim(doc, iran, houthis, PROBE[:54], "AID")]))
    return doc.id


@pytest.fixture
def server(tmp_path):
    """(base url, probe document id) of a workbench on a fresh store, on a free loopback port."""
    import uvicorn
    from briefgraph.web import create_app
    with filled_store(tmp_path / "corpus.db") as store:
        probe = add_probe(store)
    app = create_app(str(tmp_path / "corpus.db"), catalogue=str(tmp_path / "actors.user.yaml"))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", probe
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser, server):
    p = browser.new_page(viewport={"width": 1300, "height": 900})
    errors, dialogs = [], []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.errors, p.dialogs, p.base = errors, dialogs, server[0]
    yield p
    assert errors == []
    p.close()


def relation_id(page, source, type_, target):
    rels = page.request.get(f"{page.base}/api/relations?limit=500").json()["items"]
    return next(r["id"] for r in rels if (r["source_name"], r["type"], r["target_name"]) == (source, type_, target))


def test_browser_search_open_actor_and_follow_evidence_into_the_document(page):
    page.goto(page.base + "/")
    shot(page, "web-overview.png")
    page.fill("header input[name=q]", "Wagn")
    page.press("header input[name=q]", "Enter")
    page.click("#actor-results a.actor-hit >> text=Wagner Group")
    page.wait_for_selector("h1 >> text=Wagner Group")
    assert "France opposed Wagner." in page.inner_text("#ties")
    page.click("a.evidence-link >> text=France opposed Wagner.")
    page.wait_for_selector("mark.flash")
    assert "".join(page.locator("mark.flash").all_text_contents()) == "France opposed Wagner."
    assert page.get_attribute("#doctext a.mention >> text=France", "href") == "/actors/france"


def test_browser_rejecting_a_relation_removes_it_from_graph_and_analysis(page):
    rid = relation_id(page, "Iran", "AID", "Houthis")
    page.goto(page.base + "/analysis")
    assert "Iran" in page.inner_text("#cross-pressure")
    page.goto(page.base + "/actors/iran")
    page.fill("#why", "the brief denies it")
    with page.expect_navigation():
        page.click(f"#rel-{rid} button.reject")
    assert page.locator(f"#rel-{rid}").count() == 0
    page.goto(page.base + "/graph")
    page.wait_for_selector("#graph-edges tbody tr")
    assert page.locator(f"#graph-edges tr[data-relation='{rid}']").count() == 0
    page.goto(page.base + "/analysis")
    assert "Iran" not in page.inner_text("#cross-pressure")
    page.goto(page.base + "/review")
    assert "the brief denies it" in page.inner_text("table.log")


def test_browser_merge_two_actors_and_undo(page):
    page.goto(page.base + "/actors/iran")
    page.select_option("#merge-form select[name=other]", "united-states")
    with page.expect_navigation():
        page.click("#merge-form button")
    assert "United States" in page.inner_text("p:has-text('Aliases')")
    page.goto(page.base + "/review")
    shot(page, "web-review.png")
    with page.expect_navigation():
        page.click("table.log button[data-post$='/undo']")
    assert page.locator("tr.inactive").count() == 1
    page.goto(page.base + "/actors/united-states")
    assert page.inner_text("h1") == "United States"


def test_browser_xss_probe_runs_nothing(page, server):
    _, probe = server
    for url in [f"/documents/{probe}", "/actors/houthis", "/search?q=alert", "/documents", "/", "/analysis", "/graph"]:
        page.goto(page.base + url)
        page.wait_for_timeout(100)
    page.goto(f"{page.base}/documents/{probe}")
    assert '<script>alert("script")</script>' in page.inner_text("#doctext")
    assert page.locator("#doctext script, #doctext img, #doctext b, #doctext a[href^=javascript]").count() == 0
    page.hover("#doctext >> text=onmouseover")
    page.wait_for_timeout(200)
    assert page.dialogs == []


@pytest.mark.model
def test_browser_upload_a_brief_and_see_its_actors(page, tmp_path):
    brief_file = tmp_path / "upload.txt"
    brief_file.write_text("Qatar mediated between Hamas and Israel in Doha.\n")
    page.goto(page.base + "/upload")
    page.set_input_files("#upload-form input[type=file]", str(brief_file))
    page.click("#upload-form button")
    page.wait_for_selector("#upload-status >> text=done", timeout=60_000)
    names = page.locator("#upload-actors a").all_inner_texts()
    assert {"Qatar", "Hamas", "Israel"} <= set(names)
    shot(page, "web-upload.png")
    page.click("#upload-actors a >> text=Qatar")
    page.wait_for_selector("h1 >> text=Qatar")


def test_browser_bad_upload_gets_one_clear_message(page, tmp_path):
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ\x90\x00binary")
    page.goto(page.base + "/upload")
    page.set_input_files("#upload-form input[type=file]", str(bad))
    page.click("#upload-form button")
    page.wait_for_selector("#upload-status.bad")
    assert page.inner_text("#upload-status") == "tool.exe: not a brief file; upload .txt, .md, .html or .pdf"


def serve_store(db):
    """A started uvicorn server over `db` on a free loopback port, and its base url."""
    import uvicorn
    from briefgraph.web import create_app
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    return srv, thread, f"http://127.0.0.1:{srv.servers[0].sockets[0].getsockname()[1]}"


@pytest.fixture(scope="module")
def example_server(tmp_path_factory):
    from briefgraph.store import Corpus
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with Corpus(db) as corpus:
        corpus.add([str(Path(__file__).resolve().parent.parent / "examples" / "briefs")])
    srv, thread, base = serve_store(db)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.mark.model
def test_browser_graph_explorer_draws_filters_and_selects_on_the_example_corpus(browser, example_server):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(example_server + "/graph")
    page.wait_for_selector("body[data-graph-ready='1']")
    page.wait_for_function("() => window.briefgraphView.layoutDone()")
    drawn = page.evaluate("window.briefgraphView.visibleNodes()")
    assert drawn == len(page.request.get(example_server + "/api/graph").json()["nodes"])
    boxes = page.evaluate("window.briefgraphView.labelBoxes()")
    overlaps = [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]
    assert boxes and overlaps == []
    shot(page, "web-graph.png")
    all_edges = page.evaluate("window.briefgraphView.visibleEdges()")
    page.uncheck("#graph-filters input[name=signs][value='1']")
    page.uncheck("#graph-filters input[name=signs][value='0']")
    page.click("#graph-filters button")
    page.wait_for_function("n => window.briefgraphView.visibleEdges() < n", arg=all_edges)
    signs = page.locator("#graph-edges tbody tr td:nth-child(4)").all_inner_texts()
    assert signs and set(signs) == {"-1"}
    page.evaluate("window.briefgraphView.select('houthis')")
    assert page.get_attribute("#graph-selected a", "href") == "/actors/houthis"
    page.click("#graph-selected a")
    page.wait_for_selector("h1 >> text=Houthis")
    assert page.locator("#ties li.tie").count() > 3
    shot(page, "web-actor.png")
    page.click("#ties a.evidence-link >> nth=0")
    page.wait_for_selector("mark.flash")
    shot(page, "web-document.png")
    page.close()
    assert errors == []


def test_browser_selecting_evidence_in_a_document_adds_a_relation(page):
    docs = page.request.get(page.base + "/api/documents").json()["items"]
    doc = next(d for d in docs if d["path"].startswith("briefs/the-houthis"))
    page.goto(f"{page.base}/documents/{doc['id']}")
    page.evaluate("""() => {
        const pre = document.getElementById('doctext'), text = pre.textContent;
        const start = text.indexOf('Iran armed the Houthis.');
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let seen = 0, node, range = document.createRange(), started = false;
        while ((node = walker.nextNode())) {
            const len = node.textContent.length;
            if (!started && seen + len > start) { range.setStart(node, start - seen); started = true; }
            if (started && seen + len >= start + 23) { range.setEnd(node, start + 23 - seen); break; }
            seen += len;
        }
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        pre.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    assert "Iran armed the Houthis." in page.inner_text("#selection")
    page.select_option("#add-relation select[name=source]", "iran")
    page.select_option("#add-relation select[name=type]", "OPPOSE")
    page.select_option("#add-relation select[name=target]", "israel")
    page.click("#add-relation button")
    page.wait_for_selector("#add-relation .msg >> text=logged")
    rels = page.request.get(page.base + "/api/relations?actor=iran").json()["items"]
    added = [r for r in rels if (r["type"], r["target"]) == ("OPPOSE", "israel")]
    assert added and added[0]["review"] == "added" and added[0]["evidence"][0]["text"] == "Iran armed the Houthis."

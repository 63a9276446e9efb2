"""How the HTML report holds up on a large graph: 1,000 actors and 10,000 relations by default.

Builds a synthetic graph (two planted camps with 15% of signs against them, hub-heavy degrees,
mixed modality, one evidence sentence per relation spread over 50 dated documents), writes the
report, opens it in Debian's headless Chromium through Playwright and measures:

- the Python side: analysis and rendering time, and the file size;
- time to first draw: from navigation start to the end of the graph view's first frame
  (the page's own `performance.now()`), and the wall-clock time from `goto` to that point;
- when the layout is done: the graph view runs ForceAtlas2 in a web worker for big graphs (3 s by
  default) while the page stays usable, then spreads overlapping discs;
- when the page first goes idle (`requestIdleCallback`), i.e. has laid out the rest of the page;
- one click-to-panel, once idle: a real mouse click on the busiest actor until the panel shows its
  name (wall-clock from Python, including Playwright's round trips), and the page's own measure from
  the click event to the panel filled and the canvas redrawn;
- one redraw after a zoom (two animation frames, so it includes up to one frame of waiting).

Prints the numbers; asserts nothing. Run: .venv/bin/python benchmarks/report_render.py [--actors N --relations M]
or, for a report already written: .venv/bin/python benchmarks/report_render.py --page report.html
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from briefgraph.model import ACTOR_TYPES, Actor, Claim, Document, Graph, Modality, Span, aggregate

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
STATUSES = ["asserted"] * 6 + ["reported", "reported", "probable", "possible", "unlikely", "hypothetical", "negated"]
TYPES = {1: ["SUPPORT", "AID", "COOPERATE", "CONSULT", "AGREE"], -1: ["ACCUSE", "ASSAULT", "COERCE", "THREATEN"],
         0: ["MEMBER_OF", "BASED_IN", "LEADER_OF"]}


def _facts(rng: random.Random, n: int, count: int) -> list[tuple[int, int, str, int, str]]:
    """`count` distinct (source, target, type, sign, status): hub-heavy degrees (weight 1/rank^0.8),
    signs from two planted camps with 15% against them, 8% structural."""
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n)]
    camp = [rng.randint(0, 1) for _ in range(n)]
    facts: dict[tuple, None] = {}
    while len(facts) < count:
        s, t = rng.choices(range(n), weights=weights, k=2)
        if s == t:
            continue
        sign = 0 if rng.random() < 0.08 else (1 if camp[s] == camp[t] else -1)
        if sign and rng.random() < 0.15:
            sign = -sign
        facts[(s, t, rng.choice(TYPES[sign]), sign, rng.choice(STATUSES))] = None
    return list(facts)


def synthetic_graph(n_actors: int, n_relations: int, n_docs: int = 50, seed: int = 1) -> Graph:
    rng = random.Random(seed)
    actors = [Actor(f"actor-{i}", f"Actor {i}", rng.choice(ACTOR_TYPES)) for i in range(n_actors)]
    sentences: list[list[tuple[str, tuple]]] = [[] for _ in range(n_docs)]
    for s, t, type_, sign, status in _facts(rng, n_actors, n_relations):
        text = f"{actors[s].name} {type_.lower()} {actors[t].name} ({status})."
        sentences[rng.randrange(n_docs)].append((text, (s, t, type_, sign, status)))
    documents, claims = [], []
    for d, items in enumerate(sentences):
        doc = Document(" ".join(text for text, _ in items), path=f"synthetic-{d}.txt",
                       date=f"2021-{1 + d % 12:02d}-{1 + d % 28:02d}")
        documents.append(doc)
        offset = 0
        for text, (s, t, type_, sign, status) in items:
            span = Span(doc.id, offset, offset + len(text), text)
            quad = "structural" if sign == 0 else ("verbal_cooperation" if sign > 0 else "verbal_conflict")
            claims.append(Claim(actors[s].id, actors[t].id, type_, quad, sign, Modality(status), span))
            offset += len(text) + 1
    return Graph(documents, actors, aggregate(claims), claims)


def build_report(graph: Graph, path: Path) -> dict:
    from briefgraph.analysis import analyze_network
    from briefgraph.analysis.network import network
    from briefgraph.report import write_report
    t0 = time.perf_counter()
    net = network(graph)
    analyze_network(graph, net)
    t1 = time.perf_counter()
    write_report(graph, path, title="Synthetic benchmark graph")
    t2 = time.perf_counter()
    return {"analysis_s": round(t1 - t0, 2), "write_report_s (all of it)": round(t2 - t1, 2),
            "report_mb": round(path.stat().st_size / 1e6, 2)}


def busiest_actor(path: Path) -> tuple[str, str]:
    """(id, name) of the actor of highest weighted degree in a report's data."""
    page = path.read_text(encoding="utf-8")
    start = page.index('id="bg-data">') + len('id="bg-data">')
    actors = json.loads(page[start:page.index("</script>", start)])["actors"]
    best = max(actors, key=lambda a: a["degree"])
    return best["id"], best["name"]


def measure_browser(path: Path, hub_id: str = "actor-0", hub_name: str = "Actor 0") -> dict:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.briefgraph && window.briefgraph.firstDrawMs !== null", timeout=120_000)
        wall_first_draw = time.perf_counter() - t0
        state = page.evaluate("({first: window.briefgraph.firstDrawMs, nodes: window.briefgraph.drawnNodes,"
                              " edges: window.briefgraph.drawnEdges})")
        settled = page.evaluate("new Promise(done => requestIdleCallback(() => done(performance.now())))")
        page.wait_for_function("window.briefgraph.view.layoutDone()", timeout=60_000)
        laid_out = page.evaluate("performance.now()")
        labels = page.evaluate("window.briefgraph.labelBoxes().length")
        hub = page.evaluate("(id) => window.briefgraph.screenPosition(id)", hub_id)
        t1 = time.perf_counter()
        page.mouse.click(hub["x"], hub["y"])
        page.wait_for_function("(name) => document.querySelector('#panel .actor-name') &&"
                               " document.querySelector('#panel .actor-name').textContent === name", arg=hub_name)
        wall_click = time.perf_counter() - t1
        page.wait_for_function("window.briefgraph.lastSelectMs !== null")
        in_page_click = page.evaluate("window.briefgraph.lastSelectMs")
        redraw = page.evaluate("""() => new Promise(done => {
            const t = performance.now();
            document.getElementById('zoom-in').click();
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
        })""")
        browser.close()
    return {"first_draw_ms_in_page": round(state["first"]), "first_draw_ms_wall": round(wall_first_draw * 1000),
            "page_idle_ms_in_page": round(settled), "layout_done_ms_in_page (about)": round(laid_out),
            "labels_drawn": labels,
            "drawn_nodes": state["nodes"], "drawn_edges": state["edges"],
            "click_to_panel_ms_wall": round(wall_click * 1000), "click_to_panel_ms_in_page": round(in_page_click, 1),
            "zoom_redraw_ms": round(redraw, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--relations", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="Also copy the report here.")
    parser.add_argument("--page", type=Path, help="Measure this report (e.g. `briefgraph report --db` of a "
                        "large store) in the browser instead of building one; its busiest actor is clicked.")
    args = parser.parse_args()
    if args.page:
        numbers = {"report_mb": round(args.page.stat().st_size / 1e6, 2)}
        numbers.update(measure_browser(args.page, *busiest_actor(args.page)))
        print(json.dumps(numbers))
        return
    graph = synthetic_graph(args.actors, args.relations)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        numbers = {"actors": len(graph.actors), "relations": len(graph.relations)}
        numbers.update(build_report(graph, path))
        numbers.update(measure_browser(path))
        if args.keep:
            args.keep.write_bytes(path.read_bytes())
    for key, value in numbers.items():
        print(f"{key:30} {value}")
    print(json.dumps(numbers))


if __name__ == "__main__":
    main()

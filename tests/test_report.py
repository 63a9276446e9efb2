"""The HTML report (self-contained, offline) and the static plot."""
import json
import re

import pytest

from analysis_graphs import Builder, taliban_like
from briefgraph.errors import BriefgraphError
from briefgraph.report import render_report, write_plot, write_report

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def html():
    return render_report(taliban_like())


def data_of(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="bg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_report_is_one_file_with_no_external_url(html):
    assert not EXTERNAL.search(html)
    assert "http" not in html.lower()
    assert "<link" not in html and "<script src" not in html
    assert "<style>" in html and '<div id="graph"' in html


def test_report_inlines_the_graph_library(html):
    assert "window.BriefgraphGraph" in html or "BriefgraphGraph=" in html
    assert html.count("<script>") == 2  # the graph bundle, then the report's own script


def test_report_contains_every_actor(html):
    data = data_of(html)
    names = {a["name"] for a in data["actors"]}
    assert {"Taliban", "al-Qaeda", "China", "Asim Umar", "Tajikistan"} <= names


def test_report_marks_which_relations_the_graph_draws():
    g = Builder().rel("Rebels", "Capital City", -1).rel("Rebels", "Army", -1, status="reported").graph()
    g.actors[1].type = "place"  # places are where things happen: the signed network leaves them out
    rows = data_of(render_report(g))["relations"]
    names = [a["name"] for a in data_of(render_report(g))["actors"]]
    drawn = {(names[r[0]], names[r[1]]): (r[6], r[7], r[8]) for r in rows}
    assert drawn[("Rebels", "Capital City")][0] == 0
    assert drawn[("Rebels", "Army")] == (1, 0.7, 1.0)  # drawn, weighted as reported, with its confidence


def test_report_without_the_built_graph_script_says_how_to_build_it(monkeypatch, tmp_path):
    from briefgraph.errors import AssetError
    from briefgraph.report import html as report_html
    monkeypatch.setattr(report_html, "BUNDLE", tmp_path / "graph.bundle.js")
    with pytest.raises(AssetError, match="run `make bundle`"):
        render_report(taliban_like())


def test_report_edges_carry_sign_weight_and_line_style(html):
    data = data_of(html)
    index = {a["name"]: i for i, a in enumerate(data["actors"])}
    by_pair = {frozenset((e[0], e[1])): e for e in data["edges"]}
    saleh = by_pair[frozenset((index["Amrullah Saleh"], index["Taliban"]))]
    assert (saleh[2], saleh[3], saleh[4]) == (-1, 0.3, 1)  # negative, possible -> dashed
    tip_syria = by_pair[frozenset((index["Turkistan Islamic Party"], index["Syria"]))]
    assert tip_syria[2] == 0


def test_report_shows_findings_with_evidence(html):
    assert "Frustration index: 1" in html
    assert "The Taliban hosted the AQIS leader Asim Umar." in html
    assert re.search(r'data-actor="taliban">Taliban</button>', html)
    assert "violated" in html


def test_report_highlights_evidence_in_the_source_text(html):
    assert re.search(r'<mark id="m0-\d+">The Taliban depends on al-Qaeda\.</mark>', html)
    data = data_of(html)
    marks = {ev[1] for rel in data["relations"] for ev in rel[5]}
    assert all(re.fullmatch(r"m0-\d+", m) for m in marks)


def test_report_escapes_names_and_sentences_that_look_like_markup():
    g = Builder().rel("<img src=x onerror=alert(1)>", "B", 1, text="</script><b>bold</b> claim.").graph()
    page = render_report(g)
    assert "<img src=x" not in page
    assert "</script><b>" not in page
    assert data_of(page)["actors"][0]["name"] == "<img src=x onerror=alert(1)>"


def test_report_window_keeps_only_documents_dated_inside_it():
    b = Builder().document("2020-01-01").rel("Old", "Foe", -1)
    b.document("2021-01-01").rel("New", "Friend", 1)
    data = data_of(render_report(b.graph(), since="2020-06-01"))
    assert [d["date"] for d in data["docs"]] == ["2021-01-01"]
    assert len(data["relations"]) == 1


def test_report_without_source_text_says_so():
    g = taliban_like()
    for d in g.documents:
        d.text = ""
    assert "The source text is not stored with this graph." in render_report(g)


def test_write_report_creates_parent_folders(tmp_path):
    out = write_report(taliban_like(), tmp_path / "a" / "b" / "report.html", title="Central Asia")
    assert "<title>Central Asia</title>" in out.read_text(encoding="utf-8")


def test_write_plot_png_and_svg(tmp_path):
    png = write_plot(taliban_like(), tmp_path / "g.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = write_plot(taliban_like(), tmp_path / "g.svg", title="Taliban")
    assert "Taliban" in svg.read_text(encoding="utf-8")


def test_write_plot_rejects_an_unknown_format(tmp_path):
    with pytest.raises(BriefgraphError, match="must end in .png, .svg, .pdf"):
        write_plot(taliban_like(), tmp_path / "g.gif")


def test_report_runs_the_analysis_once_for_findings_graph_and_bounds(monkeypatch):
    from briefgraph.report import ReportLimits
    from briefgraph.report import html as report_html
    calls = []
    analyze_network = report_html.analyze_network
    monkeypatch.setattr(report_html, "analyze_network", lambda g, n, **kw: calls.append(n) or analyze_network(g, n, **kw))
    page = render_report(taliban_like(), limits=ReportLimits(max_relations=3, max_documents=0))
    assert len(calls) == 1
    assert "Frustration index: 1" in page and len(data_of(page)["relations"]) == 3


def test_report_lists_an_actor_a_relation_names_but_the_graph_does_not():
    g = Builder().rel("Rebels", "Army", -1).graph()
    g.actors = [a for a in g.actors if a.name != "Army"]
    actors = {a["id"]: a["type"] for a in data_of(render_report(g))["actors"]}
    assert actors == {"rebels": "organization", "army": "unknown"}

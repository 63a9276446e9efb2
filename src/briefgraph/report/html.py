"""Render the report from its Jinja2 template, inlining the assets and the data."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..analysis import analyze_network
from ..analysis.network import Network, network, windowed
from ..cycles import paused_cycle_collection
from ..errors import AssetError
from ..output import atomic_path
from ..model import Graph
from .bounds import ReportLimits, Selection, notes, select
from .data import payload, script_json
from .documents import Highlighted, embed

HERE = Path(__file__).parent
FINDINGS_LIMIT = 20
BUNDLE = HERE / "assets" / "graph.bundle.js"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def _asset(name: str) -> Markup:
    """An asset's text for inlining; '</' is broken up so it cannot close the surrounding element."""
    return Markup((HERE / "assets" / name).read_text(encoding="utf-8").replace("</", "<\\/"))


def graph_bundle() -> Markup:
    """The built graph library (js/ bundled by esbuild), for inlining into a page."""
    if not BUNDLE.is_file():
        raise AssetError(f"the graph view's script {BUNDLE} is missing: run `make bundle` "
                         "(needs node and npm) in the source tree, then try again")
    return _asset(BUNDLE.name)


def render_report(graph: Graph, title: str | None = None, since=None, until=None,
                  limits: ReportLimits | None = None) -> str:
    """The report's HTML for a graph, optionally from the evidence of one time window only.

    Past `limits` (default `ReportLimits()`) the page holds the strongest part of the graph and says
    what it left out.
    """
    graph = windowed(graph, since, until)
    net = network(graph)
    findings = analyze_network(graph, net, described=FINDINGS_LIMIT)  # the page lists the top few only
    return render_page(graph, net, findings, title, since, until, limits)


def render_page(graph: Graph, net: Network, findings: dict, title: str | None = None, since=None, until=None,
                limits: ReportLimits | None = None) -> str:
    """The report's HTML from an analysis already run: one analysis serves the findings, the graph
    view and the choice of what a bounded page holds."""
    # Like the analyses, this allocates many small objects and no cycles: with a large graph in memory
    # the collector's rescans cost several times the work itself.
    with paused_cycle_collection():
        selection = select(graph, net, findings, limits or ReportLimits())
        documents = embed(graph, selection)
        data = payload(net, findings, selection, documents)
        return page_html(graph, findings, selection, documents, script_json(data), title, since, until)


def page_html(graph: Graph, findings: dict, selection: Selection, documents: list[Highlighted], data_json: str,
              title: str | None = None, since=None, until=None) -> str:
    """Fill the template: findings, notes on what was left out, the documents section, data and assets."""
    cited = sum(len(h.anchors) for h in documents)
    left_out = {section: _with_code(text) for section, text in notes(selection, len(documents), cited).items()}
    return _environment().get_template("report.html.j2").render(
        title=title or _default_title(graph), graph=graph, findings=findings, documents=documents,
        full_texts=selection.full_texts, notes=left_out,
        limit=FINDINGS_LIMIT, data_json=Markup(data_json), css=_asset("report.css"),
        js=_asset("report.js"), bundle=graph_bundle(), generated=dt.date.today().isoformat(),
        since=since, until=until)


def _with_code(text: str) -> Markup:
    """Escaped text whose `backquoted` commands and options are set as code."""
    return Markup(re.sub(r"`([^`]*)`", r"<code>\1</code>", str(escape(text))))


def _default_title(graph: Graph) -> str:
    if len(graph.documents) == 1:
        return f"Actor graph: {graph.documents[0].title or graph.documents[0].path}"
    return f"Actor graph of {len(graph.documents)} documents"


def write_report(graph: Graph, path, title: str | None = None, since=None, until=None,
                 limits: ReportLimits | None = None) -> Path:
    """Write the self-contained HTML report to `path` (parent folders created) and return the path."""
    page = render_report(graph, title, since, until, limits)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return Path(path)

"""`briefgraph analyze|report|plot|whatif|diff`: findings over a graph read from briefs, a graph JSON
file or a store. Briefs given as paths are analysed in memory; nothing is stored."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import BriefgraphError
from ..model import Graph
from ..names import shown
from .app import app
from .common import DbOpt, MinConfidenceOpt, date_option, error, one_line_errors, output_stream
from .analysis_text import analysis_text, diff_text, whatif_text

PathsArg = Annotated[Optional[list[str]], typer.Argument(
    metavar="PATH", help="Brief files or folders, analysed in memory; without them the store is read.",
    show_default=False)]
GraphOpt = Annotated[Optional[Path], typer.Option(
    "--graph", help="A graph JSON file written by `briefgraph extract --format json`, instead of briefs or a store.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only evidence from documents dated on or after this day (yyyy-mm-dd).",
                                                 callback=date_option("--since"))]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Only evidence from documents dated on or before this day (yyyy-mm-dd).",
                                                 callback=date_option("--until"))]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]



class Source:
    """Where a command's graph comes from; remembers unreadable files so the command can exit 1."""

    def __init__(self, paths: list[str] | None, db: str | None, graph: Path | None, min_confidence: float = 0.0):
        self.paths, self.db, self.graph_file = paths or [], db, graph
        self.min_confidence = min_confidence
        self.failed = 0

    def load(self, since: str | None = None, until: str | None = None) -> Graph:
        """The graph, windowed to [since, until] when the store is read (in-memory graphs are windowed by the analyses),
        without relations less confident than `min_confidence`. A store is read from its relation rows,
        without document texts (`with_texts` reads them)."""
        return self._load(since, until).at_least(self.min_confidence)

    def _load(self, since: str | None, until: str | None) -> Graph:
        if self.graph_file is not None:
            return _read_graph_file(self.graph_file)
        if self.paths:
            from ..api import extract
            return extract(self.paths, on_error=self._report)
        from ..store.corpus import Corpus
        with Corpus(self.db) as corpus:
            return corpus.relation_graph(since, until)

    def with_texts(self, graph: Graph) -> Graph:
        """`graph` with its documents' texts read from the store (graphs read from briefs hold them already)."""
        if self.graph_file is not None or self.paths:
            return graph
        from ..store.corpus import Corpus
        with Corpus(self.db) as corpus:
            for doc in graph.documents:
                doc.text = corpus.document_text(doc.id)
        return graph

    def quiet_collector(self):
        """A context for a command's whole run: a graph read from a store or a file, and what is found in
        it, are millions of small objects without cycles, alive until the process ends, that the cycle
        collector would only rescan (a second at 20,000 briefs), then once more when it restarts; so it is
        paused, and what exists at the end frozen. Extracting briefs makes garbage: it keeps the collector."""
        from ..cycles import paused_cycle_collection
        return contextlib.nullcontext() if self.paths else paused_cycle_collection(freeze_after=True)

    def _report(self, exc: BriefgraphError) -> None:
        self.failed += 1
        error(str(exc))

    def finish(self) -> None:
        if self.failed:
            raise typer.Exit(1)


def _read_graph_file(path: Path) -> Graph:
    try:
        return Graph.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BriefgraphError(f"{path}: not a readable graph JSON file ({exc})") from exc


def _emit(payload: dict, as_json: bool, text: str) -> None:
    with output_stream(None) as out:
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n" if as_json else text)


@app.command("analyze")
def analyze_cmd(paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None, as_json: JsonOpt = False,
                since: SinceOpt = None, until: UntilOpt = None, min_confidence: MinConfidenceOpt = 0.0) -> None:
    """Find camps, frustrated ties, cross-pressured actors, commitments and central actors.

    Example: briefgraph analyze briefs/taliban.txt --json
    """
    from ..analysis import analyze
    source = Source(paths, db, graph, min_confidence)
    with source.quiet_collector():
        with one_line_errors():
            findings = analyze(source.load(since, until), since, until)
        _emit(findings, as_json, analysis_text(findings))
    source.finish()


MaxDocumentsOpt = Annotated[int, typer.Option(
    "--max-documents", min=0, help="Embed every document's full text up to this many documents; beyond it, "
    "only the evidence sentences the report cites, with their documents and offsets.")]
MaxActorsOpt = Annotated[int, typer.Option(
    "--max-actors", min=1, help="Beyond this many connected actors, show the most connected and say so.")]
MaxRelationsOpt = Annotated[int, typer.Option(
    "--max-relations", min=1, help="Beyond this many relations, show the strongest and say so.")]


@app.command("report")
def report_cmd(paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None,
               output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
               title: Annotated[Optional[str], typer.Option("--title", help="The report's title.")] = None,
               since: SinceOpt = None, until: UntilOpt = None, min_confidence: MinConfidenceOpt = 0.0,
               max_documents: MaxDocumentsOpt = 200, max_actors: MaxActorsOpt = 1000,
               max_relations: MaxRelationsOpt = 10000) -> None:
    """Write one self-contained HTML report (works offline): interactive graph, evidence, findings.

    Large corpora are bounded so the page stays quick to open; the page says what it left out.

    Example: briefgraph report briefs/ --output report.html --max-documents 500
    """
    from ..report import ReportLimits, write_report
    limits = ReportLimits(max_documents=max_documents, max_actors=max_actors, max_relations=max_relations)
    source = Source(paths, db, graph, min_confidence)

    def write(loaded: Graph, path: Path, **options) -> Path:
        if limits.whole_texts(len(loaded.documents)):  # the page embeds them: read them
            loaded = source.with_texts(loaded)
        return write_report(loaded, path, limits=limits, **options)

    with source.quiet_collector():
        _write_file(write, source, output, title, since, until)


@app.command("plot")
def plot_cmd(paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None,
             output: Annotated[Path, typer.Option("--output", "-o", help="The picture to write: .png, .svg or .pdf.")] = Path("graph.png"),
             title: Annotated[Optional[str], typer.Option("--title", help="A title above the graph.")] = None,
             since: SinceOpt = None, until: UntilOpt = None) -> None:
    """Draw the signed actor graph as a PNG, SVG or PDF for slides.

    Example: briefgraph plot --db corpus.db --output graph.svg
    """
    from ..report import write_plot
    _write_file(write_plot, Source(paths, db, graph), output, title, since, until)


def _write_file(writer, source: "Source", output: Path, title: str | None, since: str | None, until: str | None) -> None:
    """Load the graph, hand it to a report or plot writer, say where the file went."""
    with one_line_errors():
        graph = source.load(since, until)
        if source.failed and not graph.documents:
            raise typer.Exit(1)  # no brief could be read: nothing is written
        path = writer(graph, output, title=title, since=since, until=until)
    typer.echo(f"wrote {shown(path)}")
    source.finish()


@app.command("whatif")
def whatif_cmd(paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None,
               edits: Annotated[list[str], typer.Option("--set", help="A scenario edit 'A -> B = -1' (1, -1, or 0 to remove the tie); repeatable.")] = [],
               as_json: JsonOpt = False, since: SinceOpt = None, until: UntilOpt = None) -> None:
    """Change ties hypothetically and see what moves: frustration, cross-pressure, triads. Nothing is stored.

    Example: briefgraph whatif --db corpus.db --set "Taliban -> al-Qaeda = -1"
    """
    from ..analysis import whatif
    if not edits:
        error("give at least one --set 'A -> B = -1'")
        raise typer.Exit(2)
    source = Source(paths, db, graph)
    with one_line_errors():
        result = whatif(source.load(since, until), edits, since, until)
    _emit(result, as_json, whatif_text(result))
    source.finish()


@app.command("diff")
def diff_cmd(paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None,
             since: Annotated[str, typer.Option("--since", help="Compare evidence dated before this day with evidence from it on.",
                                                callback=date_option("--since"))] = ...,
             until: UntilOpt = None, as_json: JsonOpt = False) -> None:
    """Show what changed from a date: new and removed ties, sign flips, actors entering or leaving.

    Example: briefgraph diff --since 2021-09-01 --db corpus.db
    """
    from ..analysis import diff_at, diff_dict
    source = Source(paths, db, graph)
    with one_line_errors():
        result = diff_dict(diff_at(source.load(), since, until))
    _emit(result, as_json, diff_text(result, since))
    source.finish()

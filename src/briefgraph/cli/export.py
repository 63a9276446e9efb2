"""`briefgraph export|import`: the graph in formats other tools open, and graph JSON back into a store."""
from __future__ import annotations

import shutil
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..export import FORMATS
from ..settings import db_path
from .analysis import GraphOpt, PathsArg, SinceOpt, Source, UntilOpt, _read_graph_file
from .app import app
from .common import DbOpt, one_line_errors

ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)


@app.command("export")
def export_cmd(
        fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="graphml, gexf (Gephi), csv or parquet "
                                                  "(a folder of tables), stix (STIX 2.1 bundle), ftm "
                                                  "(FollowTheMoney JSON lines), cypher (CREATE script).")],
        output: Annotated[Path, typer.Option("--output", "-o", help="The file to write, - for stdout; "
                                             "a folder for csv and parquet.")],
        paths: PathsArg = None, db: DbOpt = None, graph: GraphOpt = None,
        since: SinceOpt = None, until: UntilOpt = None,
        min_confidence: Annotated[Optional[float], typer.Option(
            "--min-confidence", help="Leave out relations whose confidence is below this (0 to 1).")] = None) -> None:
    """Export the actor graph for Gephi, spreadsheets, DuckDB, graph databases, STIX or Aleph.

    Example: briefgraph export --format graphml --db corpus.db --output graph.graphml
    """
    from ..export import export_graph
    source = Source(paths, db, graph)
    with one_line_errors():
        selected = export_graph(source.load(since, until), since, until, min_confidence)
        path = _write(selected, fmt.value, output)
    typer.echo(f"wrote {path} ({len(selected.actors)} actors, {len(selected.relations)} relations)",
               err=str(output) == "-")
    source.finish()


def _write(graph, fmt: str, output: Path) -> str:
    """Export to `output`; '-' writes a one-file format to stdout through a temporary file."""
    from ..errors import ExportError
    from ..export import export, exporter
    if str(output) != "-":
        return str(export(graph, fmt, output))
    if exporter(fmt).folder:
        raise ExportError(f"{fmt} writes a folder of tables; give --output FOLDER, not -")
    with tempfile.TemporaryDirectory(prefix="briefgraph-export-") as tmp:
        written = export(graph, fmt, Path(tmp) / f"out.{fmt}")
        with written.open("rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.flush()
    return "stdout"


@app.command("import")
def import_cmd(file: Annotated[Path, typer.Argument(metavar="GRAPH_JSON", help="A graph JSON file "
                                                    "(briefgraph extract --format json).")],
               db: DbOpt = None) -> None:
    """Bring a graph JSON into a store; documents already there are skipped, so importing twice is harmless.

    Example: briefgraph import graph.json --db corpus.db
    """
    from ..store.corpus import Corpus
    from ..store.imports import import_graph
    path = db_path(db)
    with one_line_errors():
        graph = _read_graph_file(file)
        with Corpus(path) as corpus:
            result = import_graph(corpus, graph)
    typer.echo(f"Imported {result.added} new document(s) into {path} ({result.skipped} already stored)")

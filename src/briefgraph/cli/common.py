"""Small helpers shared by the command modules: output files, errors, progress."""
from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Annotated, Iterator, Optional, TextIO

import typer

from ..errors import BriefgraphError, SettingsError
from ..names import one_line
from ..output import atomic_path

if TYPE_CHECKING:  # rich's console and progress bar load only for the commands that draw them
    from rich.console import Console
    from rich.progress import Progress


def error(message: str) -> None:
    """Print one clear error line to stderr (control characters escaped: a file name may hold any)."""
    typer.echo(f"error: {one_line(message)}", err=True)


@contextlib.contextmanager
def output_stream(output: str | None) -> Iterator[TextIO]:
    """Yield stdout for None or '-', else a file that appears (whole) only if the block succeeds."""
    if output in (None, "-"):
        yield sys.stdout
        return
    with atomic_path(output) as tmp, tmp.open("w", encoding="utf-8") as fh:
        yield fh


def date_option(option: str):
    """A Typer callback that turns a date option into an ISO day, or stops with one line naming the option."""
    def check(value: str | None) -> str | None:
        from ..read.dates import check_date  # here: importing `read` loads every reader
        try:
            return check_date(value, option)
        except SettingsError as exc:
            exit_on_error(exc)
    return check


def exit_on_error(exc: BriefgraphError) -> None:
    error(str(exc))
    raise typer.Exit(1)


MinConfidenceOpt = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Keep only relations whose confidence (0-1, how likely the extraction is right) reaches this.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, help="Worker processes that parse in parallel, each loading the model once "
    "(default: the number of cores; 1 parses in this process). The graph is the same for any number.")]
DbOpt = Annotated[Optional[str], typer.Option("--db", help="The store: a SQLite file or a postgresql://user@host/db URL "
                                              "(default: $BRIEFGRAPH_DB, else briefgraph.db).")]


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Library errors, and malformed dates or values, become one clear line and exit 1."""
    try:
        yield
    except BriefgraphError as exc:
        exit_on_error(exc)
    except ValueError as exc:
        exit_on_error(BriefgraphError(str(exc)))


def progress_bar(console: Console) -> Progress:
    """A pulsing bar that counts briefs on stderr (the total is unknown until folders are walked).
    Off when stderr is not a terminal: a log or a pipe gets the error lines and nothing else."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} read"), TimeElapsedColumn(), console=console, transient=True,
                    disable=not console.is_terminal)

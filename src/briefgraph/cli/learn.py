"""`briefgraph train`: rebuild the learned pair scorer from the shared gold briefs and labelled data."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app
from .common import one_line_errors

SHIPPED = Path(__file__).resolve().parents[1] / "learn" / "pairs.json"


@app.command("train")
def train_cmd(
    data: Path = typer.Option(Path("../shared"), "--data", help="The shared folder: briefs/ and gold/ "
                              "(the development set) and data/ (re3d, PLOVER, PETRARCH2)."),
    output: Path = typer.Option(SHIPPED, "--output", "-o", show_default=False,
                                help="Where to write the model (default: learn/pairs.json in the package, "
                                "the file extraction uses)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model to parse with (default: auto)."),
) -> None:
    """Train the pair scorer (seeded: the same data gives the same file) and write it.

    Example: briefgraph train --data ../shared --output pairs.json
    """
    from ..learn.build import train_from
    with one_line_errors():
        trained = train_from(data, model=model)
        trained.save(output)
    meta = trained.meta
    typer.echo(f"wrote {output}: {meta['relations']} relation pairs of {meta['examples']} candidate pairs "
               f"from {', '.join(f'{k} {v}' for k, v in meta['sources'].items())}")

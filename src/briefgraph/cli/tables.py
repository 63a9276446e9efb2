"""Plain-terminal tables of a graph's actors and relations."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from ..model import Graph, actor_confidence


def graph_tables(graph: Graph, out: TextIO) -> None:
    console = Console(file=out, width=160, highlight=False, markup=False, emoji=False)  # cells are brief text
    console.print(actor_table(graph))
    console.print(relation_table(graph))


def actor_table(graph: Graph, mentions: dict[str, int] | None = None) -> Table:
    """`mentions` gives each actor's number of mentions where its actors come without them (a store)."""
    count = (lambda a: mentions.get(a.id, 0)) if mentions is not None else (lambda a: len(a.mentions))
    table = Table(title=f"{len(graph.actors)} actors")
    for col in ("actor", "type", "aliases", "attributes", "mentions", "confidence"):
        table.add_column(col)
    for a in sorted(graph.actors, key=lambda a: -count(a)):
        attrs = ", ".join(f"{k}={v}" for k, v in a.attributes.items())
        table.add_row(a.name, a.type, ", ".join(a.aliases), attrs, str(count(a)), f"{actor_confidence(count(a)):.2f}")
    return table


def relation_table(graph: Graph) -> Table:
    names = {a.id: a.name for a in graph.actors}
    table = Table(title=f"{len(graph.relations)} relations")
    for col in ("source", "type", "sign", "target", "modality", "confidence", "evidence"):
        table.add_column(col, justify="right" if col == "confidence" else "left")
    for r in graph.relations:
        status = r.modality.status + (f" p={r.modality.probability}" if r.modality.probability is not None else "")
        first = r.evidence[0].text if r.evidence else ""
        table.add_row(names.get(r.source, r.source), r.type, f"{r.sign:+d}" if r.sign else "0", names.get(r.target, r.target),
                      status, f"{r.confidence:.2f}", _short(first) + (f" (+{len(r.evidence) - 1})" if len(r.evidence) > 1 else ""))
    return table


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Plain-terminal tables of a graph's actors and relations."""
from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table

from ..model import Graph, actor_confidence


def graph_tables(graph: Graph, out: TextIO) -> None:
    console = Console(file=out, width=160, highlight=False, markup=False, emoji=False)  # cells are brief text
    console.print(actor_table(graph))
    console.print(relation_table(graph))


def actor_table(graph: Graph, mentions: dict[str, int] | None = None) -> Table:
    """`mentions` gives each actor's number of mentions where its actors come without them (a store)."""
    count = (lambda a: mentions.get(a.id, 0)) if mentions is not None else (lambda a: len(a.mentions))
    table = PlainTable(title=f"{len(graph.actors)} actors")
    for col in ("actor", "type", "aliases", "attributes", "mentions", "confidence"):
        table.add_column(col)
    for a in sorted(graph.actors, key=lambda a: -count(a)):
        attrs = ", ".join(f"{k}={v}" for k, v in a.attributes.items())
        table.add_row(a.name, a.type, ", ".join(a.aliases), attrs, str(count(a)), f"{actor_confidence(count(a)):.2f}")
    return table


def relation_table(graph: Graph) -> Table:
    names = {a.id: a.name for a in graph.actors}
    table = PlainTable(title=f"{len(graph.relations)} relations")
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


class PlainTable(Table):
    """A rich `Table` that measures its columns of plain one-line text without rendering every cell.

    To lay a table out, rich renders each cell once just to measure it: most of the time of `actors` on
    a large store. A cell that is printable text without markup or emoji codes ('[' or ':') measures
    what `padded_width` computes from its characters, so such columns skip that; any other column, or a
    table not padded as rich pads by default, is measured by rich itself. Same output
    (tests/test_cli_tables.py compares the two on generated tables)."""

    def _measure_column(self, console: Console, options, column: Column) -> Measurement:
        cells = [column.header, *column.cells]
        if not (self._default_padding() and _flexible(column) and all(map(_plain, cells))):
            return super()._measure_column(console, options, column)
        width = options.max_width
        if width < 1:
            return Measurement(0, 0)
        measured = [padded_width(text, width) for text in set(cells)]
        return Measurement(max(m.minimum for m in measured), max(m.maximum for m in measured)).with_maximum(width)

    def _default_padding(self) -> bool:
        return tuple(self.padding) == (0, 1, 0, 1) and self.pad_edge and not self.collapse_padding \
            and not self.show_footer


def _flexible(column: Column) -> bool:
    return column.width is None and column.min_width is None and column.max_width is None


def _plain(cell) -> bool:
    return isinstance(cell, str) and cell.isprintable() and "[" not in cell and ":" not in cell


def padded_width(text: str, width: int) -> Measurement:
    """rich's measurement of one line of plain text padded by a space on each side, in `width` columns:
    the widest word to the whole line, each step clamped as `Measurement.get` and `Padding` clamp it."""
    if width < 1:
        return Measurement(0, 0)
    if width - 2 < 1:
        outer = Measurement(width, width)
    else:
        words, whole = text.split(), cell_len(text)
        inner = Measurement(max(map(cell_len, words)) if words else whole, whole).normalize().with_maximum(width)
        inner = Measurement(0, 0) if inner.maximum < 1 else inner.normalize()
        outer = Measurement(inner.minimum + 2, inner.maximum + 2).with_maximum(width)
    outer = outer.normalize().with_maximum(width)
    return Measurement(0, 0) if outer.maximum < 1 else outer.normalize()

"""A folder of CSV files (actors.csv, relations.csv, claims.csv), UTF-8, RFC 4180 quoting.

Lists and mappings are JSON text in their cell; empty cells are absent values.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..model import Graph
from .base import Exporter, ExportError, prepare
from .tables import ACTOR_COLUMNS, CLAIM_COLUMNS, RELATION_COLUMNS, actor_rows, as_text, claim_rows, relation_rows


class CSVExporter(Exporter):
    name = "csv"
    folder = True

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=True)
        for name, columns, rows in (("actors", ACTOR_COLUMNS, actor_rows(graph)),
                                    ("relations", RELATION_COLUMNS, relation_rows(graph)),
                                    ("claims", CLAIM_COLUMNS, claim_rows(graph))):
            _write_table(output / f"{name}.csv", columns, rows)
        return output


def _write_table(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: as_text(v) for k, v in row.items()} for row in rows)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from exc

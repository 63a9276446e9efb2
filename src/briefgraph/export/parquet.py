"""A folder of Parquet files (actors, relations, claims) with typed columns, through pyarrow."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Graph
from .base import Exporter, ExportError, prepare
from .tables import actor_rows, claim_rows, relation_rows


def _schemas(pa) -> dict:
    text, words = pa.string(), pa.list_(pa.string())
    return {
        "actors": pa.schema([("id", text), ("name", text), ("type", text), ("aliases", words),
                             ("attributes", pa.map_(text, text)), ("mentions", pa.int64())]),
        "relations": pa.schema([("id", text), ("source", text), ("source_name", text), ("type", text),
                                ("target", text), ("target_name", text), ("quad", text), ("sign", pa.int8()),
                                ("status", text), ("probability", pa.float64()), ("cues", words),
                                ("confidence", pa.float64()), ("evidence_count", pa.int64()),
                                ("first_date", pa.date32()), ("last_date", pa.date32())]),
        "claims": pa.schema([("relation_id", text), ("source", text), ("type", text), ("target", text),
                             ("status", text), ("doc_id", text), ("doc_path", text), ("doc_date", text),
                             ("start", pa.int64()), ("end", pa.int64()), ("text", text),
                             ("confidence", pa.float64())]),
    }


class ParquetExporter(Exporter):
    name = "parquet"
    folder = True

    def write(self, graph: Graph, output: Path) -> Path:
        import pyarrow as pa  # imported here: only this format pays for loading it
        import pyarrow.parquet as pq
        output = prepare(output, folder=True)
        rows = {"actors": [_map_attributes(r) for r in actor_rows(graph)],
                "relations": [_days(r) for r in relation_rows(graph)], "claims": claim_rows(graph)}
        for name, schema in _schemas(pa).items():
            try:
                pq.write_table(pa.Table.from_pylist(rows[name], schema=schema), output / f"{name}.parquet")
            except (OSError, pa.ArrowException) as exc:
                raise ExportError(f"{output / name}.parquet: cannot write: {exc}") from exc
        return output


def _map_attributes(row: dict) -> dict:
    # A map column holds strings; an attribute that is not one keeps its JSON form.
    row["attributes"] = [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in row["attributes"].items()]
    return row


def _days(row: dict) -> dict:
    import datetime as dt
    for key in ("first_date", "last_date"):
        row[key] = dt.date.fromisoformat(row[key]) if row[key] else None
    return row

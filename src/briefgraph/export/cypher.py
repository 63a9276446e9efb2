"""A Cypher script of CREATE statements, each ending in `;` (a text with a line break spans lines).

The script opens with the node and relationship tables that an embedded database with a typed
schema (Kùzu) needs; Neo4j, which has no such tables, skips the lines between the two `//` markers.
Actors are `Actor` nodes; each relation type is a relationship label (`ALLY_OF`, `ASSAULT`, ...).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from ..model import Graph
from .base import Exporter, ExportError, prepare
from .tables import actor_rows, document_dates, relation_row

SCHEMA_START = "// schema: for Kùzu (Neo4j: skip to the end-of-schema line)"
SCHEMA_END = "// end of schema"
_ACTOR_TYPES = {"id": "STRING", "name": "STRING", "type": "STRING", "aliases": "STRING[]",
                "attributes": "STRING", "mentions": "INT64"}
_RELATION_TYPES = {"id": "STRING", "quad": "STRING", "sign": "INT64", "status": "STRING",
                   "probability": "DOUBLE", "cues": "STRING[]", "confidence": "DOUBLE",
                   "evidence_count": "INT64", "first_date": "STRING", "last_date": "STRING",
                   "evidence": "STRING[]"}


def cypher_lines(graph: Graph) -> Iterator[str]:
    labels = sorted({label(r.type) for r in graph.relations})
    yield SCHEMA_START
    yield f"CREATE NODE TABLE Actor({_columns(_ACTOR_TYPES)}, PRIMARY KEY (id));"
    for name in labels:
        yield f"CREATE REL TABLE {name}(FROM Actor TO Actor, {_columns(_RELATION_TYPES)});"
    yield SCHEMA_END
    for row in actor_rows(graph):
        row["attributes"] = _json(row["attributes"])
        yield f"CREATE (:Actor {_properties(row)});"
    names, dates = {a.id: a.name for a in graph.actors}, document_dates(graph)
    for rel in graph.relations:
        row = relation_row(rel, names, dates)
        props = {k: row[k] for k in _RELATION_TYPES if k in row}
        props["evidence"] = [span.text for span in rel.evidence]
        yield (f"MATCH (a:Actor {{id: {literal(rel.source)}}}), (b:Actor {{id: {literal(rel.target)}}}) "
               f"CREATE (a)-[:{label(rel.type)} {_properties(props)}]->(b);")


def label(type_: str) -> str:
    """A relation type as a relationship label: letters, digits and underscores only."""
    return re.sub(r"\W", "_", type_.upper(), flags=re.ASCII) or "RELATED"


def literal(value: Any) -> str:
    """A Cypher literal; strings single-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    # Only backslash and quote are escaped: Kùzu reads no other escapes, and both databases take
    # line breaks inside a quoted string as they are.
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _properties(row: dict[str, Any]) -> str:
    # Absent values and empty lists are left out: they read back as NULL.
    parts = [f"{k}: {literal(v)}" for k, v in row.items() if v is not None and v != []]
    return "{" + ", ".join(parts) + "}"


def _columns(types: dict[str, str]) -> str:
    return ", ".join(f"{k} {t}" for k, t in types.items())


def _json(value: Any) -> str:
    import json
    return json.dumps(value, ensure_ascii=False)


class CypherExporter(Exporter):
    name = "cypher"

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=False)
        try:
            with output.open("w", encoding="utf-8") as fh:
                for line in cypher_lines(graph):
                    fh.write(line + "\n")
        except OSError as exc:
            raise ExportError(f"{output}: cannot write: {exc.strerror or exc}") from exc
        return output

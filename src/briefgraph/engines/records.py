"""One document's graph as flat columns (JSON of the graph contract's parts) and back, exactly.

Engines that move graphs between machines or through files use this, so what the writer stores is
what the per-document extraction returned: actors with their mentions, relations and claims.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Actor, Claim, Document, Graph, Relation

GRAPH_COLUMNS = ("actors", "relations", "claims")


def graph_columns(graph: Graph) -> dict[str, str]:
    parts = {"actors": graph.actors, "relations": graph.relations, "claims": graph.claims}
    return {name: json.dumps([item.to_dict() for item in items], ensure_ascii=False) for name, items in parts.items()}


def graph_from_columns(document: Document, row: dict[str, Any]) -> Graph | None:
    """The graph stored in `row`, or None when the document had no text to parse."""
    if row.get("actors") is None:
        return None
    return Graph([document], [Actor.from_dict(a) for a in json.loads(row["actors"])],
                 [Relation.from_dict(r) for r in json.loads(row["relations"])],
                 [Claim.from_dict(c) for c in json.loads(row["claims"])])

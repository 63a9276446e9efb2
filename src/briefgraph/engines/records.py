"""One document's graph as flat columns (JSON of its actors and claims) and back, exactly.

Engines that move graphs between machines or through files use this, so what the writer stores is
what the per-document extraction returned: actors with their mentions, and claims. Relations are
rebuilt from the claims as the extraction builds them (`model.aggregate`), not read back from JSON,
whose contract rounds them for display.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Actor, Claim, Document, Graph, aggregate

GRAPH_COLUMNS = ("actors", "claims")


def graph_columns(graph: Graph) -> dict[str, str]:
    parts = {"actors": graph.actors, "claims": graph.claims}
    return {name: json.dumps([item.to_dict() for item in items], ensure_ascii=False) for name, items in parts.items()}


def graph_from_columns(document: Document, row: dict[str, Any]) -> Graph | None:
    """The graph stored in `row`, or None when the document had no text to parse."""
    if row.get("actors") is None:
        return None
    claims = [Claim.from_dict(c) for c in json.loads(row["claims"])]
    return Graph([document], [Actor.from_dict(a) for a in json.loads(row["actors"])], aggregate(claims), claims)

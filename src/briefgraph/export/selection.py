"""The one place where the graph to export is chosen: a date window, then a confidence floor.

Every exporter receives the graph this returns, so a later filter (such as review decisions)
is added here once and applies to every format.
"""
from __future__ import annotations

from ..analysis.network import windowed
from ..errors import ExportError
from ..model import Graph


def export_graph(graph: Graph, since: str | None = None, until: str | None = None,
                 min_confidence: float | None = None) -> Graph:
    """`graph` seen through [since, until], without relations (and their claims) below `min_confidence`."""
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise ExportError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    graph = windowed(graph, since, until)
    if not min_confidence:
        return graph
    relations = [r for r in graph.relations if r.confidence >= min_confidence]
    kept = {(r.source, r.type, r.target, r.modality.status) for r in relations}
    claims = [c for c in graph.claims if c.key in kept]
    return Graph(graph.documents, graph.actors, relations, claims)

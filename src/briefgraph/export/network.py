"""GraphML and GEXF through networkx's writers: actors as nodes, relations as edges (opens in Gephi).

Lists and mappings (aliases, attributes, cues, evidence sentences) are JSON text in one attribute,
since neither format has list values; absent values (no probability, no date) are left out.
The relation type is the edge's `relation` (and its label): GEXF reserves an edge's `type`.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..model import Graph
from .base import Exporter, prepare
from .tables import actor_rows, as_text, document_dates, relation_row


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """One node per actor and one keyed edge per relation, every attribute a scalar."""
    g = nx.MultiDiGraph()
    for row in actor_rows(graph):
        g.add_node(row["id"], label=row["name"], **_scalars(row))
    names = {a.id: a.name for a in graph.actors}
    dates = document_dates(graph)
    for rel in graph.relations:
        row = relation_row(rel, names, dates)
        row["relation"] = row.pop("type")  # GEXF keeps `type` on an edge for directed/undirected
        row["evidence"] = [span.text for span in rel.evidence]
        g.add_edge(rel.source, rel.target, key=rel.id, label=rel.type, **_scalars(row))
    return g


def _scalars(row: dict) -> dict:
    return {k: as_text(v) for k, v in row.items() if v is not None}


class GraphMLExporter(Exporter):
    name = "graphml"

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=False)
        nx.write_graphml(to_networkx(graph), output, encoding="utf-8")
        return output


class GEXFExporter(Exporter):
    name = "gexf"

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=False)
        nx.write_gexf(to_networkx(graph), output, encoding="utf-8")
        return output

"""The data the report's script reads: actors, edges and relations as compact arrays.

Layout (also documented at the top of assets/report.js):
- actors[i] = {id, name, type, aliases, attributes, degree, camp, pressure, explanation}
- edges[j] = [source index, target index, sign, weight, style (0 factual, 1 uncertain, 2 unreal)]
- relations[k] = [source index, target index, type, sign, status, [[doc index, mark id, text], ...],
                  drawn (1 when the relation is part of the signed network the graph view draws),
                  status weight, confidence in [0, 1](, evidence sentences left out, when there are any)]
- docs[d] = {title, path, date}: the documents of the documents section, in its order
Past the report's bounds (bounds.py) only the selected actors and relations are listed, and an edge
only when at least one of its relations is.
The graph view (graph.bundle.js, docs/GRAPH-VIEW.md) is given the drawn relations; it lays the
actors out itself.
"""
from __future__ import annotations

import json

from ..analysis.network import Network, pair_key, status_weight
from ..model import Actor
from .bounds import Selection
from .documents import Highlighted

STYLE_CODES = {"factual": 0, "uncertain": 1, "unreal": 2}


def _camp_of(findings: dict) -> dict[str, int]:
    return {a: side for side, ids in enumerate(findings["balance"]["camp_ids"]) for a in ids}


def _actor_rows(actors: list[Actor], findings: dict) -> list[dict]:
    camp = _camp_of(findings)
    pressure = {p["id"]: p for p in findings["cross_pressure"]}
    degree = {c["id"]: c["degree"] for c in findings["centrality"]["actors"]}
    rows = []
    for a in actors:
        p = pressure.get(a.id, {})
        rows.append({"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
                     "attributes": dict(a.attributes), "degree": degree.get(a.id, 0.0),
                     "camp": camp.get(a.id), "pressure": p.get("score", 0.0), "explanation": p.get("explanation", "")})
    return rows


def _evidence(spans, doc_index: dict[str, int], highlighted: list[Highlighted]) -> list[list]:
    out = []
    for span in spans:
        d = doc_index.get(span.doc)
        mark = highlighted[d].anchors.get((span.start, span.end), "") if d is not None else ""
        out.append([d if d is not None else -1, mark, span.text])
    return out


def _relation_row(r, index: dict[str, int], net: Network, selection: Selection, doc_index: dict[str, int],
                  highlighted: list[Highlighted]) -> list:
    shown = selection.shown(r)
    drawn = pair_key(r.source, r.target) in net.edges  # an edge holds every relation of its pair
    row = [index[r.source], index[r.target], r.type, r.sign, r.modality.status,
           _evidence(shown, doc_index, highlighted), int(drawn),
           status_weight(r.modality.status), round(r.confidence, 3)]
    if len(shown) < len(r.evidence):
        row.append(len(r.evidence) - len(shown))
    return row


def payload(net: Network, findings: dict, selection: Selection, highlighted: list[Highlighted]) -> dict:
    """The page's data for the selected actors and relations; `highlighted` is the documents section."""
    index = {a.id: i for i, a in enumerate(selection.actors)}
    doc_index = {h.document.id: i for i, h in enumerate(highlighted)}
    pairs = {pair_key(r.source, r.target) for r in selection.relations}
    edges = [[index[e.a], index[e.b], e.sign, round(e.weight, 3), STYLE_CODES[e.style()]]
             for key, e in net.edges.items() if key in pairs]
    relations = [_relation_row(r, index, net, selection, doc_index, highlighted) for r in selection.relations]
    docs = [{"title": d.title or d.path, "path": d.path, "date": d.date} for d in (h.document for h in highlighted)]
    return {"actors": _actor_rows(selection.actors, findings), "edges": edges,
            "relations": relations, "docs": docs}


def script_json(data: dict) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' characters left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

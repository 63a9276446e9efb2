"""A STIX 2.1 bundle through the `stix2` library.

Each actor is one object: armed groups are `threat-actor`s; states and places whose name is a
country are `location`s with its ISO code (STIX wants a country, region or coordinates); everyone
else an `identity` (a state or organisation as an organisation, a person as an individual, a people or
collective as a group, any other place as class `unknown`). Each relation is a `relationship` whose `confidence` (0-100) joins how firmly
the text states it with how sure the extraction is; each evidence sentence is a `note` on it, and each
brief a `report`. What STIX has no property for is kept in `x_briefgraph_*` properties.
Ids are UUIDv5 of briefgraph's own ids, so exporting the same graph again gives the same ids.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

from ..model import Actor, Document, Graph, Relation, Span
from .base import Exporter, ExportError, prepare
from .countries import country_code
from .tables import document_dates, relation_row

NAMESPACE = uuid.UUID("3c1f6a52-8f0e-4d6b-9a53-5b7e2f1d0c44")  # briefgraph's own, fixed forever

# How likely a relation is to hold, given only how the text states it. An ICD 203 probability,
# where the text gives one, replaces this; negated and hypothetical relations are not held to be true.
STATUS_LIKELIHOOD = {"asserted": 1.0, "certain": 1.0, "reported": 0.7, "probable": 0.7, "possible": 0.4,
                     "unlikely": 0.2, "hypothetical": 0.0, "negated": 0.0}
IDENTITY_CLASS = {"state": "organization", "organization": "organization", "igo": "organization",
                  "person": "individual", "collective": "group", "ethnic_group": "group"}
SECTORS = {"state": ["government-national"]}
# STIX names for the relation types it has a word for; others become their own lower-case name.
RELATIONSHIP_TYPE = {"BASED_IN": "located-at", "ASSAULT": "targets"}


def stix_confidence(rel: Relation) -> int:
    """0-100: the chance the text gives the relation, times the extraction's confidence in reading it."""
    likelihood = STATUS_LIKELIHOOD.get(rel.modality.status, 0.0)
    if rel.modality.probability is not None and likelihood > 0:
        likelihood = rel.modality.probability
    return round(100 * likelihood * min(max(rel.confidence, 0.0), 1.0))


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


class _Builder:
    """Builds the bundle's objects; `ids` maps each actor id to its STIX object id."""

    def __init__(self, graph: Graph, now: dt.datetime):
        import stix2
        self.stix2, self.graph, self.now = stix2, graph, now
        self.ids: dict[str, str] = {}
        self.relationship_ids: dict[str, str] = {}
        self.notes_by_doc: dict[str, list[str]] = {}
        self.by_doc: dict[str, list[str]] | None = None  # document id -> actor and relationship ids

    def objects(self) -> list[Any]:
        actors = [self.actor(a) for a in self.graph.actors]
        names, dates = {a.id: a.name for a in self.graph.actors}, document_dates(self.graph)
        relationships, notes = [], []
        for rel in self.graph.relations:
            relationships.append(self.relationship(rel, relation_row(rel, names, dates)))
            notes += [self.note(rel, span) for span in rel.evidence]
        reports = [r for r in (self.report(d) for d in self.graph.documents) if r is not None]
        return [*actors, *relationships, *notes, *reports]

    def _common(self, kind: str, key: str) -> dict[str, Any]:
        return {"id": stix_id(kind, key), "created": self.now, "modified": self.now, "allow_custom": True}

    def actor(self, a: Actor):
        extra = {"x_briefgraph_id": a.id, "x_briefgraph_type": a.type, "x_briefgraph_attributes": dict(a.attributes)}
        if a.type == "armed_group":
            obj = self.stix2.ThreatActor(name=a.name, aliases=list(a.aliases) or None,
                                         **self._common("threat-actor", a.id), **extra)
        elif country_code(a):
            obj = self.stix2.Location(name=a.name, country=country_code(a), x_briefgraph_aliases=list(a.aliases),
                                      **self._common("location", a.id), **extra)
        else:
            obj = self.stix2.Identity(name=a.name, identity_class=IDENTITY_CLASS.get(a.type, "unknown"),
                                      sectors=SECTORS.get(a.type), x_briefgraph_aliases=list(a.aliases),
                                      **self._common("identity", a.id), **extra)
        self.ids[a.id] = obj.id
        return obj

    def relationship(self, rel: Relation, row: dict[str, Any]):
        obj = self.stix2.Relationship(
            source_ref=self.ids[rel.source], target_ref=self.ids[rel.target],
            relationship_type=RELATIONSHIP_TYPE.get(rel.type, rel.type.lower().replace("_", "-")),
            confidence=stix_confidence(rel), description=rel.evidence[0].text if rel.evidence else None,
            x_briefgraph_id=rel.id, x_briefgraph_type=rel.type, x_briefgraph_quad=rel.quad,
            x_briefgraph_sign=rel.sign, x_briefgraph_status=rel.modality.status,
            x_briefgraph_probability=rel.modality.probability, x_briefgraph_cues=list(rel.modality.cues),
            x_briefgraph_confidence=row["confidence"], x_briefgraph_first_date=row["first_date"],
            x_briefgraph_last_date=row["last_date"], **self._common("relationship", rel.id))
        self.relationship_ids[rel.id] = obj.id
        return obj

    def note(self, rel: Relation, span: Span):
        key = f"{rel.id}|{span.doc}|{span.start}|{span.end}"
        obj = self.stix2.Note(content=span.text, abstract=f"evidence: {rel.type}",
                              object_refs=[self.relationship_ids[rel.id]],
                              x_briefgraph_doc=span.doc, x_briefgraph_start=span.start,
                              x_briefgraph_end=span.end, **self._common("note", key))
        self.notes_by_doc.setdefault(span.doc, []).append(obj.id)
        return obj

    def report(self, doc: Document):
        refs = self._mentioned(doc) + self.notes_by_doc.get(doc.id, [])
        if not refs:
            return None  # STIX reports must refer to something
        return self.stix2.Report(name=doc.title or doc.path, published=_published(doc, self.now),
                                 report_types=["threat-report"], object_refs=refs,
                                 x_briefgraph_doc=doc.id, x_briefgraph_path=doc.path,
                                 **self._common("report", doc.id))

    def _mentioned(self, doc: Document) -> list[str]:
        """The actors the brief names and the relationships it gives evidence for."""
        if self.by_doc is None:
            self.by_doc = {}
            for a in self.graph.actors:
                for doc_id in dict.fromkeys(m.doc for m in a.mentions):
                    self.by_doc.setdefault(doc_id, []).append(self.ids[a.id])
            for r in self.graph.relations:
                for doc_id in dict.fromkeys(e.doc for e in r.evidence):
                    self.by_doc.setdefault(doc_id, []).append(self.relationship_ids[r.id])
        return self.by_doc.get(doc.id, [])


def _published(doc: Document, now: dt.datetime) -> dt.datetime:
    if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date):
        return dt.datetime.fromisoformat(doc.date).replace(tzinfo=dt.timezone.utc)
    return now  # undated brief: published when exported


def bundle(graph: Graph, now: dt.datetime | None = None):
    """The graph as a `stix2.Bundle`."""
    import stix2
    now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return stix2.Bundle(objects=_Builder(graph, now).objects(), allow_custom=True)


class STIXExporter(Exporter):
    name = "stix"

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=False)
        # stix2's own pretty printing is quadratic in the bundle's size; indent its compact form instead.
        text = json.dumps(json.loads(bundle(graph).serialize(ensure_ascii=False)), ensure_ascii=False, indent=1)
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"{output}: cannot write: {exc.strerror or exc}") from exc
        return output

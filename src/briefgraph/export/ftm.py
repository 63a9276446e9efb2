"""FollowTheMoney entities as JSON lines, through the `followthemoney` library (extra `briefgraph[ftm]`).

Actors: a person is a `Person`; a state a `PublicBody` (its government acting) with its country code
where known; any other place a `Territory`; every other actor an `Organization`. Relations: membership
and affiliation are `Membership`, leadership is `Directorship` (where the ends fit those schemata),
every other tie an `UnknownLink` whose `role` is the relation type. Each relation carries its
evidence sentences as `description` and its modality, sign and confidence in `summary`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..model import Actor, Graph, Relation
from .base import Exporter, ExportError, prepare, require
from .countries import country_code
from .tables import date_range, document_dates

ACTOR_SCHEMA = {"person": "Person", "state": "PublicBody", "place": "Territory"}
# relation type -> (schema, property for the source, property for the target)
LINK_SCHEMA = {"MEMBER_OF": ("Membership", "member", "organization"),
               "AFFILIATE_OF": ("Membership", "member", "organization"),
               "LEADER_OF": ("Directorship", "director", "organization")}
UNKNOWN_LINK = ("UnknownLink", "subject", "object")


def entities(graph: Graph) -> Iterator[Any]:
    """Every actor, then every relation, as a followthemoney entity proxy."""
    model = require("followthemoney", "ftm").model
    proxies = {a.id: _actor(model, a) for a in graph.actors}
    yield from proxies.values()
    dates = document_dates(graph)
    for rel in graph.relations:
        yield _link(model, rel, proxies, dates)


def _actor(model, a: Actor):
    proxy = model.make_entity(ACTOR_SCHEMA.get(a.type, "Organization"))
    proxy.make_id("briefgraph", a.id)
    proxy.add("name", a.name)
    proxy.add("alias", list(a.aliases))
    code = country_code(a)
    if code:
        proxy.add("jurisdiction" if a.type == "state" else "country", code.lower())
    proxy.add("notes", [f"{k}: {v}" for k, v in a.attributes.items()])
    proxy.add("keywords", a.type)
    return proxy


def _link(model, rel: Relation, proxies: dict, dates: dict[str, str]):
    schema_name, source_prop, target_prop = _link_schema(model, rel, proxies)
    proxy = model.make_entity(schema_name)
    proxy.make_id("briefgraph", rel.id)
    proxy.add(source_prop, proxies[rel.source].id)
    proxy.add(target_prop, proxies[rel.target].id)
    proxy.add("role", rel.type)
    proxy.add("status", rel.modality.status)
    proxy.add("recordId", rel.id)
    proxy.add("description", [span.text for span in rel.evidence])
    proxy.add("summary", _summary(rel))
    first, last = date_range(rel.evidence, dates)
    proxy.add("startDate", first)
    proxy.add("endDate", last)
    return proxy


def _link_schema(model, rel: Relation, proxies: dict) -> tuple[str, str, str]:
    """The specific schema where both ends are of the types it links, else UnknownLink."""
    name, source_prop, target_prop = LINK_SCHEMA.get(rel.type, UNKNOWN_LINK)
    schema = model.get(name)
    fits = (proxies[rel.source].schema.is_a(schema.get(source_prop).range)
            and proxies[rel.target].schema.is_a(schema.get(target_prop).range))
    return (name, source_prop, target_prop) if fits else UNKNOWN_LINK


def _summary(rel: Relation) -> str:
    probability = "" if rel.modality.probability is None else f", probability {rel.modality.probability:g}"
    return (f"{rel.type} ({rel.quad}, sign {rel.sign:+d}), {rel.modality.status}{probability}, "
            f"confidence {rel.confidence:.2f}, {len(rel.evidence)} evidence sentence(s)")


class FtMExporter(Exporter):
    name = "ftm"

    def write(self, graph: Graph, output: Path) -> Path:
        output = prepare(output, folder=False)
        lines = [json.dumps(p.to_dict(), ensure_ascii=False) for p in entities(graph)]
        try:
            output.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"{output}: cannot write: {exc.strerror or exc}") from exc
        return output

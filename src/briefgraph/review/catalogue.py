"""The user catalogue: known actors an analyst adds, in the format of ontology/actors.yaml.

Extraction reads it beside the shipped gazetteer when given (`briefgraph add --catalog FILE` or
$BRIEFGRAPH_CATALOG), so a name the package does not know is found in every brief added from then on.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..errors import ReviewError
from ..model import ACTOR_TYPES, name_key
from ..settings import catalog_path

DEFAULT_CATALOGUE = "actors.user.yaml"


def catalogue_path(explicit: str | os.PathLike | None = None) -> Path:
    """The catalogue file: the explicit path, else $BRIEFGRAPH_CATALOG, else actors.user.yaml here."""
    return Path(explicit or catalog_path() or DEFAULT_CATALOGUE)


def read_entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise ReviewError(f"{path}: not a readable catalogue ({exc})") from exc
    if not isinstance(data, list):
        raise ReviewError(f"{path}: expected a list of actor entries")
    return data


def add_entry(path: str | os.PathLike, name: str, type_: str, aliases: list[str]) -> dict:
    """Append one actor to the catalogue at `path` (created if missing) and return the entry."""
    target = Path(path)
    name = name.strip()
    if not name_key(name):
        raise ReviewError("a catalogue entry needs a name")
    if type_ not in ACTOR_TYPES:
        raise ReviewError(f"unknown actor type {type_!r}: one of {', '.join(ACTOR_TYPES)}")
    entries = read_entries(target)
    if any(name_key(str(e.get("name", ""))) == name_key(name) for e in entries if isinstance(e, dict)):
        raise ReviewError(f"{target}: {name} is already in the catalogue")
    entry = {"name": name, "type": type_}
    if aliases:
        entry["aliases"] = [a.strip() for a in aliases if a.strip()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(entries + [entry], allow_unicode=True, sort_keys=False), encoding="utf-8")
    except OSError as exc:
        raise ReviewError(f"{target}: cannot write the catalogue ({exc})") from exc
    return entry

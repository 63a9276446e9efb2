"""The known-actor gazetteer (ontology/actors.yaml) and its longest-match lookup over token spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import OntologyError
from ..model import ACTOR_TYPES, name_key

MAX_NAME_TOKENS = 12


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None


@dataclass
class Gazetteer:
    """Names, aliases, demonyms and capitals (case-insensitive) and acronyms (case-sensitive)."""
    entries: list[Entry]
    by_key: dict[str, tuple[Entry, str]] = field(default_factory=dict)
    by_acronym: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.entries:
            self._index(e)

    def _index(self, e: Entry) -> None:
        # The first entry to claim a key keeps it: the YAML lists the common reading first.
        for kind, names in (("name", (e.name, *e.aliases)), ("demonym", e.demonyms),
                            ("capital", (e.capital,) if e.capital else ())):
            for n in names:
                self.by_key.setdefault(name_key(n), (e, kind))
        for a in e.acronyms:
            self.by_acronym.setdefault(a, e)

    def lookup(self, text: str) -> tuple[Entry, str] | None:
        """The entry a surface form names, with how it names it (name, acronym, demonym, capital)."""
        if text in self.by_acronym:
            return self.by_acronym[text], "acronym"
        if text.isupper() and len(text.replace(".", "")) <= 3:
            return None  # an unknown all-caps short form must not match a name case-insensitively
        found = self.by_key.get(name_key(text))
        if found is None and text.endswith("s") and text[:1].isupper():
            singular = self.by_key.get(name_key(text[:-1]))  # "Iraqis": the people of a demonym
            if singular and singular[1] == "demonym":
                return singular[0], "people"
        return found

    def get(self, name: str) -> Entry | None:
        hit = self.by_key.get(name_key(name))
        return hit[0] if hit and hit[1] == "name" else None


def _entry(raw: dict) -> Entry:
    if not isinstance(raw, dict) or "name" not in raw or raw.get("type") not in ACTOR_TYPES:
        raise OntologyError(f"actors.yaml: bad entry {raw!r}: needs a name and a type in {ACTOR_TYPES}")
    tup = lambda k: tuple(str(x) for x in (raw.get(k) or ()))  # noqa: E731
    return Entry(str(raw["name"]), raw["type"], tup("aliases"), tup("acronyms"), tup("demonyms"),
                 raw.get("capital") or None)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load the gazetteer from `path`, or the one shipped in the package plus the user catalogue."""
    if path is None:
        from ..review.catalogue import catalogue_path
        user = catalogue_path()
        return _packaged(str(user) if user.is_file() else None)
    return Gazetteer(_entries(Path(path).read_text(encoding="utf-8"), str(path)))


@lru_cache(maxsize=4)
def _packaged(user_catalogue: str | None = None) -> Gazetteer:
    text = (resources.files("briefgraph") / "ontology" / "actors.yaml").read_text(encoding="utf-8")
    entries = _entries(text, "actors.yaml")
    if user_catalogue:  # after the packaged entries: a packaged reading of a name keeps it
        entries += _entries(Path(user_catalogue).read_text(encoding="utf-8"), user_catalogue)
    return Gazetteer(entries)


def _entries(text: str, where: str) -> list[Entry]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OntologyError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, list):
        raise OntologyError(f"{where}: expected a list of actor entries")
    return [_entry(raw) for raw in data]

"""The known-actor gazetteer (ontology/actors.yaml) and its longest-match lookup over token spans."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import OntologyError
from ..model import ACTOR_TYPES, name_key
from .lexicon import safe_load

MAX_NAME_TOKENS = 12
MIDDLE_INITIAL = re.compile(r"(?<=[a-z]) [A-Z]\. (?=[A-Z])")


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    state: str | None = None  # a person's: the state whose offices they hold or held


@dataclass
class Gazetteer:
    """Names, aliases, demonyms and capitals (case-insensitive) and acronyms (case-sensitive)."""
    entries: list[Entry]
    by_key: dict[str, tuple[Entry, str]] = field(default_factory=dict)
    by_acronym: dict[str, Entry] = field(default_factory=dict)
    by_exact: dict[str, Entry] = field(default_factory=dict)  # short designations as written ("M23")

    def __post_init__(self) -> None:
        for e in self.entries:
            self._index(e)

    def _index(self, e: Entry) -> None:
        # The first entry to claim a key keeps it: the YAML lists the common reading first.
        for kind, names in (("name", (e.name, *e.aliases)), ("demonym", e.demonyms),
                            ("capital", (e.capital,) if e.capital else ())):
            for n in names:
                self.by_key.setdefault(name_key(n), (e, kind))
                if kind == "name" and _short_designation(n):
                    self.by_exact.setdefault(n, e)
        for a in e.acronyms:
            self.by_acronym.setdefault(a, e)

    def lookup(self, text: str) -> tuple[Entry, str] | None:
        """The entry a surface form names, with how it names it (name, acronym, demonym, capital)."""
        if text in self.by_acronym:
            return self.by_acronym[text], "acronym"
        if text in self.by_exact:
            return self.by_exact[text], "name"
        if text.isupper() and len(text.replace(".", "")) <= 3:
            return None  # an unknown all-caps short form must not match a name case-insensitively
        found = self.by_key.get(name_key(text))
        if found is None and MIDDLE_INITIAL.search(text):  # "Donald J. Trump"
            found = self.by_key.get(name_key(MIDDLE_INITIAL.sub(" ", text)))
        if found is None and text.endswith("s") and text[:1].isupper():
            singular = self.by_key.get(name_key(text[:-1]))  # "Iraqis": the people of a demonym
            if singular and singular[1] == "demonym":
                return singular[0], "people"
        return found

    def get(self, name: str) -> Entry | None:
        hit = self.by_key.get(name_key(name))
        return hit[0] if hit and hit[1] == "name" else None


def _short_designation(name: str) -> bool:
    """'M23', 'FDLR-FOCA': a catalogue name written in capitals (and digits) that only matches as written."""
    return name.upper() == name and any(c.isalpha() for c in name) and len(name.replace(".", "")) <= 5


def _entry(raw: dict) -> Entry:
    if not isinstance(raw, dict) or "name" not in raw or raw.get("type") not in ACTOR_TYPES:
        raise OntologyError(f"actors.yaml: bad entry {raw!r}: needs a name and a type in {ACTOR_TYPES}")
    tup = lambda k: tuple(str(x) for x in (raw.get(k) or ()))  # noqa: E731
    return Entry(str(raw["name"]), raw["type"], tup("aliases"), tup("acronyms"), tup("demonyms"),
                 raw.get("capital") or None, raw.get("state") or None)


def load_gazetteer(path: str | Path | None = None, catalog: str | Path | None = None) -> Gazetteer:
    """Load the gazetteer from `path`, or the one shipped in the package; a user `catalog` (same
    format) adds entries, and an entry with the name of a shipped one replaces it."""
    base = _packaged() if path is None else _from_file(path)
    if catalog is None:
        return base
    return _with_catalog(base, _from_file(catalog))


def _from_file(path: str | Path) -> Gazetteer:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OntologyError(f"{path}: cannot read the actor catalogue ({exc.__class__.__name__})") from None
    return _from_text(text, str(path))


def _with_catalog(base: Gazetteer, user: Gazetteer) -> Gazetteer:
    # User entries come first, so their names, aliases and acronyms win every key they share.
    replaced = {name_key(e.name) for e in user.entries}
    return Gazetteer(list(user.entries) + [e for e in base.entries if name_key(e.name) not in replaced])


@lru_cache(maxsize=1)
def _packaged() -> Gazetteer:
    text = (resources.files("briefgraph") / "ontology" / "actors.yaml").read_text(encoding="utf-8")
    return _from_text(text, "actors.yaml")


def _from_text(text: str, where: str) -> Gazetteer:
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise OntologyError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, list):
        raise OntologyError(f"{where}: expected a list of actor entries")
    return Gazetteer([_entry(raw) for raw in data])

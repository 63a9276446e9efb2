"""Loads the ontology YAML files shipped as data (mentions, events, modality) once per process."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ..errors import OntologyError


# libyaml's parser where PyYAML was built with it: the same data, read several times faster (the catalogue
# alone took most of a second), which every process that extracts pays once, every --jobs worker included.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """`yaml.safe_load`, through libyaml when it is there."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed `ontology/<name>.yaml` mapping."""
    try:
        text = (resources.files("briefgraph") / "ontology" / f"{name}.yaml").read_text(encoding="utf-8")
        data = safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise OntologyError(f"ontology/{name}.yaml cannot be loaded: {exc}") from exc
    if not isinstance(data, dict):
        raise OntologyError(f"ontology/{name}.yaml: expected a mapping at the top level")
    return data


@lru_cache(maxsize=None)
def word_set(name: str, key: str, lower: bool = True) -> frozenset[str]:
    """One list of `ontology/<name>.yaml` as a set, lower-cased unless `lower` is False."""
    items = load(name).get(key) or []
    return frozenset(str(x).lower() if lower else str(x) for x in items)

"""CAMEO event codes to PLOVER event types, and CAMEO actor codes to country names.

The shipped mapping is `ontology/cameo_plover.yaml`. An upstream conversion table
(lines such as `0841: RETREAT, release, legal # comment`) can replace its event codes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..errors import EvaluationError

TABLE_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Za-z_]+)")


@dataclass
class CameoMap:
    codes: dict[str, str | None]
    countries: dict[str, list[str]] = field(default_factory=dict)
    origin: str = "shipped"

    def plover_type(self, code: str) -> str | None:
        """The PLOVER type of a CAMEO event code by its longest listed prefix; None when unmapped."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.codes:
                return self.codes[code[:n]]
        return None

    def country_names(self, actor_code: str) -> list[str]:
        """Names for the country an actor code starts with; [] for codes without a known country."""
        return list(self.countries.get(actor_code[:3].upper(), []))


def _shipped() -> dict:
    text = resources.files("briefgraph").joinpath("ontology/cameo_plover.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise EvaluationError("ontology/cameo_plover.yaml: expected a 'codes' mapping")
    return data


def parse_table(text: str) -> dict[str, str]:
    """Event codes from a CAMEO-to-PLOVER conversion table; the first line for a code wins."""
    codes: dict[str, str] = {}
    for line in text.splitlines():
        m = TABLE_LINE.match(line.split("#", 1)[0])
        if m and m.group(1) not in codes:
            codes[m.group(1)] = m.group(2).upper()
    return codes


def load_cameo_map(path: str | Path | None = None) -> CameoMap:
    """The shipped mapping, or its country names with event codes read from a conversion table."""
    data = _shipped()
    countries = {str(k): [str(n) for n in v] for k, v in (data.get("countries") or {}).items()}
    if path is None:
        return CameoMap({str(k): v for k, v in data["codes"].items()}, countries)
    try:
        codes = parse_table(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    if not codes:
        raise EvaluationError(f"{path}: no 'CODE: TYPE' lines found")
    return CameoMap(codes, countries, origin=str(path))

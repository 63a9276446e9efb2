"""ISO 3166-1 alpha-2 codes for states and places named like a country, from Babel's English names."""
from __future__ import annotations

from functools import lru_cache

from ..model import Actor, name_key


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    from babel import Locale
    territories = Locale("en").territories
    # Two letters are countries; three digits are world regions, and a few codes are groupings.
    return {name_key(name): code for code, name in territories.items()
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}}


def country_code(actor: Actor) -> str | None:
    """The code of the country any of the actor's names names, for states and places only."""
    if actor.type not in ("state", "place"):
        return None
    codes = _codes()
    return next((codes[k] for k in map(name_key, actor.names()) if k in codes), None)

"""Dates found in files or given on the command line, normalised to ISO yyyy-mm-dd."""
from __future__ import annotations

import re
from datetime import date, datetime

# Day-first and month-first spellings common in briefs; purely numeric d/m/y is ambiguous and left alone.
_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
            "%B %d %Y", "%b %d %Y", "%d %B, %Y")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.I)


def normalise_date(value: object) -> str | None:
    """The ISO date for `value` when it can be parsed; otherwise the value as written (None when blank)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    written = str(value).strip()
    return _parse(written) or written or None


def _parse(written: str) -> str | None:
    try:
        return datetime.fromisoformat(written).date().isoformat()
    except ValueError:
        pass
    plain = _ORDINAL.sub("", written)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(plain, fmt).date().isoformat()
        except ValueError:
            continue
    return None

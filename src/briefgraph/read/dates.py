"""Dates found in files or given on the command line, normalised to ISO yyyy-mm-dd."""
from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import SettingsError

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


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WRITTEN = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
            r"|\d{4}-\d{2}-\d{2})")
# A line that is only a date, or a date after the words briefs put before their own date.
_STATED = re.compile(rf"^\s*(?:(?:updated|published|dated|date|issued|as of)\b[:\s]*)?(?:on\s+)?({_WRITTEN})\s*$",
                     re.I | re.M)
HEAD_LINES = 12


def stated_date(text: str) -> str | None:
    """The brief's own date when its first lines state one ('Updated October 4, 2021', a line '4 October 2021')."""
    head = "\n".join(text.split("\n", HEAD_LINES)[:HEAD_LINES])
    for m in _STATED.finditer(head):
        found = _parse(re.sub(r"\s+", " ", m.group(1).replace(".", "")).replace("Sept ", "Sep "))
        if found:
            return found
    return None


def is_iso_day(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def check_date(value: str | date | None, option: str = "date") -> str | None:
    """The ISO day `value` names (None stays None); SettingsError naming `option` when it names none."""
    if value is None:
        return None
    found = normalise_date(value)
    if found is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
        raise SettingsError(f"{option}: not a date: {str(value)!r} (expected e.g. 2021-10-04)")
    return found


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

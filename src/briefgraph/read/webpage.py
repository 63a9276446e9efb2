"""HTML pages: the main text with navigation, footers and other boilerplate removed (trafilatura)."""
from __future__ import annotations

from .base import Parsed, Refused, normalise_newlines
from .dates import normalise_date
from .text import Undecodable, decode


def read_html(data: bytes) -> Parsed:
    # Imported on first use: trafilatura takes a noticeable fraction of a second to import,
    # and most runs read only text files.
    import trafilatura
    from trafilatura.settings import set_date_params

    # Without the extensive search, a date is taken from the page's metadata and markup only,
    # never guessed from dates the article mentions in passing.
    result = trafilatura.bare_extraction(
        _page(data), with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params=set_date_params(extensive=False))
    text = (result.text or "").strip() if result is not None else ""
    if not text:
        raise Refused("HTML page has no main text")
    date = normalise_date(result.date)
    return Parsed(normalise_newlines(text), result.title or None, date, date_source="html metadata" if date else None)


def _page(data: bytes) -> str:
    try:
        return decode(data)
    except Undecodable:
        # Older pages declare a legacy charset in a <meta> tag; trafilatura honours it.
        from trafilatura.utils import decode_file
        return decode_file(data)

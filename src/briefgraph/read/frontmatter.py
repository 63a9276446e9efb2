"""YAML front matter: a block fenced by '---' lines at the very top of a text file."""
from __future__ import annotations

import re
from typing import Any

import yaml

from .base import Refused

# The block closes at the first line holding only '---' (or YAML's '...').
_BLOCK = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, the text after the block); no block, or a block that is not a mapping, leaves the text alone."""
    m = _BLOCK.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        raise Refused(f"front matter is not valid YAML{_where(exc)}") from None
    if meta is None:
        return {}, text[m.end():]
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[m.end():]


def _where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    # +2: YAML counts from 0 and the opening fence is the file's first line.
    return f" (line {mark.line + 2})" if mark is not None else ""

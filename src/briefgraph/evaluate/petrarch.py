"""Read PETRARCH2 validation records: sentences with gold CAMEO event codings.

The file is XML-like but not well-formed (a `<Sentence .../>` start tag is closed later by
`</Sentence>`), so it is read by pattern: each `<Sentence ...>` up to the next one, its
`<EventCoding .../>` tags and its `<Text>`. CAMEO event codes become PLOVER types through a
CameoMap; codings without a PLOVER type are counted and left out.
"""
from __future__ import annotations

import html
import re
from typing import Any

from ..errors import EvaluationError
from .cameo import CameoMap
from .events import GoldActor, GoldEvent, GoldSentence

SENTENCE = re.compile(r"<Sentence\b([^>]*)>")
CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def looks_like_petrarch(text: str) -> bool:
    return "<Sentence" in text and "<EventCoding" in text


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in ATTR.findall(raw)}


def _actor(code: str, cmap: CameoMap) -> GoldActor:
    return GoldActor(None, tuple(cmap.country_names(code)))


def _events(sid: str, codings: list[dict[str, str]], cmap: CameoMap, counts: dict[str, int]) -> list[GoldEvent]:
    events = []
    for a in codings:
        code = a.get("eventcode")
        if not code:
            continue
        plover = cmap.plover_type(code)
        if plover is None:
            counts["unmapped_codings"] += 1
            continue
        events.append(GoldEvent(f"{sid}#{len(events) + 1}", plover, [_actor(a.get("sourcecode", ""), cmap)],
                                [_actor(a.get("targetcode", ""), cmap)], code))
    return events


def parse_petrarch(text: str, cmap: CameoMap) -> tuple[list[GoldSentence], dict[str, Any]]:
    """(gold sentences, counts) from the text of a PETRARCH2 validation file."""
    starts = list(SENTENCE.finditer(text))
    if not starts:
        raise EvaluationError("no <Sentence> records found")
    counts = {"unmapped_codings": 0, "sentences_without_text": 0}
    sentences = []
    for i, m in enumerate(starts):
        block = text[m.end():starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        sid = _attrs(m.group(1)).get("id", f"sentence-{i + 1}")
        body = TEXT.search(block)
        if body is None or not body.group(1).strip():
            counts["sentences_without_text"] += 1
            continue
        codings = [_attrs(raw) for raw in CODING.findall(block)]
        events = _events(sid, codings, cmap, counts)
        if not events and not any(a.get("noevents", "").lower() == "true" for a in codings):
            continue  # no coding, or none with a PLOVER type: nothing to score either way
        sentences.append(GoldSentence(sid, " ".join(html.unescape(body.group(1)).split()), events))
    return sentences, counts

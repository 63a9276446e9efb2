"""The text of a PDF's pages as a brief: paragraphs on one line each, as text briefs keep them.

A PDF's text layer is a list of printed lines per page. Running headers and footers (the same
line, digits aside, at the top or bottom of most pages) and page numbers are dropped; lines are
joined into paragraphs; a word hyphenated across a line break is repaired, keeping the hyphen of
a compound ("Kenya-led", "well-known") and dropping the one the printer added ("govern-ment").
"""
from __future__ import annotations

import re
from collections import Counter
from statistics import median

PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
SENTENCE_END = tuple(".!?:;\"”')]")
EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be running furniture
RUNNING_SHARE = 0.5  # a line is running furniture when it recurs on at least this share of pages
PARAGRAPH_END_SHARE = 0.85  # a line ending a sentence this much shorter than the others ends a paragraph
HEADING_SHARE = 0.6  # a line this much shorter than the others, without a sentence end, is a heading
WORD = re.compile(r"[A-Za-z]+")


def pdf_paragraphs(pages: list[str]) -> str:
    """The pages' text as paragraphs separated by blank lines."""
    lines = _without_furniture([_lines(p) for p in pages])
    if not lines:
        return ""
    width = median(len(line) for line in lines)
    vocabulary = _vocabulary(lines)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = _join(current, line, vocabulary) if current else line
        if _ends_paragraph(line, width):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _vocabulary(lines: list[str]) -> Counter:
    """How often each word occurs whole: the two halves of a word broken at a line end do not count."""
    words = Counter(w.lower() for line in lines for w in WORD.findall(line))
    hyphens = Counter(m.lower() for line in lines for m in re.findall(r"[A-Za-z]+-[A-Za-z]+", line))
    for line, nxt in zip(lines, lines[1:]):
        left, right = re.search(r"([A-Za-z]+)-$", line), WORD.match(nxt)
        if left and right:
            words[left.group(1).lower()] -= 1
            words[right.group(0).lower()] -= 1
    return words + hyphens  # Counter addition keeps only positive counts


def _lines(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in page.splitlines() if line.strip()]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _without_furniture(pages: list[list[str]]) -> list[str]:
    """Every line but page numbers and the running header and footer lines: the same line, digits
    aside, in the same place (counted from the top or the bottom) on most pages."""
    slots = Counter()
    for lines in pages:
        slots.update({slot for _, slot in _edge_slots(lines)})
    running = {k for k, n in slots.items() if len(pages) > 1 and n >= max(2, RUNNING_SHARE * len(pages))}
    out = []
    for lines in pages:
        edge = dict(_edge_slots(lines))
        for k, line in enumerate(lines):
            if PAGE_NUMBER.match(line) or edge.get(k) in running:
                continue
            out.append(line)
    return out


def _edge_slots(lines: list[str]) -> list[tuple[int, tuple[int, str]]]:
    """(index, (place, shape)) of the lines at the top and bottom of a page; place k >= 0 counts from
    the top, k < 0 from the bottom."""
    top = [(k, (k, _shape(lines[k]))) for k in range(min(EDGE_LINES, len(lines)))]
    bottom = [(k, (k - len(lines), _shape(lines[k]))) for k in range(max(0, len(lines) - EDGE_LINES), len(lines))]
    return top + bottom


def _ends_paragraph(line: str, width: float) -> bool:
    if len(line) < HEADING_SHARE * width and not line.endswith(SENTENCE_END):
        return True  # a heading
    return line.endswith(SENTENCE_END) and len(line) < PARAGRAPH_END_SHARE * width


def _join(text: str, line: str, vocabulary: Counter) -> str:
    """Append `line` to the paragraph `text`, repairing a word hyphenated across the break."""
    match = re.search(r"([A-Za-z]+)-$", text)
    if not match:
        return text + line if text.endswith(("-", "–", "—")) else f"{text} {line}"  # "2004-2017", "gangs—some"
    left = match.group(1)
    right = WORD.match(line)
    if right is None or not _printer_hyphen(left, right.group(0), vocabulary):
        return text + line  # "Kenya-" + "led": the hyphen belongs to the compound
    return text[:-1] + line


def _printer_hyphen(left: str, right: str, vocabulary: Counter) -> bool:
    """Was the hyphen added to break a word? Decided by the document's own words: the joined word
    occurs elsewhere, or (for a lower-case word) its halves are not words of their own ('govern-ment')."""
    if not right.islower():
        return False  # "UN-\nAuthorized", "anti-\nTaliban"
    if vocabulary[(left + right).lower()]:
        return True
    if vocabulary[f"{left}-{right}".lower()] or not left.islower():
        return False  # a compound seen elsewhere, or a name's ("Kenya-led")
    return not (vocabulary[left.lower()] and vocabulary[right.lower()])

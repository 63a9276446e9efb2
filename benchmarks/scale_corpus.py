"""Seeded synthetic briefs for the scale benchmark, written from the project's own gazetteer and templates.

Every brief is distinct (a serial number, a date and a random draw of actors and sentences), about
300-450 words, with front matter giving a title and a date. Besides gazetteer actors, each corpus has a
pool of invented armed groups that grows with its size, so the number of actors grows with the corpus
as it does in real collections.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

ONTOLOGY = Path(__file__).resolve().parent.parent / "src" / "briefgraph" / "ontology" / "actors.yaml"

# Sentence templates: {a} and {b} are actors, {place} a capital, {n} a number, {month} a month name.
TIES = [
    "{a} backs {b}.",
    "{a} reportedly supplied weapons to {b} in {month}.",
    "{a} condemned {b} after the attack near {place}.",
    "{a} is likely to expand its support for {b} over the coming year.",
    "{a} signed a security agreement with {b} in {month}.",
    "Fighters of {b} attacked positions held by {a}, killing {n} people.",
    "{a} imposed sanctions on {b} in {month}.",
    "{a} did not arm {b}, according to officials in {place}.",
    "{a} may send troops to support {b}.",
    "{a} has trained {b} since {month}.",
    "{a} and {b} agreed to a ceasefire that was violated within days.",
    "{a} accused {b} of shelling villages outside {place}.",
    "{a} pledged {n} million dollars in aid to {b}.",
    "{a} threatened {b} with retaliation.",
    "{a} hosted talks with {b} in {place}.",
    "{a} is an ally of {b}.",
]
FILLER = [
    "Prices for fuel and bread rose by {n} percent in {month}.",
    "Aid agencies counted {n} displaced families in camps around {place}.",
    "The rainy season begins in {month} and usually closes the roads for weeks.",
    "Analysts expect the situation to remain fragile for at least {n} months.",
    "Local markets reopened in {month}, though trade remains far below earlier levels.",
    "Observers recorded {n} incidents along the main supply road last quarter.",
    "Electricity in {place} is available for only a few hours a day.",
]
HEADINGS = ["Overview", "Military picture", "Foreign patrons", "Mediation", "Outlook", "Economy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
GROUP_WORDS = (["Northern", "Southern", "Eastern", "Western", "Highland", "Coastal", "River", "Desert",
                "Central", "Free", "United", "Popular", "Revolutionary", "Patriotic", "Islamic"],
               ["Liberation", "Resistance", "Defence", "Salvation", "Justice", "Unity", "Renewal", "Freedom"],
               ["Front", "Movement", "Army", "Brigades", "Council", "Alliance", "Forces", "Union"])


def _gazetteer() -> tuple[list[str], list[str]]:
    """Names of gazetteer actors that act (states, groups, organisations, people) and state capitals."""
    entries = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    names = [e["name"] for e in entries if e["type"] in ("state", "armed_group", "igo", "organization", "person")]
    places = [e["capital"] for e in entries if e.get("capital")]
    return names, places


def invented_groups(count: int, rng: random.Random) -> list[str]:
    """`count` distinct invented group names such as 'Coastal Salvation Front'."""
    first, middle, last = GROUP_WORDS
    combos = [f"{a} {b} {c}" for a in first for b in middle for c in last]
    rng.shuffle(combos)
    return combos[:count]


class BriefWriter:
    """Writes brief number k of a corpus of `size`; the same seed and size give the same briefs."""

    def __init__(self, size: int, seed: int = 7):
        self.rng = random.Random(f"{seed}:{size}")
        names, self.places = _gazetteer()
        self.actors = names + invented_groups(50 + size // 10, self.rng)

    def brief(self, k: int) -> str:
        return self.brief_with_ties(k)[0]

    def brief_with_ties(self, k: int) -> tuple[str, list[tuple[int, str, str, str]]]:
        """Brief k and its tie sentences as (template index, sentence as written, a, b), in text order."""
        rng = self.rng
        self.ties: list[tuple[int, str, str, str]] = []
        cast = rng.sample(self.actors, rng.randint(4, 7))
        date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(365 * 6))
        lines = ["---", f'title: "Situation brief {k}: {cast[0]} and {cast[1]}"', f"date: {date.isoformat()}", "---", ""]
        for heading in rng.sample(HEADINGS, 5):
            lines += [heading, "", self._paragraph(cast), ""]
        lines.append(f"Reference {k}-{rng.randrange(10**6)}.")
        return "\n".join(lines) + "\n", self.ties

    def _paragraph(self, cast: list[str]) -> str:
        rng = self.rng
        sentences = []
        for _ in range(rng.randint(4, 6)):
            template = rng.choice(TIES) if rng.random() < 0.6 else rng.choice(FILLER)
            a, b = rng.sample(cast, 2)
            sentence = template.format(a=a, b=b, place=rng.choice(self.places), n=rng.randint(2, 900),
                                       month=rng.choice(MONTHS))
            sentences.append(sentence[0].upper() + sentence[1:])
            if template in TIES:
                self.ties.append((TIES.index(template), sentences[-1], a, b))
        return " ".join(sentences)


def write_corpus(folder: Path, size: int, seed: int = 7) -> int:
    """Write `size` briefs into `folder` (brief-00001.md, ...); return the number of words written."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = BriefWriter(size, seed)
    words = 0
    for k in range(1, size + 1):
        text = writer.brief(k)
        (folder / f"brief-{k:05d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words

"""Generators and checks shared by the property tests (`make test`) and the long fuzz run (`make fuzz`).

Every generated input is our own: random Unicode and bytes, tricky fragments, and mutations of the
example briefs this project wrote (examples/briefs), never of the evaluation data.
"""
from __future__ import annotations

import io
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
FUZZ = os.environ.get("BRIEFGRAPH_FUZZ") == "1"  # set by `make fuzz`: the long run
API_INPUTS = 20_000 if FUZZ else 100
CLI_FILES = 1_000 if FUZZ else 30
PROGRESS = 500
EXTENSIONS = [".txt", ".md", ".html", ".pdf", ".htm", ".markdown", ".bin", ""]
FRAGMENTS = [
    "Iran armed Hezbollah. ", "Russia reportedly attacked Ukraine. ", "China did not sanction Pakistan. ",
    "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00", "\x1b[31m", "\r\n", "\u2028", "\t",
    "\ud800", "\udfff", "\U0001f600", "\u0627\u0644\u0642\u0627\u0639\u062f\u0629", "\u4e2d\u56fd", "\u0416",
    "(((", ")))", "[[[", "]]]", "\"'\"'", "...", "--", "\u2014", "#", "---\n", "<script>", "&amp;",
    "U.S.-Iran", "al-Qaeda's", "ISIS-K", "the Taliban-led", "(ETIM)", "formerly the ", "both countries ",
]


@dataclass
class Tally:
    """What a fuzz run did: inputs, crashes (anything but briefgraph's own errors) and the slowest input."""
    name: str
    inputs: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    slowest: float = 0.0
    slowest_chars: int = 0

    def timed(self, seconds: float, chars: int) -> None:
        if seconds > self.slowest:
            self.slowest, self.slowest_chars = seconds, chars

    def count(self, inputs: int = 1) -> None:
        """Add inputs; the long run prints its tally every PROGRESS inputs, so a cut-short run still reports."""
        before, self.inputs = self.inputs, self.inputs + inputs
        if FUZZ and before // PROGRESS != self.inputs // PROGRESS:
            print(f"\n[progress] {self.line()}", flush=True)

    def line(self) -> str:
        return (f"{self.name}: {self.inputs} inputs, {self.refused} refused with a briefgraph error, "
                f"{len(self.crashes)} crashes, slowest call {self.slowest:.2f} CPU s ({self.slowest_chars} chars)")


def example_briefs() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "briefs").glob("*.txt"))]


def runs(max_len: int):
    """Huge tokens, punctuation runs and deep brackets: the inputs whose cost once grew with the square."""
    char = st.sampled_from([")", "(", "-", ".", "a", "\u00e9", "'", "/", "=", "\u200b", "\u4e2d"])
    flat = st.tuples(char, st.integers(1, max_len)).map(lambda t: t[0] * t[1])
    nested = st.integers(1, max_len // 2).map(lambda n: "(" * n + "Iran" + ")" * n)
    spaced = st.tuples(char, st.integers(1, max_len // 2)).map(lambda t: (t[0] + " ") * t[1])
    return st.one_of(flat, nested, spaced)


def texts(max_len: int = 2000):
    """Random Unicode (surrogates, controls and zero-width marks included) mixed with tricky fragments."""
    anything = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=60)
    piece = st.one_of(anything, st.sampled_from(FRAGMENTS), runs(max_len))
    return st.lists(piece, min_size=1, max_size=12).map("".join)


def mutate(data: bytes, rng: random.Random, edits: int) -> bytes:
    """`data` with bytes flipped, inserted, deleted or duplicated at random places."""
    buf = bytearray(data)
    for _ in range(edits):
        at = rng.randrange(len(buf) + 1)
        kind = rng.randrange(4)
        if kind == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif kind == 1:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        elif kind == 2:
            del buf[at:at + rng.randrange(1, 16)]
        else:
            buf[at:at] = buf[max(0, at - 32):at] * rng.randrange(1, 4)
    return bytes(buf)


def sample_pdf(text: str) -> bytes:
    """A small PDF with a text layer, drawn with matplotlib (already a dependency)."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(4, 2))
    fig.text(0.05, 0.5, text, fontsize=8)
    out = io.BytesIO()
    fig.savefig(out, format="pdf")
    return out.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    """Well-formed files to mutate, one per format."""
    briefs = example_briefs()
    first = briefs[0].split("\n\n")[0] if briefs else "Iran armed Hezbollah."
    html = f"<!doctype html><html><head><title>T</title><meta name='date' content='2021-10-04'></head>" \
           f"<body><nav>menu</nav><article><p>{first}</p></article></body></html>"
    front = f"---\ntitle: Brief\ndate: 2021-10-04\n---\n{first}\n"
    return ([(".txt", b.encode("utf-8")) for b in briefs[:3]] + [(".md", front.encode("utf-8")),
            (".html", html.encode("utf-8")), (".pdf", sample_pdf("Iran armed Hezbollah in Lebanon."))])


def mutate_text(text: str, rng: random.Random, edits: int) -> str:
    """`text` with tricky fragments, random characters and long runs put in, or stretches cut out."""
    for _ in range(edits):
        at = rng.randrange(len(text) + 1)
        roll = rng.random()
        if roll < 0.4:
            piece = rng.choice(FRAGMENTS)
        elif roll < 0.7:
            piece = "".join(chr(rng.choice([rng.randrange(32, 0x3000), rng.randrange(0x10000)]))
                            for _ in range(rng.randrange(1, 12)))
        elif roll < 0.8:
            piece = rng.choice(")(-.'a") * rng.randrange(1, 5000)
        else:
            text = text[:at] + text[at + rng.randrange(1, 200):]
            continue
        text = text[:at] + piece + text[at:]
    return text


def random_file(rng: random.Random, seed_files: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A file name suffix and contents: a seed mutated as text or as bytes, under its own or another
    extension, or random bytes. Text mutations keep most files readable, so extraction is exercised too."""
    roll = rng.random()
    if roll < 0.1:
        return rng.choice(EXTENSIONS), bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000)))
    seed_suffix, data = rng.choice(seed_files)
    suffix = rng.choice(EXTENSIONS) if roll < 0.2 else seed_suffix
    if roll < 0.6 and seed_suffix != ".pdf":
        text = mutate_text(data.decode("utf-8"), rng, rng.randrange(1, 30))
        return suffix, text.encode("utf-8", "surrogatepass" if rng.random() < 0.1 else "replace")
    return suffix, mutate(data, rng, rng.randrange(1, 40))


def evidence_errors(graph) -> list[str]:
    """Spans whose text is not the document's characters at their offsets."""
    texts = {d.id: d.text for d in graph.documents}
    spans = [e for r in graph.relations for e in r.evidence] + [m for a in graph.actors for m in a.mentions]
    return [f"{s.doc[:8]}[{s.start}:{s.end}] {s.text!r}" for s in spans
            if s.doc in texts and texts[s.doc][s.start:s.end] != s.text]


def clock() -> float:
    """CPU seconds of this process: what an input costs, whatever else the machine is running."""
    return time.process_time()

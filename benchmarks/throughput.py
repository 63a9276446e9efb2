"""Throughput of briefgraph extraction against bare spaCy, on the same texts with the same model.

The corpus is the example briefs repeated as numbered copies until it holds at least --words words;
each copy differs from the others, so nothing keyed on a text's hash can be reused between copies.
Both runs are warmed up first, so model loading is not counted. Words are whitespace-separated tokens.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from briefgraph import settings
from briefgraph.model import Document
from briefgraph.read import iter_documents

BRIEFS = Path(__file__).resolve().parent.parent / "examples" / "briefs"


def build_corpus(target_words: int) -> list[Document]:
    """Numbered copies of the example briefs, cycling through them until `target_words` is reached."""
    originals = [d for d in iter_documents([str(BRIEFS)]) if isinstance(d, Document)]
    if not originals:
        sys.exit(f"no readable briefs in {BRIEFS}")
    corpus: list[Document] = []
    words = 0
    while words < target_words:
        base = originals[len(corpus) % len(originals)]
        copy = len(corpus) // len(originals) + 1
        text = f"Benchmark copy {copy}.\n\n{base.text}"
        corpus.append(Document(text=text, path=f"{base.path}#{copy}", title=base.title, date=base.date))
        words += count_words(text)
    return corpus


def count_words(text: str) -> int:
    return len(text.split())


def load_nlp(model: str | None):
    """The model briefgraph itself uses; plain spacy.load only while the project's pipeline is missing."""
    try:
        from briefgraph.nlp.pipeline import load_model
    except ImportError:
        import spacy
        return spacy.load(settings.model_name(model) or _installed_candidate())
    return load_model(model)


def _installed_candidate() -> str:
    import spacy.util
    for name in settings.MODEL_CANDIDATES:
        if spacy.util.is_package(name):
            return name
    sys.exit(f"none of the models {', '.join(settings.MODEL_CANDIDATES)} is installed")


def timed(run: Callable[[list[str] | list[Document]], None], items: list) -> float:
    """Seconds for `run(items)`, after one warm-up call on the first item (loads models and caches)."""
    run(items[:1])
    start = time.perf_counter()
    run(items)
    return time.perf_counter() - start


def spacy_seconds(corpus: list[Document], model: str | None) -> float:
    nlp = load_nlp(model)

    def run(texts: Iterable[str]) -> None:
        for _ in nlp.pipe(texts, batch_size=settings.BATCH_SIZE):
            pass
    return timed(run, [d.text for d in corpus])


def briefgraph_seconds(corpus: list[Document], model: str | None) -> float:
    try:
        from briefgraph.api import iter_graphs
    except ImportError as exc:
        sys.exit(f"briefgraph extraction cannot be imported ({exc}); --spacy-only times bare spaCy alone")

    def run(docs: list[Document]) -> None:
        for _ in iter_graphs(docs, model=model):
            pass
    return timed(run, corpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words (default 200000)")
    parser.add_argument("--model", default=None, help="spaCy model name (default: briefgraph's choice)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    parser.add_argument("--spacy-only", action="store_true", help="time bare spaCy only (no extraction)")
    args = parser.parse_args(argv)

    corpus = build_corpus(args.words)
    words = sum(count_words(d.text) for d in corpus)
    print(f"corpus: {len(corpus)} documents, {words} words (copies of the briefs in {BRIEFS.name}/)")

    spacy_rate = words / spacy_seconds(corpus, args.model)
    print(f"bare spaCy nlp.pipe:   {spacy_rate:10.0f} words/s")
    rate = ratio = None
    if not args.spacy_only:
        rate = words / briefgraph_seconds(corpus, args.model)
        ratio = rate / spacy_rate
        print(f"briefgraph extraction: {rate:10.0f} words/s  ({ratio:.2f} x bare spaCy)")
    if args.json:
        print(json.dumps({"words_per_s": _round(rate, 1), "spacy_words_per_s": _round(spacy_rate, 1),
                          "ratio": _round(ratio, 3)}))


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


if __name__ == "__main__":
    main()

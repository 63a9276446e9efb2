"""Exporting a store in each format against ingesting the briefs into it.

The script writes --briefs synthetic briefs (seeded, so runs compare), ingests them into a fresh
store with `Corpus.add` (the model load is warmed up first and not counted), then times each export
as the CLI does it: read the store's graph, select it, write the format. Numbers print as a table;
`--json` makes the last line JSON.
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from briefgraph.export import FORMATS, export, export_graph
from briefgraph.store.corpus import Corpus

STATES = ["Iran", "Qatar", "Turkey", "Egypt", "Sudan", "Chad", "Mali", "Niger", "Russia", "China", "Pakistan",
          "India", "Ethiopia", "Kenya", "Somalia", "Yemen", "Oman", "Jordan", "Lebanon", "Syria"]
GROUPS = ["Hezbollah", "Hamas", "al-Shabaab", "the Houthis", "the Taliban", "the Wagner Group",
          "the Rapid Support Forces", "Boko Haram"]
VERBS = ["supports", "attacked", "condemned", "signed an agreement with", "threatened", "met with",
         "is reportedly arming", "will probably sanction", "did not attack", "praised"]
OPENERS = ["Officials said that", "According to diplomats,", "Analysts note that", ""]


def brief(rng: random.Random, index: int) -> str:
    """A dated brief of 6-12 sentences naming states and armed groups."""
    actors = STATES + GROUPS
    lines = [f"---\ndate: {2020 + index % 5}-{1 + index % 12:02d}-{1 + index % 28:02d}\n---",
             f"# Synthetic brief {index}", ""]
    for _ in range(rng.randint(6, 12)):
        a, b = rng.sample(actors, 2)
        sentence = f"{rng.choice(OPENERS)} {a} {rng.choice(VERBS)} {b} in week {rng.randint(1, 52)}.".strip()
        lines.append(sentence[0].upper() + sentence[1:])
    return "\n\n".join(lines) + "\n"


def write_briefs(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"brief-{i:05d}.md").write_text(brief(rng, i), encoding="utf-8")


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=200, help="how many synthetic briefs (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the numbers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bg-export-bench-") as tmp:
        root = Path(tmp)
        (root / "briefs").mkdir()
        write_briefs(root / "briefs", args.briefs, args.seed)
        with Corpus(root / "warm.db") as warm:  # loads the model, so ingest times extraction, not loading
            warm.add([str(root / "briefs" / "brief-00000.md")])
        with Corpus(root / "store.db") as corpus:
            ingest, _ = timed(lambda: corpus.add([str(root / "briefs")]))
            load, graph = timed(lambda: export_graph(corpus.graph()))
            results = {"briefs": args.briefs, "actors": len(graph.actors), "relations": len(graph.relations),
                       "ingest_s": round(ingest, 2), "load_s": round(load, 2), "export_s": {}}
            for fmt in FORMATS:
                seconds, _ = timed(lambda: export(export_graph(corpus.graph()), fmt, root / f"out.{fmt}"))
                results["export_s"][fmt] = round(seconds, 2)
    print(f"{results['briefs']} briefs, {results['actors']} actors, {results['relations']} relations")
    print(f"ingest: {results['ingest_s']:.2f} s   (reading the store's graph alone: {results['load_s']:.2f} s)")
    for fmt, seconds in results["export_s"].items():
        print(f"export {fmt:8s} {seconds:7.2f} s   ({seconds / results['ingest_s']:.1%} of ingest)")
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()

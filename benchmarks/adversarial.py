"""Time extraction on inputs built to be slow: punctuation runs, huge tokens, deep brackets, one endless
line. Prints CPU seconds per input and per 10,000 characters, so growth with size can be read off
(CPU time, not wall-clock: on a shared machine it still says what the input costs).

    .venv/bin/python benchmarks/adversarial.py            # 10k, 20k and 100k characters of each
    .venv/bin/python benchmarks/adversarial.py --sizes 10000 50000
"""
from __future__ import annotations

import argparse
import time

import briefgraph

SENTENCE = "Iran armed Hezbollah and Russia condemned Ukraine. "
SHAPES = {
    "run of ')'": lambda n: ")" * n,
    "spaced ') '": lambda n: ") " * (n // 2),
    "huge token": lambda n: "a" * n,
    "deep brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "spaced brackets": lambda n: "( " * (n // 4) + ") " * (n // 4),
    "one line of prose": lambda n: SENTENCE * (n // len(SENTENCE)),
    "zero-width joiners": lambda n: "Iran\u200d" * (n // 5),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 100_000])
    args = parser.parse_args()
    briefgraph.extract(text=SENTENCE)  # load the model before timing
    print(f"{'input':<22}{'chars':>9}{'CPU s':>10}{'s per 10k':>11}")
    for name, make in SHAPES.items():
        for size in args.sizes:
            text = make(size)
            began = time.process_time()
            briefgraph.extract(text=text)
            took = time.process_time() - began
            print(f"{name:<22}{len(text):>9}{took:>10.2f}{took / len(text) * 10_000:>11.2f}", flush=True)


if __name__ == "__main__":
    main()

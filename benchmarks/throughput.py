"""Throughput of briefgraph extraction against bare spaCy, per number of processes, in one run.

For each job count N in --jobs (default 1,2) it times briefgraph with N worker processes (`--jobs N`)
and bare spaCy `nlp.pipe(n_process=N)` on the same texts with the same model. Every measurement runs
in a fresh child process, so peak memory is that measurement's own: the main process's peak RSS, and
for N > 1 the largest worker's. The corpus is the example briefs repeated as numbered copies until it
holds at least --words words; each copy differs from the others, so nothing keyed on a text's hash
can be reused between copies. Each child warms up on one document first, so loading the model in the
main process is not counted; starting the workers (and loading the model in each) is counted, for
spaCy's n_process as for briefgraph's --jobs. Words are whitespace-separated tokens.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

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


def timed(run: Callable[[list], None], items: list) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its finished workers) for `run(items)`, after one warm-up
    call on the first item (loads models and caches). CPU seconds do not grow when other programs
    compete for the cores, so on a busy machine they still say what the work costs."""
    run(items[:1])
    cpu = _cpu_seconds()
    start = time.perf_counter()
    run(items)
    seconds = time.perf_counter() - start
    _stop_fork_server()
    return seconds, _cpu_seconds() - cpu


def _stop_fork_server() -> None:
    """Workers forked from a fork server are its children, not ours: stopping (and reaping) the server
    brings their CPU time and peak memory into this process's children's usage."""
    import multiprocessing.forkserver
    stop = getattr(multiprocessing.forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def _cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def spacy_run(model: str | None, jobs: int) -> Callable[[list[Document]], None]:
    from briefgraph.nlp.pipeline import load_model
    nlp = load_model(model)

    def run(docs: list[Document]) -> None:
        for _ in nlp.pipe([d.text for d in docs], batch_size=settings.BATCH_SIZE, n_process=jobs):
            pass
    return run


def briefgraph_run(model: str | None, jobs: int) -> Callable[[list[Document]], None]:
    from briefgraph.api import iter_graphs

    def run(docs: list[Document]) -> None:
        for _ in iter_graphs(docs, model=model, jobs=jobs):
            pass
    return run


def measure(kind: str, jobs: int, words: int, model: str | None) -> dict:
    """One measurement, in this (child) process: words/s and peak RSS of this process and its workers."""
    corpus = build_corpus(words)
    run = (spacy_run if kind == "spacy" else briefgraph_run)(model, jobs)
    seconds, cpu = timed(run, corpus)
    total = sum(count_words(d.text) for d in corpus)
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024 if jobs > 1 else None
    return {"kind": kind, "jobs": jobs, "documents": len(corpus), "words": total, "seconds": round(seconds, 2),
            "words_per_s": round(total / seconds, 1), "cpu_s": round(cpu, 2),
            "words_per_cpu_s": round(total / cpu, 1),
            "main_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "worker_peak_rss_mb": worker}


def in_child(kind: str, jobs: int, words: int, model: str | None) -> dict:
    command = [sys.executable, __file__, "--measure", kind, "--jobs", str(jobs), "--words", str(words)]
    if model:
        command += ["--model", model]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def summary(results: list[dict]) -> dict:
    """Each job count's speed-up over the first, against spaCy with as many processes, and the first
    count's extraction against bare spaCy in one process (the share of spaCy's speed that survives)."""
    rate = {(r["kind"], r["jobs"]): r["words_per_s"] for r in results}
    jobs = sorted({r["jobs"] for r in results})
    ratios = {}
    for n in jobs:
        if ("briefgraph", n) not in rate:
            continue
        if n != jobs[0]:
            ratios[f"briefgraph_jobs{n}_vs_jobs{jobs[0]}"] = round(rate["briefgraph", n] / rate["briefgraph", jobs[0]], 3)
        ratios[f"briefgraph_jobs{n}_vs_spacy_n_process{n}"] = round(rate["briefgraph", n] / rate["spacy", n], 3)
    return ratios


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words (default 200000)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default 1,2)")
    parser.add_argument("--model", default=None, help="spaCy model name (default: briefgraph's choice)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the results")
    parser.add_argument("--spacy-only", action="store_true", help="time bare spaCy only (no extraction)")
    parser.add_argument("--measure", choices=["spacy", "briefgraph"], help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, int(args.jobs), args.words, args.model)))
        return

    jobs = [int(j) for j in args.jobs.split(",")]
    kinds = ["spacy"] if args.spacy_only else ["spacy", "briefgraph"]
    results = []
    for n in jobs:
        for kind in kinds:
            r = in_child(kind, n, args.words, args.model)
            results.append(r)
            worker = f", largest worker {r['worker_peak_rss_mb']} MB" if r["worker_peak_rss_mb"] else ""
            print(f"{kind:10} jobs={n}: {r['words_per_s']:9.0f} words/s ({r['words']} words in {r['seconds']} s, "
                  f"{r['words_per_cpu_s']:.0f} words per CPU-second); "
                  f"peak RSS main {r['main_peak_rss_mb']} MB{worker}", flush=True)
    ratios = summary(results)
    for name, value in ratios.items():
        print(f"{name:40} {value}")
    if args.json:
        print(json.dumps({"results": results, "ratios": ratios}))


if __name__ == "__main__":
    main()

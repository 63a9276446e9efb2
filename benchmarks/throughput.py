"""Throughput of briefgraph extraction against bare spaCy, per number of processes, in one run.

For each job count N in --jobs (default 1,2) it times briefgraph with N worker processes (`--jobs N`)
and bare spaCy `nlp.pipe(n_process=N)` on the same texts with the same model. Every measurement runs
in a fresh child process, so peak memory is that measurement's own: the main process's peak RSS, and
for N > 1 the largest worker's. The corpus is the example briefs repeated as numbered copies until it
holds at least --words words; each copy differs from the others, so nothing keyed on a text's hash
can be reused between copies. Each child warms up first, so loading the model where the workers get it
from is not counted: in the main process for spaCy (whose n_process workers are forked from it) and in
the fork server for briefgraph's --jobs (--cold-workers counts that too). Starting the workers is
counted, for spaCy's n_process as for briefgraph's --jobs. Words are whitespace-separated tokens.

With --worker-rss 1000,5000,20000 it instead runs briefgraph once over that many DISTINCT synthetic
briefs (benchmarks/scale_corpus.py, each with a few invented names, so every brief brings strings no
worker has seen) and reports the workers' memory at each of those points of the one run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

from briefgraph import settings
from briefgraph.model import Document
from briefgraph.read import iter_documents

BRIEFS = Path(__file__).resolve().parent.parent / "examples" / "briefs"
sys.path.insert(0, str(Path(__file__).resolve().parent))


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


def timed(run: Callable[[list], None], items: list, warm: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its finished workers) for `run(items)`, after one warm-up
    call on the first `warm` items (loads models and caches). CPU seconds do not grow when other programs
    compete for the cores, so on a busy machine they still say what the work costs."""
    run(items[:warm])
    cpu = _cpu_seconds() + _fork_server_cpu()  # a fork server started by the warm-up has spent this already
    start = time.perf_counter()
    run(items)
    seconds = time.perf_counter() - start
    _stop_fork_server()
    return seconds, _cpu_seconds() - cpu


def _fork_server_cpu() -> float:
    """CPU seconds of the running fork server and of the workers it has reaped (0 without one, or off Linux)."""
    import multiprocessing.forkserver
    pid = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    stat = _read(f"/proc/{pid}/stat") if pid else b""
    fields = stat.rsplit(b")", 1)[-1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK") if len(fields) > 14 else 0.0


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


def measure(kind: str, jobs: int, words: int, model: str | None, cold_workers: bool = False) -> dict:
    """One measurement, in this (child) process: words/s and peak RSS of this process and its workers.
    The warm-up loads the model where workers get it from: for spaCy's n_process this process (its workers
    are forked from it), for briefgraph's --jobs the fork server (enough documents for two tasks start it),
    unless `cold_workers`, which leaves starting the fork server in briefgraph's time, as a fresh
    `briefgraph` command pays it (and a fresh spaCy script pays loading its model)."""
    from briefgraph.engines.local import TASK_DOCS
    corpus = build_corpus(words)
    run = (spacy_run if kind == "spacy" else briefgraph_run)(model, jobs)
    warm = 2 * TASK_DOCS if kind == "briefgraph" and jobs > 1 and not cold_workers else 1
    seconds, cpu = timed(run, corpus, warm)
    total = sum(count_words(d.text) for d in corpus)
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024 if jobs > 1 else None
    return {"kind": kind, "jobs": jobs, "documents": len(corpus), "words": total, "seconds": round(seconds, 2),
            "words_per_s": round(total / seconds, 1), "cpu_s": round(cpu, 2),
            "words_per_cpu_s": round(total / cpu, 1),
            "main_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "worker_peak_rss_mb": worker}


def distinct_corpus(count: int, seed: int = 7) -> Iterator[Document]:
    """Briefs 1..count of the scale benchmark's corpus, read as `add` reads a .md file, each with a
    sentence of invented place names: real collections keep bringing names a worker has not seen."""
    from scale_corpus import BriefWriter

    from briefgraph.read.formats import reader_for
    writer = BriefWriter(count, seed)
    rng = random.Random(f"names:{seed}")
    for k in range(1, count + 1):
        places = ", ".join(_invented_name(rng) for _ in range(6))
        data = (writer.brief(k) + f"\nFighting was reported near {places}.\n").encode("utf-8")
        parsed = reader_for(".md", data)(data)
        yield Document(text=parsed.text, path=f"brief-{k:05d}.md", title=parsed.title, date=parsed.date,
                       text_start=parsed.text_start)


def _invented_name(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mir", "ta", "vel", "osh", "ban", "ri", "dun", "sa", "gor", "el", "zu", "pan", "tir"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()


def worker_rss(checkpoints: list[int], jobs: int, model: str | None) -> list[dict]:
    """One run over max(checkpoints) distinct briefs; at each checkpoint, the workers' resident memory
    now and at its peak (the largest worker's; with --jobs 1 this process's)."""
    from briefgraph.api import iter_graphs
    points, words, start = [], 0, time.perf_counter()
    todo = sorted(checkpoints)
    for done, (document, _) in enumerate(iter_graphs(distinct_corpus(todo[-1]), jobs=jobs, model=model), 1):
        words += count_words(document.text)
        if done == todo[0]:
            todo.pop(0)
            rss, peak, pids = _worker_memory() if jobs > 1 else _memory([os.getpid()]) + ([os.getpid()],)
            points.append({"briefs": done, "words": words, "worker_rss_mb": rss, "worker_peak_rss_mb": peak,
                           "workers_seen": len(pids), "seconds": round(time.perf_counter() - start, 1),
                           "worker_cpu_s": round(sum(_cpu_of.values()), 1) if jobs > 1 else round(_cpu_seconds(), 1)})
            print(json.dumps(points[-1]), file=sys.stderr, flush=True)
            if not todo:
                break
    return points


_seen_workers: set[int] = set()
_cpu_of: dict[int, float] = {}  # each worker's CPU seconds when last looked at (a recycled worker's last moments are missed)


def _worker_memory() -> tuple[int, int, list[int]]:
    """Current and peak RSS (MB) of the largest live worker, and every worker pid seen so far: workers are
    the children of the fork server, itself a child of this process."""
    children = _children()
    servers = [p for p in children.get(os.getpid(), []) if b"forkserver" in _read(f"/proc/{p}/cmdline")]
    workers = [w for s in servers for w in children.get(s, [])]
    _seen_workers.update(workers)
    for w in workers:
        fields = _read(f"/proc/{w}/stat").rsplit(b")", 1)[-1].split()
        if len(fields) > 12:
            _cpu_of[w] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return _memory(workers) + (sorted(_seen_workers),)


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read(f"/proc/{entry}/stat")
            if stat:
                ppid = int(stat.rsplit(b")", 1)[1].split()[1])
                out.setdefault(ppid, []).append(int(entry))
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(largest VmRSS, largest VmHWM) in MB among `pids`."""
    rss, peak = 0, 0
    for pid in pids:
        for line in _read(f"/proc/{pid}/status").splitlines():
            if line.startswith(b"VmRSS:"):
                rss = max(rss, int(line.split()[1]) // 1024)
            elif line.startswith(b"VmHWM:"):
                peak = max(peak, int(line.split()[1]) // 1024)
    return rss, peak


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:  # the process has just exited
        return b""


def in_child(kind: str, jobs: int, words: int, model: str | None, cold_workers: bool = False) -> dict:
    command = [sys.executable, __file__, "--measure", kind, "--jobs", str(jobs), "--words", str(words)]
    if model:
        command += ["--model", model]
    if cold_workers:
        command.append("--cold-workers")
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
    parser.add_argument("--worker-rss", metavar="N,N,...",
                        help="instead: worker memory at these numbers of distinct briefs in one run (e.g. 1000,5000,20000); "
                             "with the first of --jobs (use --jobs 2)")
    parser.add_argument("--cold-workers", action="store_true",
                        help="count starting briefgraph's fork server (loading the model there) in its time")
    parser.add_argument("--measure", choices=["spacy", "briefgraph"], help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, int(args.jobs), args.words, args.model, args.cold_workers)))
        return
    if args.worker_rss:
        points = worker_rss([int(n) for n in args.worker_rss.split(",")], int(args.jobs.split(",")[0]), args.model)
        for p in points:
            print(f"{p['briefs']:6} briefs ({p['words']} words, {p['seconds']} s, workers' CPU {p['worker_cpu_s']} s): largest worker "
                  f"{p['worker_rss_mb']} MB now, {p['worker_peak_rss_mb']} MB at its peak ({p['workers_seen']} workers so far)")
        if args.json:
            print(json.dumps({"worker_rss": points}))
        return

    jobs = [int(j) for j in args.jobs.split(",")]
    kinds = ["spacy"] if args.spacy_only else ["spacy", "briefgraph"]
    results = []
    for n in jobs:
        for kind in kinds:
            r = in_child(kind, n, args.words, args.model, args.cold_workers)
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

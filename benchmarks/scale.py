"""How briefgraph's commands grow with the corpus: 1,000, 5,000 and 20,000 distinct synthetic briefs.

For each size the corpus is written (seeded, see scale_corpus.py), added to a store once, then each
read command is run as a user runs it (a fresh `briefgraph` process) and timed. Prints a table of
median seconds and peak RSS, and the log-log slope of each command's time against corpus size.
Stores are kept in --work and reused by later runs (building the 20,000 store takes hours on 2 cores).
With --direct each store is instead filled by `Store.add` of each brief's graph as the corpus writer
knows it, without NLP (see scale_direct.py): minutes instead of hours, the read commands timed alike.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import write_corpus  # noqa: E402
from scale_direct import build_direct  # noqa: E402

BRIEFGRAPH = str(Path(sys.executable).parent / "briefgraph")
READS = ["actors", "relations --actor X", "show X", "relations --format json", "analyze", "report"]


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one briefgraph process; its output
    is thrown away. On a shared machine CPU seconds are the steadier number."""
    start = time.perf_counter()
    proc = subprocess.Popen([BRIEFGRAPH, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"briefgraph {' '.join(args)} failed: {proc.stderr.read().decode()[-500:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def build(size: int, work: Path) -> dict:
    """The store of `size` briefs, added now unless an earlier run left it complete."""
    folder, db, record = work / f"briefs-{size}", work / f"scale-{size}.db", work / f"scale-{size}.add.json"
    if stored_documents(db) == size and record.exists():
        return json.loads(record.read_text()) | {"reused": True}
    words = write_corpus(folder, size)
    db.unlink(missing_ok=True)
    seconds, cpu, rss = run(["add", str(folder), "--db", str(db)])
    if stored_documents(db) != size:
        sys.exit(f"{db}: expected {size} stored briefs, found {stored_documents(db)}")
    result = {"seconds": seconds, "cpu": cpu, "rss_mb": rss, "words": words}
    record.write_text(json.dumps(result))
    return result | {"reused": False}


def build_without_nlp(size: int, work: Path) -> dict:
    """The store of `size` briefs filled by `Store.add` of their known graphs, timed in this process."""
    folder, db, record = work / f"briefs-{size}", work / f"direct-{size}.db", work / f"direct-{size}.add.json"
    if stored_documents(db) == size and record.exists():
        return json.loads(record.read_text()) | {"reused": True}
    db.unlink(missing_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    words = build_direct(folder, db, size)
    result = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
              "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "words": words}
    if stored_documents(db) != size:
        sys.exit(f"{db}: expected {size} stored briefs, found {stored_documents(db)}")
    record.write_text(json.dumps(result))
    return result | {"reused": False}


def busiest_actor(db: Path) -> str:
    """The id of the actor in the most relations: the slowest one to show."""
    with sqlite3.connect(db) as con:
        return con.execute("""SELECT a, COUNT(*) n FROM (SELECT source a FROM relations UNION ALL
                              SELECT target FROM relations) GROUP BY a ORDER BY n DESC, a LIMIT 1""").fetchone()[0]


def command_args(name: str, db: Path, actor: str, work: Path) -> list[str]:
    args = name.replace("X", actor).split() if " X" in name else name.split()
    if name == "report":
        args += ["--output", str(work / f"report-{db.stem}.html")]
    return [*args, "--db", str(db)]


def measure(size: int, work: Path, repeat: int, direct: bool = False, reads: list[str] = READS) -> dict[str, dict]:
    added = build_without_nlp(size, work) if direct else build(size, work)
    db = work / f"{'direct' if direct else 'scale'}-{size}.db"
    actor = busiest_actor(db)
    results = {"add": {k: added.get(k, float("nan")) for k in ("seconds", "cpu", "rss_mb", "reused")}}  # cpu: older records lack it
    for name in reads:
        runs = [run(command_args(name, db, actor, work)) for _ in range(repeat)]
        results[name] = {"seconds": statistics.median(s for s, _, _ in runs),
                         "cpu": statistics.median(c for _, c, _ in runs), "rss_mb": max(r for _, _, r in runs)}
        r = results[name]
        print(f"  {size:>6} {name:<26} {r['seconds']:8.2f} s wall {r['cpu']:8.2f} s cpu {r['rss_mb']:6d} MB",
              file=sys.stderr, flush=True)
    results["actor"] = actor
    return results


def slope(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size): 1 is linear growth."""
    if len(sizes) < 2:
        return None
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def table(sizes: list[int], results: dict[int, dict], direct: bool = False, reads: list[str] = READS) -> str:
    """Wall seconds / CPU seconds (peak RSS) per command and size, and the slopes of both."""
    last = sizes[-2:]  # the target is the slope between the two largest corpora
    pair = f" slope {last[0]:,}-{last[1]:,} wall / cpu |" if len(sizes) > 2 else ""
    head = f"| command | {' | '.join(f'{s:,} briefs' for s in sizes)} | slope wall / cpu |{pair}"
    lines = [head, "|" + " --- |" * (len(sizes) + 2 + bool(pair))]
    for name in ["add", *reads]:
        cells = [f"{results[s][name]['seconds']:.2f} / {results[s][name].get('cpu', float('nan')):.2f} s "
                 f"({results[s][name]['rss_mb']} MB)" for s in sizes]
        slopes = [slope(sizes, [results[s][name].get(key, float("nan")) for s in sizes]) for key in ("seconds", "cpu")]
        shown = "-" if slopes[0] is None else " / ".join(f"{k:.2f}" for k in slopes)
        if pair:
            shown += " | " + " / ".join(f"{slope(last, [results[s][name].get(key, float('nan')) for s in last]):.2f}"
                                        for key in ("seconds", "cpu"))
        label = "add (direct)" if name == "add" and direct else name
        lines.append(f"| {label} | {' | '.join(cells)} | {shown} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="corpus sizes, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("benchmarks/.scale"),
                        help="folder for corpora, stores and reports (kept between runs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per read command (the median is shown)")
    parser.add_argument("--direct", action="store_true",
                        help="fill each store from the briefs' known graphs, without NLP (stores direct-N.db)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of every measurement")
    parser.add_argument("--reads", default=",".join(READS),
                        help=f"the read commands to time, comma-separated (default: {','.join(READS)})")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    reads = [r.strip() for r in args.reads.split(",") if r.strip()]
    unknown = [r for r in reads if r not in READS]
    if unknown:
        parser.error(f"unknown read command(s) {', '.join(unknown)}; choose from {', '.join(READS)}")
    results = {size: measure(size, args.work, args.repeat, args.direct, reads) for size in sizes}
    print(table(sizes, results, args.direct, reads))
    shown = ", ".join(f"{s}: {results[s]['actor']}" for s in sizes)
    reused = ", ".join(str(s) for s in sizes if results[s]["add"]["reused"]) or "none"
    print(f"busiest actor shown: {shown}; add reused from an earlier run: {reused}")
    if args.json:
        print(json.dumps({str(s): r for s, r in results.items()}))


if __name__ == "__main__":
    main()

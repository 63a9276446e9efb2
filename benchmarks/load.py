"""Bounded load on the web app over loopback: 50 concurrent clients against the actor, relation,
search and graph endpoints of a store of 1,000 synthetic briefs, while `briefgraph add` writes more.

The briefs are written by this script from a seeded generator (states and groups from the packaged
gazetteer, sentences from a few templates). The base store is filled directly from their known
actors and claims, without the NLP step, so setting up takes seconds; the concurrent ingest is the
real `briefgraph add` of further synthetic briefs, more than it can store during the run. The server is `briefgraph serve` in its own
process, at the same priority as the clients (the ingest too, unless `--ingest-nice` lowers it). The
clients are closed-loop: each sends its next request when the last answer has been read, over its own
keep-alive connection (`rawhttp.py`: a small asyncio client, so that the load generator takes as little
as it can of the cores the server needs). Reports requests/s, p50/p95/p99 latency and errors, overall
and per endpoint, the CPU seconds the server, the ingest and the clients used during the run, and the
time `serve` takes to answer its first request.

    python benchmarks/load.py [--briefs 1000] [--clients 50] [--seconds 20] [--seed 7] [--ingest-nice 0]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from rawhttp import HttpError, KeepAliveClient

from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, slugify
from briefgraph.nlp.gazetteer import load_gazetteer
from briefgraph.store import Store

TEMPLATES = [("{a} attacked {b}.", "ASSAULT", -1), ("{a} supports {b}.", "SUPPORT", 1),
             ("{a} imposed sanctions on {b}.", "SANCTION", -1), ("{a} signed an agreement with {b}.", "AGREE", 1),
             ("{a} threatened {b}.", "THREATEN", -1), ("{a} sent aid to {b}.", "AID", 1)]
STATUS_WORDS = {"asserted": "", "reported": "Reportedly, ", "possible": "It is possible that "}


def names(rng: random.Random, count: int = 300) -> list[tuple[str, str]]:
    entries = [e for e in load_gazetteer().entries if e.type in ("state", "armed_group", "igo")]
    return rng.sample([(e.name, e.type) for e in entries], min(count, len(entries)))


def synthetic(rng: random.Random, pool: list[tuple[str, str]], number: int) -> tuple[Document, Graph]:
    """One brief of 4 to 8 sentences with its actors, mentions and claims known by construction."""
    text, actors, claims = "", {}, []
    for _ in range(rng.randint(4, 8)):
        (a, ta), (b, tb) = rng.sample(pool, 2)
        template, type_, sign = rng.choice(TEMPLATES)
        status = rng.choices(list(STATUS_WORDS), weights=[6, 2, 1])[0]
        prefix = STATUS_WORDS[status]
        sentence = prefix + template.format(a=a, b=b)
        start = len(text)
        text += sentence + " "
        for name, kind, offset in ((a, ta, start + len(prefix)), (b, tb, start + sentence.index(b, len(prefix) + len(a)))):
            actors.setdefault(name, Actor(slugify(name), name, kind)).mentions.append(Span("", offset, offset + len(name), name, "name"))
        claims.append((a, b, type_, sign, status, start, start + len(sentence), sentence))
    month = 1 + number % 24
    doc = Document(text=f"Brief {number}. " + text, path=f"synthetic/brief-{number:05d}.txt",
                   date=f"{2023 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-15")
    shift = len(f"Brief {number}. ")
    for actor in actors.values():
        actor.mentions = [Span(doc.id, m.start + shift, m.end + shift, m.text, m.kind) for m in actor.mentions]
    quads = {"ASSAULT": "material_conflict", "SUPPORT": "verbal_cooperation", "SANCTION": "material_conflict",
             "AGREE": "verbal_cooperation", "THREATEN": "verbal_conflict", "AID": "material_cooperation"}
    graph_claims = [Claim(slugify(a), slugify(b), t, quads[t], s, Modality(st), Span(doc.id, x + shift, y + shift, sent),
                          "verb", 0.6 + 0.4 * rng.random()) for a, b, t, s, st, x, y, sent in claims]
    return doc, Graph([doc], list(actors.values()), [], graph_claims)


def build(folder: Path, briefs: int, extra: int, seed: int) -> tuple[Path, list[str], list[str]]:
    rng = random.Random(seed)
    pool = names(rng)
    db = folder / "load.db"
    with Store(db) as store:
        store.db.execute("PRAGMA synchronous=OFF")  # setting up only: no need to wait for the disk per brief
        for i in range(briefs):
            store.add(*synthetic(rng, pool, i))
    ingest = folder / "ingest"
    ingest.mkdir()
    for i in range(briefs, briefs + extra):
        doc, _ = synthetic(rng, pool, i)
        (ingest / f"brief-{i:05d}.txt").write_text(doc.text + "\n", encoding="utf-8")
    return db, [slugify(n) for n, _ in pool], [n for n, _ in pool]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> tuple[subprocess.Popen, float]:
    """`briefgraph serve` in its own process; returns it and the seconds until it answered."""
    exe = Path(sys.executable).with_name("briefgraph")
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5).status_code == 200:
                return proc, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.perf_counter() - started > 60:
            raise SystemExit("the server did not start")
        time.sleep(0.05)


def request_for(rng: random.Random, ids: list[str], names_: list[str]) -> tuple[str, str]:
    """(endpoint, URL) of one request; the search words percent-encoded, as any HTTP client sends them."""
    kind = rng.choice(["actor", "relations", "search", "graph"])
    actor = rng.choice(ids)
    if kind == "actor":
        return kind, f"/api/actors/{actor}"
    if kind == "relations":
        return kind, f"/api/relations?actor={actor}&limit=50"
    if kind == "search":
        return kind, f"/api/search?q={quote(rng.choice(names_)[:5])}&limit=20"
    return kind, f"/api/graph?focus={actor}&hops=1"


async def client(port: int, rng: random.Random, ids, names_, until: float, out: list, failures: dict) -> None:
    """One closed-loop client: a request, its whole answer, the next request; every failure is an error."""
    http = KeepAliveClient("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            kind, url = request_for(rng, ids, names_)
            t = time.perf_counter()
            try:
                status = (await http.get(url))[0]
                failure = None if status == 200 else f"status {status}"
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, HttpError, ValueError) as exc:
                failure = type(exc).__name__
            out.append((kind, time.perf_counter() - t, failure is None))
            if failure is not None:
                failures[failure] = failures.get(failure, 0) + 1
    finally:
        http.close()


def clock_ticks(pids: set[int]) -> float:
    """CPU seconds (user + system) used so far by the processes `pids` that still run."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def session_pids(sid: int) -> set[int]:
    """Processes of the session `sid` (the ingest and the worker processes it started)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[3]) == sid:
                found.add(int(stat.parent.name))
    return found


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """CPU seconds of the server, the ingest (all processes of its session) and this process between
    `start()` and `stop()`. A worker process the ingest starts later counts from its own start."""

    def __init__(self, server: subprocess.Popen, ingest: subprocess.Popen | None):
        self.server, self.ingest = server.pid, ingest.pid if ingest is not None else None
        self.ingest_pids: set[int] = set()
        self.before = (0.0, 0.0, 0.0)

    def _now(self) -> tuple[float, float, float]:
        if self.ingest is not None:
            self.ingest_pids |= session_pids(self.ingest)
        return clock_ticks({self.server}), clock_ticks(self.ingest_pids), own_cpu()

    def start(self) -> None:
        self.before = self._now()

    def stop(self) -> dict[str, float]:
        used = [round(after - before, 1) for before, after in zip(self.before, self._now())]
        return dict(zip(("server", "ingest", "clients"), used))


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    q = statistics.quantiles(values, n=100)
    return {"p50": round(q[49] * 1000, 1), "p95": round(q[94] * 1000, 1), "p99": round(q[98] * 1000, 1)}


def summarise(results: list, seconds: float) -> dict:
    out = {"all": {"requests": len(results), "rps": round(len(results) / seconds, 1),
                   "errors": sum(1 for *_, ok in results if not ok), **percentiles([d for _, d, _ in results])}}
    for kind in ("actor", "relations", "search", "graph"):
        mine = [r for r in results if r[0] == kind]
        out[kind] = {"requests": len(mine), "errors": sum(1 for *_, ok in mine if not ok),
                     **percentiles([d for _, d, _ in mine])}
    return out


def stop(proc: subprocess.Popen | None, group: bool) -> None:
    """End `proc` (with `group`, the whole process group it leads: its workers too)."""
    if proc is None:
        return
    if group:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    elif proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL) if group else proc.kill()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--extra", type=int, default=2000, help="briefs the concurrent ingest is given (more than it can add in the run)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-ingest", action="store_true", help="no concurrent writer (to separate its cost)")
    parser.add_argument("--ingest-nice", type=int, default=0,
                        help="run the ingest this much nicer than the server and clients (0: the same priority)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="briefgraph-load-"))
    server = ingest = None
    try:
        t = time.perf_counter()
        db, ids, names_ = build(folder, args.briefs, args.extra, args.seed)
        built = time.perf_counter() - t
        port = free_port()
        server, startup = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        full = time.perf_counter()
        httpx.get(base + "/api/graph", timeout=60)
        full_graph = time.perf_counter() - full
        exe = Path(sys.executable).with_name("briefgraph")
        if not args.no_ingest:
            # Its own process group: `add` runs worker processes, and they must end with it.
            ingest = subprocess.Popen(["nice", "-n", str(args.ingest_nice), str(exe), "add", str(folder / "ingest"), "--db", str(db)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(3)  # let the ingest load its model and start writing
        docs_before = httpx.get(base + "/api/overview", timeout=30).json()["documents"]
        results: list = []
        failures: dict[str, int] = {}
        until = time.perf_counter() + args.seconds
        rngs = [random.Random(args.seed * 1000 + i) for i in range(args.clients)]

        async def run() -> None:
            await asyncio.gather(*(client(port, r, ids, names_, until, results, failures) for r in rngs))
        meter = CpuMeter(server, ingest)
        meter.start()
        started = time.perf_counter()
        asyncio.run(run())
        elapsed = time.perf_counter() - started
        cpu = meter.stop()
        time.sleep(1)
        with Store(db, create=False) as store:
            docs_after = store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        report = {"briefs": args.briefs, "clients": args.clients, "seconds": round(elapsed, 1),
                  "store_built_s": round(built, 1), "serve_first_answer_s": round(startup, 2),
                  "full_graph_first_request_s": round(full_graph, 2),
                  "ingest_still_running": ingest is not None and ingest.poll() is None,
                  "documents_when_load_began": docs_before, "documents_after": docs_after,
                  "ingest_nice": None if ingest is None else args.ingest_nice,
                  "cpu_s": cpu, "server_cpu_ms_per_request": round(1000 * cpu["server"] / max(1, len(results)), 2),
                  **summarise(results, elapsed), "error_kinds": failures}
        print(json.dumps(report, indent=2))
    finally:
        for proc in (ingest, server):
            stop(proc, group=proc is ingest)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The local engine: extraction in this process (`jobs=1`) or in N worker processes on this machine.

Workers are forked from a fork server that has loaded the default model once (`engines.warm`), so a
worker starts in a fraction of a second with the model already in memory; where the platform has no
fork server they are spawned and load it themselves. Either way they never inherit the parent's
threads and locks (a progress bar's), as a plain fork would. Workers get documents a few at a time:
at most `IN_FLIGHT` unfinished tasks per worker are queued, and at most `WAITING` finished ones wait
for an earlier, slower task, so reading never runs far ahead of parsing and memory stays bounded
however large the corpus, while no worker idles behind one long task or while the writer works. Results are handed back in input order, so one writer stores exactly what
`jobs=1` would have stored, in the same order.
"""
from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from .. import settings
from ..errors import BriefgraphError, EngineError
from ..model import Document, Graph
from ..nlp.pipeline import extract_documents_iter

TASK_DOCS = 4          # documents per task: enough for spaCy to batch short briefs' lines together
TASK_CHARS = 8_000     # ...unless they are long: a long brief goes alone, so no worker waits on a big task
IN_FLIGHT = 2          # unfinished tasks per worker: one being parsed, one ready behind it
WAITING = 2            # finished tasks per worker that may wait for an earlier, slower one

Task = list[Document]


class LocalEngine:
    def __init__(self, jobs: int = 1, model: str | None = None, generic_actors: bool = False,
                 catalog: str | None = None, worker_docs: int | None = None):
        if jobs < 1:
            raise EngineError(f"jobs must be at least 1, not {jobs}")
        self.jobs = jobs
        self.worker_docs = settings.worker_docs(worker_docs)  # documents per worker before a fresh one replaces it
        self.model = model
        self.generic_actors = generic_actors
        self.catalog = catalog  # a user actor catalogue, read again by every worker

    def graphs(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Graph]]:
        if self.jobs == 1:
            yield from self._inline(documents)
            return
        tasks = _tasks(documents)
        head = list(itertools.islice(tasks, 2))
        if len(head) < 2:  # one task's worth of text: starting workers would cost more than it saves
            yield from self._inline(itertools.chain.from_iterable(head))
            return
        yield from self._parallel(itertools.chain(head, tasks))

    def _inline(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Graph]]:
        return extract_documents_iter(documents, model=self.model, generic_actors=self.generic_actors,
                                      catalog=self.catalog)

    def _parallel(self, tasks: Iterable[Task]) -> Iterator[tuple[Document, Graph]]:
        pools = _Pools(self.jobs, self.worker_docs, (self.model, self.generic_actors, self.catalog))
        window = _Window(self.jobs)
        tasks = iter(tasks)
        try:
            while True:
                while window.wants_more():
                    task = next(tasks, None)
                    if task is None:
                        window.exhausted = True
                        break
                    window.pending.append((task, pools.submit(task)))
                if not window.pending:
                    return
                if window.head_due():
                    yield from _results(*window.pending.popleft())
                else:
                    wait([f for _, f in window.pending if not f.done()], return_when=FIRST_COMPLETED)
        finally:  # also when the consumer stops early: queued tasks are dropped, workers exit
            pools.shutdown()


class _Pools:
    """The worker pool, replaced by a fresh one once its workers have been given `worker_docs` documents
    each (on average): the old pool finishes the tasks it holds and exits, the new one's workers fork from
    the warm fork server. A worker keeps nothing from one task to the next that changes a graph, so the
    graphs are the same; only the memory a long run leaves in a worker (new strings, caches) is let go."""

    def __init__(self, jobs: int, worker_docs: int, initargs: tuple):
        self.jobs, self.worker_docs, self.initargs = jobs, worker_docs, initargs
        self.current: ProcessPoolExecutor | None = None
        self.retired: list[ProcessPoolExecutor] = []
        self.given = 0  # documents given to the current pool

    def submit(self, task: Task) -> Future:
        if self.current is not None and self.worker_docs and self.given >= self.jobs * self.worker_docs:
            self.current.shutdown(wait=False)  # its queued tasks still run; then its workers exit
            self.retired.append(self.current)
            self.current = None
        if self.current is None:
            self.current = ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_start_worker,
                                               initargs=self.initargs)
            self.given = 0
        self.given += len(task)
        return self.current.submit(_extract_task, task)

    def shutdown(self) -> None:
        for pool in self.retired + ([self.current] if self.current is not None else []):
            pool.shutdown(wait=True, cancel_futures=True)
        self.retired, self.current = [], None


class _Window:
    """Tasks submitted and not yet handed on, in input order. Every worker keeps up to IN_FLIGHT unfinished
    tasks, so none idles while one slow task holds up the results behind it or while the consumer (the
    writer) works; at most WAITING finished tasks per worker wait for an earlier one, so memory stays bounded."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pending: deque[tuple[Task, Future]] = deque()
        self.exhausted = False

    def unfinished(self) -> int:
        return sum(not f.done() for _, f in self.pending)

    def full(self) -> bool:
        return len(self.pending) >= self.jobs * (IN_FLIGHT + WAITING)

    def wants_more(self) -> bool:
        return not self.exhausted and not self.full() and self.unfinished() < self.jobs * IN_FLIGHT

    def head_due(self) -> bool:
        """Hand on the oldest task now (waiting for it if need be) rather than wait for any task to finish."""
        return self.pending[0][1].done() or self.exhausted or self.full() or self.unfinished() < self.jobs * IN_FLIGHT


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["briefgraph.engines.warm"])  # takes effect when the server first starts
    return context


def _tasks(documents: Iterable[Document]) -> Iterator[Task]:
    """Consecutive documents grouped into tasks of at most TASK_DOCS documents or about TASK_CHARS characters."""
    task: Task = []
    chars = 0
    for document in documents:
        if task and (len(task) >= TASK_DOCS or chars + len(document.text) > TASK_CHARS):
            yield task
            task, chars = [], 0
        task.append(document)
        chars += len(document.text)
    if task:
        yield task


def _results(task: Task, future: Future) -> Iterator[tuple[Document, Graph]]:
    try:
        found = future.result()
    except BrokenProcessPool:
        raise EngineError("an extraction worker stopped unexpectedly (out of memory?); "
                          "try fewer --jobs") from None
    for index, graph in found:
        graph.documents = [task[index]]  # the worker sent the graph without the text it already had
        yield task[index], graph


# --- in the worker processes ---------------------------------------------------------------------

_worker: dict = {}


def _start_worker(model: str | None, generic_actors: bool, catalog: str | None = None) -> None:
    """Load the model once. Ctrl-C is the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(model=model, generic_actors=generic_actors, catalog=catalog, error=None)
    try:
        from ..nlp.pipeline import load_model
        load_model(model)
    except BriefgraphError as exc:  # raised again with the first task, so the parent reports it
        _worker["error"] = exc


def _extract_task(task: Task) -> list[tuple[int, Graph]]:
    """(position in the task, graph) of each document; a document with no text to parse has no graph."""
    if _worker["error"] is not None:
        raise _worker["error"]
    position = {id(d): i for i, d in enumerate(task)}
    found = []
    for document, graph in extract_documents_iter(task, model=_worker["model"], generic_actors=_worker["generic_actors"],
                                                  catalog=_worker["catalog"]):
        graph.documents = []
        found.append((position[id(document)], graph))
    return found

"""The local engine: extraction in this process (`jobs=1`) or in N worker processes on this machine.

Workers are forked from a fork server that has loaded the default model once (`engines.warm`), so a
worker starts in a fraction of a second with the model already in memory; where the platform has no
fork server they are spawned and load it themselves. Either way they never inherit the parent's
threads and locks (a progress bar's), as a plain fork would. Workers get documents a few at a time:
at most `IN_FLIGHT` tasks per worker are queued, so reading never runs far ahead of parsing and
memory stays bounded however large the corpus. Results are handed back in input order, so one writer stores exactly what
`jobs=1` would have stored, in the same order.
"""
from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from ..errors import BriefgraphError, EngineError
from ..model import Document, Graph
from ..nlp.pipeline import extract_documents_iter

TASK_DOCS = 4          # documents per task: enough for spaCy to batch short briefs' lines together
TASK_CHARS = 8_000     # ...unless they are long: a long brief goes alone, so no worker waits on a big task
IN_FLIGHT = 2          # tasks queued per worker: one being parsed, one ready behind it

Task = list[Document]


class LocalEngine:
    def __init__(self, jobs: int = 1, model: str | None = None, generic_actors: bool = False,
                 catalog: str | None = None):
        if jobs < 1:
            raise EngineError(f"jobs must be at least 1, not {jobs}")
        self.jobs = jobs
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
        pool = ProcessPoolExecutor(self.jobs, mp_context=_context(),
                                   initializer=_start_worker, initargs=(self.model, self.generic_actors, self.catalog))
        pending: deque[tuple[Task, Future]] = deque()
        try:
            for task in tasks:
                pending.append((task, pool.submit(_extract_task, task)))
                if len(pending) >= self.jobs * IN_FLIGHT:
                    yield from _results(*pending.popleft())
            while pending:
                yield from _results(*pending.popleft())
        finally:  # also when the consumer stops early: queued tasks are dropped, workers exit
            pool.shutdown(wait=True, cancel_futures=True)


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

"""`Corpus`: a store of briefs you add to over time, and the questions asked of it."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..errors import BriefgraphError, ReadError, StoreDamaged, StoreError
from ..model import Actor, Document, Graph, Relation
from ..settings import db_path
from .database import Store
from .profile import profile

Progress = Callable[[str, str], None]  # (document path, "added" | "skipped" | "failed")
OnError = Callable[[BriefgraphError], None]


@dataclass
class AddResult:
    added: int = 0
    skipped_duplicates: int = 0
    failures: list[str] = field(default_factory=list)  # one message per failed file, naming it
    notes: list[str] = field(default_factory=list)  # parts of stored briefs that were not parsed, naming them

    @property
    def failed(self) -> int:
        return len(self.failures)


class Corpus:
    """Briefs stored in one SQLite file, their actors merged across documents.

    >>> with Corpus("corpus.db") as corpus:
    ...     corpus.add(["briefs/"])
    ...     corpus.relations("Taliban")
    """

    def __init__(self, db: str | os.PathLike | None = None, model: str | None = None, catalog: str | None = None):
        self.db = db_path(str(db) if db is not None else None)
        self.model = model
        self.catalog = catalog  # a user actor catalogue added to the shipped one
        self._store: Store | None = None

    def _open(self, create: bool) -> Store:
        # Opened on first use: reading a store that does not exist is an error, adding creates it.
        if self._store is None:
            self._store = Store(self.db, create=create)
        return self._store

    def add(self, paths: str | os.PathLike | Iterable[str | os.PathLike], date: str | None = None,
            progress: Progress | None = None, on_error: OnError | None = None, jobs: int = 1,
            min_confidence: float = 0.0) -> AddResult:
        """Read, extract and store every brief under `paths`, one transaction per brief.

        Texts already stored are skipped before the model reads them. One bad file never stops
        the others: its error goes to `on_error` and into the result. `jobs` > 1 parses in that many
        worker processes; this process stays the one writer, storing in the same order. Claims whose
        confidence is below `min_confidence` are not stored.
        """
        from ..read.dates import check_date  # here: importing `read` loads every reader, which queries need not
        date = check_date(date)  # refused before any brief is read, not once per brief
        store = self._open(create=True)
        run = _Run(progress, on_error)
        chosen = {"catalog": self.catalog} if self.catalog else {}  # a plain add calls _extract as before
        for document, graph in _extract(_unseen(_read(_paths(paths), date), store, run), self.model, jobs=jobs,
                                        **chosen):
            run.store(store, document, graph.at_least(min_confidence))
        return run.result

    def add_extracted(self, items: Iterable[tuple[Document, Graph] | ReadError], progress: Progress | None = None,
                      on_error: OnError | None = None, min_confidence: float = 0.0) -> AddResult:
        """Store graphs another engine extracted, in the order given; read errors are reported as `add` does.
        Claims whose confidence is below `min_confidence` are not stored."""
        store = self._open(create=True)
        run = _Run(progress, on_error)
        for item in items:
            if isinstance(item, ReadError):
                run.failed(item.path, item)
            else:
                run.store(store, item[0], item[1].at_least(min_confidence))
        return run.result

    def add_graph(self, document: Document, graph: Graph) -> bool:
        """Store one document's graph extracted elsewhere; False when the text is already stored."""
        return self._open(create=True).add(document, graph)

    def graph(self, since: str | None = None, until: str | None = None) -> Graph:
        return self._open(create=False).graph(since, until)

    def relation_graph(self, since: str | None = None, until: str | None = None, texts: bool = False) -> Graph:
        """The graph analyses and reports need, read from the relation rows: no claims, no mentions,
        document texts only with `texts`. Same relations and evidence as `graph()`."""
        return self._open(create=False).relation_graph(since, until, texts)

    def actors(self, mentions: bool = True) -> list[Actor]:
        """Every stored actor, oldest first; with its mentions unless `mentions` is False."""
        return self._open(create=False).actors(mentions)

    def mention_counts(self) -> dict[str, int]:
        """How many mentions each actor has (by id), counted in the store."""
        return self._open(create=False).mention_counts()

    def actor_names(self, ids) -> dict[str, str]:
        """The names of the actors with these ids."""
        return self._open(create=False).actor_names(ids)

    def relations(self, actor: str | None = None) -> list[Relation]:
        """Every relation, or those with `actor` (id, name or alias) at either end."""
        return self._open(create=False).relations(actor)

    def profile(self, actor_name: str) -> dict:
        """The actor's names, type, attributes, relations in and out, and the sentences behind them."""
        actor, graph = self._open(create=False).profile_graph(actor_name)
        return profile(graph, actor.id)

    def remove(self, ref: str) -> Document:
        """Remove a stored document (id, id prefix or path) and everything only it supported; return it."""
        return self._open(create=False).remove(ref)

    def document_text(self, doc_id: str) -> str:
        """The stored text of one document."""
        return self._open(create=False).document_text(doc_id)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Run:
    """The tally of one `add` call, reporting each outcome as it happens."""

    def __init__(self, progress: Progress | None, on_error: OnError | None):
        self.result = AddResult()
        self.progress = progress
        self.on_error = on_error

    def store(self, store: Store, document: Document, graph: Graph) -> None:
        try:
            stored = store.add(document, graph)
        except StoreDamaged:
            raise  # the store itself is broken: no later brief can be stored either
        except StoreError as exc:
            self.failed(document.path, exc)
            return
        if stored:
            self.result.added += 1
            self.result.notes += [f"{document.path}: {note}" for note in document.notes]
            self._tell(document.path, "added")
        else:  # another writer stored the same text while the model was reading it
            self.skipped(document.path)

    def skipped(self, path: str) -> None:
        self.result.skipped_duplicates += 1
        self._tell(path, "skipped")

    def failed(self, path: str, exc: BriefgraphError) -> None:
        self.result.failures.append(str(exc))
        if self.on_error:
            self.on_error(exc)
        self._tell(path, "failed")

    def _tell(self, path: str, outcome: str) -> None:
        if self.progress:
            self.progress(path, outcome)


def _unseen(items: Iterable[Document | ReadError], store: Store, run: _Run) -> Iterator[Document]:
    """The readable documents whose text is neither stored nor seen earlier in this run."""
    seen: set[str] = set()
    own = _store_files(store.path)
    for item in items:
        if os.path.realpath(item.path) in own:
            continue  # `add .` walks the folder that holds the store: its own files are not briefs
        if isinstance(item, ReadError):
            run.failed(item.path, item)
        elif item.id in seen or store.has(item.id):
            run.skipped(item.path)
        else:
            seen.add(item.id)
            yield item


def _store_files(db: str) -> set[str]:
    real = os.path.realpath(db)
    return {real + suffix for suffix in ("", "-wal", "-shm", "-journal")}


def _paths(paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _read(paths: list[str], date: str | None) -> Iterator[Document | ReadError]:
    from ..read import iter_documents
    return iter_documents(paths, date=date)


def _extract(documents: Iterable[Document], model: str | None, jobs: int = 1,
             catalog: str | None = None) -> Iterator[tuple[Document, Graph]]:
    from ..api import iter_graphs  # imported here: loading the NLP stack is slow
    return iter_graphs(documents, model=model, jobs=jobs, catalog=catalog)

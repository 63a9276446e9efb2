"""The Python API: `extract(text_or_path) -> Graph` and `Corpus(db).add(paths)`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ReadError
from .merge import merge_graphs
from .engines import local_engine
from .model import Document, Graph


def _looks_like_path(source: str) -> bool:
    return source == "-" or ("\n" not in source and len(source) < 4096 and os.path.exists(source))


def _documents(source, date: str | None) -> Iterator[Document | ReadError]:
    from .read import iter_documents
    if isinstance(source, Document):
        yield source
    elif isinstance(source, Path):
        yield from iter_documents([str(source)], date=date)
    elif isinstance(source, str):
        if _looks_like_path(source):
            yield from iter_documents([source], date=date)
        else:
            yield Document(text=source, path="-", date=date)
    else:  # a list: strings in it are paths, as on the command line
        for item in source:
            if isinstance(item, str):
                yield from iter_documents([item], date=date)
            else:
                yield from _documents(item, date)


def iter_graphs(source, *, model: str | None = None, date: str | None = None,
                on_error: Callable[[ReadError], None] | None = None,
                generic_actors: bool = False, jobs: int = 1, scorer=True,
                catalog: str | None = None) -> Iterator[tuple[Document, Graph]]:
    """Yield (document, graph of that document) for every readable document; report the others to `on_error`.
    `generic_actors` also keeps unnamed groups ('police', 'protesters') that take part in claims.
    `jobs` > 1 parses in that many worker processes; the graphs and their order are the same.
    `scorer`: True for the shipped pair scorer, a `learn.model.PairModel`, or None for the rules alone
    (a model given here, as evaluation and training do, is used in this process).
    `catalog` names a user actor catalogue (the format of ontology/actors.yaml) added to the shipped one."""
    def readable() -> Iterable[Document]:
        for item in _documents(source, date):
            if isinstance(item, ReadError):
                if on_error is None:
                    raise item
                on_error(item)
            else:
                yield item
    if scorer is not True:
        from .nlp.pipeline import extract_documents_iter  # here: importing the api must not load spaCy
        yield from extract_documents_iter(readable(), model=model, generic_actors=generic_actors, scorer=scorer,
                                          catalog=catalog)
        return
    yield from local_engine(jobs, model, generic_actors, catalog).graphs(readable())


def extract(source, *, model: str | None = None, date: str | None = None,
            on_error: Callable[[ReadError], None] | None = None, generic_actors: bool = False,
            jobs: int = 1, scorer=True, catalog: str | None = None) -> Graph:
    """Extract one actor graph from a text, a path, a folder, a Document, or a list of these.

    Actors that several documents name are merged by alias; unreadable files raise `ReadError`
    unless `on_error` is given, in which case they are reported to it and skipped.
    """
    graphs = iter_graphs(source, model=model, date=date, on_error=on_error, generic_actors=generic_actors, jobs=jobs,
                         scorer=scorer, catalog=catalog)
    return merge_graphs([g for _, g in graphs])


def __getattr__(name):
    if name == "Corpus":
        from .store.corpus import Corpus
        return Corpus
    raise AttributeError(name)

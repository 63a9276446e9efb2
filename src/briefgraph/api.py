"""The Python API: `extract(text=...)` or `extract(path=...)` -> Graph, and `Corpus(db).add(paths)`."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ReadError, ReadErrors, SettingsError
from .merge import merge_graphs
from .engines import local_engine
from .model import Document, Graph
from .nlp.runs import note_long_runs
from .read.dates import check_date


def _looks_like_path(source: str) -> bool:
    """'-', a one-line string naming a file that exists, or one that reads as a file name ('x/brief.txt')."""
    if source == "-":
        return True
    if "\n" in source or len(source) >= 4096:
        return False
    from .read.formats import READERS
    return (os.path.exists(source) or Path(source).suffix.lower() in READERS
            or (os.sep in source and not any(c.isspace() for c in source)))


def _documents(source, date: str | None) -> Iterator[Document | ReadError]:
    from .read import iter_documents
    if isinstance(source, Document):
        yield source
    elif isinstance(source, (Path, bytes)):
        yield from iter_documents([os.fsdecode(source)], date=date)
    elif isinstance(source, str):
        if _looks_like_path(source):  # a missing file named like one is an error, never a text
            yield from iter_documents([source], date=date)
        else:
            yield _text_document(source, date)
    else:  # a list: strings in it are paths, as on the command line
        for item in source:
            if isinstance(item, str):
                yield from iter_documents([item], date=date)
            else:
                yield from _documents(item, date)


def _text_document(text: str, date: str | None) -> Document:
    return Document(text=text, path="-", date=date, date_source="given" if date else None)


def _given(source, text: str | None, path, date: str | None) -> object:
    """The one input among `source`, `text=` and `path=`; a text given as `text=` is never taken for a path."""
    if sum(x is not None for x in (source, text, path)) != 1:
        raise SettingsError("give exactly one of: a source, text=..., path=...")
    if text is not None:
        if not isinstance(text, str):
            raise SettingsError(f"text= must be a str, not {type(text).__name__}")
        return _text_document(text, date)
    if path is not None:
        return [os.fspath(p) for p in path] if isinstance(path, (list, tuple)) else [os.fspath(path)]
    return source


def iter_graphs(source=None, *, text: str | None = None, path=None, model: str | None = None,
                date: str | None = None, on_error: Callable[[ReadError], None] | None = None,
                generic_actors: bool = False, jobs: int = 1, scorer=True,
                catalog: str | None = None) -> Iterator[tuple[Document, Graph]]:
    """Yield (document, graph of that document) for every readable document; report the others to `on_error`
    (without it, the first unreadable file raises). Give the input as `text=`, `path=` or `source` (see
    `extract`). `generic_actors` also keeps unnamed groups ('police', 'protesters') that take part in claims.
    `jobs` > 1 parses in that many worker processes; the graphs and their order are the same.
    `scorer`: True for the shipped pair scorer, a `learn.model.PairModel`, or None for the rules alone
    (a model given here, as evaluation and training do, is used in this process).
    `catalog` names a user actor catalogue (the format of ontology/actors.yaml) added to the shipped one."""
    date = check_date(date)
    source = _given(source, text, path, date)

    def readable() -> Iterable[Document]:
        for item in _documents(source, date):
            if isinstance(item, ReadError):
                if on_error is None:
                    raise item
                on_error(item)
            else:
                note_long_runs(item)  # here, not in the engine: a worker's copy of the document is not returned
                yield item
    if scorer is not True:
        from .nlp.pipeline import extract_documents_iter  # here: importing the api must not load spaCy
        yield from extract_documents_iter(readable(), model=model, generic_actors=generic_actors, scorer=scorer,
                                          catalog=catalog)
        return
    yield from local_engine(jobs, model, generic_actors, catalog).graphs(readable())


def extract(source=None, *, text: str | None = None, path=None, model: str | None = None,
            date: str | None = None, on_error: Callable[[ReadError], None] | None = None,
            generic_actors: bool = False, jobs: int = 1, scorer=True, catalog: str | None = None) -> Graph:
    """Extract one actor graph from `text=` (a string), `path=` (a file, a folder, or a list of them), or
    `source` (a Document, a list, or a string taken as a path when it names one).

    Actors that several documents name are merged by alias. A missing or unreadable file is reported
    to `on_error` when given; otherwise every readable file is still extracted, and then one
    `ReadErrors` lists the bad files and carries the graph of the good ones in `.graph`.
    """
    errors: list[ReadError] = []
    graphs = iter_graphs(source, text=text, path=path, model=model, date=date, on_error=on_error or errors.append,
                         generic_actors=generic_actors, jobs=jobs, scorer=scorer, catalog=catalog)
    graph = merge_graphs([g for _, g in graphs])
    if errors:
        raise ReadErrors(errors, graph)
    return graph


def __getattr__(name):
    if name == "Corpus":
        from .store.corpus import Corpus
        return Corpus
    raise AttributeError(name)

"""The Ray engine: extraction spread over a Ray cluster with Ray Data, stored here by one writer.

    read (one task per group of source files) -> map_batches over a pool of actors, each holding one
    loaded pipeline and running the same per-document extraction as the local engine -> Parquet
    shards of per-document graphs in a work folder -> read back in source order -> this process's
    store, one document at a time.

Reading and shard writing are pinned to the node this process runs on, so SOURCE and the work folder
need only exist here; the actors run wherever the cluster has room. Needs `briefgraph[ray]`.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import EngineError, ReadError
from ..model import Document, Graph
from .records import GRAPH_COLUMNS, graph_columns, graph_from_columns
from .sources import SourceFile, check_date, read_rows, row_document, source_files

BATCH_DOCS = 8        # documents per actor call: enough for spaCy to batch, small enough to spread out
FILES_PER_READ = 16   # brief files per read task
KEY = ("file_no", "row_no")  # a row's place in the input: source file, record in that file
ROWS_PER_SHARD = 64
SHARDS_IN_MEMORY = 16  # shards the writer keeps decoded while it stores rows in source order

try:
    import pyarrow as pa
    import ray
    from ray.data import Datasource, ReadTask
    from ray.data.block import BlockMetadata
except ImportError as exc:  # the CLI says how to install the extra
    raise EngineError("the ray engine needs the extra: pip install 'briefgraph[ray]'") from exc

SCHEMA = pa.schema([("file_no", pa.int64()), ("row_no", pa.int64()), ("path", pa.string()),
                    ("title", pa.string()), ("date", pa.string()), ("text", pa.string()),
                    ("error", pa.string())] + [(c, pa.string()) for c in GRAPH_COLUMNS])


def ray_graphs(sources: list[str], *, work_dir: str, address: str | None = None, date: str | None = None,
               model: str | None = None, generic_actors: bool = False,
               actors: int | None = None) -> Iterator[tuple[Document, Graph] | ReadError]:
    """Extract every document under `sources` on Ray; yield (document, graph) or ReadError in source order.

    Connects to `address` (else $RAY_ADDRESS, else a Ray started here and stopped afterwards) unless
    this process is already connected. Shards go to a new folder inside `work_dir`, removed at the end.
    """
    check_date(date)
    files, errors = source_files(sources)
    with _shard_folder(work_dir) as shards:
        if files:
            with _connected(address):  # let go of the cluster before storing: the rest is local work
                _extract_to_shards(files, shards, date, model, generic_actors, actors or _cluster_cpus())
            yield from _merged(shards)
    yield from errors


@contextlib.contextmanager
def _connected(address: str | None) -> Iterator[None]:
    if ray.is_initialized():
        yield
        return
    try:
        ray.init(address=address, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise EngineError(f"cannot connect to Ray at {address or os.environ.get('RAY_ADDRESS') or 'a new local Ray'}: "
                          f"{exc}") from exc
    try:
        yield
    finally:
        ray.shutdown()


@contextlib.contextmanager
def _shard_folder(work_dir: str) -> Iterator[str]:
    os.makedirs(work_dir, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="briefgraph-shards-", dir=work_dir)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cluster_cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _extract_to_shards(files: list[SourceFile], shards: str, date: str | None, model: str | None,
                       generic_actors: bool, actors: int) -> None:
    here = _this_node()
    ray.data.DataContext.get_current().enable_progress_bars = False  # the CLI shows its own
    # Reading and writing are I/O on this node and reserve no CPU, so the actors can have every core.
    ds = ray.data.read_datasource(DocumentSource(files, date), num_cpus=0, resources=here)
    ds = ds.map_batches(Extractor, fn_constructor_kwargs={"model": model, "generic_actors": generic_actors},
                        batch_size=BATCH_DOCS, batch_format="pyarrow", num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=actors))
    try:
        with _quiet_ray_data():
            ds.write_parquet(shards, max_rows_per_file=ROWS_PER_SHARD, ray_remote_args={"num_cpus": 0, "resources": here})
    except ray.exceptions.RayError as exc:
        raise EngineError(f"extraction on Ray failed: {_first_line(exc)}") from exc


def _this_node() -> dict[str, float]:
    """A sliver of the resource every Ray node has under its own address, which pins a task to it;
    nothing when this machine is not a node (a Ray Client connection): then the cluster reads and writes."""
    resource = f"node:{ray.util.get_node_ip_address()}"
    return {resource: 0.001} if resource in ray.cluster_resources() else {}


@contextlib.contextmanager
def _quiet_ray_data() -> Iterator[None]:
    """Ray Data logs each run's plan, and a failure's full stack, to the console; the CLI says what failed
    in one line instead (Ray's log files under its temp folder keep everything)."""
    handlers = [h for h in logging.getLogger("ray.data").handlers if not isinstance(h, logging.FileHandler)]
    levels = [h.level for h in handlers]
    for h in handlers:
        h.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for h, level in zip(handlers, levels):
            h.setLevel(level)


def _merged(shards: str) -> Iterator[tuple[Document, Graph] | ReadError]:
    """The shards' rows in source order, as the writer wants them, holding only a few shards at a time:
    first every row's place (file_no, row_no) and where it is, then the rows in that order. Shards are
    small (one batch of documents each) and mostly finish in source order, so few are read twice."""
    files = sorted(str(p) for p in Path(shards).rglob("*.parquet"))
    rows = _ShardRows(files)
    for *_, shard, index in sorted(_places(files)):
        row = rows.of(shard)[index]
        document = row_document(row)
        if isinstance(document, ReadError):
            yield document
            continue
        graph = graph_from_columns(document, row)
        if graph is not None:
            yield document, graph


def _places(files: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """(file_no, row_no, shard, index in the shard) of every row."""
    import pyarrow.parquet as pq
    for shard, path in enumerate(files):
        keys = pq.read_table(path, columns=list(KEY)).to_pydict()
        for index, (file_no, row_no) in enumerate(zip(*(keys[c] for c in KEY))):
            yield file_no, row_no, shard, index


class _ShardRows:
    """The rows of the most recently used shards."""

    def __init__(self, files: list[str]):
        self.files = files
        self.of = functools.lru_cache(maxsize=SHARDS_IN_MEMORY)(self._read)

    def _read(self, shard: int) -> list[dict[str, Any]]:
        import pyarrow.parquet as pq
        return pq.read_table(self.files[shard], schema=SCHEMA).to_pylist()


def _first_line(exc: BaseException) -> str:
    cause = exc
    while getattr(cause, "cause", None) is not None:  # RayTaskError wraps the worker's own error
        cause = cause.cause
    text = str(cause).strip().splitlines()
    return text[-1] if text else type(cause).__name__


class DocumentSource(Datasource):
    """The source files as a Ray Data source: one read task per few files, each row one document."""

    def __init__(self, files: list[SourceFile], date: str | None):
        super().__init__()
        self.files = files
        self.date = date

    def estimate_inmemory_data_size(self) -> int | None:
        return sum(_size(f.path) for f in self.files)

    def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                       data_context: Any = None) -> list[ReadTask]:
        return [ReadTask(_reader(group, self.date), _metadata(group),
                         per_task_row_limit=per_task_row_limit)
                for group in _groups(self.files, parallelism)]


def _metadata(group: list[SourceFile]) -> BlockMetadata:
    return BlockMetadata(num_rows=None, size_bytes=sum(_size(f.path) for f in group), input_files=None,
                         exec_stats=None)


def _groups(files: list[SourceFile], parallelism: int) -> list[list[SourceFile]]:
    """Record files alone (they hold many documents); brief files FILES_PER_READ at a time, in order."""
    groups: list[list[SourceFile]] = []
    size = max(1, min(FILES_PER_READ, -(-len(files) // max(1, parallelism))))
    for f in files:
        if f.kind != "brief" or not groups or groups[-1][-1].kind != "brief" or len(groups[-1]) >= size:
            groups.append([])
        groups[-1].append(f)
    return groups


def _reader(group: list[SourceFile], date: str | None):
    def read() -> Iterator[pa.Table]:
        rows = [row for f in group for row in read_rows(f, date)]
        yield pa.Table.from_pylist([{**r, **{c: None for c in GRAPH_COLUMNS}} for r in rows], schema=SCHEMA)
    return read


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class Extractor:
    """A Ray Data actor holding one loaded pipeline; turns a batch of document rows into graph rows."""

    def __init__(self, model: str | None, generic_actors: bool):
        from ..nlp.pipeline import load_model
        load_model(model)
        self.model = model
        self.generic_actors = generic_actors

    def __call__(self, batch: pa.Table) -> pa.Table:
        from ..nlp.pipeline import extract_documents_iter
        rows = batch.to_pylist()
        documents = {i: row_document(r) for i, r in enumerate(rows)}
        readable = [(i, d) for i, d in documents.items() if isinstance(d, Document)]
        position = {id(d): i for i, d in readable}
        for document, graph in extract_documents_iter([d for _, d in readable], model=self.model,
                                                      generic_actors=self.generic_actors):
            rows[position[id(document)]].update(graph_columns(graph))
        return pa.Table.from_pylist(rows, schema=SCHEMA)

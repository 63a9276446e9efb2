"""`--jobs N`: worker processes parse, one writer stores, and the graph is the same as `--jobs 1`."""
import json
import sys

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.engines import local as local_engine
from briefgraph.engines.local import TASK_DOCS, LocalEngine, _tasks
from briefgraph.errors import EngineError
from briefgraph.model import Document

runner = CliRunner()

BRIEFS = {
    "a-gulf.txt": "Iran supplied drones to the Houthis. The Houthis attacked ships off Yemen.\n",
    "b-sahel.txt": "Russia reportedly sent instructors to Mali.\nFrance withdrew its troops from Mali.\n",
    "c-levant.txt": "Hezbollah fired rockets at Israel. Israel struck Hezbollah positions in Lebanon.\n",
    "d-caucasus.txt": "Azerbaijan and Turkey signed a defence pact. Armenia accused Azerbaijan of shelling.\n",
    "e-horn.txt": "Ethiopia may have armed militias in Somalia. Egypt backs Somalia.\n",
    "f-korea.txt": "North Korea sent shells to Russia. South Korea condemned North Korea.\n",
}


@pytest.fixture
def briefs(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def pools(monkeypatch):
    """Counts the worker pools started in this process."""
    started = []

    class CountedPool(local_engine.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(args)
            super().__init__(*args, **kwargs)
    monkeypatch.setattr(local_engine, "ProcessPoolExecutor", CountedPool)
    return started


def _docs(n: int, chars: int = 10) -> list[Document]:
    return [Document(text=f"{i:0{chars}d}", path=f"d{i}.txt") for i in range(n)]


def test_tasks_keep_input_order_and_cap_documents_per_task():
    docs = _docs(TASK_DOCS * 2 + 1)
    tasks = list(_tasks(docs))
    assert [d for t in tasks for d in t] == docs
    assert [len(t) for t in tasks] == [TASK_DOCS, TASK_DOCS, 1]


def test_a_long_document_is_a_task_of_its_own():
    docs = _docs(3, chars=10) + _docs(1, chars=local_engine.TASK_CHARS) + _docs(1)
    assert [len(t) for t in _tasks(docs)] == [3, 1, 1]


def test_jobs_below_one_is_refused():
    with pytest.raises(EngineError, match="at least 1"):
        LocalEngine(jobs=0)


@pytest.mark.model
def test_extract_with_two_workers_writes_the_same_graph_as_one_process(briefs, pools):
    one = runner.invoke(app, ["extract", str(briefs), "--format", "json", "--jobs", "1"])
    assert one.exit_code == 0, one.output
    assert pools == []  # --jobs 1 parses in this process
    two = runner.invoke(app, ["extract", str(briefs), "--format", "json", "--jobs", "2"])
    assert two.exit_code == 0, two.output
    assert len(pools) == 1
    assert two.stdout == one.stdout
    graph = json.loads(one.stdout)
    assert [d["path"] for d in graph["documents"]] == [str(briefs / n) for n in BRIEFS]
    assert len(graph["relations"]) >= len(BRIEFS)


@pytest.mark.model
def test_add_with_two_workers_stores_what_one_process_stores_and_names_bad_files(briefs, tmp_path, pools):
    (briefs / "z-blob.bin").write_bytes(b"\x00\x01\x02binary")
    stores = {}
    for jobs in ("1", "2"):
        db = str(tmp_path / f"jobs{jobs}.db")
        result = runner.invoke(app, ["add", str(briefs), "--db", db, "--jobs", jobs])
        assert result.exit_code == 1
        assert result.stderr.count("error:") == 1
        assert f"error: {briefs / 'z-blob.bin'}: binary file, not text" in result.stderr
        assert result.stdout == f"Stored 6 new briefs in {db} (0 already stored, 1 failed)\n"
        stores[jobs] = runner.invoke(app, ["relations", "--db", db, "--format", "json"]).stdout
    assert len(pools) == 1
    assert stores["2"] == stores["1"] and json.loads(stores["1"])


@pytest.mark.model
def test_a_model_that_cannot_load_in_the_workers_is_one_error_line(briefs):
    result = runner.invoke(app, ["extract", str(briefs), "--jobs", "2", "--model", "no_such_model_xyz"])
    assert result.exit_code != 0
    assert "cannot load the spaCy model no_such_model_xyz" in result.stderr + str(result.exception)


def test_ray_options_without_the_ray_engine_are_refused(briefs, tmp_path):
    result = runner.invoke(app, ["add", str(briefs), "--db", str(tmp_path / "c.db"), "--address", "10.0.0.5:6379"])
    assert result.exit_code == 1
    assert result.stderr == "error: --address and --work-dir are options of --engine ray\n"
    assert not (tmp_path / "c.db").exists()


def test_ray_engine_without_the_extra_installed_says_how_to_install_it(briefs, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    monkeypatch.delitem(sys.modules, "briefgraph.engines.ray", raising=False)
    result = runner.invoke(app, ["add", str(briefs), "--db", str(tmp_path / "c.db"), "--engine", "ray"])
    assert result.exit_code == 1
    assert result.stderr == "error: the ray engine needs the extra: pip install 'briefgraph[ray]'\n"


@pytest.mark.model
def test_workers_read_only_a_bounded_number_of_documents_ahead_of_the_writer():
    pulled = []

    def documents():
        for i in range(200):
            pulled.append(i)
            yield Document(text=f"Brief {i}. Iran backs the Houthis.", path=f"b{i}.txt")

    graphs = LocalEngine(jobs=2).graphs(documents())
    first, _ = next(graphs)
    graphs.close()  # the writer stops early: queued work is dropped and the workers exit
    assert first.path == "b0.txt"
    # the window (unfinished and finished tasks per worker) plus the task being formed, and one document of look-ahead
    assert len(pulled) <= (2 * (local_engine.IN_FLIGHT + local_engine.WAITING) + 1) * TASK_DOCS + 1


@pytest.mark.model
def test_workers_replaced_after_their_share_of_documents_give_the_same_graphs_in_order(briefs, pools):
    from briefgraph.read import iter_documents
    one = [(d.path, g.to_dict()) for d, g in LocalEngine(jobs=1).graphs(iter_documents([str(briefs)]))]
    engine = LocalEngine(jobs=2, worker_docs=1)  # a fresh pool once 2 documents have gone to the current one
    recycled = [(d.path, g.to_dict()) for d, g in engine.graphs(iter_documents([str(briefs)]))]
    assert len(pools) == 2  # 6 briefs in tasks of 4 and 2: the second task goes to a fresh pool
    assert recycled == one


def test_worker_docs_comes_from_the_environment_and_a_bad_value_is_named(monkeypatch):
    from briefgraph.errors import SettingsError
    from briefgraph.settings import DEFAULT_WORKER_DOCS, worker_docs
    monkeypatch.delenv("BRIEFGRAPH_WORKER_DOCS", raising=False)
    assert worker_docs() == DEFAULT_WORKER_DOCS
    monkeypatch.setenv("BRIEFGRAPH_WORKER_DOCS", "0")
    assert LocalEngine(jobs=2).worker_docs == 0
    monkeypatch.setenv("BRIEFGRAPH_WORKER_DOCS", "many")
    with pytest.raises(SettingsError, match="BRIEFGRAPH_WORKER_DOCS='many' is not a number"):
        LocalEngine(jobs=2)


def _future(done: bool):
    from concurrent.futures import Future
    f = Future()
    if done:
        f.set_result([])
    return f


def test_a_slow_first_task_does_not_stop_the_queue_until_the_finished_ones_reach_their_bound():
    window = local_engine._Window(jobs=2)
    window.pending.append(([], _future(done=False)))  # the slow one, first in line
    while window.wants_more():  # the others finish as fast as they are queued
        window.pending.append(([], _future(done=True)))
    assert len(window.pending) == 2 * (local_engine.IN_FLIGHT + local_engine.WAITING)
    assert window.head_due()  # the bound is reached: now wait for the slow one


def test_a_worker_with_unfinished_tasks_queued_gets_no_more_and_the_oldest_is_waited_for_only_once_done():
    window = local_engine._Window(jobs=1)
    window.pending.extend([([], _future(done=False)) for _ in range(local_engine.IN_FLIGHT)])
    assert not window.wants_more()
    assert not window.head_due()  # wait for any task to finish instead of blocking on the first
    window.pending[0][1].set_result([])
    assert window.head_due() and window.wants_more()

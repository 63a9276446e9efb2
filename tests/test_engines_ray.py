"""`add --engine ray` on a real local Ray (2 CPUs): the same store as the local engine on the example briefs."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = [pytest.mark.ray, pytest.mark.model]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "briefs"
EXTRA = ["Egypt backs Somalia. Ethiopia reportedly armed militias in Somalia.",
         "North Korea sent shells to Russia. South Korea condemned North Korea."]
runner = CliRunner()


@pytest.fixture
def local_ray(tmp_path_factory):
    """A Ray started for this test alone: 2 CPUs, its temp files in pytest's folder, no dashboard.
    (A short folder name: Ray's sockets live under it and a socket path is limited to 107 bytes.)"""
    ray.init(num_cpus=2, _temp_dir=str(tmp_path_factory.mktemp("ray")), include_dashboard=False,
             log_to_driver=False)
    yield
    ray.shutdown()


def _read(db: str, *command: str) -> str:
    result = runner.invoke(app, [*command, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ray_engine_stores_the_same_graph_as_the_local_engine(tmp_path, local_ray):
    """The example briefs as files, then two more documents as a JSON Lines record and a Parquet row."""
    for i, text in enumerate(EXTRA):
        (tmp_path / f"extra{i}.txt").write_text(text, encoding="utf-8")
    jsonl, parquet, work = tmp_path / "extra.jsonl", tmp_path / "extra.parquet", tmp_path / "work"
    jsonl.write_text(json.dumps({"text": EXTRA[0], "path": "extra0.txt"}) + "\n{broken\n", encoding="utf-8")
    pq.write_table(pa.table({"text": [EXTRA[1]], "title": ["Korea"]}), parquet)
    local, on_ray = str(tmp_path / "local.db"), str(tmp_path / "ray.db")

    result = runner.invoke(app, ["add", str(EXAMPLES), str(tmp_path / "extra0.txt"), str(tmp_path / "extra1.txt"),
                                 "--db", local, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["add", str(EXAMPLES), str(jsonl), str(parquet), "--db", on_ray, "--engine", "ray",
                                 "--work-dir", str(work)])

    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1 and f"error: {jsonl}:2: not JSON" in result.stderr
    assert result.stdout == f"Stored 5 new briefs in {on_ray} (0 already stored, 1 failed)\n"
    relations = _read(on_ray, "relations")
    assert relations == _read(local, "relations") and len(json.loads(relations)) > 10
    assert _read(on_ray, "actors") == _read(local, "actors")
    assert list(work.iterdir()) == []  # the shards are removed once stored

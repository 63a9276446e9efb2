"""`briefgraph extract` end to end: the graph contract on stdout, one line per unreadable file."""
import json

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app

pytestmark = pytest.mark.model
runner = CliRunner()


def test_extract_writes_the_graph_contract_and_valid_evidence(tmp_path):
    brief = tmp_path / "brief.txt"
    brief.write_text("Russia attacked Ukraine in February.\nChina and Pakistan met in Beijing.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(brief), "--format", "json"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert graph["schema"] == "briefgraph/graph@1"
    assert graph["documents"][0]["path"] == str(brief)
    text = brief.read_text(encoding="utf-8")
    rel = next(r for r in graph["relations"] if r["type"] == "ASSAULT")
    assert all(text[e["start"]:e["end"]] == e["text"] for e in rel["evidence"])


def test_extract_names_each_bad_file_processes_the_good_ones_and_exits_1(tmp_path):
    (tmp_path / "good.txt").write_text("Iran's support for Hezbollah has grown.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02\x03binary")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert f"error: {tmp_path / 'blob.bin'}: binary file, not text" in result.stderr
    assert "Traceback" not in result.stderr
    docs = [json.loads(line)["documents"][0]["path"] for line in result.stdout.splitlines()]
    assert docs == [str(tmp_path / "good.txt")]


def test_every_command_help_shows_an_example():
    for command in ["extract", "add", "actors", "relations", "show", "analyze", "report", "plot", "whatif", "diff"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: briefgraph" in result.stdout, command

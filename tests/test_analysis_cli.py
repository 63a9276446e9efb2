"""`briefgraph analyze|report|plot|whatif|diff` as a user runs them."""
import json

import pytest
from typer.testing import CliRunner

import briefgraph.api
import briefgraph.cli.analysis  # noqa: F401  (registers the commands)
from analysis_graphs import Builder, taliban_like
from briefgraph.cli.app import app

COMMANDS = ["analyze", "report", "plot", "whatif", "diff"]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def graph_file(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(taliban_like().to_dict()), encoding="utf-8")
    return path


def test_cli_analyze_json_ranks_taliban_first(runner, graph_file):
    result = runner.invoke(app, ["analyze", "--graph", str(graph_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cross_pressure"][0]["actor"] == "Taliban"
    assert data["balance"]["frustration_index"] == 1


def test_cli_analyze_text_names_the_frustrated_tie_and_its_sentence(runner, graph_file):
    result = runner.invoke(app, ["analyze", "--graph", str(graph_file)])
    assert "Balance: frustration index 1 (exact)" in result.stdout
    assert "1. Taliban" in result.stdout
    assert '"The Taliban hosted the AQIS leader Asim Umar."' in result.stdout


def test_cli_analyze_paths_are_extracted_in_memory_without_a_store(runner, tmp_path, monkeypatch):
    calls = []

    def fake_extract(paths, on_error=None, **kw):
        calls.append(paths)
        return taliban_like()
    monkeypatch.setattr(briefgraph.api, "extract", fake_extract)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["analyze", "brief.txt", "--json"])
    assert result.exit_code == 0, result.output
    assert calls == [["brief.txt"]]
    assert list(tmp_path.iterdir()) == []


def test_cli_analyze_unreadable_brief_is_named_and_exits_one(runner, monkeypatch):
    from briefgraph.errors import ReadError

    def fake_extract(paths, on_error=None, **kw):
        on_error(ReadError("bad.pdf", "not a brief"))
        return taliban_like()
    monkeypatch.setattr(briefgraph.api, "extract", fake_extract)
    result = runner.invoke(app, ["analyze", "bad.pdf", "good.txt"])
    assert result.exit_code == 1
    assert "error: bad.pdf: not a brief" in result.stderr
    assert "1. Taliban" in result.stdout


def test_cli_analyze_missing_store_is_one_error_line(runner, tmp_path):
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_analyze_bad_date_is_one_error_line(runner, graph_file):
    result = runner.invoke(app, ["analyze", "--graph", str(graph_file), "--since", "last week"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_cli_whatif_reports_the_frustration_change(runner, graph_file):
    result = runner.invoke(app, ["whatif", "--graph", str(graph_file), "--set", "Taliban -> al-Qaeda = -1"])
    assert result.exit_code == 0, result.output
    assert "edit: Taliban -> al-Qaeda: +1 becomes -1" in result.stdout
    assert "frustration index: 1 -> 2" in result.stdout


def test_cli_whatif_unknown_actor_is_one_error_line(runner, graph_file):
    result = runner.invoke(app, ["whatif", "--graph", str(graph_file), "--set", "Nobody -> Taliban = 1"])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown actor 'Nobody' in scenario edit 'Nobody -> Taliban = 1'\n"


def test_cli_whatif_without_edits_says_what_to_give(runner, graph_file):
    result = runner.invoke(app, ["whatif", "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert "give at least one --set" in result.stderr


def test_cli_report_writes_the_html_file(runner, graph_file, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", "--graph", str(graph_file), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    assert "Taliban" in out.read_text(encoding="utf-8")


def test_cli_plot_writes_an_svg(runner, graph_file, tmp_path):
    out = tmp_path / "graph.svg"
    result = runner.invoke(app, ["plot", "--graph", str(graph_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text(encoding="utf-8")


def test_cli_diff_lists_the_sign_flip(runner, tmp_path):
    b = Builder().document("2021-01-01").rel("Iran", "Hamas", 1)
    b.document("2021-08-01").rel("Iran", "Hamas", -1)
    path = tmp_path / "g.json"
    path.write_text(json.dumps(b.graph().to_dict()), encoding="utf-8")
    result = runner.invoke(app, ["diff", "--graph", str(path), "--since", "2021-06-01"])
    assert result.exit_code == 0, result.output
    assert "Hamas -- Iran: +1 -> -1" in result.stdout


def test_cli_bad_graph_file_is_one_error_line(runner, tmp_path):
    path = tmp_path / "g.json"
    path.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--graph", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: not a readable graph JSON file")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_analysis_command_help_has_an_example(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: briefgraph {command}" in result.stdout

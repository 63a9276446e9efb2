"""The edges of the command line: every failure is one line naming the file or option, a non-zero exit,
no traceback, no file left behind, and no store created or altered by a command that only reads."""
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from briefgraph.cli import app
from briefgraph.errors import BriefgraphError
from briefgraph.names import one_line

pytestmark = pytest.mark.model
BRIEF = "Russia armed the Houthis in Yemen.\n"
BRIEFGRAPH = [sys.executable, "-m", "briefgraph.cli.__init__"]


def cli(*args: str, env: dict | None = None) -> tuple[int, list[str], str]:
    """(exit code, stderr lines, stdout) as the console script gives them: a library error is one line."""
    result = CliRunner().invoke(app, list(args), env=env)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        assert isinstance(exc, BriefgraphError), f"traceback: {exc!r}"
        return 1, [f"error: {one_line(str(exc))}"], result.stdout
    return result.exit_code, result.stderr.splitlines(), result.stdout


def script(*args: str, cwd=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real console entry point in a subprocess (for what a test process cannot fake: hangs, exit codes)."""
    code = "import sys; from briefgraph.cli import main; sys.argv[0] = 'briefgraph'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


@pytest.fixture
def brief(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def test_fifo_in_a_folder_does_not_hang_add_and_the_good_brief_is_stored(tmp_path, brief):
    os.mkfifo(tmp_path / "pipe.txt")
    done = script("add", str(tmp_path), "--db", str(tmp_path / "store" / "s.db"))
    assert done.returncode == 1
    assert done.stderr == f"error: {tmp_path}/pipe.txt: is a FIFO (named pipe), not a file\n"
    assert "Stored 1 new brief" in done.stdout


def test_max_bytes_that_is_not_a_size_is_one_line_naming_the_setting(brief):
    code, err, _ = cli("extract", str(brief), env={"BRIEFGRAPH_MAX_BYTES": "abc"})
    assert code == 1
    assert err == ["error: BRIEFGRAPH_MAX_BYTES='abc' is not a size (expected e.g. 20MB, 20,000,000 or 500kB)"]


@pytest.mark.parametrize("size", ["20MB", "20,000,000"])
def test_max_bytes_in_the_readmes_format_is_accepted(brief, size):
    assert cli("extract", str(brief), env={"BRIEFGRAPH_MAX_BYTES": size})[0] == 0


def test_report_output_that_is_a_folder_is_one_line(tmp_path, brief):
    (tmp_path / "out").mkdir()
    code, err, _ = cli("report", str(brief), "-o", str(tmp_path / "out"))
    assert (code, err) == (1, [f"error: {tmp_path}/out: is a folder; give a file name to write"])


def test_report_output_in_a_missing_folder_creates_the_folder(tmp_path, brief):
    code, _, out = cli("report", str(brief), "-o", str(tmp_path / "new" / "r.html"))
    assert code == 0 and (tmp_path / "new" / "r.html").stat().st_size > 0


def test_extract_output_under_a_regular_file_is_one_line(tmp_path, brief):
    code, err, _ = cli("extract", str(brief), "-o", str(brief / "graph.json"))
    assert (code, err) == (1, [f"error: {brief}/graph.json: cannot write there, {brief} is a file, not a folder"])


def test_report_on_unreadable_input_leaves_no_report_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    code, err, _ = cli("report", str(bad), "-o", str(tmp_path / "report.html"))
    assert (code, err) == (1, [f"error: {bad}: binary file, not text"])
    assert sorted(os.listdir(tmp_path)) == ["bad.txt"]


def test_extract_on_unreadable_input_leaves_no_output_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert cli("extract", str(bad), "-o", str(tmp_path / "g.json"))[0] == 1
    assert sorted(os.listdir(tmp_path)) == ["bad.txt"]


def test_extract_date_that_is_not_a_date_is_refused_naming_the_option(brief):
    code, err, _ = cli("extract", str(brief), "--date", "notadate")
    assert (code, err) == (1, ["error: --date: not a date: 'notadate' (expected e.g. 2021-10-04)"])


@pytest.mark.parametrize("command", [["diff", "--since"], ["analyze", "--until"], ["analyze", "--since"]])
def test_window_dates_that_are_not_dates_are_refused_naming_the_option(brief, command):
    code, err, _ = cli(*command, "notadate", str(brief))
    assert (code, err) == (1, [f"error: {command[1]}: not a date: 'notadate' (expected e.g. 2021-10-04)"])


@pytest.mark.parametrize("command", [["actors"], ["relations"], ["show", "Russia"], ["analyze"],
                                     ["diff", "--since", "2021-01-01"]])
def test_read_only_commands_refuse_an_empty_file_and_leave_it_empty(tmp_path, command):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    code, err, _ = cli(*command, "--db", str(db))
    assert code == 1 and len(err) == 1 and "empty file, not a briefgraph store" in err[0]
    assert db.stat().st_size == 0 and sorted(os.listdir(tmp_path)) == ["empty.db"]


@pytest.mark.parametrize("command", [["actors"], ["relations"], ["add", "BRIEF"]])
def test_another_applications_sqlite_database_is_refused_and_left_untouched(tmp_path, brief, command):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    args = [str(brief) if a == "BRIEF" else a for a in command]
    code, err, _ = cli(*args, "--db", str(db))
    assert (code, err) == (1, [f"error: {db}: cannot open store: not a briefgraph store "
                                "(another application's database?); left untouched"])
    assert db.read_bytes() == before and not os.path.exists(f"{db}-wal")


def test_read_only_command_on_a_missing_store_creates_nothing(tmp_path):
    code, err, _ = cli("relations", "--db", str(tmp_path / "nope.db"))
    assert code == 1 and err[0].startswith(f"error: no store at {tmp_path}/nope.db")
    assert os.listdir(tmp_path) == []


def test_damaged_store_pages_give_one_line_for_add_and_reads(tmp_path, brief):
    db, briefs = tmp_path / "s.db", tmp_path / "briefs"
    briefs.mkdir()
    for n in range(8):
        (briefs / f"b{n}.txt").write_text(f"Iran armed Hezbollah in {2000 + n}.\n" * 40, encoding="utf-8")
    assert cli("add", str(briefs), "--db", str(db))[0] == 0
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        for offset in range(4096 * 2, size, 4096):  # every page but the schema's
            fh.seek(offset + 8)
            fh.write(b"\xa5" * 900)
    new = tmp_path / "new.txt"
    new.write_text("Turkey condemned Greece.\n", encoding="utf-8")
    for args in (["add", str(new)], ["relations"], ["actors"]):
        code, err, _ = cli(*args, "--db", str(db))
        assert code == 1 and len(err) == 1 and "store is damaged" in err[0], (args, err)


@pytest.mark.parametrize("gold, message", [
    ({"actors": [1, 2], "relations": []}, "gold actors[0] must be an object with a 'name'"),
    ({"actors": [{"type": "state"}], "relations": []}, "gold actors[0] must be an object with a 'name'"),
    ({"actors": [], "relations": [{"source": "A", "target": "B"}]}, "gold relations[0] must have a 'sign'"),
    ({"actors": [], "relations": [None]}, "gold relations[0] must be an object with 'source' and 'target'"),
])
def test_malformed_gold_files_are_one_line_not_a_traceback(tmp_path, brief, gold, message):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    code, err, _ = cli("eval", "gold", str(path), str(brief))
    assert code == 1 and len(err) == 1 and message in err[0]


def test_eval_gold_with_a_missing_brief_is_an_error_not_zero_scores(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"actors": [], "relations": []}), encoding="utf-8")
    code, err, _ = cli("eval", "gold", str(path), str(tmp_path / "missing.txt"))
    assert (code, err) == (1, [f"error: {tmp_path}/missing.txt: no such file or directory"])


def test_file_name_with_terminal_escapes_reaches_the_terminal_escaped(tmp_path):
    bad = tmp_path / "x\x1b[2Jy\nz.txt"
    bad.write_bytes(b"")
    code, err, _ = cli("extract", str(bad))
    assert (code, err) == (1, [f"error: {tmp_path}/x\\x1b[2Jy\\nz.txt: empty file"])


def test_extract_with_text_carries_the_text_that_evidence_offsets_index(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>T</title></head><body><nav>Home | About</nav><article><p>"
                    "Russia armed the Houthis in Yemen last spring, officials said.</p></article></body></html>",
                    encoding="utf-8")
    code, _, out = cli("extract", str(page), "--with-text")
    graph = json.loads(out)
    text = graph["documents"][0]["text"]
    assert code == 0 and "Russia armed the Houthis" in text
    assert all(text[e["start"]:e["end"]] == e["text"] for r in graph["relations"] for e in r["evidence"])
    assert graph["relations"]


def test_add_tells_which_brief_had_a_long_run_left_out(tmp_path, brief):
    long = tmp_path / "long.txt"
    long.write_text(BRIEF + ")" * 5000 + "\n", encoding="utf-8")
    code, err, out = cli("add", str(long), "--db", str(tmp_path / "s.db"))
    assert code == 0 and "Stored 1 new brief" in out
    assert err == [f"note: {long}: skipped 1 run(s) of more than 200 characters without a space "
                   f"(5000 characters, the first at offset {len(BRIEF)}): not parsed"]

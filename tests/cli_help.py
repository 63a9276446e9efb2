"""Every `--help` page of the `briefgraph` command line, for the snapshot test in test_cli_startup.py.

Run as a script it prints the pages (the snapshot's format); `BRIEFGRAPH_UPDATE_SNAPSHOT=1 pytest
tests/test_cli_startup.py` rewrites the snapshot after an intended change to a command or option.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "cli_help.txt"
# Help is drawn by rich: a fixed width and no terminal make the pages the same everywhere.
ENV_FIXED = {"COLUMNS": "120", "LINES": "50", "TERM": "dumb", "NO_COLOR": "1"}
ENV_DROPPED = ("TERMINAL_WIDTH", "FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "FORCE_TERMINAL", "TTY_COMPATIBLE",
               "TTY_INTERACTIVE", "_TYPER_FORCE_DISABLE_TERMINAL")


def command_paths(group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command under `group`, the group itself first."""
    paths = [prefix]
    for name in sorted(getattr(group, "commands", {})):
        paths += command_paths(group.commands[name], (*prefix, name))
    return paths


def pages() -> str:
    """The help pages of every command, each under a `=== briefgraph ...` line."""
    import typer
    from typer.testing import CliRunner

    from briefgraph.cli import app
    root = typer.main.get_command(app)
    runner = CliRunner()
    out = []
    for path in command_paths(root):
        result = runner.invoke(app, [*path, "--help"], env=ENV_FIXED)
        out.append(f"=== briefgraph {' '.join(path)} (exit {result.exit_code})\n{result.stdout}")
    return "".join(out)


def pages_in_subprocess() -> str:
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED} | ENV_FIXED
    done = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True, check=True)
    return done.stdout


if __name__ == "__main__":
    sys.stdout.write(pages())

"""A throw-away PostgreSQL cluster for the store tests: initdb in a temp folder, a free loopback port,
`pg_ctl start`, and everything removed at the end. PostgreSQL refuses to run as root, so as root the
server runs as the unprivileged `nobody`."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

UNPRIVILEGED = "nobody"


def server_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (Debian keeps them out of PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", UNPRIVILEGED, "--", *args] if os.geteuid() == 0 else args


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its `postgres` database (user `briefgraph`, trusted on loopback)."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server programs (initdb, pg_ctl) are not installed")
    folder = Path(tempfile.mkdtemp(prefix="briefgraph-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, UNPRIVILEGED)
    data, port = folder / "data", _free_port()
    try:
        _run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "briefgraph", "--auth=trust",
                              "-E", "UTF8", "--no-locale", "--no-sync"]))
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
                              "-w", "start"]))
        try:
            yield f"postgresql://briefgraph@127.0.0.1:{port}/postgres"
        finally:
            _run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty schema on the cluster for one test (cheaper than a database); dropped afterwards.
    The URL sets the connection's search path to it, so the store sees nothing else."""
    import psycopg
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    try:
        yield f"{server_url}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {name} CASCADE")


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)


# Fixtures, made visible to every test module by conftest.py.
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """One throw-away cluster for the whole session; the PostgreSQL variants skip where it cannot run."""
    if server_bin() is None:
        pytest.skip("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install 'briefgraph[postgres]'")
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """Where a test's store lives: a SQLite file, then a fresh database on the PostgreSQL cluster."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    with fresh_database(request.getfixturevalue("pg_server")) as url:
        yield url

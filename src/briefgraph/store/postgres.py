"""The PostgreSQL backend (`--db postgresql://...`): a team store shared by several writers.

The store's SQL is written once, for SQLite, in the subset both databases share. `PgConnection`
offers the three things of `sqlite3.Connection` the store uses (`execute`, `executemany`,
`in_transaction`) and rewrites the few SQLite spellings that remain:

- `?` placeholders become `%s`;
- every table gets a `rowid BIGSERIAL` column, so `ORDER BY rowid` means insertion order on both;
  `INTEGER PRIMARY KEY` becomes `BIGSERIAL PRIMARY KEY` and `REAL` double precision;
- `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`; `x GLOB 'pattern'` a regex match;
- `BEGIN IMMEDIATE` (SQLite's "take the write lock now") becomes `BEGIN` plus a transaction-scoped
  advisory lock, so writers queue one behind the other exactly as they do on SQLite, while readers
  read their snapshot without waiting.

psycopg is imported only when a PostgreSQL URL is opened: SQLite users need nothing installed.
"""
from __future__ import annotations

import contextlib
import re
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

WRITE_LOCK = 0x62726966  # the advisory lock every briefgraph writer takes ('brif')
SCHEMA_LOCK = WRITE_LOCK + 1

_CREATE_TABLE = re.compile(r"(CREATE TABLE (?:IF NOT EXISTS )?\w+ \()", re.I)
_GLOB = re.compile(r"\bGLOB '([^']*)'", re.I)
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO", re.I)


class BackendError(Exception):
    """A PostgreSQL error, carried with its message; the store turns it into a `StoreError`."""


def is_postgres_url(path: str) -> bool:
    return path.startswith(("postgresql://", "postgres://"))


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def translate(sql: str, with_params: bool) -> str:
    """The PostgreSQL spelling of one statement of the store's SQLite SQL."""
    sql = _CREATE_TABLE.sub(r"\1rowid BIGSERIAL, ", sql)
    sql = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGSERIAL PRIMARY KEY", sql)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    sql = _GLOB.sub(lambda m: "~ '" + _glob_regex(m.group(1)) + "'", sql)
    if _INSERT_OR_IGNORE.match(sql):
        sql = _INSERT_OR_IGNORE.sub("INSERT INTO", sql) + " ON CONFLICT DO NOTHING"
    if with_params:
        sql = sql.replace("%", "%%").replace("?", "%s")
    return sql


def _glob_regex(pattern: str) -> str:
    """A POSIX regex for a GLOB pattern made of literals, character classes and '*'."""
    out = re.sub(r"[.^$+(){}|\\]", lambda m: "\\" + m.group(0), pattern).replace("*", ".*").replace("?", ".")
    return f"^{out}$"


class PgConnection:
    """A psycopg connection (autocommit: the store opens its own transactions) speaking the store's SQL."""

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            self._run("BEGIN", ())
            return self._run("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        return self._run(translate(sql, bool(params)), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        import psycopg
        cursor = self._conn.cursor()
        try:
            cursor.executemany(translate(sql, True), list(rows))
        except psycopg.Error as exc:
            raise BackendError(str(exc).strip()) from exc
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()

    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        import psycopg
        cursor = self._conn.cursor()
        try:
            cursor.execute(sql, params or None)
        except psycopg.Error as exc:
            raise BackendError(str(exc).strip()) from exc
        return cursor


def connect(url: str) -> PgConnection:
    """Open a PostgreSQL store; BackendError when psycopg is missing or the server refuses."""
    try:
        import psycopg
    except ImportError as exc:
        raise BackendError("PostgreSQL stores need psycopg: pip install 'briefgraph[postgres]'") from exc
    try:
        return PgConnection(psycopg.connect(url, autocommit=True, connect_timeout=10))
    except psycopg.Error as exc:
        raise BackendError(str(exc).strip()) from exc


@contextlib.contextmanager
def schema_lock(db: PgConnection) -> Iterator[None]:
    """Held while a connection checks and migrates the schema: two first opens of one empty database
    would otherwise both create the migrations table."""
    db.execute("SELECT pg_advisory_lock(?)", (SCHEMA_LOCK,))
    try:
        yield
    finally:
        db.execute("SELECT pg_advisory_unlock(?)", (SCHEMA_LOCK,))


def has_store(db: PgConnection) -> bool:
    """Whether this database already holds a briefgraph store (its migrations table)."""
    return db.execute("SELECT to_regclass('migrations')").fetchone()[0] is not None

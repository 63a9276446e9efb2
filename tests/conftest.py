"""Fixtures shared across test modules: the throw-away PostgreSQL cluster and the store location
that runs each store test on SQLite and on PostgreSQL (see pg_cluster.py)."""
from pg_cluster import pg_server, store_url  # noqa: F401

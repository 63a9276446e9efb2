"""End to end with the real model: the example briefs stored, then exported in every format,
each read back by its own library with the counts `relations --format json` reports."""
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import briefgraph.cli  # noqa: F401
from briefgraph.cli.app import app

pytestmark = pytest.mark.model
BRIEFS = Path(__file__).resolve().parent.parent / "examples" / "briefs"
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_example_briefs_export_in_every_format_with_the_store_counts(tmp_path):
    import kuzu
    import stix2
    from followthemoney import model
    db = str(tmp_path / "c.db")
    run("add", str(BRIEFS), "--db", db)
    n_actors = len(json.loads(run("actors", "--db", db, "--format", "json")))
    n_relations = len(json.loads(run("relations", "--db", db, "--format", "json")))
    assert n_relations > 10
    out = {fmt: tmp_path / f"out.{fmt}" for fmt in ("graphml", "gexf", "csv", "parquet", "stix", "ftm", "cypher")}
    for fmt, path in out.items():
        run("export", "--format", fmt, "--db", db, "--output", str(path))

    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = reader(out[fmt])
        assert (g.number_of_nodes(), g.number_of_edges()) == (n_actors, n_relations), fmt
    assert pq.read_table(out["parquet"] / "relations.parquet").num_rows == n_relations
    assert len((out["csv"] / "actors.csv").read_text(encoding="utf-8").splitlines()) >= n_actors + 1

    bundle = stix2.parse(out["stix"].read_text(encoding="utf-8"), allow_custom=True)
    assert sum(o.type == "relationship" for o in bundle.objects) == n_relations
    assert sum(o.type in ("identity", "threat-actor", "location") for o in bundle.objects) == n_actors

    proxies = [model.get_proxy(json.loads(line)) for line in out["ftm"].read_text(encoding="utf-8").splitlines()]
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())
    assert len(proxies) == n_actors + n_relations

    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "kuzu")))
    conn.execute(out["cypher"].read_text(encoding="utf-8"))
    assert conn.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0] == n_relations
    assert conn.execute("MATCH (a:Actor) RETURN count(*)").get_next()[0] == n_actors

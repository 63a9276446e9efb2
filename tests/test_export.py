"""`briefgraph export` in every format, read back by each format's own library, and `briefgraph import`.

The store is built from model objects (no spaCy model); counts are compared with what
`briefgraph relations --format json` and `briefgraph actors --format json` report.
"""
import csv
import json

import duckdb
import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import briefgraph.cli  # noqa: F401  (registers every command)
from briefgraph.cli.app import app
from briefgraph.store.corpus import Corpus

from export_graphs import FRONT, FRONT_ALIAS, VOLKOV, names, parts, sentences

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(autouse=True)
def no_db_env(monkeypatch):
    monkeypatch.delenv("BRIEFGRAPH_DB", raising=False)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "corpus.db")
    with Corpus(path) as corpus:
        for document, graph in parts():
            corpus.add_graph(document, graph)
    return path


@pytest.fixture
def counts(db):
    actors = json.loads(run("actors", "--db", db, "--format", "json").output)
    relations = json.loads(run("relations", "--db", db, "--format", "json").output)
    return len(actors), len(relations)


def export(db: str, fmt: str, out, *extra: str):
    return run("export", "--format", fmt, "--db", db, "--output", str(out), *extra)


def test_store_fixture_keeps_every_actor_and_relation(counts):
    assert counts == (6, 5)


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_by_networkx_with_same_counts_and_text(db, counts, tmp_path, fmt, reader):
    export(db, fmt, tmp_path / f"g.{fmt}")
    g = reader(tmp_path / f"g.{fmt}")
    assert (g.number_of_nodes(), g.number_of_edges()) == counts
    node_names = {data.get("name") for _, data in g.nodes(data=True)}
    assert node_names == set(names())
    front = next(data for _, data in g.nodes(data=True) if data["name"] == FRONT)
    assert (json.loads(front["aliases"]), json.loads(front["attributes"])) == ([FRONT_ALIAS], {"led_by": VOLKOV})
    evidence = [s for _, _, data in g.edges(data=True) for s in json.loads(data["evidence"])]
    assert sorted(evidence) == sorted(sentences())
    edge = next(d for _, _, d in g.edges(data=True) if d["relation"] == "SUPPORT")
    assert (edge["status"], float(edge["probability"]), float(edge["confidence"])) == ("probable", 0.7, 0.75)


def test_csv_folder_reads_back_with_csv_module_and_duckdb(db, counts, tmp_path):
    export(db, "csv", tmp_path / "tables")
    with (tmp_path / "tables" / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    assert sorted(c["text"] for c in claims) == sorted(sentences())
    texts = {doc.id: doc.text for doc, _ in parts()}
    assert all(texts[c["doc_id"]][int(c["start"]):int(c["end"])] == c["text"] for c in claims)
    con = duckdb.connect()
    n_actors = con.execute(f"SELECT count(*) FROM read_csv('{tmp_path}/tables/actors.csv')").fetchone()[0]
    n_relations = con.execute(f"SELECT count(*) FROM read_csv('{tmp_path}/tables/relations.csv')").fetchone()[0]
    assert (n_actors, n_relations) == counts
    names_back = {r[0] for r in con.execute(f"SELECT name FROM read_csv('{tmp_path}/tables/actors.csv')").fetchall()}
    assert names_back == set(names())


def test_parquet_tables_are_typed_and_read_by_pyarrow_and_duckdb(db, counts, tmp_path):
    export(db, "parquet", tmp_path / "pq")
    relations = pq.read_table(tmp_path / "pq" / "relations.parquet")
    actors = pq.read_table(tmp_path / "pq" / "actors.parquet")
    assert (actors.num_rows, relations.num_rows) == counts
    assert str(relations.schema.field("confidence").type) == "double"
    assert str(relations.schema.field("first_date").type) == "date32[day]"
    assert str(actors.schema.field("aliases").type) == "list<element: string>"
    con = duckdb.connect()
    texts = [r[0] for r in con.execute(f"SELECT text FROM '{tmp_path}/pq/claims.parquet'").fetchall()]
    assert sorted(texts) == sorted(sentences())
    front = con.execute(f"SELECT attributes['led_by'], aliases FROM '{tmp_path}/pq/actors.parquet' WHERE name = ?",
                        [FRONT]).fetchone()
    assert front == (VOLKOV, [FRONT_ALIAS])


def test_stix_bundle_parses_and_validates_with_stix2(db, counts, tmp_path):
    import stix2
    export(db, "stix", tmp_path / "bundle.json")
    bundle = stix2.parse((tmp_path / "bundle.json").read_text(encoding="utf-8"), allow_custom=True)
    by_type: dict[str, list] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    actor_objects = sum(len(by_type.get(t, [])) for t in ("identity", "threat-actor", "location", "intrusion-set"))
    assert (actor_objects, len(by_type["relationship"])) == counts
    assert len(by_type["report"]) == 2
    assert sorted(n.content for n in by_type["note"]) == sorted(sentences())
    assert [(a.name, a.aliases) for a in by_type["threat-actor"]] == [(FRONT, [FRONT_ALIAS])]
    assert {loc.country for loc in by_type["location"]} == {"IR"}
    support = next(r for r in by_type["relationship"] if r.x_briefgraph_type == "SUPPORT")
    assert support.confidence == round(100 * 0.7 * 0.75)  # ICD 203 'likely' times the extraction's confidence
    negated = next(r for r in by_type["relationship"] if r.x_briefgraph_status == "negated")
    assert negated.confidence == 0


def test_stix_ids_are_stable_across_exports(db, tmp_path):
    export(db, "stix", tmp_path / "a.json")
    export(db, "stix", tmp_path / "b.json")
    ids = [sorted(o["id"] for o in json.loads((tmp_path / f).read_text())["objects"]) for f in ("a.json", "b.json")]
    assert ids[0] == ids[1]


def test_ftm_entities_all_validate_against_the_followthemoney_model(db, counts, tmp_path):
    from followthemoney import model
    export(db, "ftm", tmp_path / "entities.ftm.json")
    lines = (tmp_path / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())
        assert all(proxy.get(p) for p in proxy.schema.required), proxy.to_dict()
    schemata = [p.schema.name for p in proxies]
    links = [p for p in proxies if p.schema.is_a("Interest") or p.schema.name == "Membership"]
    assert (len(proxies) - len(links), len(links)) == counts
    assert {"Membership", "Directorship", "UnknownLink", "Person", "PublicBody", "Territory"} <= set(schemata)
    assert sorted(t for p in links for t in p.get("description")) == sorted(sentences())
    assert {n for p in proxies for n in p.get("name", quiet=True)} == set(names())
    assert [p.get("alias") for p in proxies if FRONT in p.get("name", quiet=True)] == [[FRONT_ALIAS]]


def test_cypher_script_loads_into_kuzu_and_answers_a_two_hop_query(db, counts, tmp_path):
    import kuzu
    export(db, "cypher", tmp_path / "graph.cypher")
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "kuzu")))
    conn.execute((tmp_path / "graph.cypher").read_text(encoding="utf-8"))
    n_actors = conn.execute("MATCH (a:Actor) RETURN count(*)").get_next()[0]
    n_relations = conn.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0]
    assert (n_actors, n_relations) == counts
    rows = conn.execute("MATCH (a:Actor {name: $n})-[]->(:Actor)<-[]-(c:Actor) WHERE c.id <> a.id "
                        "RETURN DISTINCT c.name ORDER BY c.name",
                        {"n": VOLKOV})
    found = []
    while rows.has_next():
        found.append(rows.get_next()[0])
    assert found == sorted(["Iran", "محمد الأحمد"])
    evidence = conn.execute("MATCH ()-[r]->() UNWIND r.evidence AS e RETURN e")
    texts = []
    while evidence.has_next():
        texts.append(evidence.get_next()[0])
    assert sorted(texts) == sorted(sentences())


def test_min_confidence_leaves_out_less_confident_relations_in_every_format(db, tmp_path):
    out = export(db, "graphml", tmp_path / "g.graphml", "--min-confidence", "0.5").output
    assert "4 relations" in out
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert "CONSULT" not in {d["relation"] for _, _, d in g.edges(data=True)}


def test_since_and_until_window_a_graph_json_export(db, tmp_path):
    graph_json = tmp_path / "graph.json"
    graph_json.write_text(json.dumps({"schema": "briefgraph/graph@1", **_graph_dict(db)}), encoding="utf-8")
    run("export", "--format", "csv", "--graph", str(graph_json), "--since", "2025-01-01", "--output", str(tmp_path / "t"))
    with (tmp_path / "t" / "relations.csv").open(encoding="utf-8", newline="") as fh:
        assert sorted(r["type"] for r in csv.DictReader(fh)) == ["ASSAULT", "CONSULT"]


def test_export_to_a_file_where_a_folder_is_needed_is_one_clear_error(db, tmp_path):
    (tmp_path / "taken").write_text("x")
    result = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--output", str(tmp_path / "taken")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("taken: not a folder")


def test_min_confidence_outside_zero_to_one_is_refused(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--min-confidence", "5",
                                 "--output", str(tmp_path / "t")])
    assert result.exit_code == 1
    assert "--min-confidence must be between 0 and 1" in result.output


def _graph_dict(db: str) -> dict:
    with Corpus(db) as corpus:
        return corpus.graph().to_dict()


def test_import_brings_a_graph_json_into_a_new_store_with_the_same_relations(db, tmp_path):
    graph_json = tmp_path / "graph.json"
    graph_json.write_text(json.dumps(_graph_dict(db), ensure_ascii=False), encoding="utf-8")
    new_db = str(tmp_path / "new.db")
    assert "Imported 2 new document(s)" in run("import", str(graph_json), "--db", new_db).output
    before = json.loads(run("relations", "--db", db, "--format", "json").output)
    after = json.loads(run("relations", "--db", new_db, "--format", "json").output)
    assert sorted(json.dumps(r, sort_keys=True) for r in after) == sorted(json.dumps(r, sort_keys=True) for r in before)


def test_import_twice_stores_nothing_new(db, tmp_path):
    graph_json = tmp_path / "graph.json"
    graph_json.write_text(json.dumps(_graph_dict(db), ensure_ascii=False), encoding="utf-8")
    before = run("relations", "--db", db, "--format", "json").output
    out = run("import", str(graph_json), "--db", db).output
    assert "Imported 0 new document(s)" in out and "(2 already stored)" in out
    assert run("relations", "--db", db, "--format", "json").output == before


def test_import_of_a_file_that_is_not_graph_json_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["import", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "not a readable graph JSON file" in result.output


@pytest.mark.parametrize("command", ["export", "import"])
def test_export_and_import_help_show_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and f"Example: briefgraph {command} " in result.stdout


def test_ftm_without_followthemoney_installed_names_the_extra_to_install(db, tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # importing it now fails
    result = runner.invoke(app, ["export", "--format", "ftm", "--db", db, "--output", str(tmp_path / "e.json")])
    assert result.exit_code == 1
    assert "error: this format needs followthemoney: pip install 'briefgraph[ftm]'" in result.output


def test_output_dash_writes_a_one_file_format_to_stdout(db):
    result = runner.invoke(app, ["export", "--format", "cypher", "--db", db, "--output", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("// schema")
    assert VOLKOV in result.stdout and "wrote stdout" in result.stderr


def test_output_dash_for_a_folder_format_is_one_clear_error(db):
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", db, "--output", "-"])
    assert result.exit_code == 1
    assert "error: parquet writes a folder of tables; give --output FOLDER, not -" in result.output


def test_import_of_a_hand_written_graph_without_documents_keeps_its_relation(tmp_path):
    graph = {"actors": [{"id": "north", "name": "North", "type": "state"},
                        {"id": "south", "name": "South", "type": "state"}],
             "relations": [{"id": "r1", "source": "north", "target": "south", "type": "THREATEN",
                            "quad": "verbal_conflict", "sign": -1, "confidence": 0.6,
                            "modality": {"status": "reported", "probability": None, "cues": ["reportedly"]},
                            "evidence": [{"doc": "note-1", "start": 0, "end": 28, "text": "North reportedly warned South."}]}]}
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(graph), encoding="utf-8")
    db = str(tmp_path / "hand.db")
    assert "Imported 1 new document(s)" in run("import", str(path), "--db", db).output
    [rel] = json.loads(run("relations", "--db", db, "--format", "json").output)
    assert (rel["source"], rel["type"], rel["target"], rel["confidence"]) == ("north", "THREATEN", "south", 0.6)
    assert rel["modality"]["cues"] == ["reportedly"]
    assert rel["evidence"][0]["text"] == "North reportedly warned South."

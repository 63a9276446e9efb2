"""Sources for the distributed engines: documents read from brief files, JSON Lines and Parquet, in order."""
import json

import pytest

from briefgraph.engines.records import graph_columns, graph_from_columns
from briefgraph.engines.sources import SourceFile, check_date, read_rows, row_document, source_files
from briefgraph.errors import EngineError, ReadError
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, aggregate


def _jsonl(path, records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return SourceFile(0, str(path), "jsonl")


def test_source_files_lists_folders_in_walk_order_and_tells_record_files_from_briefs(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/two.txt", "a.jsonl", "c.parquet", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, errors = source_files([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [(f.number, f.path, f.kind) for f in files] == [
        (0, str(tmp_path / "a.jsonl"), "jsonl"), (1, str(tmp_path / "b" / "two.txt"), "brief"),
        (2, str(tmp_path / "c.parquet"), "parquet"), (3, str(tmp_path / "missing.txt"), "brief")]
    assert errors == []


def test_standard_input_is_refused_for_a_cluster():
    files, errors = source_files(["-"])
    assert files == [] and "standard input" in str(errors[0])


def test_a_missing_brief_file_is_an_error_row_naming_it(tmp_path):
    [row] = read_rows(SourceFile(3, str(tmp_path / "gone.txt"), "brief"))
    error = row_document(row)
    assert isinstance(error, ReadError)
    assert str(error) == f"{tmp_path / 'gone.txt'}: no such file or directory"


def test_jsonl_records_become_documents_numbered_by_line(tmp_path):
    source = _jsonl(tmp_path / "docs.jsonl", [
        {"text": "Iran backs the Houthis.", "path": "gulf.txt", "title": "Gulf", "date": "4 October 2021"},
        "",
        {"text": "Mali expelled France.\r\nRussia stayed."},
    ])
    rows = list(read_rows(source))
    assert [(r["file_no"], r["row_no"]) for r in rows] == [(0, 1), (0, 3)]
    first, second = (row_document(r) for r in rows)
    assert (first.path, first.title, first.date) == ("gulf.txt", "Gulf", "2021-10-04")
    assert first.id == Document("Iran backs the Houthis.").id
    assert second.path == f"{source.path}:3" and second.text == "Mali expelled France.\nRussia stayed."


def test_date_option_overrides_the_records_dates(tmp_path):
    source = _jsonl(tmp_path / "docs.jsonl", [{"text": "Iran backs the Houthis.", "date": "2020-01-01"}])
    [row] = read_rows(source, date="2021-10-04")
    assert row["date"] == "2021-10-04"


def test_bad_jsonl_lines_are_error_rows_naming_file_and_line(tmp_path):
    source = _jsonl(tmp_path / "docs.jsonl", ["{not json", json.dumps(["a list"]), json.dumps({"title": "no text"}),
                                              json.dumps({"text": "Egypt backs Somalia."})])
    found = [row_document(r) for r in read_rows(source)]
    assert [str(e) for e in found[:3]] == [f"{source.path}:1: not JSON (Expecting property name enclosed in "
                                           f"double quotes)", f"{source.path}:2: not a JSON object",
                                           f"{source.path}:3: no text"]
    assert isinstance(found[3], Document)


def test_parquet_records_become_documents_in_file_order(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"text": ["Iran backs the Houthis.", "Egypt backs Somalia."], "title": ["Gulf", None]}),
                   path)
    rows = list(read_rows(SourceFile(5, str(path), "parquet")))
    assert [(r["file_no"], r["row_no"], r["title"]) for r in rows] == [(5, 1, "Gulf"), (5, 2, None)]
    assert [row_document(r).text for r in rows] == ["Iran backs the Houthis.", "Egypt backs Somalia."]


def test_parquet_without_a_text_column_is_one_error_naming_the_file(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"body": ["Iran backs the Houthis."]}), path)
    [row] = read_rows(SourceFile(0, str(path), "parquet"))
    assert str(row_document(row)) == f"{path}: no 'text' column"


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(EngineError, match="not a date: 'soon'"):
        check_date("soon")


def test_graph_columns_give_back_the_same_graph():
    doc = Document("Iran reportedly backs the Houthis.", path="gulf.txt")
    iran = Actor("iran", "Iran", "state", ["Tehran"], {"led_by": "clerics"}, [Span(doc.id, 0, 4, "Iran", "name")])
    houthis = Actor("houthis", "Houthis", "armed_group", mentions=[Span(doc.id, 26, 33, "Houthis")])
    claim = Claim("iran", "houthis", "SUPPORT", "material_cooperation", 1, Modality("reported", 0.55, ["reportedly"]),
                  Span(doc.id, 0, 34, doc.text), "backs")
    claim.confidence = 0.123456789  # kept exactly, where the graph JSON contract rounds it
    graph = Graph([doc], [iran, houthis], aggregate([claim]), [claim])
    back = graph_from_columns(doc, json.loads(json.dumps(graph_columns(graph))))
    assert back == graph


def test_a_row_without_graph_columns_has_no_graph():
    assert graph_from_columns(Document("x"), {"actors": None}) is None

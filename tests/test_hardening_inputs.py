"""Adversarial inputs through the library: each test is named for a failure that once happened."""
import os
import sqlite3

import pytest

import briefgraph
from briefgraph import settings
from briefgraph.errors import ReadError, ReadErrors, SettingsError
from briefgraph.names import shown
from briefgraph.nlp.pipeline import chunks
from briefgraph.nlp.runs import LONG_RUN
from briefgraph.read import iter_documents, read_document

pytestmark = pytest.mark.model
BRIEF = "Russia armed the Houthis in Yemen.\n"


def _evidence_matches(graph) -> bool:
    texts = {d.id: d.text for d in graph.documents}
    return all(texts[e.doc][e.start:e.end] == e.text for r in graph.relations for e in r.evidence)


def test_lone_surrogate_in_a_text_is_replaced_not_fatal():
    graph = briefgraph.extract(text="Russia armed the Houthis \ud800 in Yemen.\n")
    assert "\ufffd" in graph.documents[0].text
    assert any(r.type for r in graph.relations)
    assert _evidence_matches(graph)


def test_punctuation_run_is_skipped_before_the_parser_with_a_note():
    text = BRIEF + ")" * 10_000 + "\nIran attacked Israel.\n"
    graph = briefgraph.extract(text=text)
    note, = graph.documents[0].notes
    assert note.startswith(f"skipped 1 run(s) of more than {LONG_RUN} characters without a space (10000 characters")
    assert graph.to_dict()["documents"][0]["notes"] == [note]
    assert {a.name for a in graph.actors} >= {"Russia", "Houthis", "Iran", "Israel"}
    assert _evidence_matches(graph)


def test_huge_token_is_cut_out_of_the_parsed_chunks_and_offsets_stay_document_relative():
    text = "Iran " + "x" * 5000 + " armed Hezbollah."
    pieces = list(chunks(text))
    assert all(len(p) <= LONG_RUN + 20 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_a_text_that_is_only_a_long_run_still_gives_its_document():
    graph = briefgraph.extract(text="(" * 3000)
    assert len(graph.documents) == 1 and graph.documents[0].notes


def test_fifo_is_refused_in_one_line_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match=r"pipe\.txt: is a FIFO \(named pipe\), not a file$"):
        read_document(str(fifo))


def test_fifo_inside_a_folder_is_refused_and_the_good_briefs_are_read(tmp_path):
    (tmp_path / "good.txt").write_text(BRIEF, encoding="utf-8")
    os.mkfifo(tmp_path / "zz.txt")
    items = list(iter_documents([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError"]
    assert items[1].reason == "is a FIFO (named pipe), not a file"


def test_device_is_refused_in_one_line():
    with pytest.raises(ReadError, match=r"^/dev/null: is a device, not a file$"):
        read_document("/dev/null")


def test_api_missing_path_is_an_error_not_an_empty_graph(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        briefgraph.extract(str(tmp_path / "typo.txt"))
    with pytest.raises(ReadError, match="no such file"):
        briefgraph.extract(path=tmp_path / "typo")


def test_api_text_keyword_is_never_taken_for_a_path(tmp_path):
    (tmp_path / "x.txt").write_text(BRIEF, encoding="utf-8")
    graph = briefgraph.extract(text=str(tmp_path / "x.txt"))
    assert graph.documents[0].path == "-" and graph.documents[0].text == str(tmp_path / "x.txt")


def test_api_path_keyword_reads_files_and_folders(tmp_path):
    (tmp_path / "a.txt").write_text(BRIEF, encoding="utf-8")
    assert [d.path for d in briefgraph.extract(path=tmp_path).documents] == [str(tmp_path / "a.txt")]
    assert len(briefgraph.extract(path=[tmp_path / "a.txt"]).documents) == 1


def test_api_refuses_both_text_and_path():
    with pytest.raises(SettingsError, match="exactly one"):
        briefgraph.extract(text=BRIEF, path="x.txt")


def test_api_folder_with_bad_files_keeps_the_good_ones_and_raises_one_error_listing_the_bad(tmp_path):
    (tmp_path / "a.txt").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    with pytest.raises(ReadErrors) as caught:
        briefgraph.extract(path=tmp_path)
    assert str(caught.value) == (f"2 files could not be read: {tmp_path}/b.txt: binary file, not text; "
                                 f"{tmp_path}/c.txt: empty file")
    assert [d.path for d in caught.value.graph.documents] == [str(tmp_path / "a.txt")]
    assert caught.value.graph.relations


def test_api_date_that_is_not_a_date_is_refused():
    with pytest.raises(SettingsError, match=r"^date: not a date: 'notadate'"):
        briefgraph.extract(text=BRIEF, date="notadate")


@pytest.mark.parametrize("written, size", [("20MB", 20_000_000), ("20,000,000", 20_000_000),
                                           ("500 kB", 500_000), ("1.5GB", 1_500_000_000), ("2MiB", 2**21)])
def test_max_bytes_setting_reads_human_sizes(monkeypatch, written, size):
    monkeypatch.setenv("BRIEFGRAPH_MAX_BYTES", written)
    assert settings.max_file_bytes() == size


@pytest.mark.parametrize("written", ["abc", "20 parsecs", "-5", "0"])
def test_max_bytes_setting_that_is_not_a_size_fails_naming_the_setting(monkeypatch, written):
    monkeypatch.setenv("BRIEFGRAPH_MAX_BYTES", written)
    with pytest.raises(SettingsError, match=r"^BRIEFGRAPH_MAX_BYTES='.*' is not a size \(expected e\.g\. 20MB"):
        settings.max_file_bytes()


def test_file_name_with_control_characters_is_shown_escaped(tmp_path):
    bad = tmp_path / "a\x1b[31mred\nb.txt"
    bad.write_bytes(b"")
    with pytest.raises(ReadError) as caught:
        read_document(str(bad))
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).endswith("a\\x1b[31mred\\nb.txt: empty file")


def test_file_name_that_is_not_utf8_is_read_and_stored(tmp_path):
    name = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"))
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(BRIEF)
    with briefgraph.Corpus(tmp_path / "s.db") as corpus:
        result = corpus.add([name])
    assert result.added == 1, result.failures
    path, = sqlite3.connect(tmp_path / "s.db").execute("SELECT path FROM documents").fetchone()
    assert path == shown(name) and path.endswith("caf\\xe9.txt")


def test_pdf_warnings_are_suppressed_and_a_bad_pdf_is_one_line(tmp_path, capfd, caplog):
    from test_read import _pdf
    good = _pdf(b"BT /F1 12 Tf 72 720 Td (Iran armed Hezbollah.) Tj ET")
    flawed = tmp_path / "flawed.pdf"  # a wrong startxref pointer: pypdf recovers, and would warn on stderr
    flawed.write_bytes(good.replace(b"startxref\n", b"startxref\n9"))
    assert read_document(str(flawed)).text == "Iran armed Hezbollah."
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.replace(b"startxref\n", b"startxref\n9").replace(b"/Kids [3 0 R]", b"/Kids [9 0 R]"))
    with pytest.raises(ReadError) as caught:
        read_document(str(broken))
    assert "\n" not in str(caught.value)
    assert capfd.readouterr().err == "" and [r for r in caplog.records if r.name.startswith("pypdf")] == []


def test_front_matter_offset_is_in_the_json_so_evidence_maps_back_to_the_file(tmp_path):
    raw = "---\ntitle: T\ndate: 2021-10-04\n---\n\nRussia armed the Houthis.\n"
    (tmp_path / "b.md").write_text(raw, encoding="utf-8")
    graph = briefgraph.extract(path=tmp_path / "b.md")
    doc = graph.to_dict()["documents"][0]
    assert doc["text_start"] == raw.index("Russia")
    ev = graph.relations[0].evidence[0]
    assert raw[doc["text_start"] + ev.start:doc["text_start"] + ev.end] == ev.text

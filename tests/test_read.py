"""Reading briefs from files, folders and stdin, and refusing what cannot be read with one clear reason."""
from __future__ import annotations

import codecs
import io
import sys

import pytest

from briefgraph import settings
from briefgraph.errors import ReadError
from briefgraph.model import Document
from briefgraph.read import iter_documents, read_document
from briefgraph.read import source
from briefgraph.read.dates import normalise_date

BRIEF = "Mali's junta expelled French forces in 2022 and turned to Russia for security assistance.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def _write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def _refusal(path: str) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path)
    return str(info.value)


def _pdf(content: bytes, info: bytes | None = None) -> bytes:
    """A one-page PDF written object by object, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if info is not None:
        objects.append(info)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % len(objects) if info is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)


# --- refusals: one line naming the file and the reason ---------------------------------------------

def test_read_binary_file_reports_one_clear_reason(tmp_path):
    path = _write(tmp_path / "notes.bin", b"\x00\x01\x02 some bytes \x00\xfe")
    assert _refusal(path) == f"{path}: binary file, not text"


def test_binary_file_without_nul_bytes_is_refused_by_its_control_characters(tmp_path):
    path = _write(tmp_path / "blob.dat", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"some text")
    assert _refusal(path) == f"{path}: binary file, not text"


def test_image_is_refused_as_binary_not_as_undecodable_text(tmp_path):
    path = _write(tmp_path / "photo.png", PNG_HEADER * 4)
    assert _refusal(path) == f"{path}: binary file, not text"


def test_empty_file_is_refused(tmp_path):
    path = _write(tmp_path / "empty.txt", b"")
    assert _refusal(path) == f"{path}: empty file"


def test_whitespace_only_file_is_refused_as_empty(tmp_path):
    path = _write(tmp_path / "blank.md", " \n\t\n  \n")
    assert _refusal(path) == f"{path}: empty file (whitespace only)"


def test_front_matter_without_any_text_after_it_is_refused(tmp_path):
    path = _write(tmp_path / "only-meta.md", "---\ntitle: Nothing here\n---\n\n")
    assert _refusal(path) == f"{path}: no text after the front matter"


def test_undecodable_bytes_are_reported_with_the_byte_and_its_offset(tmp_path):
    path = _write(tmp_path / "bad.txt", b"Mali's junta \xff expelled French forces.")
    assert _refusal(path) == f"{path}: cannot decode as UTF-8 (byte 0xff at offset 13)"


def test_file_over_the_size_limit_is_refused_without_being_opened(tmp_path, monkeypatch):
    path = _write(tmp_path / "huge.txt", "word " * 500)
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1000)

    def never_open(*args, **kwargs):
        raise AssertionError("a file over the limit was opened")
    monkeypatch.setattr(source, "open", never_open, raising=False)
    assert _refusal(path) == f"{path}: too large (2.5 kB > 1.0 kB limit; set BRIEFGRAPH_MAX_BYTES)"


def test_file_at_the_size_limit_is_still_read(tmp_path, monkeypatch):
    path = _write(tmp_path / "fits.txt", "x" * 1000)
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1000)
    assert read_document(path).text == "x" * 1000


def test_size_limit_message_uses_megabytes_for_large_limits(tmp_path, monkeypatch):
    path = _write(tmp_path / "huge.txt", b"a" * 2_530_000)
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 2_000_000)
    assert _refusal(path) == f"{path}: too large (2.5 MB > 2.0 MB limit; set BRIEFGRAPH_MAX_BYTES)"


def test_missing_file_is_reported_as_missing(tmp_path):
    path = str(tmp_path / "missing.txt")
    assert _refusal(path) == f"{path}: no such file or directory"


def test_reading_a_folder_as_one_document_is_refused(tmp_path):
    assert _refusal(str(tmp_path)) == f"{tmp_path}: is a directory"


def test_invalid_front_matter_is_refused_with_its_line_number(tmp_path):
    path = _write(tmp_path / "broken.md", "---\ntitle: Sahel\ndate: [2024\n---\n" + BRIEF)
    message = _refusal(path)
    assert message.startswith(f"{path}: front matter is not valid YAML (line ")
    assert "\n" not in message


# --- text, Markdown and front matter --------------------------------------------------------------

def test_plain_text_file_becomes_a_document_with_its_path_as_given(tmp_path, monkeypatch):
    _write(tmp_path / "briefs" / "mali.txt", BRIEF)
    monkeypatch.chdir(tmp_path)
    doc = read_document("briefs/mali.txt")
    assert isinstance(doc, Document)
    assert doc.path == "briefs/mali.txt"
    assert doc.text == BRIEF.strip()
    assert (doc.title, doc.date) == (None, None)


def test_front_matter_gives_title_and_date_and_is_removed_from_the_text(tmp_path):
    path = _write(tmp_path / "sahel.md", f"---\ntitle: The Sahel after Barkhane\ndate: 2024-03-05\n---\n\n{BRIEF}")
    doc = read_document(path)
    assert doc.title == "The Sahel after Barkhane"
    assert doc.date == "2024-03-05"
    assert doc.text == BRIEF.strip()


def test_front_matter_date_written_in_words_is_normalised_to_iso(tmp_path):
    path = _write(tmp_path / "sahel.md", f"---\ntitle: Sahel\ndate: \"5 March 2024\"\n---\n{BRIEF}")
    assert read_document(path).date == "2024-03-05"


def test_date_argument_overrides_the_front_matter_date(tmp_path):
    path = _write(tmp_path / "sahel.md", f"---\ndate: 2024-03-05\n---\n{BRIEF}")
    assert read_document(path, date="2023-12-01").date == "2023-12-01"
    assert read_document(path, date="December 1, 2023").date == "2023-12-01"


def test_date_argument_applies_to_every_file_of_a_folder(tmp_path):
    _write(tmp_path / "a.md", f"---\ndate: 2024-03-05\n---\n{BRIEF}")
    _write(tmp_path / "b.txt", BRIEF)
    docs = list(iter_documents([str(tmp_path)], date="2024-06-30"))
    assert [d.date for d in docs] == ["2024-06-30", "2024-06-30"]


def test_markdown_heading_is_the_title_when_there_is_no_front_matter(tmp_path):
    path = _write(tmp_path / "red-sea.md", "# Red Sea shipping under fire\n\nThe Houthis attacked ships.\n")
    assert read_document(path).title == "Red Sea shipping under fire"


def test_leading_horizontal_rule_that_is_not_a_mapping_is_kept_as_text(tmp_path):
    body = "---\nA note set off by rules.\n---\n" + BRIEF
    path = _write(tmp_path / "rules.md", body)
    assert read_document(path).text == body.strip()


def test_utf8_byte_order_mark_is_removed(tmp_path):
    path = _write(tmp_path / "bom.txt", codecs.BOM_UTF8 + "---\ntitle: Sudan\n---\nThe RSF took Wad Madani.".encode())
    doc = read_document(path)
    assert doc.title == "Sudan"
    assert doc.text == "The RSF took Wad Madani."


def test_utf16_file_with_byte_order_mark_is_decoded(tmp_path):
    path = _write(tmp_path / "wide.txt", "Burhan’s army retook Omdurman.".encode("utf-16"))
    assert read_document(path).text == "Burhan’s army retook Omdurman."


def test_windows_line_ends_become_newlines(tmp_path):
    path = _write(tmp_path / "crlf.txt", b"First line.\r\nSecond line.\r\n")
    assert read_document(path).text == "First line.\nSecond line."


def test_unknown_suffix_holding_text_is_read_as_text(tmp_path):
    path = _write(tmp_path / "brief.assessment", BRIEF)
    assert read_document(path).text == BRIEF.strip()


# --- folders and the order of results --------------------------------------------------------------

def test_folder_mixing_good_and_bad_files_reads_every_good_file_and_reports_each_bad_one(tmp_path):
    folder = tmp_path / "briefs"
    _write(folder / "a-sahel.txt", BRIEF)
    _write(folder / "b-red-sea.md", "---\ntitle: Red Sea\n---\nThe Houthis attacked ships.")
    _write(folder / "empty.txt", b"")
    _write(folder / "photo.png", PNG_HEADER)
    _write(folder / "nested" / "sudan.txt", "The SAF and the RSF fought in Khartoum.")
    _write(folder / "nested" / "notes.bin", b"\x00\x00\x00")
    results = list(iter_documents([str(folder)]))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [d.path for d in docs] == [str(folder / "a-sahel.txt"), str(folder / "b-red-sea.md"),
                                      str(folder / "nested" / "sudan.txt")]
    assert sorted(str(e) for e in errors) == sorted([
        f"{folder / 'empty.txt'}: empty file",
        f"{folder / 'nested' / 'notes.bin'}: binary file, not text",
        f"{folder / 'photo.png'}: binary file, not text",
    ])


def test_folder_walk_skips_hidden_files_and_folders(tmp_path):
    _write(tmp_path / ".draft.txt", BRIEF)
    _write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    _write(tmp_path / "kept.txt", BRIEF)
    assert [r.path for r in iter_documents([str(tmp_path)])] == [str(tmp_path / "kept.txt")]


def test_folder_files_come_sorted_by_path_with_the_folder_as_given(tmp_path, monkeypatch):
    for name in ("b.txt", "a/z.txt", "a-b/y.txt", "a/c.txt"):
        _write(tmp_path / "in" / name, BRIEF)
    monkeypatch.chdir(tmp_path)
    paths = [r.path for r in iter_documents(["in/"])]
    assert paths == ["in/a/c.txt", "in/a/z.txt", "in/a-b/y.txt", "in/b.txt"]


def test_empty_folder_is_reported_once(tmp_path):
    (tmp_path / "nothing").mkdir()
    results = list(iter_documents([str(tmp_path / "nothing")]))
    assert [str(r) for r in results] == [f"{tmp_path / 'nothing'}: folder has no files (hidden files are skipped)"]


def test_files_and_folders_are_read_in_the_order_given_and_errors_do_not_stop_the_rest(tmp_path):
    first = _write(tmp_path / "first.txt", "One.")
    _write(tmp_path / "dir" / "second.txt", "Two.")
    results = list(iter_documents([str(tmp_path / "gone.txt"), first, str(tmp_path / "dir")]))
    assert isinstance(results[0], ReadError)
    assert [r.text for r in results[1:]] == ["One.", "Two."]


# --- HTML ---------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Houthi attacks and the Red Sea | Example Institute</title>
<meta name="date" content="2024-02-14">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/regions">Regions</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<article>
<h1>Houthi attacks and the Red Sea</h1>
<p>Since November 2023 the Houthis have launched missile and drone strikes on commercial shipping in the Red Sea,
which they describe as pressure on Israel over the war in Gaza.</p>
<p>The United States and the United Kingdom launched strikes on Houthi targets in Yemen in January 2024,
while Iran's support for the movement reportedly continued through the period.</p>
</article>
<footer><p>Copyright 2024 Example Institute. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>
"""


def test_html_page_keeps_the_article_and_drops_navigation_and_footer(tmp_path):
    doc = read_document(_write(tmp_path / "red-sea.html", PAGE))
    assert "launched strikes on Houthi targets" in doc.text
    assert "Iran's support for the movement" in doc.text
    for boilerplate in ("Subscribe now", "Regions", "All rights reserved", "Cookie settings"):
        assert boilerplate not in doc.text


def test_html_page_title_and_date_come_from_its_metadata(tmp_path):
    doc = read_document(_write(tmp_path / "red-sea.htm", PAGE))
    assert doc.title is not None and "Houthi attacks and the Red Sea" in doc.title
    assert doc.date == "2024-02-14"


def test_html_date_is_not_guessed_from_dates_in_the_article(tmp_path):
    page = PAGE.replace('<meta name="date" content="2024-02-14">', "")
    assert read_document(_write(tmp_path / "undated.html", page)).date is None


def test_html_published_time_meta_gives_the_date(tmp_path):
    page = PAGE.replace('<meta name="date" content="2024-02-14">',
                        '<meta property="article:published_time" content="2024-01-20T09:30:00Z">')
    assert read_document(_write(tmp_path / "og.html", page)).date == "2024-01-20"


def test_html_page_in_a_declared_legacy_charset_is_decoded_by_that_charset(tmp_path):
    page = ('<html><head><meta charset="iso-8859-1"><title>Mali</title></head><body><article><p>'
            "Le gouvernement dirigé par Assimi Goïta s'est tourné vers la Russie pour sa sécurité, "
            "après le départ des forces françaises en août 2022.</p></article></body></html>")
    doc = read_document(_write(tmp_path / "mali.html", page.encode("latin-1")))
    assert "dirigé par Assimi Goïta" in doc.text


def test_html_page_without_main_text_is_refused(tmp_path):
    path = _write(tmp_path / "shell.html", "<html><head><title>App</title></head><body><div></div></body></html>")
    assert _refusal(path) == f"{path}: HTML page has no main text"


def test_html_without_html_suffix_is_recognised_by_its_start(tmp_path):
    doc = read_document(_write(tmp_path / "saved-page", PAGE))
    assert "Subscribe now" not in doc.text
    assert "launched strikes on Houthi targets" in doc.text


# --- PDF -------------------------------------------------------------------------------------------

def test_pdf_text_layer_is_extracted(tmp_path):
    stream = b"BT /F1 12 Tf 72 720 Td (The Rapid Support Forces besieged El Fasher.) Tj ET"
    doc = read_document(_write(tmp_path / "sudan.pdf", _pdf(stream)))
    assert doc.text.split() == ["The", "Rapid", "Support", "Forces", "besieged", "El", "Fasher."]


def test_pdf_title_and_creation_date_come_from_its_information_dictionary(tmp_path):
    stream = b"BT /F1 12 Tf 72 720 Td (Sudan update.) Tj ET"
    info = b"<< /Title (Sudan: the war for El Fasher) /CreationDate (D:20240611093000Z) >>"
    doc = read_document(_write(tmp_path / "sudan.pdf", _pdf(stream, info)))
    assert (doc.title, doc.date) == ("Sudan: the war for El Fasher", "2024-06-11")


def test_pdf_without_a_text_layer_is_refused(tmp_path):
    path = _write(tmp_path / "scan.pdf", _pdf(b"0.5 w 72 72 m 540 720 l S"))
    assert _refusal(path) == f"{path}: PDF has no text layer"


def test_damaged_pdf_is_refused_with_one_line(tmp_path):
    path = _write(tmp_path / "torn.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catal")
    message = _refusal(path)
    assert message.startswith(f"{path}: cannot parse PDF (")
    assert "\n" not in message


# --- stdin -------------------------------------------------------------------------------------------

def test_stdin_is_read_for_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"---\ntitle: Piped\n---\n{BRIEF}".encode())))
    doc = read_document("-")
    assert (doc.path, doc.title, doc.text) == ("-", "Piped", BRIEF.strip())


def test_stdin_text_stream_without_a_byte_buffer_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(BRIEF))
    [doc] = list(iter_documents(["-"], date="2024-01-02"))
    assert (doc.path, doc.text, doc.date) == ("-", BRIEF.strip(), "2024-01-02")


def test_empty_stdin_is_reported(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert [str(r) for r in iter_documents(["-"])] == ["-: no input on standard input"]


def test_stdin_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y" * 500)))
    assert str(list(iter_documents(["-"]))[0]) == "-: too large (more than 100 bytes limit; set BRIEFGRAPH_MAX_BYTES)"


def test_html_on_stdin_is_recognised(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    assert "Cookie settings" not in read_document("-").text


# --- dates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, iso", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T17:45:00+01:00", "2024-03-05"),
    ("2024/03/05", "2024-03-05"),
    ("5 March 2024", "2024-03-05"),
    ("5th March 2024", "2024-03-05"),
    ("March 5, 2024", "2024-03-05"),
    ("Mar 5 2024", "2024-03-05"),
])
def test_dates_in_common_spellings_become_iso(written, iso):
    assert normalise_date(written) == iso


def test_unparseable_date_is_kept_as_written_and_blank_is_none():
    assert normalise_date(" spring 2024 ") == "spring 2024"
    assert normalise_date("  ") is None
    assert normalise_date(None) is None


# --- where dates come from ---------------------------------------------------------------------------

def test_pdf_date_stated_in_the_brief_is_preferred_over_its_print_date(tmp_path):
    stream = b"BT /F1 12 Tf 72 720 Td (Updated October 4, 2021) Tj 0 -20 Td (Sudan update.) Tj ET"
    info = b"<< /CreationDate (D:20240611093000Z) >>"
    doc = read_document(_write(tmp_path / "sudan.pdf", _pdf(stream, info)))
    assert (doc.date, doc.date_source) == ("2021-10-04", "stated in the text")


def test_pdf_without_a_stated_date_takes_its_properties_and_says_so(tmp_path):
    stream = b"BT /F1 12 Tf 72 720 Td (Sudan update.) Tj ET"
    doc = read_document(_write(tmp_path / "sudan.pdf", _pdf(stream, b"<< /CreationDate (D:20240611093000Z) >>")))
    assert (doc.date, doc.date_source) == ("2024-06-11", "pdf properties")
    assert doc.to_dict()["date_source"] == "pdf properties"


def test_date_source_is_kept_for_front_matter_html_metadata_and_the_date_option(tmp_path):
    md = read_document(_write(tmp_path / "a.md", f"---\ndate: 2024-03-05\n---\n{BRIEF}"))
    page = read_document(_write(tmp_path / "p.html", PAGE))
    given = read_document(_write(tmp_path / "b.md", f"---\ndate: 2024-03-05\n---\n{BRIEF}"), date="2020-01-01")
    assert [(d.date, d.date_source) for d in (md, page, given)] == \
        [("2024-03-05", "front matter"), ("2024-02-14", "html metadata"), ("2020-01-01", "given")]


def test_undated_text_has_no_date_source(tmp_path):
    doc = read_document(_write(tmp_path / "a.txt", BRIEF))
    assert (doc.date, doc.date_source, "date_source" in doc.to_dict()) == (None, None, False)


def test_front_matter_date_that_is_not_a_day_leaves_the_brief_undated_with_a_note(tmp_path):
    doc = read_document(_write(tmp_path / "a.md", f"---\ndate: sometime soon\n---\n{BRIEF}"))
    assert (doc.date, doc.date_source) == (None, None)
    assert doc.notes == ["the front matter date 'sometime soon' is not a day; the brief is undated"]

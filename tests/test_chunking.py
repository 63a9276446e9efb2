"""Texts are parsed line by line, with offsets kept relative to the whole document."""
from briefgraph.nlp.pipeline import chunks


def test_chunks_keep_document_offsets_and_skip_blank_lines():
    text = "Title\n\nFirst paragraph.\n   \nSecond one."
    pieces = list(chunks(text))
    assert [p for _, p in pieces] == ["Title", "First paragraph.", "Second one."]
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_long_lines_are_cut_at_a_sentence_or_a_space():
    text = "Word " * 50
    pieces = list(chunks(text, limit=40))
    assert all(len(p) <= 40 for _, p in pieces)
    assert "".join(p for _, p in pieces) == text

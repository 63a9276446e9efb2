"""The tables of `actors`, `relations` and `extract --format table` print brief text as it is: square
brackets and colons in names and sentences are text, never rich markup or emoji codes."""
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

import briefgraph.cli.store  # noqa: F401  (registers the commands)
from briefgraph.cli.app import app
from briefgraph.cli.tables import PlainTable, graph_tables
from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, aggregate
from briefgraph.store import Store

TEXT = "Fighters [of the front] backed :smile: Unit [/b] after talks. Unit [/b] thanked them."
SENTENCE = "Fighters [of the front] backed :smile: Unit [/b] after talks."


def bracketed_graph() -> Graph:
    doc = Document(text=TEXT, path="briefs/brackets.txt")
    fighters = Actor("fighters", "Fighters [of the front]", "armed_group", [":smile: cell"], {},
                     [Span(doc.id, 0, 23, "Fighters [of the front]")])
    unit = Actor("unit", "Unit [/b]", "armed_group", [], {}, [Span(doc.id, 39, 48, "Unit [/b]")])
    claim = Claim("fighters", "unit", "SUPPORT", "material_cooperation", 1, Modality("asserted", None, []),
                  Span(doc.id, 0, len(SENTENCE), SENTENCE), "backed", 0.9)
    return Graph([doc], [fighters, unit], [], [claim])


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def bracketed_store(tmp_path) -> str:
    db = str(tmp_path / "store.db")
    with Store(db) as store:
        store.add(bracketed_graph().documents[0], bracketed_graph())
    return db


def test_relations_table_prints_brackets_and_colons_of_the_evidence_verbatim(tmp_path):
    result = run("relations", "--db", bracketed_store(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Fighters [of the front]" in result.stdout and "Unit [/b]" in result.stdout
    assert ":smile:" in result.stdout


def test_actors_table_prints_bracketed_names_and_aliases_verbatim(tmp_path):
    result = run("actors", "--db", bracketed_store(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Fighters [of the front]" in result.stdout and "Unit [/b]" in result.stdout
    assert ":smile: cell" in result.stdout


def test_extract_tables_print_bracketed_names_verbatim():
    graph = bracketed_graph()
    graph = Graph(graph.documents, graph.actors, aggregate(graph.claims), graph.claims)
    out = io.StringIO()
    graph_tables(graph, out)
    assert "Fighters [of the front]" in out.getvalue() and "Unit [/b]" in out.getvalue()
    assert ":smile:" in out.getvalue()


# -- PlainTable: rich's layout, measured without rendering every cell ----------------------------------

# Names and sentences as briefs have them, plus what rich treats specially: wide characters, markup,
# emoji codes, control characters, newlines, runs of spaces, empty cells.
PIECES = st.sampled_from(["Hezbollah", "al-Qaeda", "the", "Rapid Support Forces", "1.00", "+1", "", " ", "  ",
                          "中国", "🙂", "[b]", "[/b]", ":smile:", "a:b", "\t", "\n", "\x07", "é", "x" * 40])
CELL = st.lists(PIECES, max_size=6).map(" ".join) | st.text(max_size=30)


@st.composite
def tables(draw):
    columns = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(CELL, min_size=columns, max_size=columns), max_size=12))
    headers = draw(st.lists(CELL, min_size=columns, max_size=columns))
    justify = draw(st.lists(st.sampled_from(["left", "right", "center"]), min_size=columns, max_size=columns))
    return draw(CELL), headers, justify, rows


def printed(cls, table_data, width: int, markup: bool) -> str:
    title, headers, justify, rows = table_data
    table = cls(title=title)
    for header, how in zip(headers, justify):
        table.add_column(header, justify=how)
    for row in rows:
        table.add_row(*row)
    out = io.StringIO()
    Console(file=out, width=width, highlight=False, markup=markup, emoji=markup).print(table)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(1, 200), st.booleans())
def test_plain_table_prints_exactly_what_a_rich_table_prints(table_data, width, markup):
    try:
        expected = printed(Table, table_data, width, markup)
    except Exception as exc:  # markup rich itself refuses ("[/b]" closing nothing) is refused alike
        with pytest.raises(type(exc)):
            printed(PlainTable, table_data, width, markup)
        return
    assert printed(PlainTable, table_data, width, markup) == expected

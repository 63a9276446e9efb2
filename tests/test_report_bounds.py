"""A report of a corpus too large to show whole: it keeps the strongest part, says what it left out,
and its evidence still links to the sentences the page holds."""
import json
import re

from typer.testing import CliRunner

import briefgraph.cli.analysis  # noqa: F401  (registers the commands)
from analysis_graphs import Builder
from briefgraph.cli.app import app
from briefgraph.model import Graph
from briefgraph.report import ReportLimits, render_report

FILLER = " This paragraph states no tie between any actors."


def data_of(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="bg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def notes_of(page: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="note bound" id="bound-(\w+)">(.*?)</p>', page))


def three_documents() -> Graph:
    """Three documents, each with one tie and a sentence that is evidence of nothing."""
    b = Builder().rel("Northern League", "Coastal Front", -1, text="The Northern League shelled the Coastal Front.")
    b.document().rel("Coastal Front", "River Union", 1, text="The Coastal Front armed the River Union.")
    b.document().rel("River Union", "Hill Clans", 1, text="The River Union fed the Hill Clans.")
    graph = b.graph()
    for doc in graph.documents:
        doc.text += FILLER  # appended: the evidence offsets stay right
    return graph


def marks(page: str) -> dict[str, str]:
    return dict(re.findall(r'<mark id="([^"]+)">(.*?)</mark>', page))


def test_report_within_its_bounds_embeds_whole_texts_and_notes_nothing():
    page = render_report(three_documents())
    assert notes_of(page) == {}
    assert page.count('<div class="doc-text">') == 3 and FILLER.strip() in page
    assert len(data_of(page)["relations"]) == 3


def test_report_past_the_document_bound_embeds_the_cited_sentences_and_says_how_to_get_the_texts():
    page = render_report(three_documents(), limits=ReportLimits(max_documents=2))
    note = notes_of(page)["documents"]
    assert "The 3 documents are more than this report embeds in full (<code>--max-documents 2</code>)" in note
    assert "3 evidence sentences it cites, from 3 of them" in note
    assert "briefgraph serve" in note
    assert FILLER.strip() not in page and '<div class="doc-text">' not in page
    assert "characters 0&ndash;46" in page  # where the sentence sits in its document


def test_report_evidence_links_to_its_excerpt_when_texts_are_left_out():
    page = render_report(three_documents(), limits=ReportLimits(max_documents=0))
    data, shown = data_of(page), marks(page)
    evidence = [ev for rel in data["relations"] for ev in rel[5]]
    assert len(evidence) == 3
    for doc, mark, text in evidence:
        assert shown[mark] == text  # the panel's "show in the source text" finds the sentence
        assert data["docs"][doc]["path"].startswith("brief-")


def test_report_past_the_relation_bound_keeps_the_strongest_and_says_so():
    b = Builder()
    for i in range(3):
        b.rel("Delta Army", "Port Militia", -1, text=f"The Delta Army attacked the Port Militia, report {i}.")
    b.rel("Delta Army", "Lake Guard", 1, status="possible", text="The Delta Army may back the Lake Guard.")
    b.rel("Sand Council", "Salt Union", 1, text="The Sand Council backs the Salt Union.")
    page = render_report(b.graph(), limits=ReportLimits(max_relations=1))
    data = data_of(page)
    names = [a["name"] for a in data["actors"]]
    assert [(names[r[0]], names[r[1]], len(r[5])) for r in data["relations"]] == [("Delta Army", "Port Militia", 3)]
    assert sorted(names) == ["Delta Army", "Port Militia"]  # no actor whose ties were all left out
    assert len(data["edges"]) == 1
    assert "this report holds 1 of the 3 relations" in notes_of(page)["graph"]
    assert "the 2 of 5 actors they name" in notes_of(page)["graph"]


def test_report_past_the_actor_bound_keeps_the_most_connected_actors():
    b = Builder()
    for leaf in ("Ash", "Birch", "Cedar", "Daisy"):
        b.rel("Hub Front", f"{leaf} Band", 1)
    b.rel("Ash Band", "Birch Band", 1)
    b.rel("Lone Pair A", "Lone Pair B", -1)
    data = data_of(render_report(b.graph(), limits=ReportLimits(max_actors=3)))
    assert sorted(a["name"] for a in data["actors"]) == ["Ash Band", "Birch Band", "Hub Front"]
    assert len(data["relations"]) == 3


def test_report_past_the_actor_bound_ranks_places_by_how_many_relations_name_them():
    b = Builder().rel("Hill Clans", "River Union", 1).rel("River Union", "Coastal Front", -1)
    b.rel("Hill Clans", "Capital City", -1, type_="ASSAULT").rel("Coastal Front", "Capital City", -1, type_="ASSAULT")
    b.rel("River Union", "Far Town", -1, type_="ASSAULT")
    graph = b.graph()
    for actor in graph.actors:
        if actor.name in ("Capital City", "Far Town"):
            actor.type = "place"  # outside the signed network: no weighted degree to rank them by
    data = data_of(render_report(graph, limits=ReportLimits(max_actors=4, max_relations=4)))
    assert sorted(a["name"] for a in data["actors"]) == ["Capital City", "Coastal Front", "Hill Clans", "River Union"]
    assert len(data["relations"]) == 4


def seven_reports() -> Graph:
    b = Builder()
    for i in range(7):
        b.rel("Delta Army", "Port Militia", -1, text=f"The Delta Army attacked the Port Militia, report {i}.")
    b.document().rel("Sand Council", "Salt Union", 1, text="The Sand Council backs the Salt Union.")
    return b.graph()


def test_report_within_its_bounds_lists_every_sentence_of_a_relation():
    page = render_report(seven_reports(), limits=ReportLimits(evidence_per_relation=5))
    row = data_of(page)["relations"][0]
    assert len(row[5]) == 7 and len(row) == 9
    assert "evidence" not in notes_of(page)


def test_report_past_a_bound_lists_a_few_sentences_per_relation_and_counts_the_rest():
    page = render_report(seven_reports(), limits=ReportLimits(max_documents=1, evidence_per_relation=5))
    row = data_of(page)["relations"][0]
    assert [ev[2] for ev in row[5]] == [f"The Delta Army attacked the Port Militia, report {i}." for i in range(5)]
    assert row[9] == 2
    assert "Each relation lists at most 5 of its evidence sentences" in notes_of(page)["evidence"]
    assert "2 more are not listed" in notes_of(page)["evidence"]
    assert "report 6." not in page  # neither listed nor excerpted


def test_report_past_a_bound_shares_its_sentence_budget_between_relations():
    b = Builder()
    for pair in (("Delta Army", "Port Militia"), ("Sand Council", "Salt Union")):
        for i in range(4):
            b.rel(*pair, -1, text=f"The {pair[0]} attacked the {pair[1]}, report {i}.")
    page = render_report(b.graph(), limits=ReportLimits(max_documents=0, evidence_per_relation=5, max_sentences=6))
    assert [len(r[5]) for r in data_of(page)["relations"]] == [3, 3]
    assert "Each relation lists at most 3 of its evidence sentences" in notes_of(page)["evidence"]
    assert len(marks(page)) == 6


def test_report_past_the_relation_bound_highlights_only_the_listed_sentences_in_whole_texts():
    page = render_report(seven_reports(), limits=ReportLimits(max_relations=1, evidence_per_relation=5))
    assert "report 4.</mark>" in page
    assert "report 6.</mark>" not in page and "report 6." in page  # in its text, not marked


def test_report_excerpts_escape_sentences_that_look_like_markup():
    b = Builder().rel("<img src=x onerror=alert(1)>", "B", 1, text="</script><b>bold</b> claim.")
    page = render_report(b.graph(), limits=ReportLimits(max_documents=0))
    assert "<b>bold" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; claim." in page


def test_cli_report_bounds_come_from_its_options(tmp_path):
    graph_file = tmp_path / "graph.json"
    graph_file.write_text(json.dumps(three_documents().to_dict(with_text=True)), encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--graph", str(graph_file), "-o", str(out),
                                      "--max-documents", "1", "--max-relations", "2", "--max-actors", "3"])
    assert result.exit_code == 0, result.output
    notes = notes_of(out.read_text(encoding="utf-8"))
    assert "<code>--max-documents 1</code>" in notes["documents"]
    assert "holds 2 of the 3 relations" in notes["graph"]


def test_cli_report_defaults_are_the_library_defaults():
    help_text = CliRunner().invoke(app, ["report", "--help"], terminal_width=200).output
    defaults = ReportLimits()
    for option, value in [("--max-documents", defaults.max_documents), ("--max-actors", defaults.max_actors),
                          ("--max-relations", defaults.max_relations)]:
        assert re.search(rf"{option}\b.*?\[default: {value}\]", help_text, re.S), option


def store_of_three_documents(path):
    from briefgraph.store.corpus import Corpus
    with Corpus(str(path)) as corpus:
        for source, target, text in [("Northern League", "Coastal Front", "The Northern League shelled the Coastal Front."),
                                     ("Coastal Front", "River Union", "The Coastal Front armed the River Union."),
                                     ("River Union", "Hill Clans", "The River Union fed the Hill Clans.")]:
            graph = Builder().rel(source, target, 1, text=text).graph()
            graph.documents[0].text += FILLER
            corpus.add_graph(graph.documents[0], graph)
    return path


def test_cli_report_of_a_store_reads_whole_texts_only_when_the_page_embeds_them(tmp_path):
    db = store_of_three_documents(tmp_path / "corpus.db")
    for bound, whole in [("3", True), ("2", False)]:
        out = tmp_path / f"report-{bound}.html"
        result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out), "--max-documents", bound])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert (FILLER.strip() in page) is whole
        assert marks(page)[data_of(page)["relations"][0][5][0][1]] == "The Northern League shelled the Coastal Front."

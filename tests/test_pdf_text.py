"""PDF briefs read as text briefs: paragraphs re-joined, hyphenation repaired, running headers,
footers and page numbers dropped (texts written for these tests)."""
import pytest

from briefgraph.read.pdftext import pdf_paragraphs
from chromium import CHROMIUM, browser  # noqa: F401 (browser is a fixture)

LINE_A = "The coalition partners agreed in March to widen the maritime patrols off the coast and"
LINE_B = "to share radar data with the littoral states, a step the smaller navies had sought for"
LINE_C = "years after repeated seizures of merchant ships by armed groups operating from islands."


def test_lines_of_one_paragraph_are_joined_and_paragraphs_kept_apart():
    page = "\n".join([LINE_A, LINE_B, "many years.", LINE_A, LINE_C])
    assert pdf_paragraphs([page]).split("\n\n") == [f"{LINE_A} {LINE_B} many years.", f"{LINE_A} {LINE_C}"]


def test_a_short_line_without_a_sentence_end_is_a_heading_of_its_own():
    page = "\n".join(["Maritime security", LINE_A, LINE_C])
    assert pdf_paragraphs([page]).split("\n\n")[0] == "Maritime security"


def test_a_word_broken_by_the_printer_is_rejoined():
    page = "\n".join(["The patrols were widened after the govern-", "ment in the capital asked the navy to help",
                      "the government of the neighbouring state."])
    assert "government in the capital" in pdf_paragraphs([page])


def test_the_hyphen_of_a_compound_is_kept_across_a_line_break():
    page = "\n".join(["The talks were hosted by a Kenya-", "led mission and a well-", "known mediator, who is well",
                      "known in the region."])
    text = pdf_paragraphs([page])
    assert "Kenya-led mission" in text and "well-known mediator" in text


def test_running_headers_footers_and_page_numbers_are_dropped():
    bodies = [(LINE_A, LINE_B), (LINE_B, LINE_C), (LINE_C, LINE_A)]
    pages = [f"Regional Outlook Series\n{a}\n{b}\nPage {n} of 3" for n, (a, b) in enumerate(bodies, 1)]
    text = pdf_paragraphs(pages)
    assert "Regional Outlook" not in text and "Page" not in text
    assert text.count(LINE_A) == 2 and text.count(LINE_C) == 2


def test_a_paragraph_runs_on_across_a_page_break():
    pages = [f"{LINE_A}\n7", f"{LINE_C}\n8"]
    assert pdf_paragraphs(pages) == f"{LINE_A} {LINE_C}"


BRIEF = ["Regional security outlook", "Egypt accused the Houthis of attacking commercial shipping in the Red Sea "
         "and pressed Iran to restrain them. " * 6, "Jordan signed a defence agreement with the United States, "
         "while Iran-backed militias struck bases hosting American troops in Syria. " * 6]


@pytest.mark.model
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_a_printed_pdf_gives_the_graph_of_its_text(tmp_path, browser):
    from briefgraph import extract
    text = "\n\n".join(BRIEF)
    html = "".join(f"<p>{p}</p>" for p in BRIEF)
    pdf = tmp_path / "brief.pdf"
    page = browser.new_page()
    page.set_content(f"<html><body style='font: 11pt serif; hyphens: auto' lang='en'>{html}</body></html>")
    page.pdf(path=str(pdf), format="A6", display_header_footer=True, margin={"top": "50px", "bottom": "50px"},
             header_template="<div style='font-size:8px'>Outlook Series</div>",
             footer_template="<div style='font-size:8px'>Page <span class='pageNumber'></span></div>")
    page.close()

    def triples(graph):
        names = {a.id: a.name for a in graph.actors}
        return {(names[r.source], r.type, names[r.target], r.modality.status) for r in graph.relations}

    assert triples(extract(str(pdf))) == triples(extract(text))

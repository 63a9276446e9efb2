"""The report in a real browser: Debian's headless Chromium driven by Playwright.

Nothing may leave file:// or data:, the canvas must draw every actor, and a click on an actor
must show its ties and evidence in the panel. BRIEFGRAPH_SCREENSHOT=1 refreshes docs/report.png.
"""
import os
from pathlib import Path

import pytest

from analysis_graphs import taliban_like
from briefgraph.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
# The screenshot kept in docs/ is refreshed only on request, so a test run leaves the tree clean.
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "report.png"
REFRESH_SCREENSHOT = os.environ.get("BRIEFGRAPH_SCREENSHOT") == "1"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def opened(browser, tmp_path):
    """(page, urls requested, errors) for the report of the Taliban-like graph, after its first draw."""
    path = write_report(taliban_like(), tmp_path / "report.html", title="Taliban and Central Asia")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    urls, errors = [], []
    page.on("request", lambda r: urls.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.briefgraph && window.briefgraph.firstDrawMs !== null")
    yield page, urls, errors
    page.close()


def canvas_pixel(page, actor_id):
    """RGBA of the canvas pixel under an actor's node."""
    return page.evaluate("""(id) => {
        const c = document.getElementById('graph'), r = c.getBoundingClientRect();
        const p = window.briefgraph.screenPosition(id), k = c.width / r.width;
        return Array.from(c.getContext('2d').getImageData(
            Math.round((p.x - r.left) * k), Math.round((p.y - r.top) * k), 1, 1).data);
    }""", actor_id)


def test_browser_report_requests_nothing_outside_the_file(opened):
    page, urls, errors = opened
    page.wait_for_timeout(300)
    assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls
    assert errors == []


def test_browser_report_draws_every_actor_on_the_canvas(opened):
    page, _, _ = opened
    drawn = page.evaluate("window.briefgraph.drawnNodes")
    assert drawn == page.evaluate("window.briefgraph.actorCount") == len(taliban_like().actors)
    assert page.get_attribute("#graph", "data-drawn-nodes") == str(drawn)
    assert canvas_pixel(page, "taliban")[3] == 255  # an opaque node under the Taliban's position
    assert canvas_pixel(page, "china")[3] == 255


def test_browser_clicking_an_actor_shows_its_evidence_in_the_panel(opened):
    page, _, _ = opened
    pos = page.evaluate("window.briefgraph.screenPosition('taliban')")
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_function("document.querySelector('#panel .actor-name')")
    assert page.inner_text("#panel .actor-name") == "Taliban"
    panel = page.inner_text("#panel")
    assert "The Taliban depends on al-Qaeda." in panel
    assert "Cross-pressure" in panel
    shot = page.screenshot(path=str(SCREENSHOT) if REFRESH_SCREENSHOT else None)
    assert len(shot) > 1000  # a real picture of the page, not an empty buffer


def test_browser_clicking_evidence_flashes_it_in_the_source_text(opened):
    page, _, _ = opened
    page.evaluate("window.briefgraph.select('china')")
    page.click("#panel button.quote >> text=China pressed the Taliban to act against militants.")
    page.wait_for_selector("mark.flash", state="attached")
    assert page.text_content("mark.flash") == "China pressed the Taliban to act against militants."
    page.wait_for_function("""() => {
        const r = document.querySelector('mark.flash').getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    }""")


def test_browser_relations_table_filters_as_you_type(opened):
    page, _, _ = opened
    total = page.locator("#rel-table tbody tr").count()
    page.fill("#rel-filter", "umar")
    page.wait_for_function(f"document.querySelectorAll('#rel-table tbody tr').length < {total}")
    rows = page.locator("#rel-table tbody tr").all_inner_texts()
    assert rows and all("Umar" in r for r in rows)

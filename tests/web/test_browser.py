"""The web page in a real browser: Debian's Chromium driven by Playwright.

Skipped, with the reason, where Chromium is not installed (`make test`
installs it when it runs as root).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("TALKTRACK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (make test installs Debian's chromium as root; or set TALKTRACK_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()


def test_timeline_round_statement_highlighted_sentence(page, server: str):
    page.goto(server + "/")
    assert page.title().startswith("Timeline")
    vienna = page.locator("tr.event", has_text="Vienna").filter(has_text="talks").first
    vienna.locator("a").first.click()
    page.wait_for_url("**/events/**")
    participants = page.locator("dd.participants").all_inner_texts()
    assert any("Petra Will" in p and "lead" in p for p in participants)
    assert any("Halvard Brekke" in p for p in participants)
    assert "Tariffs" in page.locator("#topics").inner_text()  # topics by label, not by id
    quote = page.locator(".quote").first
    said = quote.locator("blockquote").inner_text().strip("“” ")
    quote.locator(".meta a[href^='/documents/']").click()
    page.wait_for_url("**/documents/**")
    mark = page.locator("mark#hl")
    assert mark.is_visible()
    assert said.split()[0] in mark.inner_text()
    assert mark.evaluate("m => m.getBoundingClientRect().top < window.innerHeight")  # scrolled into view


def test_pages_and_search_in_the_browser(page, server: str):
    for path, heading in [("/issues", "Issue board"), ("/people", "People"), ("/quotes", "Who said what"), ("/deadlines", "Deadlines"), ("/measures", "Measures on")]:
        page.goto(server + path)
        assert page.locator("h1").inner_text().startswith(heading)
    page.goto(server + "/")
    page.fill("input[name=q]", "port fees")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=port+fees")
    assert page.locator("mark").count() > 0


def test_no_script_in_an_article_runs(page, server: str):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/search?q=xss")
    page.locator("a[href^='/documents/']").first.click()
    page.wait_for_url("**/documents/**")
    assert "<script>alert('xss')</script>" in page.locator("article.doc").inner_text()
    assert dialogs == []


def test_chart_marks_open_their_events_and_break_no_policy(page, server: str):
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "/chart")
    marks = page.locator("svg#chart a rect.mark")
    assert marks.count() > 5
    box = page.locator("svg#chart").bounding_box()
    assert box and box["width"] > 800 and box["height"] > 200  # drawn, not an empty element
    title = marks.first.locator("title").text_content() or ""
    marks.first.click()
    page.wait_for_url("**/events/**")
    assert title.split(",")[0] in page.locator("h1").inner_text()
    page.goto(server + "/issues")
    assert page.locator("table.board td.on").count() > 0
    assert blocked == []

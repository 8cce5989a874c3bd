"""The reviewers' page in Chromium: it renders under our CSP, the flow picture
loads, and axe finds no accessibility violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_rules_page_shows_the_flow_picture_without_csp_errors(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(live_server + "/rules?lang=en")
    expect(page.locator("h1")).to_have_text("Rules for clinical review")
    picture = page.locator("img.rules-flow")
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    assert page.evaluate("document.querySelector('img.rules-flow').naturalWidth") > 0
    assert [text for text in problems if "Content Security Policy" in text] == []
    # A narrow phone screen: nothing wider than the viewport (cards, not wide tables).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()

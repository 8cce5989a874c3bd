"""Whole journeys in Chromium, with JavaScript on (htmx) and off (plain posts)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.stories import CALM

pytestmark = pytest.mark.browser


def new_page(browser: Browser, javascript: bool, width: int = 390) -> Page:
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 800}
    )
    return context.new_page()


def answer_current(page: Page, choices: dict[str, list[str]]) -> str:
    step = page.locator('#question-form input[name="step"]').get_attribute("value")
    assert step is not None
    for value in choices[step]:
        page.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
    page.get_by_role("button", name="Continue").click()
    return step


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_reader_completes_the_questions(browser, live_server, screenshot_dir, javascript):
    page = new_page(browser, javascript)
    page.goto(live_server + "/?lang=en")
    page.get_by_role("button", name="Start now").click()
    seen = []
    while page.locator("[data-outcome]").count() == 0:
        expect(page.locator("h1")).to_be_visible()
        seen.append(answer_current(page, CALM))
        if javascript:
            page.wait_for_function(
                "prev => !document.querySelector(`#question-form input[name=step][value=${prev}]`)",
                arg=seen[-1],
            )
    assert seen == list(CALM)
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "soon")
    page.screenshot(
        path=str(screenshot_dir / f"outcome-{'js' if javascript else 'nojs'}.png"), full_page=True
    )
    assert page.context.cookies() == []


def test_with_javascript_focus_moves_to_the_new_question_and_title_updates(browser, live_server):
    page = new_page(browser, javascript=True)
    page.goto(live_server + "/")
    entries = page.evaluate("history.length")
    page.get_by_role("button", name="Start now").click()
    expect(page).to_have_title(
        "Do you have any of these now, or have you had them since the bleeding started?"
    )
    page.locator('input[value="none"]').check()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title("How many weeks pregnant are you?")
    expect(page.locator("h1")).to_be_focused()
    # htmx swapped the widget: the page itself never reloaded and no history was pushed.
    assert page.evaluate("history.length") == entries
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title("Error: How many weeks pregnant are you?")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("Error: How many weeks pregnant are you?")

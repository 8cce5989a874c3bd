"""A full run in Chromium against a real server: no CSP violation, nothing
kept in the browser, and no answer in the server's logs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.conftest import Server, start_server
from tests.browser.storage import assert_nothing_kept, kept_on_origin, stored_in

pytestmark = pytest.mark.browser

# Answers chosen so their values are distinctive in a log.
ANSWERS = {
    "danger": ["none"],
    "weeks": ["6_to_11"],
    "amount": ["light"],
    "clots": ["not_sure"],
    "symptoms": ["cramps"],
    "injury": ["prefer_not_to_say"],
    "history": ["previous_miscarriage"],
    "scan": ["not_sure"],
    "after_sex": ["not_sure"],
    "pattern": ["keeps_coming_back"],
}

# Records every CSP violation the page reports, from the first byte on.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    [event.effectiveDirective, event.blockedURI, event.sample].join(" ")
  );
});
"""


# <style> elements, style attributes and constructed style sheets: htmx adds none.
INJECTED_STYLES = (
    "document.querySelectorAll('style, [style]').length + document.adoptedStyleSheets.length"
)


@dataclass
class Run:
    page: Page
    violations: list[str]
    history_length: int
    style_elements: int
    console: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    server = start_server({"WIDGET_REGION": "AU"})
    yield server
    server.stop()


def choose(page: Page, choices: dict[str, list[str]]) -> None:
    step = page.locator('#question-form input[name="step"]').get_attribute("value")
    assert step is not None
    for value in choices.get(step, []):
        page.locator(f'#question-form input[name="{step}"][value="{value}"]').check()


def continue_to_next(page: Page) -> None:
    before = page.title()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function("before => document.title !== before", arg=before)


@pytest.fixture(scope="module")
def completed_run(browser: Browser, server: Server) -> Iterator[Run]:
    """Start, an error, Back, every question, then Change from the advice."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            console.append(message.text)

    page.on("console", note)
    page.goto(server.base + "/?lang=en&region=AU")
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("#question-form")).to_be_visible()
    continue_to_next(page)  # nothing chosen: the error summary
    choose(page, ANSWERS)
    continue_to_next(page)
    page.get_by_role("button", name="Back").click()
    expect(page.locator('#question-form input[name="step"]')).to_have_value("danger")
    while page.locator("[data-outcome]").count() == 0:
        choose(page, ANSWERS)
        continue_to_next(page)
    page.locator('button[value="change:weeks"]').click()
    expect(page.locator('#question-form input[name="step"]')).to_have_value("weeks")
    continue_to_next(page)
    expect(page.locator("[data-outcome]")).to_be_visible()
    yield Run(
        page,
        violations=page.evaluate("window.__violations"),
        history_length=page.evaluate("history.length"),
        style_elements=page.evaluate(INJECTED_STYLES),
        console=console,
    )
    context.close()


def test_a_full_run_reports_no_csp_violation(completed_run):
    assert completed_run.violations == []
    assert [text for text in completed_run.console if "Content Security Policy" in text] == []
    assert [text for text in completed_run.console if "Permissions-Policy" in text] == [], (
        completed_run.console
    )


def test_the_violation_recorder_does_record(completed_run):
    page = completed_run.page
    page.evaluate(
        "() => document.head.append(Object.assign(document.createElement('style'), "
        "{textContent: 'p { color: red }'}))"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert "style-src-elem" in page.evaluate("window.__violations")[0]


def test_htmx_pushed_no_history_and_injected_no_styles(completed_run):
    # One entry for the blank tab, one for the start page; htmx pushed none.
    assert completed_run.history_length == 2
    assert completed_run.style_elements == 0


def test_nothing_is_kept_in_the_browser(completed_run, server):
    page = completed_run.page
    report: dict[str, Any] = stored_in(page.main_frame)
    report["cookies"] = page.context.cookies()
    assert report["origin"] == server.base
    assert_nothing_kept(report)
    assert_nothing_kept(kept_on_origin(page.context, server.base + "/healthz"))


def test_the_logs_of_a_full_run_hold_no_answers(completed_run, server):
    log = server.output()
    assert "POST /step 200" in log, log  # the access log is on and captured
    assert "GET / 200" in log
    for question, values in ANSWERS.items():
        for value in values:
            assert f"{question}={value}" not in log
            if value not in ("none", "yes", "no"):
                assert value not in log, value
    access_lines = [line for line in log.splitlines() if "widget.access" in line]
    assert access_lines
    for line in access_lines:
        assert "?" not in line and "lang=" not in line and "region=" not in line
        assert "127.0.0.1" not in line

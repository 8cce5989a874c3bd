"""A reader whose step is refused because the worker is busy (issue 24 R2) sees
our 503 page, with JavaScript on (htmx swaps it in) and off (a plain post),
and can go back to her answers once the worker has room."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Server, start_server
from tests.web.test_overload import hold
from widget.web.views.errors import ERROR_MESSAGES

pytestmark = pytest.mark.browser
TITLE, MESSAGE = ERROR_MESSAGES[503]


@pytest.fixture(scope="module")
def busy_server() -> Iterator[Server]:
    server = start_server({"WIDGET_REGION": "AU"}, args=["--max-in-flight", "1"])
    yield server
    server.stop()


def wait_for_status(server: Server, status: int) -> None:
    """Until ``GET /`` answers ``status`` (the server has seen a hold begin or end)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with urlopen(server.base + "/", timeout=5) as response:
                seen = response.status
        except HTTPError as error:
            seen = error.code
        if seen == status or time.monotonic() > deadline:
            assert seen == status
            return
        time.sleep(0.05)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_step_shows_the_busy_page_with_the_emergency_line(
    browser: Browser, busy_server: Server, screenshot_dir, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(busy_server.base + "/?lang=en&region=AU")
    page.get_by_role("button", name="Start now").click()
    page.locator('input[value="none"]').check()
    held = hold(int(busy_server.base.rsplit(":", 1)[1]))
    try:
        wait_for_status(busy_server, 503)
        expect(page.locator("h1")).not_to_have_text(TITLE)
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("h1")).to_have_text(TITLE, timeout=10_000)
        expect(page.get_by_text(MESSAGE)).to_be_visible()
        expect(page.locator("#emergency-line a[href='tel:000']")).to_be_visible()
        page.screenshot(path=str(screenshot_dir / f"busy-{'js' if javascript else 'nojs'}.png"))
    finally:
        held.close()
        wait_for_status(busy_server, 200)
    try:  # the answer given is kept: trying again goes on to the next question
        page.get_by_role("button", name="Go back to your answers").click()
        expect(page.locator("h1")).to_have_text("How many weeks pregnant are you?")
    finally:
        context.close()

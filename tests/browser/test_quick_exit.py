"""Quick exit: "Leave this page" replaces the whole top page, even from inside a
partner's iframe, with JavaScript on and off, and is the first Tab stop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.a11y import POST_FORM_JS, URGENT, form_pairs, new_context, open_screen
from widget.web.app import DEFAULT_EXIT_URL

pytestmark = pytest.mark.browser

MODES = {"js": True, "no-js": False}
INJURY_QUESTION = {
    **{key: URGENT[key] for key in ("danger", "weeks", "amount", "clots", "symptoms")},
    "step": "injury",
    "nav": "stay",
}
NEUTRAL = "<!doctype html><title>Weather</title><h1>Weather</h1>"


def neutral_site(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html", body=NEUTRAL)


def partner_page(base: str, path: str) -> str:
    return (
        "<!doctype html><html lang=en><title>Partner</title><h1>Partner page</h1>"
        f'<iframe title="Bleeding in pregnancy check" src="{base}{path}"'
        ' style="width:400px;height:600px"></iframe></html>'
    )


@pytest.mark.parametrize("screen", ["injury-question", "injury-outcome"])
def test_leave_this_page_is_the_first_tab_stop(browser, live_server, screen):
    context = new_context(browser, False)
    page = context.new_page()
    fields = INJURY_QUESTION if screen == "injury-question" else {**URGENT, "nav": "stay"}
    open_screen(page, live_server, fields)
    tabbable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select')]
          .filter(element => element.type !== 'hidden').map(element => element.textContent)"""
    )
    assert tabbable[0] == "Leave this page"
    # From the very top of the page (where a reader arriving by keyboard starts).
    page.mouse.click(1, 1)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent, document.activeElement.href]"
    )
    assert focused == ["Leave this page", DEFAULT_EXIT_URL]
    context.close()


def test_the_outcome_has_it_next_to_the_support_note(browser, live_server):
    context = new_context(browser, False)
    page = context.new_page()
    open_screen(page, live_server, {**URGENT, "nav": "stay"})
    note = page.locator("li", has_text="If someone is hurting you")
    expect(note.get_by_role("link", name="Leave this page")).to_have_attribute("target", "_top")
    context.close()


def test_other_questions_have_no_quick_exit(browser, live_server):
    context = new_context(browser, False)
    page = context.new_page()
    open_screen(page, live_server, {**INJURY_QUESTION, "step": "symptoms"})
    expect(page.get_by_role("link", name="Leave this page")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("mode", MODES)
def test_it_replaces_the_whole_top_page_from_inside_an_iframe(browser, live_server, mode):
    javascript = MODES[mode]
    context = new_context(browser, javascript)
    context.route(DEFAULT_EXIT_URL + "*", neutral_site)
    page: Page = context.new_page()
    # A partner page on the widget's own origin (our CSP allows framing by 'self').
    host = live_server + "/partner-test-page"
    context.route(host, lambda route: route.fulfill(content_type="text/html", body=""))
    page.goto(host)
    frame_path = "/?lang=en"
    page.set_content(partner_page(live_server, frame_path))
    frame = page.frame_locator("iframe")
    # Reach the injury question inside the frame by posting a real form there.
    inner = next(f for f in page.frames if f != page.main_frame)
    inner.wait_for_load_state("load")
    with page.expect_event("framenavigated"):
        inner.evaluate(POST_FORM_JS, form_pairs({"lang": "en", "region": "AU", **INJURY_QUESTION}))
    link = frame.get_by_role("link", name="Leave this page")
    expect(link).to_be_visible()
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        link.click()
    expect(page).to_have_title("Weather")
    assert len(page.frames) == 1, "the top page itself must be replaced"
    context.close()

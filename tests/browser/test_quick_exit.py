"""Exit this page (GOV.UK pattern): on every page, the first Tab stop after the
skip link; it replaces the whole top page (even from inside a partner's
cross-origin iframe) with location.replace, with JavaScript on and off; Shift
pressed 3 times within 5 seconds exits too, with visible and announced
progress and a "Loading." overlay; right to left in Arabic."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Route, expect

from tests.browser.a11y import (
    EMERGENCY,
    POST_FORM_JS,
    URGENT,
    form_pairs,
    new_context,
    open_screen,
)
from tests.browser.conftest import Server, serve_pages, start_server
from widget.web.partners import DEFAULT_EXIT_URL

pytestmark = pytest.mark.browser

MODES = {"js": True, "no-js": False}
INJURY_QUESTION = {
    **{key: URGENT[key] for key in ("danger", "weeks", "amount", "clots", "symptoms")},
    "step": "injury",
    "nav": "stay",
}
NEUTRAL = "<!doctype html><title>Weather</title><h1>Weather</h1>"
# Every kind of page: start, a question, the injury question, outcomes, an error.
SCREENS = {
    "start": None,
    "question": {**INJURY_QUESTION, "step": "symptoms"},
    "injury-question": INJURY_QUESTION,
    "urgent-outcome": {**URGENT, "nav": "stay"},
    "emergency-outcome": {**EMERGENCY, "step": "danger", "nav": "continue"},
    "error": {"danger": "not-an-option", "nav": "stay"},
}


def neutral_site(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html", body=NEUTRAL)


def exit_context(browser: Browser, javascript: bool, **options: object) -> BrowserContext:
    context = new_context(browser, javascript, **options)
    context.route(DEFAULT_EXIT_URL + "*", neutral_site)
    return context


def tab_stops(page: Page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select')]
          .filter(element => element.type !== 'hidden').map(element => element.textContent)"""
    )


def status(page: Page | Frame) -> str:
    return page.locator("[data-exit-status]").text_content() or ""


def lights_on(page: Page | Frame) -> int:
    return page.locator(".exit-this-page-lights > .is-on").count()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("screen", SCREENS)
def test_exit_this_page_is_on_every_page_right_after_the_skip_link(
    browser, live_server, screen, mode
):
    context = exit_context(browser, MODES[mode])
    page = context.new_page()
    page.goto(live_server + "/?lang=en&region=AU")
    if SCREENS[screen] is not None:
        open_screen(page, live_server, SCREENS[screen])
    assert tab_stops(page)[:2] == ["Skip to main content", "Exit this page"]
    # From the very top of the page (where a reader arriving by keyboard starts).
    # Each step is waited for (a busy machine applies focus a moment later),
    # and the focused element is then asserted exactly. The click takes focus
    # from the heading the page focuses on arrival (open_screen waited for that),
    # so that Tab starts at the top.
    page.mouse.click(1, 1)
    page.wait_for_function("() => document.activeElement === document.body")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Exit this page").first).to_be_focused()
    focused = page.evaluate(
        "() => [document.activeElement.textContent, document.activeElement.href]"
    )
    assert focused == ["Exit this page", DEFAULT_EXIT_URL]
    button = page.get_by_role("link", name="Exit this page").first
    expect(button).to_be_visible()
    assert page.get_by_role("complementary", name="Quick exit").count() == 1
    context.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_pages_about_injury_say_how_to_use_it(browser, live_server, mode):
    context = exit_context(browser, MODES[mode])
    page = context.new_page()
    shortcut = page.get_by_text("or press the Shift key 3 times", exact=False)
    plain = page.get_by_text('select "Exit this page", but your browser history', exact=False)
    for fields in (INJURY_QUESTION, {**URGENT, "nav": "stay"}):
        open_screen(page, live_server, fields)
        # The Shift key only works with JavaScript, so only then is it mentioned.
        expect(shortcut).to_be_visible() if MODES[mode] else expect(shortcut).to_be_hidden()
        expect(plain).to_be_hidden() if MODES[mode] else expect(plain).to_be_visible()
    # The outcome also has the link next to the support note.
    note = page.locator("li", has_text="If someone is hurting you")
    expect(note.get_by_role("link", name="Exit this page")).to_have_attribute("target", "_top")
    open_screen(page, live_server, {**INJURY_QUESTION, "step": "symptoms"})
    expect(shortcut).to_have_count(0)
    expect(plain).to_have_count(0)
    context.close()


# A phone (touch, no mouse) and a desktop, as Chromium emulates them.
DEVICES = {
    "phone": {"width": 360, "has_touch": True, "is_mobile": True},
    "desktop": {"width": 1024},
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("mode", MODES)
def test_the_shift_key_is_mentioned_only_where_a_keyboard_is_likely(
    browser, live_server, mode, device
):
    """Phones have no Shift key (issue 20): they are told only about the button, until
    the reader presses Tab or Shift on a keyboard of her own. Without JavaScript the
    shortcut does not work, so no device is told about it."""
    context = exit_context(browser, MODES[mode], **DEVICES[device])
    page = context.new_page()
    shortcut = page.get_by_text("or press the Shift key 3 times", exact=False)
    plain = page.get_by_text('select "Exit this page", but your browser history', exact=False)
    open_screen(page, live_server, INJURY_QUESTION)
    told = MODES[mode] and device == "desktop"
    expect(shortcut).to_be_visible() if told else expect(shortcut).to_be_hidden()
    expect(plain).to_be_hidden() if told else expect(plain).to_be_visible()
    if MODES[mode] and device == "phone":
        page.keyboard.press("Tab")  # a keyboard after all (a tablet's, a Bluetooth one)
        expect(shortcut).to_be_visible()
        expect(plain).to_be_hidden()
    context.close()


@pytest.mark.parametrize("mode", MODES)
def test_clicking_it_replaces_the_page_so_back_does_not_return(browser, live_server, mode):
    context = exit_context(browser, MODES[mode])
    page = context.new_page()
    page.goto(live_server + "/healthz")  # the page the reader came from
    page.goto(live_server + "/?lang=en&region=AU")
    before = page.evaluate("history.length")
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        page.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_title("Weather")
    if MODES[mode]:
        # location.replace: no new history entry, and Back skips the check.
        assert page.evaluate("history.length") == before
        page.go_back()
        assert page.url == live_server + "/healthz"
    context.close()


def test_shift_three_times_exits_with_progress_and_a_loading_overlay(browser, live_server):
    context = new_context(browser, True)
    held: list[Route] = []
    context.route(DEFAULT_EXIT_URL + "*", lambda route: held.append(route))  # keep it loading
    page = context.new_page()
    open_screen(page, live_server, INJURY_QUESTION)
    page.locator("h1").click()
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 2 more times to exit.")
    expect(page.locator(".exit-this-page-lights")).to_be_visible()
    assert lights_on(page) == 1
    page.keyboard.press("Shift")
    expect(page.locator("[data-exit-status]")).to_have_text("Shift, press 1 more time to exit.")
    assert lights_on(page) == 2
    # What the reader sees while the neutral page loads, reported from the page
    # as it happens (Playwright cannot query a page that is navigating away).
    seen: list[object] = []
    page.expose_function("reportExit", lambda facts: seen.append(facts))
    page.evaluate(
        """() => new MutationObserver(() => {
          const overlay = document.querySelector('.exit-this-page-overlay');
          if (!overlay) return;
          const box = overlay.getBoundingClientRect();
          window.reportExit([overlay.textContent,
            box.width === innerWidth && box.height === innerHeight,
            document.elementFromPoint(innerWidth / 2, innerHeight / 2) === overlay,
            document.querySelector('[data-exit-status]').textContent]);
        }).observe(document.body, {childList: true, subtree: true, characterData: true})"""
    )
    page.keyboard.press("Shift")
    for _ in range(200):  # at most 10 s
        if held and seen:
            break
        page.wait_for_timeout(50)
    assert held, "the exit did not start loading the neutral page"
    assert seen[-1] == ["Loading.", True, True, "Loading."]
    held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL)
    expect(page).to_have_title("Weather")
    context.close()


def test_typing_and_waiting_do_not_count_towards_the_shortcut(browser, live_server):
    context = exit_context(browser, True)
    page = context.new_page()
    page.clock.install()
    open_screen(page, live_server, INJURY_QUESTION)
    page.locator("h1").click()
    # Shift used to type a capital letter is not a press; another key starts again.
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    assert status(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("a")
    assert lights_on(page) == 0
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert lights_on(page) == 2
    # More than 5 seconds after the first press: the count starts again, and says so.
    page.clock.run_for(5100)
    assert status(page) == "Exit shortcut reset. Press Shift 3 times quickly to leave."
    assert lights_on(page) == 0
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert "Weather" not in page.title()
    assert page.url.startswith(live_server)
    context.close()


def test_right_to_left_in_arabic(browser, live_server):
    context = exit_context(browser, True, width=360)
    page = context.new_page()
    page.goto(live_server + "/?lang=ar&region=AU")
    button = page.locator(".exit-this-page-button")
    text = button.text_content() or ""
    assert text and text != "Exit this page"
    box = button.bounding_box()
    assert box is not None and box["x"] < 360 / 2, "at the inline end: the left in Arabic"
    page.locator("h1").click()
    for _ in range(2):
        page.keyboard.press("Shift")
    assert lights_on(page) == 2
    assert status(page) not in ("", "Shift, press 1 more time to exit.")
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        page.keyboard.press("Shift")
    expect(page).to_have_title("Weather")
    context.close()


# --- inside a partner's page on another origin ------------------------------------------


@dataclass
class Sites:
    widget: str
    partner: str


def partner_article(widget: str, loader: str) -> str:
    return f"""<!doctype html><html lang="en"><head><title>Partner article</title></head>
<body><h1>Partner article</h1><p><a href="#x" id="partner-link">A partner link</a></p>
<div id="slot"></div>{loader}</body></html>""".replace("WIDGET", widget)


LOADERS = {
    "/script.html": '<script src="WIDGET/embed.js" data-partner="test" data-target="#slot"'
    ' data-loading="eager" async></script>',
    "/opt-in.html": '<script src="WIDGET/embed.js" data-partner="test" data-target="#slot"'
    " data-exit-shortcut async></script>",
    "/iframe.html": '<iframe title="Bleeding in pregnancy check"'
    ' src="WIDGET/?partner=test&amp;lang=en" style="width:390px;height:700px"></iframe>',
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    pages: dict[str, str] = {}

    partner_server = serve_pages(pages)
    port = partner_server.server_address[1]
    config = tmp_path_factory.mktemp("partners") / "partners.toml"
    config.write_text(
        f"""[partners.test]
name = "Test partner"
allowed_origins = ["http://127.0.0.1:{port}"]
demo = true
region = "AU"
"""
    )
    widget: Server = start_server({"WIDGET_REGION": "AU", "WIDGET_PARTNERS": str(config)})
    for path, loader in LOADERS.items():
        pages[path] = partner_article(widget.base, loader)
    yield Sites(widget.base, f"http://127.0.0.1:{port}")
    widget.stop()
    partner_server.shutdown()
    partner_server.server_close()


def widget_frame(page: Page) -> Frame:
    page.wait_for_selector("iframe")
    frame = page.locator("iframe").element_handle().content_frame()
    assert frame is not None
    frame.wait_for_selector("[data-exit-this-page]")
    return frame


# The script embed needs JavaScript on the partner page; a plain iframe works without.
@pytest.mark.parametrize(
    ("path", "mode"), [("/script.html", "js"), ("/iframe.html", "js"), ("/iframe.html", "no-js")]
)
def test_the_button_replaces_the_partner_page_from_a_cross_origin_frame(browser, sites, path, mode):
    javascript = MODES[mode]
    context = exit_context(browser, javascript)
    page = context.new_page()
    page.goto(sites.partner + path)
    frame = widget_frame(page)
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        frame.get_by_role("link", name="Exit this page").click()
    expect(page).to_have_title("Weather")
    assert len(page.frames) == 1, "the top page itself must be replaced"
    context.close()


@pytest.mark.parametrize("path", ["/script.html", "/iframe.html"])
def test_the_shortcut_works_while_focus_is_in_the_widget(browser, sites, path):
    context = exit_context(browser, True)
    page = context.new_page()
    page.goto(sites.partner + path)
    frame = widget_frame(page)
    frame.locator("h1").click()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert lights_on(frame) == 2
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        page.keyboard.press("Shift")
    expect(page).to_have_title("Weather")
    assert len(page.frames) == 1, "the top page itself must be replaced"
    context.close()


def test_a_partner_can_opt_in_to_the_shortcut_on_its_own_page(browser, sites):
    context = exit_context(browser, True)
    page = context.new_page()
    page.clock.install()
    page.goto(sites.partner + "/opt-in.html")
    widget_frame(page)
    page.locator("#partner-link").focus()  # focus on the partner page, not the widget
    page.keyboard.press("Shift")
    note = page.locator("body > [role=status]")
    expect(note).to_have_text("Shift, press 2 more times to exit.")
    expect(note).to_be_visible()
    # Too slow: the count starts again, and the reader is told she can still leave.
    page.clock.run_for(5100)
    expect(note).to_have_text("Exit shortcut reset. Press Shift 3 times quickly to leave.")
    page.keyboard.press("Shift")
    expect(note).to_have_text("Shift, press 2 more times to exit.")
    page.keyboard.press("Shift")
    expect(note).to_have_text("Shift, press 1 more time to exit.")
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        page.keyboard.press("Shift")
    expect(page).to_have_title("Weather")
    context.close()


def test_without_the_attribute_shift_on_the_partner_page_does_nothing(browser, sites):
    context = exit_context(browser, True)
    page = context.new_page()
    page.goto(sites.partner + "/script.html")
    widget_frame(page)
    page.locator("#partner-link").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    expect(page).to_have_title("Partner article")
    context.close()


def test_it_replaces_the_whole_top_page_from_a_same_origin_frame_without_javascript(
    browser, live_server
):
    # The check framed on its own origin (our CSP allows 'self'), JavaScript off.
    context = exit_context(browser, False)
    page: Page = context.new_page()
    host = live_server + "/partner-test-page"
    context.route(host, lambda route: route.fulfill(content_type="text/html", body=""))
    page.goto(host)
    page.set_content(
        "<!doctype html><html lang=en><title>Partner</title><h1>Partner page</h1>"
        f'<iframe title="Bleeding in pregnancy check" src="{live_server}/?lang=en"'
        ' style="width:400px;height:600px"></iframe></html>'
    )
    inner = next(f for f in page.frames if f != page.main_frame)
    inner.wait_for_load_state("load")
    with page.expect_event("framenavigated"):
        inner.evaluate(POST_FORM_JS, form_pairs({"lang": "en", "region": "AU", **INJURY_QUESTION}))
    link = page.frame_locator("iframe").get_by_role("link", name="Exit this page").first
    with page.expect_navigation(url=DEFAULT_EXIT_URL):
        link.click()
    expect(page).to_have_title("Weather")
    assert len(page.frames) == 1
    context.close()

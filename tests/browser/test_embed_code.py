"""GET /embed-code in Chromium, where partners are: the code is read from the
page as an editor copies it, pasted into a page on the partner's own origin
(another origin than the widget) and the check there is answered to the
advice. Also axe (JavaScript on and off, English and Arabic), the keyboard,
the copy button's focus and announcement, and right to left (issue 25)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.browser.a11y import (
    assert_focus_shown,
    axe_violations,
    focus,
    horizontal_overflow,
    new_context,
    small_targets,
)
from tests.browser.conftest import Server, free_port, serve_pages, start_server
from tests.stories import CALM
from widget.i18n.locales import load_translations

pytestmark = pytest.mark.browser


@dataclass
class Sites:
    widget: str
    partner: str  # the partner's own origin, allowed
    pages: dict[str, str]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    pages: dict[str, str] = {}
    partner_server = serve_pages(pages)
    port = partner_server.server_address[1]
    widget_port = free_port()
    widget_base = f"http://127.0.0.1:{widget_port}"
    config = tmp_path_factory.mktemp("partners") / "partners.toml"
    config.write_text(
        f"""[partners.test]
name = "Test partner"
allowed_origins = ["http://127.0.0.1:{port}"]
demo = true
region = "AU"
locales = ["en", "es", "ar"]

[partners.demo]
name = "Demo partner"
allowed_origins = ["{widget_base}"]
demo = true
region = "AU"
"""
    )
    # WIDGET_PUBLIC_URL: the address the partner's readers use, here the server's own.
    env = {"WIDGET_REGION": "AU", "WIDGET_PARTNERS": str(config), "WIDGET_PUBLIC_URL": widget_base}
    widget: Server = start_server(env, port=widget_port)
    yield Sites(widget.base, f"http://127.0.0.1:{port}", pages)
    widget.stop()
    partner_server.shutdown()
    partner_server.server_close()


def open_code_page(browser: Browser, sites: Sites, query: str = "", **options) -> Page:
    context = new_context(browser, True, **options)
    page = context.new_page()
    page.goto(f"{sites.widget}/embed-code?partner=test{query}")
    return page


def partner_article(code: str) -> str:
    return f"""<!doctype html><html lang="en"><head><title>Partner article</title></head>
<body><h1>Bleeding in pregnancy</h1><p>Some text before the check.</p>
{code}
<p>Text after the check.</p></body></html>"""


def answer_to_the_advice(frame: Frame) -> None:
    frame.get_by_role("button", name="Start now").click()
    for step, values in CALM.items():
        frame.wait_for_selector(
            f'#question-form input[name="step"][value="{step}"]', state="attached"
        )
        for value in values:
            frame.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
        frame.locator("#question-form").get_by_role("button", name="Continue").click()
    frame.wait_for_selector("[data-outcome]")


def test_the_script_code_taken_from_the_page_works_on_the_partner_s_own_origin(browser, sites):
    """The editor chooses with the mouse (JavaScript on), copies the code with
    the button, pastes it into a page of the partner's site."""
    page = open_code_page(browser, sites, width=1280)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sites.widget)
    page.get_by_role("radio", name="Script tag (recommended)").check()
    page.get_by_label("Country for the phone numbers").select_option("GB")
    page.get_by_label("Turn on the Exit shortcut on your page").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show the code").click()
    assert page.url.endswith("#code")
    code = page.locator("#code-text").input_value()
    assert 'data-region="GB"' in code and "data-exit-shortcut" in code
    assert code.startswith('<div class="bleeding-check"') and sites.widget + "/embed.js" in code
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == code

    sites.pages["/copied.html"] = partner_article(code)
    reader = new_context(browser, True, width=390).new_page()
    reader.goto(sites.partner + "/copied.html")
    iframe = reader.locator(".bleeding-check iframe")
    expect(iframe).to_have_attribute("title", "Bleeding in pregnancy check")
    assert iframe.get_attribute("loading") == "eager"  # the Exit shortcut needs it loaded
    frame = iframe.element_handle(timeout=20_000).content_frame()
    assert frame is not None
    frame.wait_for_selector("#widget")
    assert frame.url.startswith(sites.widget + "/")  # another origin than the partner page
    expect(frame.locator("#widget")).to_have_attribute("data-embed-origin", sites.partner)
    expect(reader.locator("[data-bleeding-check-fallback]")).to_be_hidden()
    expect(frame.locator("#emergency-line")).to_contain_text("999")  # GB, not the partner's AU
    answer_to_the_advice(frame)
    expect(frame.locator("[data-outcome]")).to_have_attribute("data-outcome", "soon")
    expect(frame.locator("#emergency-line")).to_contain_text("999")


def test_the_preview_is_the_check_with_the_chosen_options(browser, sites):
    page = open_code_page(browser, sites, "&placement=iframe&widget_lang=es&height=700")
    frame = page.frame_locator(".preview-frame")
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    expect(frame.locator("#emergency-line")).to_contain_text("000")
    assert page.locator(".preview-frame").bounding_box()["height"] == pytest.approx(700, abs=1)


def tab_until(page: Page, wanted, what: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = assert_focus_shown(page)
        if wanted(found):
            return
    raise AssertionError(f"Tab never reached {what}")


def test_keyboard_only_choose_show_and_copy_focus_stays_and_copied_is_announced(browser, sites):
    page = open_code_page(browser, sites, width=360)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sites.widget)
    # The placement radios: Tab in, arrows to "WordPress shortcode".
    tab_until(page, lambda found: found.name == "placement", "the placements")
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    assert focus(page).value == "shortcode"
    tab_until(page, lambda found: found.text == "Show the code", "Show the code")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    code = page.locator("#code-text").input_value()
    assert code == '[bleeding_check partner="test"]'
    # After the page loads at #code, the next Tab goes into the code, then to the button.
    tab_until(page, lambda found: found.tag == "TEXTAREA", "the code")
    tab_until(page, lambda found: found.text == "Copy the code", "the copy button")
    page.keyboard.press("Enter")
    status = page.locator("[data-copy-status]")
    expect(status).to_have_text("Copied")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    after = assert_focus_shown(page)
    assert after.tag == "BUTTON" and after.text == "Copy the code"  # focus stayed put
    assert page.evaluate("navigator.clipboard.readText()") == code
    # Pressed again: announced again (the status is emptied, then filled).
    page.keyboard.press("Space")
    expect(status).to_have_text("Copied")
    assert assert_focus_shown(page).text == "Copy the code"


def test_with_javascript_off_the_code_is_selectable_and_there_is_no_copy_button(browser, sites):
    context = new_context(browser, True, scripts_blocked=True)
    page = context.new_page()
    page.goto(f"{sites.widget}/embed-code?partner=test&placement=iframe")
    expect(page.get_by_role("button", name="Copy the code")).to_be_hidden()
    box = page.locator("#code-text")
    expect(box).to_be_visible()
    assert box.get_attribute("readonly") is not None
    box.focus()
    page.keyboard.press("Control+A")
    selected = page.evaluate(
        "() => { const b = document.getElementById('code-text');"
        " return b.value.slice(b.selectionStart, b.selectionEnd); }"
    )
    assert selected == box.input_value() and selected.startswith("<iframe src=")
    # The form still works: a plain GET, a full page.
    page.get_by_role("radio", name="Plain iframe").check()
    page.get_by_label("Height of the plain iframe, in pixels").fill("1300")
    with page.expect_navigation():
        page.get_by_role("button", name="Show the code").click()
    assert "height:1300px" in page.locator("#code-text").input_value()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_axe_finds_nothing_on_the_page_its_errors_and_its_404(browser, sites, lang, javascript):
    context = new_context(
        browser, True, width=320, height=640, axe=True, scripts_blocked=not javascript
    )
    page = context.new_page()
    for query in (
        f"?partner=test&lang={lang}&widget_region=GB&exit_shortcut=on",
        f"?partner=test&lang={lang}&placement=oembed&widget_region=GB",
        f"?partner=test&lang={lang}&placement=nope&height=1",  # 400, errors at two fields
        f"?partner=nobody&lang={lang}",  # 404
    ):
        page.goto(f"{sites.widget}/embed-code{query}")
        assert page.evaluate("typeof htmx") == ("object" if javascript else "undefined")
        assert axe_violations(page) == [], query
        assert horizontal_overflow(page) == 0, query
        assert small_targets(page) == [], query
        assert page.locator("h1").count() == 1
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    context.close()


def test_in_arabic_the_code_and_addresses_stay_left_to_right(browser, sites):
    page = open_code_page(browser, sites, "&lang=ar&placement=iframe", width=360)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    styles = page.evaluate(
        """() => [...document.querySelectorAll('#code-text, .origins code, #height')]
             .map(e => getComputedStyle(e).direction)"""
    )
    assert styles and set(styles) == {"ltr"}
    # The code box is as wide as the page's column and never scrolls sideways.
    assert page.evaluate(
        "() => { const b = document.getElementById('code-text');"
        " return b.scrollWidth <= b.clientWidth; }"
    )
    assert horizontal_overflow(page) == 0


def test_the_demo_links_to_the_page(browser, sites):
    page = new_context(browser, True, width=1280).new_page()
    page.goto(f"{sites.widget}/demo?lang=es")
    link = load_translations("es").gettext("Get the code to add the check to your website")
    assert link != "Get the code to add the check to your website"  # the Spanish demo
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).click()
    assert page.url.startswith(f"{sites.widget}/embed-code?partner=demo&lang=es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#code-text")).to_contain_text('data-partner="demo"')

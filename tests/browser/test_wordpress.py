"""The plugin in a real WordPress (Debian's packages), driven in Chromium.

tests/wordpress/site.py builds the site; without the packages these tests fail
with the command that installs them (never a silent skip).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Frame, Page, Response, expect

from tests.wordpress.site import ADMIN, PARTNER, PASSWORD, ROOT, Site, start_site
from widget.clinical.scenarios import load_file

pytestmark = [pytest.mark.browser, pytest.mark.wordpress]

CASE = next(
    case
    for case in load_file(ROOT / "tests" / "clinical" / "scenarios.toml")
    if case.id == "early-bleeding-with-cramps"
)
TITLE = "Bleeding in pregnancy check"
PLUGIN_FILES = ROOT / "integrations" / "wordpress" / "bleeding-check"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    site = start_site()
    yield site
    log = site.debug_log()
    site.stop()
    # The plugin itself never logs a notice, warning or error.
    assert "bleeding-check" not in log, log


def open_post(
    browser: Browser,
    url: str,
    width: int = 390,
    javascript: bool = True,
    responses: list[Response] | None = None,
) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    if responses is not None:
        page.on("response", lambda response: responses.append(response))
    page.goto(url, timeout=60_000)
    return page


def check_frame(page: Page) -> Frame:
    handle = page.locator(".bleeding-check iframe").element_handle(timeout=30_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector("#widget", timeout=30_000)
    return frame


def assert_fits(page: Page, frame: Frame) -> None:
    """The iframe is as tall as the widget: no inner scrollbar."""
    page.wait_for_function(
        """expected => Math.abs(document.querySelector('.bleeding-check iframe')
               .getBoundingClientRect().height - expected) <= 1""",
        arg=frame.evaluate("document.getElementById('widget').offsetHeight"),
    )
    assert frame.evaluate(
        "document.documentElement.scrollHeight <= document.documentElement.clientHeight"
    )


def answers() -> dict[str, list[str]]:
    raw = CASE.answers_raw
    return {key: value if isinstance(value, list) else [value] for key, value in raw.items()}


def complete_the_case(page: Page, frame: Frame) -> None:
    frame.get_by_role("button", name="Start now").click()
    chosen = answers()
    for _ in range(len(chosen) + 1):
        frame.wait_for_selector("[data-outcome], #question-form")
        if frame.locator("[data-outcome]").count():
            break
        step = frame.locator('#question-form input[name="step"]').get_attribute("value")
        assert step in chosen, step
        for value in chosen[step]:
            frame.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
        frame.locator("#question-form").get_by_role("button", name="Continue").click()
        frame.wait_for_function(
            "prev => !document.querySelector(`#question-form input[name=step][value=${prev}]`)",
            arg=step,
        )
        assert_fits(page, frame)
    expect(frame.locator("[data-outcome]")).to_have_attribute("data-outcome", CASE.expect)


@pytest.mark.parametrize("post", ["shortcode", "url"])
def test_the_check_works_in_a_post(browser, site, post, screenshot_dir: Path):
    responses: list[Response] = []
    page = open_post(browser, site.posts[post], responses=responses)
    iframe = page.locator(".bleeding-check iframe")
    expect(iframe).to_have_attribute("title", TITLE)
    frame = check_frame(page)
    # The fallback line stays until the widget says it loaded, then goes.
    expect(page.locator("[data-bleeding-check-fallback]")).to_be_hidden()
    assert_fits(page, frame)
    # The partner origin is the WordPress origin, checked by the widget server.
    widget = frame.locator("#widget")
    expect(widget).to_have_attribute("data-embed-origin", site.base)
    page.screenshot(path=str(screenshot_dir / f"wordpress-{post}-390.png"), full_page=True)

    complete_the_case(page, frame)
    pages = (site.widget.base + "/", site.widget.base + "/step")
    documents = [r for r in responses if r.url.split("?")[0] in pages]
    assert len(documents) >= len(CASE.answers_raw)  # the first page and every step
    for response in documents:
        policy = response.header_value("content-security-policy") or ""
        assert policy.endswith(f"frame-ancestors {site.base}"), policy
    page.screenshot(path=str(screenshot_dir / f"wordpress-{post}-390-outcome.png"), full_page=True)

    # Switching language inside the frame: the advice, in Spanish, in place.
    frame.locator(".language-switcher").get_by_role("button", name="Español").click()
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    expect(frame.locator("[data-outcome]")).to_have_attribute("data-outcome", CASE.expect)
    expect(frame.locator("#emergency-line")).to_contain_text("000")
    assert frame.evaluate("document.body.innerText").count("Llam") >= 1


@pytest.mark.parametrize("post", ["shortcode", "url"])
def test_the_posts_at_desktop_width(browser, site, post, screenshot_dir: Path):
    page = open_post(browser, site.posts[post], width=1280)
    frame = check_frame(page)
    assert_fits(page, frame)
    page.screenshot(path=str(screenshot_dir / f"wordpress-{post}-1280.png"), full_page=True)


def test_the_same_post_on_an_origin_that_is_not_the_partners_is_refused(browser, site):
    with urlopen(site.posts["url"], timeout=60) as response:  # as WordPress sent it
        html = response.read()

    class Copy(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: object) -> None:
            pass

    stranger = ThreadingHTTPServer(("127.0.0.1", 0), Copy)
    threading.Thread(target=stranger.serve_forever, daemon=True).start()
    try:
        page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
        page.goto(f"http://127.0.0.1:{stranger.server_address[1]}/post")
        assert_refused(page)
    finally:
        stranger.shutdown()
        stranger.server_close()


def assert_refused(page: Page) -> None:
    handle = page.locator(".bleeding-check iframe").element_handle(timeout=30_000)
    frame = handle.content_frame()
    assert frame is not None
    page.wait_for_timeout(1500)
    assert frame.locator("#widget").count() == 0  # frame-ancestors refused it
    # The reader still has the fallback line, with the emergency advice.
    expect(page.locator("[data-bleeding-check-fallback]")).to_be_visible()
    expect(page.locator("[data-bleeding-check-fallback]")).to_contain_text("emergency number")


def test_the_block_renders_the_check_with_its_options(browser, site):
    page = open_post(browser, site.posts["block"])
    iframe = page.locator(".bleeding-check iframe")
    expect(iframe).to_have_attribute("title", "Cuestionario sobre sangrado en el embarazo")
    frame = check_frame(page)
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    assert_fits(page, frame)


def log_in(browser: Browser, site: Site) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(site.base + "/wp-login.php", timeout=60_000)
    page.fill("#user_login", ADMIN)
    page.fill("#user_pass", PASSWORD)
    page.click("#wp-submit")
    page.wait_for_url(re.compile(r"/wp-admin/"), timeout=60_000)
    return page


def test_the_settings_page_checks_what_it_saves(browser, site, screenshot_dir):
    page = log_in(browser, site)
    page.goto(site.base + "/wp-admin/options-general.php?page=bleeding-check")
    expect(page.locator("#bleeding_check_host")).to_have_value(site.widget.base)
    expect(page.locator("#bleeding_check_partner")).to_have_value(PARTNER)
    assert page.locator('input[name="_wpnonce"]').count() == 1
    page.fill("#bleeding_check_host", "http://elsewhere.example/path")
    page.fill("#bleeding_check_partner", "<b>Bad</b>")
    page.click("#submit")
    expect(page.locator(".notice-error, .error").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "wordpress-settings.png"))
    # Refused values never replace the good ones.
    expect(page.locator("#bleeding_check_host")).to_have_value(site.widget.base)
    expect(page.locator("#bleeding_check_partner")).to_have_value(PARTNER)
    # Without the nonce, WordPress refuses to save.
    response = page.request.post(
        site.base + "/wp-admin/options.php",
        form={"option_page": "bleeding_check", "action": "update", "bleeding_check_lang": "fr"},
    )
    assert response.status in (403, 200) and site.tool("get-option", "bleeding_check_lang") != "fr"
    # The block is registered in the block editor.
    page.goto(site.base + "/wp-admin/post-new.php")
    page.wait_for_function(
        "window.wp && wp.blocks && wp.blocks.getBlockType('bleeding-check/check')"
    )


def test_the_plugin_files_pass_php_lint():
    import subprocess

    for path in sorted(PLUGIN_FILES.rglob("*.php")):
        result = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_without_the_plugin_the_url_shows_the_sandboxed_fallback(browser, site, screenshot_dir):
    site.tool("deactivate")
    site.tool("forget-embeds")
    try:
        page = open_post(browser, site.posts["url-inactive"])
        iframe = page.locator("iframe.wp-embedded-content")
        expect(iframe).to_have_attribute("sandbox", "allow-scripts")
        handle = iframe.element_handle(timeout=30_000)
        frame = handle.content_frame()
        assert frame is not None
        expect(frame.locator("h1")).to_have_text("The check cannot work inside this page")
        expect(frame.locator("#emergency-line")).to_contain_text("In an emergency, call 000")
        expect(frame.locator("[data-framed-address]")).to_have_text(site.widget_url())
        assert frame.locator("form, button, input, select, a[href]").count() == 0
        # WordPress's own wp-embed.js showed the frame and sized it to the fallback.
        page.wait_for_function(
            "document.querySelector('iframe.wp-embedded-content').getAttribute('style') === null"
        )
        expect(page.locator("blockquote.wp-embedded-content")).to_be_hidden()
        expect(iframe).to_be_visible()
        box = iframe.bounding_box()
        assert box and box["height"] >= 200 and box["width"] > 200
        assert frame.evaluate(
            "document.documentElement.scrollHeight <= document.documentElement.clientHeight"
        )
        page.screenshot(path=str(screenshot_dir / "wordpress-no-plugin-390.png"), full_page=True)

        # JavaScript off: WordPress keeps the frame hidden; its blockquote shows our line.
        quiet = open_post(browser, site.posts["url-inactive"], javascript=False)
        quote = quiet.locator("blockquote.wp-embedded-content")
        expect(quote).to_be_visible()
        expect(quote).to_contain_text("In an emergency, call 000")
        expect(quote.get_by_role("link", name=TITLE)).to_have_attribute(
            "href", re.compile(re.escape(site.widget.base) + r"/\?partner=")
        )
    finally:
        site.tool("activate")
        site.tool("forget-embeds")


def test_uninstalling_removes_the_plugins_options(site):
    assert site.tool("options-left").split() == [
        "bleeding_check_host",
        "bleeding_check_partner",
        "bleeding_check_lang",
    ]
    site.tool("uninstall")
    try:
        assert site.tool("options-left") == ""
    finally:
        site.tool("activate")
        site.tool("options", site.widget.base, PARTNER, "en")

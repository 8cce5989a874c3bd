"""The plugin in a real WordPress (Debian's packages), driven in Chromium.

tests/wordpress/site.py builds the site; without the packages these tests fail
with the command that installs them (never a silent skip).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Frame, Page, Response, expect

from tests.browser.a11y import assert_frame_fits
from tests.wordpress.site import ADMIN, PARTNER, PASSWORD, ROOT, Site, embed_block, start_site
from widget.clinical.scenarios import load_file
from widget.web.snippets import Embed, script_tag

pytestmark = [pytest.mark.browser, pytest.mark.wordpress]

FRAME = ".bleeding-check iframe"  # our plugin's iframe in a post

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
    handle = page.locator(FRAME).element_handle(timeout=30_000)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector("#widget", timeout=30_000)
    return frame


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
        assert_frame_fits(page, frame, FRAME)
    expect(frame.locator("[data-outcome]")).to_have_attribute("data-outcome", CASE.expect)


@pytest.mark.parametrize("post", ["shortcode", "url"])
def test_the_check_works_in_a_post(browser, site, post, screenshot_dir: Path):
    responses: list[Response] = []
    page = open_post(browser, site.posts[post], responses=responses)
    iframe = page.locator(FRAME)
    expect(iframe).to_have_attribute("title", TITLE)
    frame = check_frame(page)
    # The fallback line stays until the widget says it loaded, then goes.
    expect(page.locator("[data-bleeding-check-fallback]")).to_be_hidden()
    assert_frame_fits(page, frame, FRAME)
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
        assert policy.endswith(f"frame-ancestors 'self' {site.base}"), policy
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
    assert_frame_fits(page, frame, FRAME)
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
    handle = page.locator(FRAME).element_handle(timeout=30_000)
    frame = handle.content_frame()
    assert frame is not None
    page.wait_for_timeout(1500)
    assert frame.locator("#widget").count() == 0  # frame-ancestors refused it
    # The reader still has the fallback line, with the emergency advice.
    expect(page.locator("[data-bleeding-check-fallback]")).to_be_visible()
    expect(page.locator("[data-bleeding-check-fallback]")).to_contain_text("emergency number")


def test_the_block_renders_the_check_with_its_options(browser, site):
    page = open_post(browser, site.posts["block"])
    iframe = page.locator(FRAME)
    expect(iframe).to_have_attribute("title", "Cuestionario sobre sangrado en el embarazo")
    frame = check_frame(page)
    expect(frame.locator("html")).to_have_attribute("lang", "es")
    assert_frame_fits(page, frame, FRAME)


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


# --- two checks in one post (issue 24, R4) ----------------------------------------------------


def assert_each_check_in_its_own_container(page: Page, count: int) -> list[str]:
    """``count`` containers with their own ids, one loaded check in each, every
    fallback line gone. Returns the ids."""
    containers = page.locator("div.bleeding-check")
    expect(containers).to_have_count(count)
    ids = [containers.nth(index).get_attribute("id") or "" for index in range(count)]
    assert len(set(ids)) == count and all(ids), ids
    for index in range(count):
        container = containers.nth(index)
        expect(container.locator("iframe"), ids[index]).to_have_count(1)
        frame = container.locator("iframe").element_handle(timeout=30_000).content_frame()
        assert frame is not None
        frame.wait_for_selector("#widget", timeout=30_000)
        expect(container.locator("[data-bleeding-check-fallback]")).to_be_hidden()
    return ids


@pytest.mark.parametrize("second", ["the same URL", "the shortcode"])
def test_two_checks_in_one_post_each_load_in_their_own_place(browser, site, second):
    """The same widget URL on two lines, or a URL and [bleeding_check]: each frame in
    its own container, on the first view and on a view from the warm oEmbed cache
    (which kept the first view's embed)."""
    other = embed_block(site) if second == "the same URL" else "[bleeding_check]"
    post = site.tool("post", f"Two checks: a URL and {second}", embed_block(site) + "\n" + other)
    site.tool("forget-embeds")
    views = []
    for view in ("cold cache", "warm cache"):
        page = open_post(browser, post, width=1024)
        views.append(assert_each_check_in_its_own_container(page, 2))
        page.context.close()
        assert int(site.tool("cached-embeds")) >= 1, view
    # Each view its own ids: nothing of one page view is kept for the next.
    assert not set(views[0]) & set(views[1]), views


# --- parameters that are not plain strings (issue 24, R5) -------------------------------------

ARRAY_PARAMETERS = {
    "partner[]": "&partner[]=x",
    "lang[]": "&lang[]=es",
    "another parameter": "&region[au]=1",
}


@pytest.mark.parametrize("suffix", ARRAY_PARAMETERS.values(), ids=ARRAY_PARAMETERS)
def test_a_url_with_an_array_parameter_is_not_embedded_and_warns_nothing(browser, site, suffix):
    url = site.widget_url() + suffix
    block = embed_block(site).replace(site.widget_url(), url)
    post = site.tool("post", "A widget URL with an array parameter", block)
    before = site.debug_log()
    for _ in ("cold cache", "warm cache"):
        page = open_post(browser, post)
        # As WordPress shows any address it cannot embed: the bare address.
        expect(page.locator(".wp-block-embed__wrapper")).to_have_text(url)
        assert page.locator("div.bleeding-check, iframe").count() == 0
        page.context.close()
    # WordPress itself logs deprecations under this PHP; the plugin logs nothing.
    logged = site.debug_log()[len(before) :]
    assert "bleeding-check" not in logged and "Array to string" not in logged, logged


def call(site: Site, function: str, *args: object) -> object:
    """A plugin function run inside WordPress; the tool fails on any notice or
    warning raised in the plugin's files."""
    return json.loads(site.tool("call", function, json.dumps(list(args))))


@pytest.mark.parametrize(
    "value", [["x"], {"partner": "x"}, 7, None], ids=["list", "map", "number", "null"]
)
def test_the_plugin_functions_refuse_anything_but_a_string(site, value):
    """PHP level: never a cast (no "Array" as a partner id) and never a warning."""
    for function in ("clean_partner", "clean_lang", "clean_host"):
        assert call(site, "bleeding_check_" + function, value) == "", function
    assert call(site, "bleeding_check_markup", value, "") == ""  # no partner: nothing for readers
    markup = call(site, "bleeding_check_markup", PARTNER, value)
    assert isinstance(markup, str) and f'data-partner="{PARTNER}"' in markup
    assert "data-lang" not in markup  # the partner's default language


@pytest.mark.parametrize("suffix", ARRAY_PARAMETERS.values(), ids=ARRAY_PARAMETERS)
def test_the_oembed_filters_refuse_a_url_with_an_array_parameter(site, suffix):
    """PHP level: the fetched answer becomes no embed, and a cached one (an older
    version's) is shown as WordPress shows an address it cannot embed, without a warning."""
    url = site.widget_url() + suffix
    assert call(site, "bleeding_check_oembed_result", "<p>answer</p>", url) is False
    link = call(site, "bleeding_check_embed_html", "<p>cached embed</p>", url)
    assert isinstance(link, str) and link.startswith("<a href=") and "cached" not in link
    # The same URL without the array parameter is embedded.
    fine = call(site, "bleeding_check_embed_html", "<p>cached embed</p>", site.widget_url())
    assert isinstance(fine, str) and f'data-partner="{PARTNER}"' in fine


# --- the code of GET /embed-code (issue 25) ---------------------------------------------------


def embed_code(browser: Browser, site: Site, placement: str) -> str:
    """The code as a partner's editor gets it: options chosen on the page, read from its box."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{site.widget.base}/embed-code?partner={PARTNER}", timeout=60_000)
    page.get_by_role("radio", name=placement).check()
    page.get_by_label("Country for the phone numbers").select_option("GB")
    page.get_by_label("Turn on the Exit shortcut on your page").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show the code").click()
    code = page.locator("#code-text").input_value()
    page.context.close()
    return code


def assert_the_chosen_options_reached_the_check(page: Page) -> Frame:
    iframe = page.locator(FRAME)
    assert "region=GB" in (iframe.get_attribute("src") or "")
    assert iframe.get_attribute("loading") == "eager"  # data-exit-shortcut: loaded at once
    frame = check_frame(page)
    expect(frame.locator("#emergency-line")).to_contain_text("999")  # GB, not the partner's AU
    return frame


def test_the_shortcode_taken_from_the_embed_code_page_works_in_a_post(browser, site):
    code = embed_code(browser, site, "WordPress shortcode")
    assert code == f'[bleeding_check partner="{PARTNER}" region="GB" exit_shortcut="on"]'
    post = site.tool("post", "A post with the shortcode from /embed-code", code)
    page = open_post(browser, post)
    frame = assert_the_chosen_options_reached_the_check(page)
    expect(page.locator("[data-bleeding-check-fallback]")).to_be_hidden()
    complete_the_case(page, frame)
    expect(frame.locator("#emergency-line")).to_contain_text("999")


def test_the_block_taken_from_the_embed_code_page_renders_with_its_options(browser, site):
    code = embed_code(browser, site, "WordPress block")
    assert code.startswith("<!-- wp:bleeding-check/check {") and '"exitShortcut":true' in code
    post = site.tool("post", "A post with the block from /embed-code", code)
    assert_the_chosen_options_reached_the_check(open_post(browser, post))


def normalised(html: str) -> list[tuple[str, list[tuple[str, str | None]]] | str]:
    """Elements, attributes and text of the embed, its container's id made one,
    whitespace between words made one space (the plugin writes one line)."""
    found: list[tuple[str, list[tuple[str, str | None]]] | str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            same = [
                (k, "ID" if k == "id" else "#ID" if k == "data-target" else v) for k, v in attrs
            ]
            found.append((tag, same))

        def handle_data(self, data: str) -> None:
            if data.strip():
                found.append(" ".join(data.split()))

    Parser(convert_charrefs=True).feed(html)
    return found


@pytest.mark.parametrize(
    ("lang", "region", "exit_shortcut"), [("es", "GB", True), ("", "", False), ("pt-BR", "", True)]
)
def test_the_plugin_writes_the_script_embed_the_embed_code_page_writes(
    site, lang, region, exit_shortcut
):
    """One markup: the plugin's (shortcode, block, pasted address) is
    widget/web/snippets.py's script_tag, up to the container's id."""
    written = call(site, "bleeding_check_markup", PARTNER, lang, region, exit_shortcut)
    assert isinstance(written, str)
    # Empty language: the plugin's setting ("en" on this site).
    embed = Embed(site.widget.base, PARTNER, lang or "en", region or None, exit_shortcut)
    assert normalised(written) == normalised(script_tag(embed, lambda text: text))
    # The shortcode's own attributes, as /embed-code writes them.
    atts = {"partner": PARTNER, "lang": lang, "region": region}
    atts |= {"exit_shortcut": "on"} if exit_shortcut else {}
    shortcode = call(site, "bleeding_check_shortcode", atts)
    assert isinstance(shortcode, str) and normalised(shortcode) == normalised(written)

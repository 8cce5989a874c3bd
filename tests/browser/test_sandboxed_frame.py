"""The widget in a sandbox without forms (WordPress's frame for providers it does
not trust): the fallback of static/js/framed.js, sized by WordPress's protocol."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.browser.conftest import Server, free_port, serve_pages, start_server

pytestmark = pytest.mark.browser

SECRET = "Ab3dE6gH9k"

# What wp-includes/js/wp-embed.js does with a message (WordPress 6.1), kept
# to the part we must satisfy: hide the blockquote, unhide and size the frame.
PARENT = """
<script>
window.messages = [];
window.addEventListener("message", (e) => {
  const data = e.data;
  window.messages.push(data);
  if (!data || data.secret !== "%(secret)s") return;
  document.querySelectorAll('blockquote[data-secret="%(secret)s"]')
    .forEach(b => b.style.display = "none");
  const frame = document.querySelector('iframe[data-secret="%(secret)s"]');
  if (e.source !== frame.contentWindow) return;
  frame.removeAttribute("style");
  if (data.message === "height")
    frame.height = Math.min(1000, Math.max(200, parseInt(data.value, 10)));
});
</script>
"""


def as_wordpress_shows_it(html: str) -> str:
    """The oEmbed html as wp_filter_oembed_result() rewrites it for an untrusted provider."""
    kept = re.search(r"(<blockquote>.*?</blockquote>)?.*?(<iframe.*?></iframe>)", html, re.S)
    assert kept and kept.group(1) and kept.group(2)
    iframe = kept.group(2)
    src = re.search(r' src="([^"]*)"', iframe)
    title = re.search(r' title="([^"]*)"', iframe)
    width = re.search(r' width="(\d+)"', iframe)
    height = re.search(r' height="(\d+)"', iframe)
    assert src and title and width and height
    blockquote = kept.group(1).replace("<p>", "").replace("</p>", " ")
    return (
        blockquote.replace(
            "<blockquote>", f'<blockquote class="wp-embedded-content" data-secret="{SECRET}">'
        )
        + '<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"'
        ' style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"'
        f' src="{src.group(1)}#?secret={SECRET}" data-secret="{SECRET}"'
        f' title="{title.group(1)}" frameborder="0"'
        f' width="{width.group(1)}" height="{height.group(1)}"></iframe>'
    )


@dataclass
class Sites:
    widget: str
    host: str


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    pages: dict[str, str] = {}

    host_server = serve_pages(pages)
    host = f"http://127.0.0.1:{host_server.server_address[1]}"
    config = tmp_path_factory.mktemp("partners") / "partners.toml"
    config.write_text(
        f"""[partners.test]
name = "Test partner"
allowed_origins = ["{host}"]
demo = true
oembed = true
region = "AU"
"""
    )
    port = free_port()
    widget: Server = start_server(
        {
            "WIDGET_PARTNERS": str(config),
            "WIDGET_PUBLIC_URL": f"http://127.0.0.1:{port}",
        },
        port=port,
    )
    for lang in ("en", "ar"):
        url = f"{widget.base}/?partner=test&lang={lang}"
        query = urlencode({"url": url, "format": "json", "maxwidth": "600"})
        with urlopen(f"{widget.base}/oembed?{query}") as response:
            html = json.load(response)["html"]
        pages[f"/{lang}.html"] = (
            f'<!doctype html><html lang="{lang}"><head><title>Post</title>'
            f"{PARENT % {'secret': SECRET}}</head><body><h1>A post</h1>"
            f"{as_wordpress_shows_it(html)}<p>After the embed.</p></body></html>"
        )
    yield Sites(widget.base, host)
    widget.stop()
    host_server.shutdown()
    host_server.server_close()


def open_post(browser: Browser, url: str, width: int = 390) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(url)
    return page


def frame_of(page: Page) -> Frame:
    frame = page.locator("iframe").element_handle().content_frame()
    assert frame is not None
    return frame


@pytest.mark.parametrize(
    ("lang", "sentence", "emergency"),
    [
        ("en", "The check cannot work inside this page", "In an emergency, call 000"),
        ("ar", None, "000"),
    ],
)
def test_a_sandbox_without_forms_shows_the_emergency_line_and_the_address(
    browser, sites, lang, sentence, emergency
):
    page = open_post(browser, f"{sites.host}/{lang}.html")
    frame = frame_of(page)
    heading = frame.locator("h1")
    expect(heading).to_be_visible()
    if sentence:
        expect(heading).to_have_text(sentence)
    else:
        assert "cannot work" not in heading.inner_text()  # translated
        assert frame.evaluate("document.documentElement.dir") == "rtl"
    expect(frame.locator("#emergency-line")).to_contain_text(emergency)
    address = f"{sites.widget}/?partner=test&lang={lang}"
    expect(frame.locator("[data-framed-address]")).to_have_text(address)
    # No form that would silently do nothing, and no link that could not open.
    assert frame.locator("form, button, input, select, a[href]").count() == 0
    expect(frame.locator("#emergency-line strong.tel")).to_have_text("000")
    # WordPress's protocol: the frame is shown and sized to the fallback.
    page.wait_for_function("document.querySelector('iframe').getAttribute('style') === null")
    expect(page.locator("blockquote")).to_be_hidden()
    inner = frame.evaluate(
        "Math.ceil(document.getElementById('widget').getBoundingClientRect().height)"
    )
    page.wait_for_function(
        "h => Number(document.querySelector('iframe').height) === h", arg=max(200, min(1000, inner))
    )
    box = page.locator("iframe").bounding_box()
    assert box and box["height"] >= 200
    assert frame.evaluate(
        "document.documentElement.scrollHeight <= document.documentElement.clientHeight"
    )
    sent = [m for m in page.evaluate("window.messages") if m.get("message") == "height"]
    assert sent and all(set(m) == {"message", "value", "secret"} for m in sent)
    assert all(m["secret"] == SECRET for m in sent)


def test_the_same_widget_with_its_own_origin_still_asks_the_questions(browser, sites):
    """A frame that keeps its origin (the documented sandbox) is not the fallback."""
    page = browser.new_context().new_page()
    page.goto(f"{sites.widget}/?partner=test&lang=en")
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    assert page.locator("[data-framed-address]").count() == 0

"""Embedding across origins: a partner page on one origin, the widget on another."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.browser.conftest import Server, start_server
from tests.stories import CALM

pytestmark = pytest.mark.browser

ANSWER_VALUES = {value for values in CALM.values() for value in values if value != "none"}

RECORD_EVENTS = """
<script>
window.events = [];
for (const name of ["ready", "step", "outcome"]) {
  document.addEventListener("bleeding-check:" + name, (event) => window.events.push(
    {type: event.type, target: event.target.id || event.target.className, detail: event.detail}));
}
</script>
"""


def article(widget: str) -> str:
    return f"""<!doctype html><html lang="en"><head><title>Partner article</title>{RECORD_EVENTS}
</head><body style="margin:0"><h1>Partner article</h1><p>Some text before the widget.</p>
<div id="slot"><p data-bleeding-check-fallback id="fallback">If the check does not appear,
<a href="{widget}/?partner=test" target="_blank">open it in a new tab</a>.</p></div>
<script src="{widget}/embed.js" data-partner="test" data-target="#slot" data-loading="eager"
  async></script>
<div style="height:2000px">Text after the widget.</div></body></html>"""


def two_embeds(widget: str) -> str:
    tag = (
        f'<script src="{widget}/embed.js" data-partner="test" data-loading="eager" async></script>'
    )
    return f"""<!doctype html><html lang="en"><head><title>Two embeds</title>{RECORD_EVENTS}
<script>window.baseline = Object.getOwnPropertyNames(window);</script></head>
<body><p>First</p>{tag}<p>Second</p>{tag}</body></html>"""


@dataclass
class Sites:
    widget: str
    host: str  # allowed origin
    stranger: str  # same pages, on an origin not in allowed_origins


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0], "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    host_server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host_port = host_server.server_address[1]
    threading.Thread(target=host_server.serve_forever, daemon=True).start()
    config = tmp_path_factory.mktemp("partners") / "partners.toml"
    config.write_text(
        f"""[partners.test]
name = "Test partner"
allowed_origins = ["http://127.0.0.1:{host_port}"]
demo = true
region = "AU"
"""
    )
    widget: Server = start_server({"WIDGET_REGION": "AU", "WIDGET_PARTNERS": str(config)})
    pages["/article.html"] = article(widget.base)
    pages["/two.html"] = two_embeds(widget.base)
    yield Sites(widget.base, f"http://127.0.0.1:{host_port}", f"http://localhost:{host_port}")
    widget.stop()
    host_server.shutdown()
    host_server.server_close()


def open_page(browser: Browser, url: str, width: int = 390) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 700}).new_page()
    page.goto(url)
    return page


def events(page: Page) -> list[dict[str, object]]:
    result: list[dict[str, object]] = page.evaluate("window.events")
    return result


def wait_for_events(page: Page, count: int) -> None:
    page.wait_for_function("n => window.events.length >= n", arg=count)


def widget_frame(page: Page, selector: str = "#slot iframe") -> Frame:
    frame = page.locator(selector).element_handle().content_frame()
    assert frame is not None
    return frame


def assert_fits(page: Page, frame: Frame, selector: str = "#slot iframe") -> None:
    """The iframe is as tall as the widget inside it: no inner scrollbar."""
    page.wait_for_function(
        """([selector, expected]) => {
             const box = document.querySelector(selector).getBoundingClientRect();
             return Math.abs(box.height - expected) <= 1;
           }""",
        arg=[selector, frame.evaluate("document.getElementById('widget').offsetHeight")],
    )
    assert frame.evaluate(
        "document.documentElement.scrollHeight <= document.documentElement.clientHeight"
    )


@pytest.mark.parametrize("width", [360, 1024])
def test_the_script_embed_resizes_reports_steps_and_completes_a_path(browser, sites, width):
    page = open_page(browser, sites.host + "/article.html", width)
    wait_for_events(page, 1)
    assert events(page)[0]["type"] == "bleeding-check:ready"
    expect(page.locator("#fallback")).to_be_hidden()  # the widget loaded: fallback gone
    iframe = page.locator("#slot iframe")
    expect(iframe).to_have_attribute("title", "Bleeding in pregnancy check")
    assert iframe.get_attribute("loading") == "eager"
    assert set(iframe.get_attribute("sandbox").split()) == {
        "allow-downloads",
        "allow-forms",
        "allow-scripts",
        "allow-same-origin",
        "allow-top-navigation-by-user-activation",
    }
    frame = widget_frame(page)
    assert_fits(page, frame)
    heights = {iframe.bounding_box()["height"]}

    frame.get_by_role("button", name="Start now").click()
    seen: list[str] = []
    while True:
        wait_for_events(page, len(seen) + 2)
        last = events(page)[-1]
        if last["type"] == "bleeding-check:outcome":
            break
        step = frame.locator('#question-form input[name="step"]').get_attribute("value")
        assert last["detail"] == {"step": len(seen) + 1, "questionId": step}
        assert_fits(page, frame)
        heights.add(iframe.bounding_box()["height"])
        # The widget's top is never left above the viewport after a step change.
        assert (
            page.evaluate("document.querySelector('#slot iframe').getBoundingClientRect().top") > -2
        )
        seen.append(step)
        for value in CALM[step]:
            frame.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
        frame.get_by_role("button", name="Continue").click()

    assert seen == list(CALM)
    assert last["detail"] == {"level": "soon"}
    assert_fits(page, frame)
    heights.add(iframe.bounding_box()["height"])
    assert len(heights) >= 3, heights  # it followed the content, up and down
    recorded = events(page)
    assert {event["target"] for event in recorded} == {"slot"}
    assert [event["type"] for event in recorded].count("bleeding-check:ready") == 1
    assert not ANSWER_VALUES & set(json.dumps(recorded).replace('"', " ").split())
    # Nothing stored on either origin.
    assert page.context.cookies() == []
    for where in (page, frame):
        assert where.evaluate("localStorage.length + sessionStorage.length") == 0
    # The answers can be downloaded for the maternity record from inside the
    # sandboxed frame (allow-downloads): a plain form post answered with a file.
    frame.locator("details.clinician > summary").click()
    with page.expect_download(timeout=10_000) as download:
        frame.locator(".record-form button[type=submit]").click()
    resource = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    level = next(item for item in resource["item"] if item["linkId"] == "level")
    assert level["answer"][0]["valueCoding"]["code"] == "soon"


def test_a_page_on_an_origin_not_allowed_cannot_frame_the_widget(browser, sites):
    page = open_page(browser, sites.stranger + "/article.html")
    page.wait_for_selector("#slot iframe", state="attached")
    frame = widget_frame(page)
    frame.wait_for_load_state()
    page.wait_for_timeout(300)
    assert frame.locator("#widget").count() == 0
    assert events(page) == []
    # The partner's fallback link stays visible: the reader still has a way in.
    expect(page.locator("#fallback")).to_be_visible()


def test_several_embeds_work_and_forged_messages_resize_nothing(browser, sites):
    page = open_page(browser, sites.host + "/two.html")
    wait_for_events(page, 2)
    frames = page.locator("iframe")
    expect(frames).to_have_count(2)
    ids = [
        frames.nth(index).get_attribute("src").split("embed=")[1].split("&")[0] for index in (0, 1)
    ]
    assert ids[0] != ids[1]
    added = page.evaluate(
        "Object.getOwnPropertyNames(window).filter(k => !baseline.includes(k) && isNaN(k))"
    )
    assert added == ["baseline"]  # embed.js adds no globals
    for index in (0, 1):
        selector = f".bleeding-check-embed:nth-of-type({index + 1}) iframe"
        assert_fits(page, widget_frame(page, selector), selector)
    before = [frames.nth(index).bounding_box()["height"] for index in (0, 1)]
    page.evaluate(
        """ids => {
             for (const id of ids) {
               const forged = {embedId: id, height: 3000, level: "routine"};
               window.postMessage({...forged, type: "bleeding-check:height"}, "*");
               window.postMessage({...forged, type: "bleeding-check:outcome"}, "*");
             }
           }""",
        ids,
    )
    page.wait_for_timeout(300)
    assert [frames.nth(index).bounding_box()["height"] for index in (0, 1)] == before
    assert [event["type"] for event in events(page)] == ["bleeding-check:ready"] * 2


def test_a_new_step_brings_the_widget_top_back_into_view(browser, sites):
    page = open_page(browser, sites.host + "/article.html", 360)
    wait_for_events(page, 1)
    frame = widget_frame(page)
    top = "document.querySelector('#slot iframe').getBoundingClientRect().top"
    assert page.evaluate(top) > 0  # first load: nothing scrolled
    page.evaluate(f"window.scrollTo(0, {top} + window.scrollY + 400)")
    assert page.evaluate(top) < -300
    # A step loaded as a whole page (as without htmx): focus cannot scroll us there.
    frame.evaluate("document.querySelector('.start-form').submit()")
    wait_for_events(page, 2)
    assert events(page)[-1]["detail"] == {"step": 1, "questionId": "danger"}
    assert abs(page.evaluate(top)) < 2

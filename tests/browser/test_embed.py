"""Embedding across origins: a partner page on one origin, the widget on another."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.browser.a11y import POST_FORM_JS, assert_frame_fits
from tests.browser.conftest import Server, serve_pages, start_server
from tests.stories import CALM
from widget.clinical.content import QUESTIONS
from widget.clinical.triage import assess
from widget.web.partners import DEFAULT_EXIT_URL

pytestmark = pytest.mark.browser

ANSWER_VALUES = {value for values in CALM.values() for value in values if value != "none"}

# The loader's events, and every raw message any frame posts to the partner page
# (what a partner's own script could read without the loader).
RECORD_EVENTS = """
<script>
window.events = [];
window.messages = [];
for (const name of ["ready", "step", "outcome"]) {
  document.addEventListener("bleeding-check:" + name, (event) => window.events.push(
    {type: event.type, target: event.target.id || event.target.className, detail: event.detail}));
}
window.addEventListener("message", (event) => window.messages.push(event.data));
</script>
"""
FAR_ACCENT = "#7a1f5c"  # the cross-site partner's theme, checked inside its frame


def article(widget: str, partner: str = "test") -> str:
    return f"""<!doctype html><html lang="en"><head><title>Partner article</title>{RECORD_EVENTS}
</head><body style="margin:0"><h1>Partner article</h1><p>Some text before the widget.</p>
<div id="slot"><p data-bleeding-check-fallback id="fallback">If the check does not appear,
<a href="{widget}/?partner={partner}" target="_blank">open it in a new tab</a>.</p></div>
<script src="{widget}/embed.js" data-partner="{partner}" data-target="#slot" data-loading="eager"
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
    far: str  # another site (localhost, not 127.0.0.1): partner "far" only


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    pages: dict[str, str] = {}

    host_server = serve_pages(pages)
    host_port = host_server.server_address[1]
    config = tmp_path_factory.mktemp("partners") / "partners.toml"
    config.write_text(
        f"""[partners.test]
name = "Test partner"
allowed_origins = ["http://127.0.0.1:{host_port}"]
demo = true
region = "AU"

[partners.optin]
name = "Partner that asked for step numbers, question ids and levels"
allowed_origins = ["http://127.0.0.1:{host_port}"]
demo = true
region = "AU"
event_step_numbers = true
event_question_ids = true
event_levels = true

[partners.far]
name = "Cross-site partner"
allowed_origins = ["http://localhost:{host_port}"]
demo = true
region = "AU"

[partners.far.theme]
accent = "{FAR_ACCENT}"
"""
    )
    widget: Server = start_server({"WIDGET_REGION": "AU", "WIDGET_PARTNERS": str(config)})
    pages["/article.html"] = article(widget.base)
    pages["/optin.html"] = article(widget.base, "optin")
    pages["/far.html"] = article(widget.base, "far")
    pages["/two.html"] = two_embeds(widget.base)
    yield Sites(
        widget.base,
        f"http://127.0.0.1:{host_port}",
        f"http://localhost:{host_port}",
        f"http://localhost:{host_port}",
    )
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
    assert_frame_fits(page, frame, "#slot iframe")
    heights = {iframe.bounding_box()["height"]}

    frame.get_by_role("button", name="Start now").click()
    seen: list[str] = []
    question_heights: list[float] = []
    while True:
        wait_for_events(page, len(seen) + 2)
        last = events(page)[-1]
        if last["type"] == "bleeding-check:outcome":
            break
        step = frame.locator('#question-form input[name="step"]').get_attribute("value")
        assert last["detail"] == {}  # nothing derived from the answers by default
        assert_frame_fits(page, frame, "#slot iframe")
        heights.add(iframe.bounding_box()["height"])
        question_heights.append(iframe.bounding_box()["height"])
        # The widget's top is never left above the viewport after a step change.
        assert (
            page.evaluate("document.querySelector('#slot iframe').getBoundingClientRect().top") > -2
        )
        seen.append(step)
        for value in CALM[step]:
            frame.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
        frame.get_by_role("button", name="Continue").click()

    assert seen == list(CALM)
    assert last["detail"] == {}
    assert_frame_fits(page, frame, "#slot iframe")
    heights.add(iframe.bounding_box()["height"])
    assert len(heights) >= 3, heights  # it followed the content, up and down
    # Nearly every question has a height of its own, so the heights alone could tell
    # a page which question is showing (docs/embedding.md, section 4, says so).
    assert len(set(question_heights)) >= len(CALM) - 2, question_heights
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
        assert_frame_fits(page, widget_frame(page, selector), selector)
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
    assert events(page)[-1] == {"type": "bleeding-check:step", "target": "slot", "detail": {}}
    assert abs(page.evaluate(top)) < 2


def messages(page: Page) -> list[object]:
    result: list[object] = page.evaluate("window.messages")
    return result


def run_calm_path(page: Page, frame: Frame) -> None:
    """Answers CALM from the start page to the advice, waiting for each event."""
    frame.get_by_role("button", name="Start now").click()
    for index, (step, values) in enumerate(CALM.items()):
        wait_for_events(page, index + 2)
        for value in values:
            frame.locator(f'#question-form input[name="{step}"][value="{value}"]').check()
        frame.get_by_role("button", name="Continue").click()
    wait_for_events(page, len(CALM) + 2)


# Every message the partner page may receive by default, by type: its keys.
DEFAULT_KEYS = {
    "bleeding-check:ready": {"type", "embedId"},
    "bleeding-check:height": {"type", "embedId", "height"},
    "bleeding-check:step": {"type", "embedId", "initial"},  # a question is shown
    "bleeding-check:outcome": {"type", "embedId", "initial"},  # the advice is shown
    # Where "Exit this page" goes and its texts, for the partner page's own
    # shortcut: the same on every page, whatever the answers.
    "bleeding-check:exit": {"type", "embedId", "url", "text", "now"},
}
# What each opt-in adds (event_step_numbers, event_question_ids, event_levels).
OPTED_IN_KEYS = {
    "bleeding-check:step": {"step", "questionId"},
    "bleeding-check:outcome": {"level"},
}
LEVELS = {"emergency", "urgent", "soon", "routine"}


def assert_message_keys(raw: list[object], opted_in: bool) -> None:
    """Every message the partner page received has exactly the keys allowed for it."""
    assert raw, "the iframe posted nothing"
    exit_texts = set()
    for message in raw:
        assert isinstance(message, dict), message
        kind = message.get("type")
        assert kind in DEFAULT_KEYS, message
        keys = DEFAULT_KEYS[kind] | (OPTED_IN_KEYS.get(kind, set()) if opted_in else set())
        assert set(message) == keys, message
        if kind == "bleeding-check:exit":
            assert message["url"] == DEFAULT_EXIT_URL and message["now"] is False
            exit_texts.add(json.dumps(message["text"], sort_keys=True))
    assert len(exit_texts) <= 1, exit_texts


def test_the_default_messages_of_a_whole_run_say_nothing_derived_from_the_answers(browser, sites):
    """ready, then "a question is shown" per question, then "the advice is shown",
    and heights: no step number, no question id, no level, no answer (issue 24, R3),
    in the loader's events and in every raw message a partner's own script could read.
    The partner page is on another origin than the widget."""
    page = open_page(browser, sites.host + "/article.html")
    wait_for_events(page, 1)
    run_calm_path(page, widget_frame(page))
    assert [(event["type"], event["detail"]) for event in events(page)] == [
        ("bleeding-check:ready", {}),
        *[("bleeding-check:step", {})] * len(CALM),
        ("bleeding-check:outcome", {}),
    ]
    raw = messages(page)
    assert_message_keys(raw, opted_in=False)
    kinds = {message["type"] for message in raw if isinstance(message, dict)}
    assert kinds >= {"bleeding-check:ready", "bleeding-check:height", "bleeding-check:step"}
    words = set(json.dumps([raw, events(page)]).replace('"', " ").replace(":", " ").split())
    question_ids = {question.id for question in QUESTIONS}
    assert not (question_ids | ANSWER_VALUES | LEVELS) & words


def test_a_partner_that_opted_in_gets_step_numbers_question_ids_and_the_level(browser, sites):
    page = open_page(browser, sites.host + "/optin.html")
    wait_for_events(page, 1)
    run_calm_path(page, widget_frame(page))
    expected_level = assess({k: frozenset(v) for k, v in CALM.items()}).level.id
    assert [(event["type"], event["detail"]) for event in events(page)] == [
        ("bleeding-check:ready", {}),
        *[
            ("bleeding-check:step", {"step": number, "questionId": question_id})
            for number, question_id in enumerate(CALM, start=1)
        ],
        ("bleeding-check:outcome", {"level": expected_level}),
    ]
    assert_message_keys(messages(page), opted_in=True)


# --- every link and button inside a cross-site partner frame ---------------------------------

EMERGENCY_OUTCOME = [("danger", "severe_pain"), ("step", "danger"), ("nav", "continue")]
# Each page type, reached inside the frame by a GET path or a POSTed form
# (plus the carried context the loader gave the frame).
PAGE_TYPES: dict[str, str | list[tuple[str, str]]] = {
    "start": "/",
    "question": [("nav", "start")],
    "outcome": EMERGENCY_OUTCOME,
    "clinician summary": [*EMERGENCY_OUTCOME[:2], ("nav", "stay"), ("summary_lang", "fr")],
    "error without answers": "/step",  # GET: 405
    "not found": "/nope",
    "error with answers": [("danger", "none"), ("bogus", "1"), ("step", "weeks"), ("nav", "stay")],
    "rules": "/rules",
}
CONTROLS = "#widget a[href], #widget button, #widget input[type=submit], #widget summary"


def open_page_type(frame: Frame, base: str, carried: list[tuple[str, str]], how: object) -> None:
    if isinstance(how, str):
        frame.goto(f"{base}{how}?{urlencode(carried)}")
    else:
        assert isinstance(how, list)
        with frame.expect_navigation():
            frame.evaluate(POST_FORM_JS, [*carried, *how])
    frame.wait_for_load_state("load")


def assert_still_the_widget(frame: Frame, sites: Sites, embed_id: str, what: str) -> None:
    """The frame shows our page, with the emergency line, the partner's theme
    and the embed context (so auto-height and events keep working)."""
    expect(frame.locator("#emergency-line"), what).to_contain_text("000")
    assert frame.url.startswith(sites.widget), (what, frame.url)
    assert frame.locator("#widget").get_attribute("data-embed-id") == embed_id, what
    accent = frame.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
    )
    assert accent == FAR_ACCENT, (what, accent)


def test_every_link_and_button_keeps_the_widget_in_a_cross_site_frame(browser, sites):
    """The partner page is on localhost, the widget on 127.0.0.1: a page
    without the partner context is refused by frame-ancestors and the reader
    would lose the widget and the emergency number."""
    page = open_page(browser, sites.far + "/far.html", 1024)
    wait_for_events(page, 1)
    frame = widget_frame(page)
    src = page.locator("#slot iframe").get_attribute("src")
    carried = [(k, v) for k, v in parse_qsl(urlsplit(src).query) if k != "lang"]
    carried += [("lang", "en"), ("region", "AU")]
    embed_id = dict(carried)["embed"]
    followed: dict[str, int] = {}
    for kind, how in PAGE_TYPES.items():
        open_page_type(frame, sites.widget, carried, how)
        assert_still_the_widget(frame, sites, embed_id, kind)
        count = frame.locator(CONTROLS).count()
        for index in range(count):
            open_page_type(frame, sites.widget, carried, how)
            control = frame.locator(CONTROLS).nth(index)
            href = control.get_attribute("href") or ""
            what = f"{kind}: {control.evaluate('e => e.outerHTML')[:160]}"
            if href.startswith("tel:"):
                continue  # hands the number to the phone's dialler
            if control.get_attribute("data-quick-exit") is not None:
                # Leaves on purpose, replacing the whole partner page (test_quick_exit.py).
                assert control.get_attribute("target") == "_top", what
                continue
            # Inside a closed <details> (the clinician summary): open it, as a reader would.
            control.evaluate("e => { const d = e.closest('details'); if (d) d.open = true; }")
            stays = href.startswith("#") or control.evaluate("e => e.tagName") == "SUMMARY"
            frame.locator("#main").evaluate("e => e.setAttribute('data-stale', '')")
            if control.evaluate("e => !!e.closest('.record-form')"):
                with page.expect_download():  # the answers as a file: the frame stays
                    control.click()
                stays = True
            elif href.startswith("#"):
                # In-page links (the skip link) are shown only when focused.
                control.focus()
                control.press("Enter")
            else:
                control.click()
            if not stays:  # a new page, or htmx swapped a new screen in
                expect(frame.locator("#main[data-stale]"), what).to_have_count(0)
                frame.wait_for_load_state("load")
            assert_still_the_widget(frame, sites, embed_id, what)
            followed[kind] = followed.get(kind, 0) + 1
    # Every page type had something to follow, including its language links or buttons.
    assert set(followed) == set(PAGE_TYPES), followed

"""Languages in Chromium: the pseudo-locale at 320 px (nothing clipped or
overflowing), the switcher with htmx, and right-to-left mirroring."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server, free_port

pytestmark = pytest.mark.browser

# The app with a chosen table of shipped locales, in debug (so en_XA is served).
# Arabic without its catalog renders English text right to left: enough to
# check the mirroring machinery whatever has been translated.
SERVER_SCRIPT = """
import sys, uvicorn
from widget.i18n import locales as i18n
i18n.SHIPPED = ("en", "ar")
from widget.web.app import Settings, create_app
app = create_app(Settings(default_region="AU", debug=True))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False, log_level="warning")
"""

OVERFLOW_SCRIPT = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const text = (el) => (el.textContent || "").trim().slice(0, 40);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className ? "." + el.className : "");
  if (document.documentElement.scrollWidth > width) {
    problems.push("the page scrolls sideways: " + document.documentElement.scrollWidth + "px");
  }
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, details:not([open]) > :not(summary)")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      problems.push(name(el) + " sticks out of the page: " + text(el));
    }
    const clips = ["hidden", "clip", "scroll", "auto"];
    const clipping = clips.includes(style.overflowX) || clips.includes(style.overflowY);
    const overflowing = el.scrollWidth > el.clientWidth + 1
      || el.scrollHeight > el.clientHeight + 1;
    if (el.tagName !== "SELECT" && clipping && overflowing) {
      problems.push(name(el) + " clips its text: " + text(el));
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Server.stop
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER_SCRIPT, str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    running = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 20
    while True:
        try:
            with urlopen(running.base + "/healthz", timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                output = running.output()
                running.stop()
                raise RuntimeError(f"the server did not start:\n{output}") from None
            time.sleep(0.1)
    yield running.base
    running.stop()


def new_page(browser: Browser, width: int, javascript: bool = True) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    return context.new_page()


def assert_fits(page: Page, where: str) -> None:
    problems = page.evaluate(OVERFLOW_SCRIPT)
    assert problems == [], f"{where}: {problems}"


def wait_for_step(page: Page, step: str) -> None:
    expect(page.locator(f'#question-form input[name="step"][value="{step}"]')).to_have_count(1)


def test_the_pseudo_locale_fits_at_320px(browser, server, screenshot_dir):
    page = new_page(browser, 320)
    page.goto(server + "/?lang=en-XA&region=AU")
    expect(page.locator("html")).to_have_attribute("lang", "en-XA")
    assert_fits(page, "start page")
    page.locator(".start-form button").click()
    wait_for_step(page, "danger")
    page.locator("#question-form button[value=continue]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_fits(page, "first question with an error")
    page.screenshot(path=str(screenshot_dir / "en_XA-320-error.png"), full_page=True)
    page.locator("#question-form input[value=none]").check()
    page.locator("#question-form button[value=continue]").click()
    wait_for_step(page, "weeks")
    page.locator("#question-form input[value='12_to_23']").check()
    page.locator("#question-form button[value=continue]").click()
    expect(page.locator(".urgent-banner")).to_be_visible()
    assert_fits(page, "question with the urgent banner")
    page.locator(".advice-form button").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    page.locator(".clinician > summary").click()
    expect(page.locator(".clinician-summary").last).to_be_visible()
    assert_fits(page, "urgent outcome with the clinician summary open")
    page.screenshot(path=str(screenshot_dir / "en_XA-320-outcome.png"), full_page=True)
    page.goto(server + "/step?lang=en-XA")
    assert_fits(page, "405 error page")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_mid_questionnaire_keeps_the_answers(browser, server, javascript):
    page = new_page(browser, 390, javascript)
    page.goto(server + "/?lang=en&region=AU")
    page.get_by_role("button", name="Start now").click()
    wait_for_step(page, "danger")
    page.locator("#question-form input[value=none]").check()
    page.get_by_role("button", name="Continue").click()
    wait_for_step(page, "weeks")
    page.locator(".language-form button[lang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    wait_for_step(page, "weeks")
    assert page.url.endswith("/step")  # nothing about the answers in the address
    page.locator(".back-form .back-link").click()
    wait_for_step(page, "danger")
    expect(page.locator("#question-form input[value=none]")).to_be_checked()
    assert page.context.cookies() == []


@pytest.mark.parametrize("width", [360, 1024])
def test_right_to_left_pages_mirror(browser, server, screenshot_dir, width):
    page = new_page(browser, width)
    page.goto(server + "/?lang=ar&region=AU")
    line = page.locator("#emergency-line")
    assert line.evaluate("el => getComputedStyle(el).borderRightWidth") == "6px"
    assert line.evaluate("el => getComputedStyle(el).borderLeftWidth") == "0px"
    page.locator(".start-form button").click()
    wait_for_step(page, "danger")
    label = page.locator("#question-form .option-label").first.bounding_box()
    box = page.locator("#question-form .option-input").first.bounding_box()
    assert label is not None and box is not None
    assert box["x"] > label["x"]  # the tick box is on the right, before the words
    tel = page.locator(".banner .tel")
    assert tel.get_attribute("dir") == "ltr"
    page.screenshot(path=str(screenshot_dir / f"ar-{width}-question.png"), full_page=True)
    assert_fits(page, f"Arabic question at {width}px")

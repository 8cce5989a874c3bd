"""Reflow, zoom, text spacing, forced colours, reduced motion and dark mode,
measured in Chromium with emulation (never by reading the CSS)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import (
    EMERGENCY,
    ROUTINE,
    URGENT,
    contrast,
    horizontal_overflow,
    new_context,
    open_screen,
    pixel_contrast,
)

pytestmark = pytest.mark.browser

# The densest screens: a checkbox question with hints, a radio question in its
# error state under the urgent banner, the two richest outcomes.
SCREENS: dict[str, Mapping[str, Any]] = {
    "question-danger": {"nav": "start"},
    "error-scan": {**{k: v for k, v in URGENT.items() if k != "scan"}, "step": "scan"},
    "outcome-urgent": {**URGENT, "nav": "stay"},
    "outcome-emergency": {**EMERGENCY, "nav": "stay"},
    "outcome-routine": {**ROUTINE, "nav": "stay"},
}

# WCAG 1.4.12's four overrides (the W3C text-spacing bookmarklet).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }
"""

CLIPPED_OR_OVERLAPPING_JS = """
() => {
  const blocks = [...document.querySelectorAll(
    'h1, h2, p, li, label, legend .caption, dt, dd, button, a.button, a.quick-exit-link, select,'
    + ' .option-input, .level-badge')]
    .filter(element => !element.closest('.visually-hidden'))
    // Not rendered (e.g. inside a closed <details>): nothing to overlap.
    .filter(element => element.checkVisibility())
    .filter(element => element.getBoundingClientRect().height > 0);
  const problems = [];
  for (const element of document.querySelectorAll('body *')) {
    if (element.closest('.visually-hidden')) continue;
    const style = getComputedStyle(element);
    const clips = /hidden|clip|scroll|auto/.test(style.overflowX + style.overflowY);
    if (clips && (element.scrollWidth > element.clientWidth + 1
        || element.scrollHeight > element.clientHeight + 1)) {
      problems.push('clipped: ' + element.outerHTML.slice(0, 80));
    }
  }
  const boxes = blocks.map(element => element.getBoundingClientRect());
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (blocks[i].contains(blocks[j]) || blocks[j].contains(blocks[i])) continue;
      const a = boxes[i], b = boxes[j];
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1 && height > 1) {
        problems.push('overlap: ' + blocks[i].outerHTML.slice(0, 60)
          + ' / ' + blocks[j].outerHTML.slice(0, 60));
      }
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def screens(browser: Browser, live_server: str) -> Iterator[Page]:
    # bypass_csp: the text-spacing overrides come as a user style sheet would
    # (extensions and user styles are not bound by the page's CSP).
    context = new_context(browser, True, width=320, height=640, bypass_csp=True)
    yield context.new_page()
    context.close()


def show(page: Page, base: str, screen: str, rtl: bool = False) -> None:
    open_screen(page, base, SCREENS[screen])
    if rtl:
        # Until Arabic ships, mirror the English page: logical properties must follow.
        page.evaluate("() => { document.documentElement.dir = 'rtl'; }")


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("screen", SCREENS)
def test_reflows_at_320_css_px_and_survives_text_spacing(screens, live_server, screen, rtl):
    show(screens, live_server, screen, rtl)
    assert horizontal_overflow(screens) == 0
    assert screens.evaluate(CLIPPED_OR_OVERLAPPING_JS) == []
    screens.add_style_tag(content=TEXT_SPACING)
    assert horizontal_overflow(screens) == 0
    assert screens.evaluate(CLIPPED_OR_OVERLAPPING_JS) == []


def test_right_to_left_mirrors_the_options_and_the_banner(screens, live_server):
    show(screens, live_server, "question-danger", rtl=True)
    box = screens.locator(".option-input").first.bounding_box()
    label = screens.locator(".option-label").first.bounding_box()
    assert box and label and box["x"] > label["x"], "the tick box should be on the right"
    line = screens.locator(".emergency-line")
    assert line.evaluate("e => getComputedStyle(e).borderRightWidth") == "6px"


@pytest.mark.parametrize("screen", ["question-danger", "outcome-urgent"])
def test_usable_at_200_percent_zoom(browser, live_server, screen):
    """200 % zoom of a 1280×800 window is a 640×400 CSS px viewport at twice the
    pixel density: the layout Chromium gives a zoomed page."""
    context = new_context(browser, True, width=640, height=400, device_scale_factor=2)
    page = context.new_page()
    open_screen(page, live_server, SCREENS[screen])
    assert horizontal_overflow(page) == 0
    assert page.evaluate(CLIPPED_OR_OVERLAPPING_JS) == []
    for control in page.locator("button, a[href], input:not([type=hidden])").all():
        if not control.evaluate("element => element.checkVisibility()"):
            continue  # not rendered, e.g. inside a closed <details>
        control.focus()  # the skip link is on screen only while focused
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()
    context.close()


def test_forced_colours_keep_controls_focus_and_emergency_banner_visible(browser, live_server):
    context = new_context(browser, True, forced_colors="active")
    page = context.new_page()
    open_screen(page, live_server, SCREENS["question-danger"])
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    box = page.locator(".option-input").first
    assert pixel_contrast(box.screenshot()) >= 3, "the tick box disappears"
    before = box.screenshot()
    box.check()
    assert box.screenshot() != before, "ticked and unticked look the same"
    # The emergency line keeps a border in a system colour against the canvas.
    line = page.locator(".emergency-line")
    border, canvas = line.evaluate(
        "e => [getComputedStyle(e).borderInlineStartColor, getComputedStyle(document.body)"
        ".backgroundColor]"
    )
    assert contrast(border, canvas) >= 3
    assert pixel_contrast(line.screenshot()) >= 4.5
    # Focus: box-shadow is dropped in forced colours, so the outline must carry it.
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2
    assert contrast(outline[2], canvas) >= 3
    context.close()


def test_forced_colours_keep_radios_visible(browser, live_server):
    context = new_context(browser, True, forced_colors="active")
    page = context.new_page()
    open_screen(page, live_server, SCREENS["error-scan"])
    radio = page.locator(".option-input").first
    assert radio.get_attribute("type") == "radio"
    assert pixel_contrast(radio.screenshot()) >= 3
    before = radio.screenshot()
    radio.check()
    assert radio.screenshot() != before
    context.close()


MOTION_PROBE_JS = """
() => {
  const probe = document.createElement('div');
  probe.style.cssText = 'transition: opacity 2s; animation: probe 2s infinite';
  document.querySelector('main').append(probe);
  const style = getComputedStyle(probe);
  const result = [style.transitionDuration, style.animationName,
    getComputedStyle(document.documentElement).scrollBehavior];
  probe.remove();
  return result;
}
"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_removes_motion(browser, live_server, motion):
    context = new_context(browser, True, reduced_motion=motion)
    page = context.new_page()
    open_screen(page, live_server, SCREENS["question-danger"])
    duration, animation, scrolling = page.evaluate(MOTION_PROBE_JS)
    if motion == "reduce":
        assert (duration, animation, scrolling) == ("0s", "none", "auto")
    else:
        assert (duration, animation) == ("2s", "probe")  # the probe itself is honest
    # Nothing on our pages moves, with or without the preference, even during a swap.
    page.locator('input[value="none"]').check()
    page.locator('#question-form button[value="continue"]').click()
    for _ in range(5):
        assert page.evaluate("document.getAnimations().length") == 0
        page.wait_for_timeout(30)
    context.close()


def test_dark_colour_scheme_is_applied(browser, live_server):
    context = new_context(browser, True, color_scheme="dark")
    page = context.new_page()
    open_screen(page, live_server, SCREENS["outcome-urgent"])
    text, background = page.evaluate(
        "() => { const s = getComputedStyle(document.body); return [s.color, s.backgroundColor]; }"
    )
    assert contrast(text, background) >= 7
    assert sum(int(part) for part in background[4:-1].split(",")) < 3 * 64, background
    context.close()

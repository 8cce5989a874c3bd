"""Accessibility helpers for the browser tests: axe, journeys, in-page measurements.

Everything here measures the page as Chromium renders it (layout, computed
styles, focus), never the markup as text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect

from tests.stories import ROUTINE

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with its reason in docs/accessibility.md. Keep this empty if you can.
AXE_DISABLED_RULES: dict[str, str] = {}

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
    "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES},
}
AXE_CONTRAST_ONLY: dict[str, Any] = {
    "runOnly": {"type": "rule", "values": ["color-contrast"]},
    "resultTypes": ["violations"],
}
# Building CSS selectors for each node is half of axe's time: skip it on the
# first run and run again with selectors only when something was found.
AXE_FAST = {"selectors": False, "ancestry": False, "elementRef": False, "iframes": False}

PAGE_SCRIPTS = re.compile(r"/static/.*\.js(\?.*)?$")

# Answers (option ids) for the journeys that together reach every page.
# Urgent because the reader would rather not say about an injury (U9): the
# urgent banner shows from then on, the scan question is asked (6–11 weeks)
# and the outcome carries the family-violence note with the quick exit.
URGENT = {
    "danger": ["none"],
    "weeks": ["6_to_11"],
    "amount": ["spotting"],
    "clots": ["no"],
    "symptoms": ["none"],
    "injury": ["prefer_not_to_say"],
    "history": ["none"],
    "scan": ["not_sure"],
    "after_sex": ["yes"],
    "pattern": ["once_stopped"],
}
EMERGENCY = {"danger": ["heavy_bleeding"]}


def new_context(
    browser: Browser,
    javascript: bool,
    *,
    width: int = 390,
    height: int = 800,
    axe: bool = False,
    scripts_blocked: bool = False,
    **options: Any,
) -> BrowserContext:
    """A fresh context (no cookies). ``scripts_blocked`` is JavaScript "off" for
    the page while our test code can still run asynchronous code such as axe
    (Chromium's own switch stops every timer, and axe with it)."""
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}, **options
    )
    context.set_default_timeout(10_000)
    if axe:
        context.add_init_script(AXE_SCRIPT)
    if scripts_blocked:
        context.route(PAGE_SCRIPTS, lambda route: route.abort())
    return context


# --- driving the widget -------------------------------------------------------------------


def current_step(page: Page) -> str | None:
    step = page.locator('#question-form input[name="step"]')
    return step.get_attribute("value") if step.count() else None


def current_outcome(page: Page) -> str | None:
    outcome = page.locator("[data-outcome]")
    return outcome.get_attribute("data-outcome") if outcome.count() else None


def settle(page: Page, previous_title: str, javascript: bool) -> None:
    """Wait until the next screen is in place: a new title, then (with htmx) the
    live region announcing it, or (without) the page loaded."""
    expect(page).not_to_have_title(previous_title)
    if javascript:
        expect(page.locator("#announcer")).to_have_text(page.title())
    else:
        page.wait_for_load_state("load")
        settle_autofocus(page)


def press_button(page: Page, selector: str, javascript: bool) -> None:
    """Press a submit button and wait for the next screen: a new page load
    without JavaScript; with htmx, a new title that the live region announces."""
    button = page.locator(selector).first
    if not javascript:
        with page.expect_navigation(wait_until="load"):
            button.click()
        settle_autofocus(page)
        return
    previous = page.title()
    button.click()
    page.wait_for_function(
        """previous => document.title !== previous
          && document.getElementById('announcer').textContent === document.title""",
        arg=previous,
        polling="raf",
    )


def start(page: Page, base: str, lang: str, javascript: bool) -> None:
    page.goto(f"{base}/?lang={lang}")
    press_button(page, ".start-form button[type=submit]", javascript)


def answer(page: Page, step: str, values: Iterable[str], javascript: bool) -> None:
    """Tick the answers (one round trip to the page), then press Continue."""
    ticked = page.evaluate(
        """([step, values]) => values.map(value => {
          const input = document.querySelector(
            `#question-form input[name="${step}"][value="${value}"]`);
          if (input && !input.checked) input.click();
          return !!input && input.checked;
        })""",
        [step, list(values)],
    )
    assert all(ticked), f"could not answer {step} with {values}"
    press_button(page, '#question-form button[name="nav"][value="continue"]', javascript)


# Builds a form in the page and submits it: a real POST from the page itself.
POST_FORM_JS = """pairs => {
  const form = document.createElement('form');
  form.method = 'post'; form.action = '/step';
  for (const [name, value] of pairs) {
    const input = document.createElement('input');
    input.type = 'hidden'; input.name = name; input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


def form_pairs(fields: Mapping[str, Iterable[str] | str]) -> list[list[str]]:
    return [
        [name, value]
        for name, values in fields.items()
        for value in ([values] if isinstance(values, str) else values)
    ]


def settle_autofocus(page: Page) -> None:
    """Wait until the element a freshly loaded page marks ``autofocus`` has focus.
    Chromium focuses it at a rendering update after "load", which on a busy
    machine comes after the test's next key press. A page that never focuses
    it fails here (after 5 s)."""
    page.wait_for_function(
        """() => { const wanted = document.querySelector('[autofocus]');
                   return !wanted || document.activeElement === wanted; }""",
        timeout=5000,
    )


def post_fields(page: Page, fields: Mapping[str, Iterable[str] | str]) -> None:
    """Submit a real form to the real server (a full page load), built in the page."""
    with page.expect_navigation():
        page.evaluate(POST_FORM_JS, form_pairs(fields))
    page.wait_for_load_state("load")
    settle_autofocus(page)


def open_screen(page: Page, base: str, fields: Mapping[str, Iterable[str] | str]) -> None:
    """A screen reached by posting the given answers and navigation fields."""
    if not page.url.startswith(base):
        page.goto(f"{base}/?lang=en")
    post_fields(page, {"lang": "en", "region": "AU", **fields})


# --- measurements in the page -------------------------------------------------------------


def assert_frame_fits(page: Page, frame: Frame, selector: str) -> None:
    """The iframe at ``selector`` becomes as tall as the widget inside it, with
    no inner scrollbar, within 10 s (the widget may still grow a moment after
    a swap, and the iframe follows its next height message): measured on both
    sides until they agree, then a failure says what each side measured."""
    deadline = time.monotonic() + 10
    while True:
        widget = frame.evaluate("document.getElementById('widget').offsetHeight")
        iframe = page.evaluate(
            "selector => document.querySelector(selector).getBoundingClientRect().height",
            selector,
        )
        scrolls = frame.evaluate(
            "document.documentElement.scrollHeight > document.documentElement.clientHeight"
        )
        if abs(iframe - widget) <= 1 and not scrolls:
            return
        assert time.monotonic() < deadline, f"widget {widget}px, iframe {iframe}px, {scrolls=}"
        page.wait_for_timeout(100)


def axe_violations(page: Page, options: Mapping[str, Any] = AXE_OPTIONS) -> list[dict[str, Any]]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    run = "options => axe.run(document, options)"
    result = page.evaluate(run, {**options, **AXE_FAST})
    if result["violations"]:
        result = page.evaluate(run, dict(options))
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [
                {"target": node["target"], "summary": node.get("failureSummary", "")}
                for node in violation["nodes"]
            ],
        }
        for violation in result["violations"]
    ]


def horizontal_overflow(page: Page) -> int:
    """How many CSS px the page scrolls sideways (0 when it reflows)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


SMALL_TARGETS_JS = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(selector)].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  });
  const boxes = targets.map(element => element.getBoundingClientRect());
  const centre = box => [box.left + box.width / 2, box.top + box.height / 2];
  const small = [];
  targets.forEach((element, index) => {
    const box = boxes[index];
    if (box.width >= 24 - 0.01 && box.height >= 24 - 0.01) return;
    // WCAG 2.5.8 inline exception: a link inside a sentence.
    const parent = element.parentElement;
    if (element.tagName === 'A' && getComputedStyle(element).display === 'inline'
        && parent && parent.textContent.trim() !== element.textContent.trim()) return;
    // Spacing exception: a 24 px circle on this target's centre meets no other
    // target, nor the 24 px circle of another undersized target.
    const [x, y] = centre(box);
    const clash = boxes.some((other, j) => {
      if (j === index) return false;
      const dx = Math.max(other.left - x, 0, x - other.right);
      const dy = Math.max(other.top - y, 0, y - other.bottom);
      if (Math.hypot(dx, dy) < 12) return true;
      const [ox, oy] = centre(other);
      return (other.width < 24 || other.height < 24) && Math.hypot(ox - x, oy - y) < 24;
    });
    if (clash) {
      const size = `${box.width.toFixed(1)}x${box.height.toFixed(1)}`;
      small.push(`${element.outerHTML.slice(0, 80)} is ${size}`);
    }
  });
  return small;
}
"""


def small_targets(page: Page) -> list[str]:
    return list(page.evaluate(SMALL_TARGETS_JS))


FOCUS_JS = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const rings = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    rings.push(style.outlineColor);
  }
  if (style.boxShadow !== 'none') {
    for (const match of style.boxShadow.matchAll(/rgba?\\([^)]*\\)/g)) rings.push(match[0]);
  }
  // The ring is drawn outside the element: compare it with what is behind it.
  let background = 'rgb(255, 255, 255)';
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(colour)) {
      background = colour; break;
    }
  }
  const box = element.getBoundingClientRect();
  const inside = box.top >= 0 && box.left >= 0
    && box.bottom <= innerHeight + 0.5 && box.right <= innerWidth + 0.5;
  const x = Math.min(Math.max(box.left + Math.min(box.width, 40) / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height, 40) / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const onTop = !!hit && (hit === element || element.contains(hit)
    || (hit.tagName === 'LABEL' && hit.control === element));
  return {
    tag: element.tagName, name: element.getAttribute('name'), value: element.getAttribute('value'),
    text: (element.textContent || '').trim().slice(0, 60), rings, background,
    visible: inside && onTop,
  };
}
"""


def parse_colour(text: str) -> tuple[float, float, float]:
    numbers = [float(part) for part in re.findall(r"[\d.]+", text)[:3]]
    return numbers[0], numbers[1], numbers[2]


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(parse_colour(first)), luminance(parse_colour(second))))
    return (dark + 0.05) / (light + 0.05)


@dataclass
class Focus:
    tag: str
    name: str | None
    value: str | None
    text: str
    rings: list[str]
    background: str
    visible: bool

    @property
    def ring_contrast(self) -> float:
        return max((contrast(ring, self.background) for ring in self.rings), default=1.0)


def focus(page: Page) -> Focus | None:
    found = page.evaluate(FOCUS_JS)
    return Focus(**found) if found else None


def assert_focus_shown(page: Page) -> Focus:
    """Something has focus, its ring has 3:1 contrast with what is behind it, and
    it is in the viewport and not covered by anything."""
    found = focus(page)
    assert found is not None, "nothing has focus"
    assert found.ring_contrast >= 3, f"focus ring contrast {found.ring_contrast:.2f}: {found}"
    assert found.visible, f"focused element is hidden or covered: {found}"
    return found


# --- the audit walk -----------------------------------------------------------------------


@dataclass
class Visit:
    """One page of the audit walk and what was measured on it."""

    name: str
    title: str
    lang: str
    direction: str
    axe: list[dict[str, Any]]
    axe_dark: list[dict[str, Any]]
    dark_measured: bool
    overflow: int
    small_targets: list[str]
    h1_count: int
    h1_in_legend: bool


PAGE_FACTS_JS = (
    """() => ({
  title: document.title,
  lang: document.documentElement.lang,
  direction: document.documentElement.dir,
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  h1_count: document.querySelectorAll('h1').length,
  h1_in_legend: document.querySelectorAll('fieldset > legend h1').length === 1,
  small_targets: ("""
    + SMALL_TARGETS_JS
    + """)(),
})"""
)


def measure(page: Page, name: str, dark: bool) -> Visit:
    """Measure a page. ``dark`` also runs axe's colour contrast in dark mode."""
    facts = page.evaluate(PAGE_FACTS_JS)
    axe = axe_violations(page)
    axe_dark: list[dict[str, Any]] = []
    if dark:
        page.emulate_media(color_scheme="dark")
        axe_dark = axe_violations(page, AXE_CONTRAST_ONLY)
        page.emulate_media(color_scheme="light")
    return Visit(name=name, axe=axe, axe_dark=axe_dark, dark_measured=dark, **facts)


def audit_walk(page: Page, base: str, lang: str, javascript: bool) -> dict[str, Visit]:
    """Measure every page (see ``walk``). Dark-mode contrast is measured in the
    JavaScript walk only: the same pages and the same CSS, and every page
    load of the other walk makes axe start cold, which is what costs time."""
    visits: dict[str, Visit] = {}

    def visit(name: str) -> None:
        visits[name] = measure(page, name, dark=javascript)

    walk(page, base, lang, javascript, visit)
    return visits


def walk(
    page: Page, base: str, lang: str, javascript: bool, on_page: Callable[[str], object]
) -> None:
    """Visit every page: start, all 12 questions, a validation error, every
    outcome level, and the 400/404/405 pages; call ``on_page`` once for each."""
    seen: set[str] = set()

    def record(name: str) -> None:
        if name not in seen:
            seen.add(name)
            on_page(name)

    def through(journey: Mapping[str, list[str]], *, error_first: bool = False) -> None:
        record("start")
        start(page, base, lang, javascript)
        while (step := current_step(page)) is not None:
            record(f"question:{step}")
            if error_first and "error:422" not in seen:
                press_button(page, '#question-form button[value="continue"]', javascript)
                record("error:422")
            answer(page, step, journey[step], javascript)
        outcome = current_outcome(page)
        assert outcome is not None, f"neither a question nor an outcome: {page.title()}"
        record(f"outcome:{outcome}")

    page.goto(f"{base}/?lang={lang}")
    through(ROUTINE, error_first=True)
    page.goto(f"{base}/?lang={lang}")
    through(URGENT)
    # Change an answer from the summary: "no injury" lowers the advice to "soon".
    press_button(page, 'button[value="change:injury"]', javascript)
    answer(page, "injury", ["no"], javascript)
    record(f"outcome:{current_outcome(page)}")
    # A form that was tampered with: the 400 page keeps the answers it could read.
    page.locator('.summary-form input[name="weeks"]').evaluate("input => input.value = 'bogus'")
    press_button(page, 'button[value="change:injury"]', javascript)
    record("error:400")
    page.goto(f"{base}/?lang={lang}")
    through(EMERGENCY)
    page.goto(f"{base}/no-such-page?lang={lang}")
    record("error:404")
    page.goto(f"{base}/step?lang={lang}")
    record("error:405")


ALL_PAGES = {
    "start",
    "error:422",
    "error:400",
    "error:404",
    "error:405",
    *(
        f"question:{step}"
        for step in (
            "danger",
            "weeks",
            "amount",
            "clots",
            "symptoms",
            "movements",
            "injury",
            "history",
            "scan",
            "after_sex",
            "pattern",
            "show",
        )
    ),
    *(f"outcome:{level}" for level in ("emergency", "urgent", "soon", "routine")),
}


# --- pixels -------------------------------------------------------------------------------


def png_pixels(data: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of an 8-bit, non-interlaced PNG (what Chromium's screenshots are)."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            corner = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 255
            elif kind == 2:
                line[index] = (line[index] + up) & 255
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 255
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[index] = (line[index] + predictor) & 255
        rows.append(line)
        previous = line
    return [
        (line[index], line[index + 1], line[index + 2])
        for line in rows
        for index in range(0, stride, channels)
    ]


def pixel_contrast(data: bytes) -> float:
    """The contrast between the darkest and the lightest pixel of a screenshot."""
    levels = [luminance((float(r), float(g), float(b))) for r, g, b in set(png_pixels(data))]
    return (max(levels) + 0.05) / (min(levels) + 0.05)

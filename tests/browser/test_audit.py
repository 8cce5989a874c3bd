"""The automated audit: every page, every shipped locale, JavaScript on and off.

One walk per locale and mode visits each page once (start, the 12 questions, a
validation error, the four outcome levels, the 400/404/405 pages) at 320 CSS px
and measures it: axe-core with the WCAG 2.2 AA and best-practice tags, axe's
colour contrast again in dark mode (JavaScript walk), sideways scrolling, target sizes, headings.
The tests below each assert one of those measurements for every page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.browser.a11y import ALL_PAGES, Visit, audit_walk, new_context
from widget.i18n.locales import LOCALES

pytestmark = pytest.mark.browser

MODES = {"js": True, "no-js": False}


@pytest.fixture(
    scope="module",
    params=[(locale.code, mode) for locale in LOCALES for mode in MODES],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def audit(request, browser, live_server) -> Iterator[dict[str, Visit]]:
    lang, mode = request.param
    javascript = MODES[mode]
    # JavaScript "off" blocks the page's own scripts: the reader's experience
    # exactly, while axe (test code) can still run. Journeys with Chromium's
    # own switch off are in test_keyboard.py.
    context = new_context(
        browser, True, width=320, height=640, axe=True, scripts_blocked=not javascript
    )
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.evaluate("typeof htmx") == ("object" if javascript else "undefined")
    yield audit_walk(page, live_server, lang, javascript)
    context.close()


def report(found: dict[str, object]) -> str:
    return json.dumps(found, indent=1, ensure_ascii=False)[:6000]


def test_the_walk_reaches_every_page(audit):
    assert set(audit) == ALL_PAGES


def test_no_axe_violations(audit, request):
    found = {name: visit.axe for name, visit in audit.items() if visit.axe}
    assert not found, report(found)
    if request.node.callspec.params["audit"][1] == "js":
        # Dark mode: axe's colour contrast on every page again (same pages, same CSS
        # with JavaScript off, so it runs in this walk only).
        assert all(visit.dark_measured for visit in audit.values())
        dark = {name: visit.axe_dark for name, visit in audit.items() if visit.axe_dark}
        assert not dark, report(dark)


def test_no_horizontal_scrolling_at_320_css_px(audit):
    found = {name: visit.overflow for name, visit in audit.items() if visit.overflow > 0}
    assert not found, report(found)


def test_targets_are_at_least_24_css_px(audit):
    found = {name: visit.small_targets for name, visit in audit.items() if visit.small_targets}
    assert not found, report(found)


def test_one_h1_per_page_and_questions_are_the_legend(audit):
    assert {name: visit.h1_count for name, visit in audit.items()} == dict.fromkeys(audit, 1)
    questions = [name for name in audit if name.startswith("question:")]
    assert [name for name in questions if not audit[name].h1_in_legend] == []


def test_every_step_has_its_own_title(audit):
    titles = [visit.title for visit in audit.values()]
    assert all(titles)
    assert len(set(titles)) == len(titles), report({n: v.title for n, v in audit.items()})
    # The error state keeps the question's title and adds a prefix.
    assert audit["question:danger"].title in audit["error:422"].title


def test_pages_declare_the_locale_language_and_direction(audit, request):
    lang = request.node.callspec.params["audit"][0]
    locale = next(locale for locale in LOCALES if locale.code == lang)
    assert {(visit.lang, visit.direction) for visit in audit.values()} == {
        (locale.tag, locale.direction)
    }

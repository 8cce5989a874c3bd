"""Keyboard only: Tab, Shift+Tab, Space, Enter and the arrow keys, with
JavaScript on (htmx swaps) and off (Chromium's own switch: plain posts).

At every stop the focused element must be visible: its ring has at least 3:1
contrast with what is behind it, and it is inside the viewport, not covered.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import (
    URGENT,
    Focus,
    assert_focus_shown,
    current_outcome,
    focus,
    new_context,
    open_screen,
    settle_autofocus,
)

pytestmark = pytest.mark.browser

MODES = {"js": True, "no-js": False}


def tab_to(page: Page, wanted: Callable[[Focus], bool], what: str, limit: int = 40) -> Focus:
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = assert_focus_shown(page)
        if wanted(found):
            return found
    raise AssertionError(f"Tab never reached {what}")


def press_enter(page: Page, javascript: bool) -> None:
    """Enter on a submit button, then wait for the next screen."""
    if not javascript:
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("Enter")
        settle_autofocus(page)
        return
    previous = page.title()
    page.keyboard.press("Enter")
    page.wait_for_function(
        """previous => document.title !== previous
          && document.getElementById('announcer').textContent === document.title""",
        arg=previous,
    )


def step_on_screen(page: Page) -> str | None:
    return page.evaluate(
        "() => document.querySelector('#question-form input[name=step]')?.value ?? null"
    )


def assert_heading_focused(page: Page) -> None:
    found = assert_focus_shown(page)
    assert found.tag == "H1", f"focus is on {found}, not the new heading"


def choose(page: Page, step: str, values: list[str]) -> None:
    """Select answers: Tab into the options; arrows move through radios, Space ticks."""
    first = tab_to(page, lambda found: found.name == step, f"the {step} options")
    kind = page.evaluate(
        "name => document.querySelector(`#question-form .option-input[name='${name}']`).type", step
    )
    if kind == "radio":
        (target,) = values
        found = first
        for _ in range(10):
            if found.value == target:
                break
            page.keyboard.press("ArrowDown")
            found = assert_focus_shown(page)
        assert found.value == target
        page.keyboard.press("Space")  # selects the first radio when arrows were not needed
    else:
        found = first
        for target in values:
            if found.value != target:
                found = tab_to(page, lambda item, t=target: item.value == t, f"{step}={target}")
            page.keyboard.press("Space")
    checked = page.evaluate(
        "name => [...document.querySelectorAll(`input[name='${name}']:checked`)]"
        ".map(input => input.value)",
        step,
    )
    assert sorted(checked) == sorted(values)


def continue_(page: Page, javascript: bool) -> None:
    tab_to(page, lambda found: found.value == "continue", "Continue")
    press_enter(page, javascript)


@pytest.mark.parametrize("mode", MODES)
def test_a_keyboard_reader_finishes_and_changes_an_answer(browser, live_server, mode):
    javascript = MODES[mode]
    context = new_context(browser, javascript, width=390, height=700)
    page = context.new_page()
    page.goto(live_server + "/?lang=en")
    tab_to(page, lambda found: found.tag == "BUTTON", "Start now")
    press_enter(page, javascript)

    errored = False
    while (step := step_on_screen(page)) is not None:
        assert_heading_focused(page)
        if step == "weeks" and not errored:
            # Continue without an answer: focus goes to the error summary.
            errored = True
            continue_(page, javascript)
            found = assert_focus_shown(page)
            assert page.evaluate("() => document.activeElement.id") == "error-summary", found
        choose(page, step, URGENT[step])
        continue_(page, javascript)
    assert errored
    assert current_outcome(page) == "urgent"
    assert_heading_focused(page)

    # The Change round trip: from the summary back to one question and on to new advice.
    tab_to(page, lambda found: found.value == "change:injury", "Change injury")
    press_enter(page, javascript)
    assert step_on_screen(page) == "injury"
    assert_heading_focused(page)
    choose(page, "injury", ["no"])
    continue_(page, javascript)
    assert current_outcome(page) == "soon"
    assert_heading_focused(page)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focus_stop_is_visible_in_both_colour_schemes(browser, live_server, scheme):
    """Tab through the whole outcome page (the one with the most controls)."""
    context = new_context(browser, True, color_scheme=scheme)
    page = context.new_page()
    open_screen(page, live_server, {**URGENT, "nav": "stay"})
    assert current_outcome(page) == "urgent"
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if focus(page) is None:
            break
        stops.append(assert_focus_shown(page))
    assert {stop.tag for stop in stops} >= {"A", "BUTTON"}
    assert len(stops) > 12
    context.close()

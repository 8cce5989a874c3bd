"""What a screen reader gets: landmarks, headings, groups, descriptions,
titles and the live region, read from Chromium's accessibility tree."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import EMERGENCY, ROUTINE, URGENT, new_context, open_screen, press_button

pytestmark = pytest.mark.browser

# Each outcome: its name (the action) and its level word, unless the action
# says the timing already ("Get seen today", not "Get seen today – Today").
OUTCOMES = {
    "emergency": ("Call 000 now", "Emergency", EMERGENCY),
    "urgent": ("Call your maternity unit now", "Urgent", URGENT),
    "soon": ("Get seen today", None, {**URGENT, "injury": ["no"]}),
    "routine": ("Tell your midwife at your next appointment", None, ROUTINE),
}
QUESTION_1 = "Do you have any of these now, or have you had them since the bleeding started?"


@pytest.fixture(scope="module")
def page(browser):
    context = new_context(browser, False)
    yield context.new_page()
    context.close()


def test_the_question_is_a_group_named_by_its_legend_and_described_by_hint_and_error(
    page, live_server
):
    answers = {key: value for key, value in URGENT.items() if key in ("danger", "weeks", "amount")}
    open_screen(
        page,
        live_server,
        {**answers, "clots": ["no"], "symptoms": ["none"], "step": "injury", "nav": "stay"},
    )
    group = page.get_by_role("group")
    expect(group).to_have_accessible_name(
        "Question 6 Has anything hit or hurt your tummy recently?"
    )
    expect(group).to_have_accessible_description(
        "For example a fall, a knock or blow, a car accident, or someone hurting you. "
        "Your answer is not stored."
    )
    page.locator('#question-form button[value="continue"]').click()
    page.wait_for_load_state("load")
    expect(page).to_have_title("Error: Has anything hit or hurt your tummy recently?")
    described = page.get_by_role("group").get_attribute("aria-describedby") or ""
    assert described.split() == ["injury-hint", "injury-error"]
    expect(page.get_by_role("group")).to_have_accessible_description(
        "For example a fall, a knock or blow, a car accident, or someone hurting you. "
        "Your answer is not stored. Error: Select one answer"
    )
    # The error summary links to the first option, whose id is the question id.
    expect(page.locator(".error-summary a")).to_have_attribute("href", "#injury")
    expect(page.locator("#injury")).to_have_attribute("type", "radio")


def test_every_page_has_banner_main_and_footer_landmarks(page, live_server):
    page.goto(live_server + "/?lang=en")
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    # The emergency number is in the banner landmark.
    expect(page.get_by_role("banner")).to_contain_text("In an emergency, call 000")


@pytest.mark.parametrize("level", OUTCOMES)
def test_outcome_headings_say_the_action_then_the_level_in_words(page, live_server, level):
    action, words, answers = OUTCOMES[level]
    open_screen(page, live_server, {**answers, "nav": "stay"})
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", level)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_count(1)
    # The action first, the level word second: "Call your maternity unit now – Urgent".
    if words:
        expect(heading).to_have_accessible_name(re.compile(rf"^{action}\s+–\s+{words}$"))
        assert page.title() == f"{action} ({words})"
    else:
        expect(heading).to_have_accessible_name(action)
        assert page.title() == action


def test_with_htmx_the_title_changes_and_the_polite_live_region_announces_it(browser, live_server):
    context = new_context(browser, True)
    page = context.new_page()
    page.goto(live_server + "/?lang=en")
    announcer = page.locator("#announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    press_button(page, ".start-form button[type=submit]", True)
    expect(page).to_have_title(QUESTION_1)
    expect(announcer).to_have_text(QUESTION_1)
    page.locator('input[value="heavy_bleeding"]').check()
    press_button(page, '#question-form button[value="continue"]', True)
    expect(page).to_have_title("Call 000 now (Emergency)")
    expect(announcer).to_have_text("Call 000 now (Emergency)")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    context.close()

"""A reader walks a clinical scenario in the real browser and downloads her
answers for the maternity record: a plain form post (with JavaScript on or
off), a QuestionnaireResponse file, nothing kept in the browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from playwright.sync_api import Browser, Page

from tests.browser.a11y import answer, current_outcome, current_step, new_context, press_button
from tests.browser.storage import assert_nothing_kept, stored_in
from widget.clinical import content, fhir
from widget.clinical.scenarios import check_answers, load_file, walk
from widget.clinical.triage import assess
from widget.i18n.locales import load_translations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {case.id: case for case in load_file(ROOT / "tests" / "clinical" / "scenarios.toml")}
BUTTON = "Download for your maternity record"


def walk_in_browser(page: Page, base: str, lang: str, given: dict[str, list[str]], js: bool) -> str:
    """Answer as a reader: each question the page asks, or "see what to do now"
    when the case gives no answer (allowed once the level is urgent)."""
    page.goto(f"{base}/?lang={lang}&region=AU")
    press_button(page, ".start-form button[type=submit]", js)
    while (step := current_step(page)) is not None:
        if step in given:
            answer(page, step, given[step], js)
        else:
            press_button(page, 'button[name="nav"][value="advice"]', js)
    outcome = current_outcome(page)
    assert outcome is not None
    return outcome


@pytest.mark.parametrize(
    ("path", "lang", "javascript"),
    [
        ("term-show", "en", True),
        ("term-show", "en", False),
        ("reader-jumps-to-advice-at-18-weeks", "ar", False),
        ("ivf-pregnancy-no-scan-yet", "fr", True),
        ("red-flag-heavy-bleeding", "zh_Hans", False),
    ],
)
def test_a_scenario_downloads_its_answers_and_advice(
    browser: Browser, live_server: str, screenshot_dir, path: str, lang: str, javascript: bool
):
    case = SCENARIOS[path]
    given = {k: [v] if isinstance(v, str) else list(v) for k, v in case.answers_raw.items()}
    walked = walk(check_answers(given))
    context = new_context(browser, javascript, width=390, accept_downloads=True)
    page = context.new_page()
    assert walk_in_browser(page, live_server, lang, given, javascript) == case.expect
    outcome_url = page.url
    page.locator("details.clinician > summary").click()
    button = page.locator(".record-form button[type=submit]")
    assert button.inner_text().strip() == load_translations(lang).gettext(BUTTON)
    page.screenshot(path=str(screenshot_dir / f"download-{path}-{lang}-{javascript}.png"))
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "bleeding-in-pregnancy-check.json"
    resource = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    QuestionnaireResponse.model_validate(resource)
    assert resource["questionnaire"] == fhir.canonical_reference()
    assert resource["language"] == lang.replace("_", "-")
    items = {item["linkId"]: item for item in resource["item"]}
    assert items["level"]["answer"][0]["valueCoding"]["code"] == case.expect
    rule_ids = [a["valueCoding"]["code"] for a in items["rules"]["answer"]]
    assert rule_ids == list(assess(walked.answers).rule_ids)
    answered = {
        link: {a["valueCoding"]["code"] for a in item["answer"]}
        for link, item in items.items()
        if link in content.QUESTIONS_BY_ID
    }
    assert answered == {k: set(v) for k, v in walked.answers.items()}
    # The page stays the outcome page; no answer in any URL; nothing kept.
    assert page.url == outcome_url and current_outcome(page) == case.expect
    for value in ("heavy_bleeding", "37_plus", "12_to_23", "ectopic_risk"):
        assert value not in page.url
    assert_nothing_kept({**stored_in(page.main_frame), "cookies": context.cookies()})
    context.close()

"""Our Questionnaire in LHC-Forms, the National Library of Medicine's FHIR form
renderer (npm package ``lforms``, unpacked by ``make lforms`` into .lforms/ for
tests only; the app never serves it).

A static test page, served by this test on its own origin, fetches
``/fhir/Questionnaire`` from the running app (a cross-origin fetch, as a
hospital's form tool would) and renders it. The checks: every question and
option renders; enableWhen shows and hides the conditional questions as our
flow asks them, answer by answer, on several paths; and the
QuestionnaireResponse LHC-Forms builds (its own FHIRPath engine computing our
level and rules) validates and matches the one our download gives for the
same answers.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widget.clinical import content, fhir
from widget.clinical.scenarios import check_answers, load_file, walk
from widget.clinical.triage import asked_questions, assess, prune
from widget.i18n.locales import LOCALES
from widget.web.views.fhir import language

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LFORMS_VERSION = "40.1.3"
LFORMS = ROOT / ".lforms" / LFORMS_VERSION / "package" / "dist" / "lforms"
SCENARIOS = {case.id: case for case in load_file(ROOT / "tests" / "clinical" / "scenarios.toml")}
PATHS = (
    "early-spotting-after-sex-first-pregnancy",  # scan asked (before 12 weeks)
    "ivf-pregnancy-no-scan-yet",  # U8: "scan is not yes" (a negated condition)
    "term-show",  # show asked (37+ weeks, spotting): routine (R1)
    "30-weeks-reduced-movements",  # movements asked (24+ weeks): urgent
    "reader-jumps-to-advice-at-18-weeks",  # urgent, later questions not answered
    "red-flag-heavy-bleeding",  # emergency at the first question
)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LHC-Forms test page</title>
<link rel="stylesheet" href="/lforms/webcomponent/styles.css"></head>
<body><div id="form"></div>
<script src="/lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="/lforms/webcomponent/runtime.js"></script>
<script src="/lforms/webcomponent/polyfills.js"></script>
<script src="/lforms/webcomponent/main.js"></script>
<script src="/lforms/fhir/R4B/lformsFHIR.min.js"></script>
</body></html>
"""

LOAD = """async url => {
  const response = await fetch(url);
  const questionnaire = await response.json();
  await LForms.Util.addFormToPage(questionnaire, 'form', {fhirVersion: 'R4B'});
  return questionnaire.version;
}"""

RESPONSE = """() => LForms.Util.getFormFHIRData(
  'QuestionnaireResponse', 'R4B', document.getElementById('form'))"""


def test_the_makefile_installs_the_version_this_test_loads():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(rf"^LFORMS_VERSION := {re.escape(LFORMS_VERSION)}$", makefile, re.M)


@pytest.fixture(scope="module")
def lforms_site() -> Iterator[str]:
    if not (LFORMS / "webcomponent" / "main.js").is_file():
        pytest.fail(f"LHC-Forms is missing at {LFORMS}: run `make lforms`")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(LFORMS.parent), **kwargs)

        def do_GET(self) -> None:
            if self.path != "/":
                super().do_GET()
                return
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def form(browser: Browser, lforms_site: str, live_server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lforms_site + "/")
    page.wait_for_function("() => !!(window.LForms && LForms.Util && LForms.Util.addFormToPage)")
    assert page.evaluate(LOAD, live_server + "/fhir/Questionnaire") == content.CONTENT_VERSION
    page.wait_for_selector('[id="item-danger/1"]')
    yield page
    assert errors == []
    context.close()


def option_id(question_id: str, option_id: str) -> str:
    system = fhir.answer_system(content.QUESTIONS_BY_ID[question_id])
    return f"{question_id}/1|{system}|{option_id}"


def shown_questions(page: Page) -> list[str]:
    ids = page.eval_on_selector_all("lhc-item[id^='item-']", "items => items.map(item => item.id)")
    linked = [re.sub(r"^item-(.*)/1$", r"\1", item_id) for item_id in ids]
    return [link for link in linked if link in content.QUESTIONS_BY_ID]


def click(page: Page, question_id: str, option: str) -> None:
    page.locator(f'[id="{option_id(question_id, option)}"]').click()


def expect_shown(page: Page, answers: dict[str, frozenset[str]]) -> None:
    wanted = [question.id for question in asked_questions(prune(answers))]
    page.wait_for_function(
        """wanted => JSON.stringify(
             [...document.querySelectorAll("lhc-item[id^='item-']")]
               .map(item => item.id.replace(/^item-/, '').replace(/\\/1$/, ''))
               .filter(id => wanted.all.includes(id))) === JSON.stringify(wanted.shown)""",
        arg={"all": [q.id for q in content.QUESTIONS], "shown": wanted},
    )
    assert shown_questions(page) == wanted


def settled_response(page: Page, level: str) -> dict[str, Any]:
    """The response once LHC-Forms has recalculated the level after the last
    click (it does so a moment later, not within the click). Waiting for the
    level we expect and then asserting keeps a wrong level a failure: the wait
    ends after 5 s and the caller's assertion shows what the form computed."""
    # On a timeout, the caller's assertion reports the level the form shows.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            """level => {
                 const r = LForms.Util.getFormFHIRData(
                   'QuestionnaireResponse', 'R4B', document.getElementById('form'));
                 const item = (r.item || []).find(i => i.linkId === 'level');
                 return !!item && (item.answer || []).some(a => a.valueCoding.code === level);
               }""",
            arg=level,
            timeout=5000,
        )
    resource: dict[str, Any] = page.evaluate(RESPONSE)
    return resource


def answer_all(page: Page, answers: dict[str, frozenset[str]]) -> None:
    """Tick the answers question by question, checking after each one that the
    questions LHC-Forms shows are the ones our flow would ask."""
    so_far: dict[str, frozenset[str]] = {}
    expect_shown(page, so_far)
    for question in content.QUESTIONS:
        if question.id not in answers:
            continue
        for option in question.options:
            if option.id in answers[question.id]:
                click(page, question.id, option.id)
        so_far[question.id] = answers[question.id]
        expect_shown(page, so_far)


def codes(resource: dict[str, Any]) -> dict[str, set[str]]:
    return {
        item["linkId"]: {answer["valueCoding"]["code"] for answer in item.get("answer", [])}
        for item in resource["item"]
    }


def test_every_question_and_option_renders(form: Page):
    seen: dict[str, set[str]] = {}

    def collect() -> None:
        for question in content.QUESTIONS:
            for option in question.options:
                if form.locator(f'[id="{option_id(question.id, option.id)}"]').count():
                    seen.setdefault(question.id, set()).add(option.id)
                    label = form.locator(f'[id="{option_id(question.id, option.id)}"]')
                    assert option.label in label.inner_text()

    collect()  # the questions always asked
    for weeks, amount in (("37_plus", "spotting"), ("6_to_11", "spotting")):
        click(form, "weeks", weeks)
        click(form, "amount", amount)
        expect_shown(form, {"weeks": frozenset({weeks}), "amount": frozenset({amount})})
        collect()  # and the ones asked only sometimes
    assert seen == {q.id: {o.id for o in q.options} for q in content.QUESTIONS}
    for question in content.QUESTIONS:
        label = form.locator(f'[id="label-{question.id}/1"]')
        if label.count():
            assert question.title in label.inner_text()


def test_changing_an_answer_hides_a_question_again_and_drops_its_answer(form: Page):
    """37+ weeks with spotting asks "show"; changing to light bleeding hides it,
    and its answer leaves the response, as prune() drops it in our flow."""
    click(form, "weeks", "37_plus")
    click(form, "amount", "spotting")
    expect_shown(form, {"weeks": frozenset({"37_plus"}), "amount": frozenset({"spotting"})})
    click(form, "show", "yes")
    assert codes(settled_response(form, "routine"))["level"] == {"routine"}
    click(form, "amount", "light")
    answers = {"weeks": frozenset({"37_plus"}), "amount": frozenset({"light"})}
    expect_shown(form, answers)
    resource = settled_response(form, "urgent")
    assert "show" not in codes(resource)
    assert codes(resource)["level"] == {assess(prune(answers)).level.id} == {"urgent"}


@pytest.mark.parametrize("path", PATHS)
def test_the_response_matches_ours_for_the_same_answers(form: Page, path: str, screenshot_dir):
    case = SCENARIOS[path]
    raw = {k: [v] if isinstance(v, str) else v for k, v in case.answers_raw.items()}
    answers = dict(walk(check_answers(raw)).answers)  # what a reader of our check answered
    answer_all(form, answers)
    theirs = settled_response(form, case.expect)
    form.screenshot(path=str(screenshot_dir / f"lforms-{path}.png"), full_page=True)
    QuestionnaireResponse.model_validate(theirs)
    english = next(locale for locale in LOCALES if locale.code == "en")
    ours = fhir.questionnaire_response(answers, language(english), datetime.now(UTC))
    assert theirs["questionnaire"] == ours["questionnaire"]
    assert codes(theirs) == codes(ours)  # every answer, the level and the rules
    assert codes(theirs)["level"] == {case.expect}
    for resource in (theirs, ours):
        by_link = {item["linkId"]: item for item in resource["item"]}
        for question_id in answers:
            systems = {a["valueCoding"]["system"] for a in by_link[question_id]["answer"]}
            assert systems == {fhir.answer_system(content.QUESTIONS_BY_ID[question_id])}

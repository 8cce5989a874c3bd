"""The FHIR R4B export: valid, complete, translated, and the same questions and
advice as the engine (widget/clinical/fhir.py, docs/interoperability.md)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings

from tests.examples import examples
from tests.fhir_forms import (
    CALCULATED_EXPRESSION,
    ENABLE_WHEN_EXPRESSION,
    answer_sets,
    calculated,
    evaluate,
    extension,
    fill,
    is_enabled,
    response_of,
)
from widget.__main__ import main
from widget.clinical import content, fhir, governance
from widget.clinical.conditions import Always, is_
from widget.clinical.conditions import Not as not_
from widget.clinical.scenarios import Case, check_answers, load_file, walk
from widget.clinical.triage import asked_questions, assess, prune
from widget.i18n.locales import LOCALES
from widget.web.views.fhir import language, shipped_languages

ROOT = Path(__file__).resolve().parents[2]
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
OTHER_TAGS = [locale.tag for locale in LOCALES if locale.code != "en"]
SCENARIOS = load_file(ROOT / "tests" / "clinical" / "scenarios.toml")


def case_answers(case: Case) -> dict[str, frozenset[str]]:
    raw = case.answers_raw
    return dict(check_answers({k: [v] if isinstance(v, str) else v for k, v in raw.items()}))


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    return fhir.questionnaire(shipped_languages())


@pytest.fixture(scope="module")
def english() -> dict[str, Any]:
    return fhir.questionnaire(())


def items_by_id(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in resource["item"]}


def contained(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {system["url"]: system for system in resource["contained"]}


def translations(element: dict[str, Any], name: str) -> dict[str, str]:
    found = {}
    for ext in element.get("_" + name, {}).get("extension", []):
        assert ext["url"] == TRANSLATION
        parts = {part["url"]: part for part in ext["extension"]}
        found[parts["lang"]["valueCode"]] = parts["content"]["valueString"]
    return found


# --- valid and complete --------------------------------------------------------------------


def test_the_export_is_a_valid_r4b_questionnaire(export):
    model = Questionnaire.model_validate(export)
    assert model.get_resource_type() == "Questionnaire"
    # Fields the models do not check against their value sets.
    assert export["status"] in ("draft", "active", "retired", "unknown")
    for item in export["item"]:
        assert item["type"] in ("choice", "display", "group")


def test_the_export_says_what_it_is_and_which_version(export):
    assert export["url"] == fhir.QUESTIONNAIRE_URL
    assert export["version"] == content.CONTENT_VERSION
    assert export["date"] == content.CONTENT_REVIEWED
    assert export["status"] == "active"
    assert export["language"] == "en"
    assert export["publisher"] and export["title"] == "Bleeding in pregnancy check"
    assert "advice" in export["description"]
    assert "not a diagnosis" in export["copyright"]


def test_every_question_is_an_item_with_its_options_as_codings(export):
    items = items_by_id(export)
    systems = contained(export)
    ids = [item["linkId"] for item in export["item"]]
    assert ids == [q.id for q in content.QUESTIONS] + [fhir.LEVEL_LINK_ID, fhir.RULES_LINK_ID]
    for question in content.QUESTIONS:
        item = items[question.id]
        assert item["type"] == "choice"
        assert item.get("repeats", False) is (question.kind == "checkbox")
        control = extension(item, fhir.EXT_ITEM_CONTROL)
        assert control is not None
        code = control["valueCodeableConcept"]["coding"][0]["code"]
        assert code == ("check-box" if question.kind == "checkbox" else "radio-button")
        codings = [option["valueCoding"] for option in item["answerOption"]]
        assert [c["code"] for c in codings] == [o.id for o in question.options]
        assert [c["display"] for c in codings] == [o.label for o in question.options]
        system = systems[fhir.answer_system(question)]
        assert {c["system"] for c in codings} == {system["url"]}
        assert [c["code"] for c in system["concept"]] == [o.id for o in question.options]
        assert system["version"] == content.CONTENT_VERSION
        exclusive = [
            option["valueCoding"]["code"]
            for option in item["answerOption"]
            if extension(option, fhir.EXT_OPTION_EXCLUSIVE)
        ]
        assert exclusive == (["none"] if question.kind == "checkbox" else [])


def test_every_hint_is_in_a_help_item(export):
    items = items_by_id(export)
    for question in content.QUESTIONS:
        hints = [question.hint] if question.hint else []
        hints += [option.hint for option in question.options if option.hint]
        children = [
            c for c in items[question.id].get("item", []) if "-stage-hint-" not in c["linkId"]
        ]
        if not hints:
            assert children == []
            continue
        (help_item,) = children
        assert help_item["type"] == "display"
        control = extension(help_item, fhir.EXT_ITEM_CONTROL)
        assert control["valueCodeableConcept"]["coding"][0]["code"] == "help"
        for hint in hints:
            assert hint in help_item["text"]


def test_every_condition_is_there_and_looks_only_at_earlier_questions(export):
    items = items_by_id(export)
    order = [q.id for q in content.QUESTIONS]
    for question in content.QUESTIONS:
        item = items[question.id]
        conditional = not isinstance(question.asked_when, Always)
        expression = extension(item, ENABLE_WHEN_EXPRESSION)
        assert ("enableWhen" in item or expression is not None) is conditional, question.id
        assert not ("enableWhen" in item and expression is not None)
        for condition in item.get("enableWhen", []):
            assert order.index(condition["question"]) < order.index(question.id)
        if len(item.get("enableWhen", [])) > 1:
            assert item["enableBehavior"] in ("all", "any")


def test_the_code_systems_have_every_level_and_rule(export):
    systems = contained(export)
    levels = systems[fhir.LEVEL_SYSTEM]["concept"]
    assert [c["code"] for c in levels] == [lvl.id for lvl in sorted(content.Level, reverse=True)]
    rules = systems[fhir.RULE_SYSTEM]["concept"]
    assert [c["code"] for c in rules] == [rule.id for rule in content.RULES]
    for concept, rule in zip(rules, content.RULES, strict=True):
        assert concept["property"] == [{"code": "level", "valueCode": rule.level.id}]
    outcome = items_by_id(export)
    assert outcome[fhir.LEVEL_LINK_ID]["readOnly"] is True
    assert outcome[fhir.RULES_LINK_ID]["readOnly"] is True
    help_text = outcome[fhir.LEVEL_LINK_ID]["item"][0]["text"]
    assert "most urgent level" in help_text and "not reported" in help_text


def test_every_text_is_translated_into_every_shipped_language(export):
    """Each text, display and description carries a translation per shipped
    language, and it is that language's catalog entry."""
    checked = 0

    def visit(element: Any) -> None:
        nonlocal checked
        if isinstance(element, dict):
            if element.get("resourceType") == "CodeSystem":
                return  # designations instead (below)
            for name in ("text", "display", "title", "description", "copyright"):
                if isinstance(element.get(name), str) and "code" not in element.get(
                    "valueCodeableConcept", {}
                ):
                    if element.get("system") == fhir.ITEM_CONTROL_SYSTEM:
                        continue
                    found = translations(element, name)
                    assert sorted(found) == sorted(OTHER_TAGS), (name, element[name])
                    checked += 1
            for value in element.values():
                visit(value)
        elif isinstance(element, list):
            for value in element:
                visit(value)

    visit({k: v for k, v in export.items() if k != "contained"})
    questions = content.QUESTIONS
    expected = (
        3  # title, description, copyright
        + len(questions)
        + sum(len(q.options) for q in questions)
        + sum(1 for q in questions if fhir.help_text(q, governance.Words()))
        + 2  # the level and rules items
        + sum(1 for q in questions for o in q.options if o.offered_when_words)  # toggles
        + sum(len(q.stage_hints) for q in questions)
        + len(content.Level)
        + 1  # how the level is decided
        + len(content.RULES)
    )
    assert checked == expected
    items = items_by_id(export)
    for lang in shipped_languages():
        if lang.tag == "en":
            continue
        for question in content.QUESTIONS:
            item = items[question.id]
            assert translations(item, "text")[lang.tag] == lang.gettext(question.title)
            for option, entry in zip(question.options, item["answerOption"], strict=True):
                said = translations(entry["valueCoding"], "display")[lang.tag]
                assert said == lang.gettext(option.label)
            if question.hint:
                assert (
                    lang.gettext(question.hint) in translations(item["item"][0], "text")[lang.tag]
                )
        assert translations(export, "copyright")[lang.tag] == lang.gettext(fhir.DISCLAIMER)
    assert translations(export, "title")["ar"] != export["title"]
    for system in export["contained"]:
        for concept in system["concept"]:
            tags = [d["language"] for d in concept["designation"]]
            assert tags == OTHER_TAGS, concept["code"]


def test_the_rules_command_prints_the_export(capsys, export):
    assert main(["rules", "--format", "fhir"]) == 0
    assert json.loads(capsys.readouterr().out) == export


# --- the same questions as the flow ---------------------------------------------------------


def _asked_when_inputs() -> list[dict[str, frozenset[str]]]:
    """Every combination of answers (or none) to the questions "asked when" reads."""
    inputs = sorted(frozenset().union(*(q.asked_when.questions() for q in content.QUESTIONS)))
    combos: list[dict[str, frozenset[str]]] = [{}]
    for question_id in inputs:
        question = content.QUESTIONS_BY_ID[question_id]
        assert question.kind == "radio"
        choices = [None, *(frozenset({o.id}) for o in question.options)]
        combos = [
            {**combo, **({question_id: choice} if choice else {})}
            for combo in combos
            for choice in choices
        ]
    return combos


@pytest.mark.parametrize("answers", _asked_when_inputs(), ids=str)
def test_enable_when_asks_exactly_the_questions_the_flow_asks(english, answers):
    enabled, kept = fill(english, answers)
    assert enabled == [q.id for q in asked_questions(prune(answers))]
    assert {k: frozenset(v) for k, v in kept.items()} == prune(answers)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets())
def test_enable_when_keeps_the_answers_the_flow_keeps(english, answers):
    enabled, kept = fill(english, answers)
    assert enabled == [q.id for q in asked_questions(prune(answers))]
    assert {k: frozenset(v) for k, v in kept.items()} == prune(answers)


def test_a_condition_enable_when_cannot_say_becomes_a_fhirpath_expression_with_words():
    question = dataclasses.replace(
        content.QUESTIONS_BY_ID["scan"],
        asked_when=not_(is_("weeks", "12_to_23", "24_to_36", "37_plus")),
        asked_when_words="Asked unless the weeks are 12 or more.",
    )
    assert fhir.enable_when(question.asked_when) is None
    item = fhir.question_item(question, ())
    assert "enableWhen" not in item
    found = extension(item, ENABLE_WHEN_EXPRESSION)
    assert found is not None
    assert found["valueExpression"]["language"] == "text/fhirpath"
    assert found["valueExpression"]["description"] == "Asked unless the weeks are 12 or more."
    english = fhir.questionnaire(())
    for weeks in [None, *(o.id for o in content.QUESTIONS_BY_ID["weeks"].options)]:
        kept = {"weeks": [weeks]} if weeks else {}
        answers = {"weeks": frozenset({weeks})} if weeks else {}
        assert is_enabled(item, english, kept) is question.asked_when.holds(answers), weeks


def test_options_are_offered_at_the_weeks_the_flow_offers_them(english):
    """SDC answerOptionsToggleExpression: an option that fits only some weeks is
    enabled exactly when the flow offers it (all of them when weeks are not known)."""
    items = items_by_id(english)
    toggled = 0
    for question in content.QUESTIONS:
        toggles = [
            ext for ext in items[question.id]["extension"] if ext["url"] == fhir.EXT_OPTIONS_TOGGLE
        ]
        by_code = {}
        for toggle in toggles:
            parts = {part["url"]: part for part in toggle["extension"]}
            by_code[parts["option"]["valueCoding"]["code"]] = parts["expression"]["valueExpression"]
        for option in question.options:
            if isinstance(option.offered_when, Always):
                assert option.id not in by_code
                continue
            toggled += 1
            expression = by_code[option.id]
            assert expression["description"] == option.offered_when_words
            for weeks in [None, *content.WEEKS]:
                kept = {"weeks": [weeks]} if weeks else {}
                answers = {"weeks": frozenset({weeks})} if weeks else {}
                got = evaluate(expression["expression"], english, response_of(english, kept))
                assert got == [option.offered_when.holds(answers)], (option.id, weeks)
    assert toggled == 3


def test_a_stage_hint_shows_exactly_when_the_flow_shows_it(english):
    clots = items_by_id(english)["clots"]
    (hint_item,) = [c for c in clots["item"] if "-stage-hint-" in c["linkId"]]
    (hint,) = content.QUESTIONS_BY_ID["clots"].stage_hints
    assert hint_item["type"] == "display" and hint_item["text"] == hint.text
    for weeks, amount in itertools.product(content.WEEKS, ("spotting", "light", "period_like")):
        kept = {"weeks": [weeks], "amount": [amount]}
        answers = {"weeks": frozenset({weeks}), "amount": frozenset({amount})}
        assert is_enabled(hint_item, english, kept) is hint.when.holds(answers), (weeks, amount)


def test_each_level_is_defined_by_the_advice_declared_in_the_content(english):
    levels = {c["code"]: c for c in contained(english)[fhir.LEVEL_SYSTEM]["concept"]}
    assert levels["urgent"]["definition"].startswith("Call your maternity unit")
    assert "Do not drive yourself" in levels["emergency"]["definition"]
    assert "today" in levels["soon"]["definition"]
    assert "next appointment" in levels["routine"]["definition"]


# --- the same advice as the engine ----------------------------------------------------------


def _minimal_cases() -> list[dict[str, frozenset[str]]]:
    """For each rule, answers that make it hold (from its own condition)."""
    cases: list[dict[str, frozenset[str]]] = [{}]
    for rule in content.RULES:
        answers: dict[str, frozenset[str]] = {}
        for part in getattr(rule.when, "parts", (rule.when,)):
            if hasattr(part, "options"):
                answers[part.question] = frozenset({part.options[0]})
        cases.append(answers)
    return cases


def _assert_same_advice(english: dict[str, Any], answers: dict[str, frozenset[str]]) -> None:
    _, kept = fill(english, answers)
    response = response_of(english, kept)
    outcome = assess(prune(answers))
    assert calculated(english, response, fhir.LEVEL_LINK_ID) == [outcome.level.id], answers
    assert sorted(calculated(english, response, fhir.RULES_LINK_ID)) == sorted(outcome.rule_ids)


@pytest.mark.parametrize("answers", _minimal_cases(), ids=str)
def test_the_calculated_level_is_the_engine_level_for_each_rule(english, answers):
    _assert_same_advice(english, answers)


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda case: case.id)
def test_the_calculated_level_is_the_engine_level_in_every_clinical_scenario(english, case):
    _assert_same_advice(english, dict(walk(case_answers(case)).answers))
    _assert_same_advice(english, dict(case_answers(case)))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets())
def test_the_calculated_level_is_the_engine_level_for_any_answers(english, answers):
    _assert_same_advice(english, answers)


def test_the_fhirpath_of_a_condition_follows_the_engine_for_unanswered_questions(english):
    """Not answered is never reassuring: "scan is not yes" holds when scan is unanswered."""
    condition = not_(is_("scan", "yes"))
    expression = fhir.fhirpath(condition)
    for kept, expected in (({}, True), ({"scan": ["yes"]}, False), ({"scan": ["no"]}, True)):
        response = response_of(english, kept)
        answers = {k: frozenset(v) for k, v in kept.items()}
        assert condition.holds(answers) is expected
        assert evaluate(expression, english, response) == [expected]


def test_the_level_expression_is_declared_on_the_read_only_items(english):
    for link_id in (fhir.LEVEL_LINK_ID, fhir.RULES_LINK_ID):
        found = extension(items_by_id(english)[link_id], CALCULATED_EXPRESSION)
        assert found is not None and found["valueExpression"]["language"] == "text/fhirpath"


# --- one reader's answers ------------------------------------------------------------------


AUTHORED = datetime(2026, 12, 1, 21, 30, tzinfo=UTC)


def response_for(answers: dict[str, frozenset[str]], code: str = "en") -> dict[str, Any]:
    locale = next(info for info in LOCALES if info.code == code)
    return fhir.questionnaire_response(answers, language(locale), AUTHORED)


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda case: case.id)
def test_a_response_for_each_scenario_is_valid_and_says_what_the_engine_says(export, case):
    answers = dict(walk(case_answers(case)).answers)
    resource = response_for(answers)
    QuestionnaireResponse.model_validate(resource)
    assert resource["questionnaire"] == f"{fhir.QUESTIONNAIRE_URL}|{content.CONTENT_VERSION}"
    assert resource["status"] == "completed"
    assert resource["authored"] == "2026-12-01T21:30:00+00:00"
    outcome = assess(answers)
    items = items_by_id(resource)
    assert [code(a) for a in items[fhir.LEVEL_LINK_ID]["answer"]] == [outcome.level.id]
    assert [code(a) for a in items[fhir.RULES_LINK_ID]["answer"]] == list(outcome.rule_ids)
    asked = [q.id for q in asked_questions(answers) if q.id in answers]
    assert list(items)[:-2] == asked
    questionnaire_items = items_by_id(export)
    for question_id in asked:
        codings = [a["valueCoding"] for a in items[question_id]["answer"]]
        assert {c["code"] for c in codings} == answers[question_id]
        options = {
            o["valueCoding"]["code"]: o["valueCoding"]
            for o in questionnaire_items[question_id]["answerOption"]
        }
        for coding in codings:
            assert coding["system"] == options[coding["code"]]["system"]
            assert coding["display"] == options[coding["code"]]["display"]


def code(answer: dict[str, Any]) -> str:
    return str(answer["valueCoding"]["code"])


def test_a_response_is_in_the_reader_language_with_the_english_alongside():
    answers = {"danger": frozenset({"heavy_bleeding"})}
    resource = response_for(answers, "ar")
    QuestionnaireResponse.model_validate(resource)
    assert resource["language"] == "ar"
    danger = items_by_id(resource)["danger"]
    arabic = {lang.tag: lang for lang in shipped_languages()}["ar"]
    title = content.QUESTIONS_BY_ID["danger"].title
    assert danger["text"] == arabic.gettext(title)
    assert translations(danger, "text") == {"en": title}
    coding = danger["answer"][0]["valueCoding"]
    assert coding["display"] == arabic.gettext("Heavy bleeding") != "Heavy bleeding"
    assert translations(coding, "display") == {"en": "Heavy bleeding"}
    level = items_by_id(resource)[fhir.LEVEL_LINK_ID]["answer"][0]["valueCoding"]
    assert level["code"] == "emergency"
    assert translations(level, "display") == {"en": "Emergency"}


def test_a_response_holds_nothing_about_who_the_reader_is():
    resource = response_for({"danger": frozenset({"none"}), "weeks": frozenset({"37_plus"})})
    assert set(resource) == {
        "resourceType",
        "language",
        "questionnaire",
        "status",
        "authored",
        "item",
    }
    text = json.dumps(resource)
    for field in ('"subject"', '"author"', '"source"', '"identifier"', '"encounter"', '"id"'):
        assert field not in text


def test_a_response_drops_answers_to_questions_that_do_not_apply():
    answers = {"weeks": frozenset({"6_to_11"}), "movements": frozenset({"as_usual"})}
    resource = response_for(answers)
    assert "movements" not in items_by_id(resource)
    assert "weeks" in items_by_id(resource)


# --- versioning ------------------------------------------------------------------------------


def test_the_export_fingerprint_is_recorded_with_the_current_content_version():
    """The export's version is the content version, so the same version must
    always mean the same Questionnaire: a change to the export (even one made
    only in widget/clinical/fhir.py) needs a new version, as a content change does."""
    newest = governance.read_changelog((ROOT / "CONTENT_CHANGELOG.md").read_text())[0]
    recorded = re.search(r"^FHIR Questionnaire: `(sha256:[0-9a-f]{64})`", newest.body, re.M)
    assert recorded, "the newest CONTENT_CHANGELOG.md entry has no 'FHIR Questionnaire:' line"
    assert recorded.group(1) == fhir.export_fingerprint(), (
        "The FHIR export changed but CONTENT_VERSION was not bumped. Bump the version, add a "
        "CONTENT_CHANGELOG.md entry, and record `python -m widget rules --format "
        "fhir-fingerprint` in it."
    )


def test_changing_the_content_changes_the_export_fingerprint(monkeypatch):
    before = fhir.export_fingerprint()
    changed = dataclasses.replace(content.QUESTIONS[0], title="Changed?")
    monkeypatch.setattr(content, "QUESTIONS", (changed, *content.QUESTIONS[1:]))
    assert fhir.export_fingerprint() != before


def test_the_fingerprint_command_prints_the_export_fingerprint(capsys):
    assert main(["rules", "--format", "fhir-fingerprint"]) == 0
    assert capsys.readouterr().out.strip() == fhir.export_fingerprint()

"""How a FHIR form filler treats our Questionnaire, written from the FHIR R4B and
SDC specifications (not from widget.clinical.fhir): which items are enabled,
which answers it keeps, and what the SDC expressions compute (with fhirpathpy,
an independent FHIRPath engine). The tests compare this with our engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import fhirpathpy
from fhirpathpy.models import models
from hypothesis import strategies as st

from widget.clinical import content

SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
ENABLE_WHEN_EXPRESSION = SDC + "sdc-questionnaire-enableWhenExpression"
CALCULATED_EXPRESSION = SDC + "sdc-questionnaire-calculatedExpression"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
MODEL = models["r4"]  # fhirpathpy has no R4B model; the parts used here are the same

Answers = dict[str, frozenset[str]]


def extension(element: Mapping[str, Any], url: str) -> dict[str, Any] | None:
    found = [ext for ext in element.get("extension", []) if ext["url"] == url]
    assert len(found) <= 1, url
    return found[0] if found else None


def response_of(questionnaire: Mapping[str, Any], kept: Mapping[str, list[str]]) -> dict[str, Any]:
    """A QuestionnaireResponse holding these answers (codings from the answer options)."""
    items = []
    for item in questionnaire["item"]:
        codes = kept.get(item["linkId"])
        if not codes:
            continue
        options = {o["valueCoding"]["code"]: o["valueCoding"] for o in item["answerOption"]}
        answers = [
            {"valueCoding": {k: options[c][k] for k in ("system", "code", "display")}}
            for c in codes
        ]
        items.append({"linkId": item["linkId"], "answer": answers})
    return {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": items}


def evaluate(
    expression: str,
    questionnaire: Mapping[str, Any],
    response: Mapping[str, Any],
    variables: Mapping[str, Any] | None = None,
) -> list[Any]:
    env = {"resource": response, "questionnaire": questionnaire, **(variables or {})}
    return list(_compiled(expression)(dict(response), env))


@lru_cache(maxsize=256)
def _compiled(expression: str) -> Callable[..., Any]:
    compiled: Callable[..., Any] = fhirpathpy.compile(expression, MODEL)
    return compiled


def is_enabled(
    item: Mapping[str, Any], questionnaire: Mapping[str, Any], kept: Mapping[str, list[str]]
) -> bool:
    """R4B enableWhen (operator '=' on a Coding), or an SDC enableWhenExpression."""
    if "enableWhen" in item:
        results = []
        for condition in item["enableWhen"]:
            assert condition["operator"] == "=", condition
            wanted = condition["answerCoding"]
            source = next(i for i in questionnaire["item"] if i["linkId"] == condition["question"])
            systems = {o["valueCoding"]["system"] for o in source["answerOption"]}
            assert systems == {wanted["system"]}
            results.append(wanted["code"] in kept.get(condition["question"], []))
        # enableBehavior is required with more than one condition.
        behavior = item["enableBehavior"] if len(results) > 1 else item.get("enableBehavior", "all")
        return all(results) if behavior == "all" else any(results)
    found = extension(item, ENABLE_WHEN_EXPRESSION)
    if found is not None:
        value = evaluate(
            found["valueExpression"]["expression"], questionnaire, response_of(questionnaire, kept)
        )
        return value == [True]
    return True


QUESTION_IDS = frozenset(question.id for question in content.QUESTIONS)


def fill(
    questionnaire: Mapping[str, Any], answers: Mapping[str, frozenset[str]]
) -> tuple[list[str], dict[str, list[str]]]:
    """A reader filling the form in item order: the question items enabled, and
    the answers kept (a disabled item's answer is not in the response). One
    pass is enough because every enableWhen looks at earlier items only."""
    enabled: list[str] = []
    kept: dict[str, list[str]] = {}
    for item in questionnaire["item"]:
        if item["linkId"] not in QUESTION_IDS:
            continue
        if not is_enabled(item, questionnaire, kept):
            continue
        enabled.append(item["linkId"])
        if item["linkId"] in answers:
            codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
            kept[item["linkId"]] = [c for c in codes if c in answers[item["linkId"]]]
    return enabled, kept


def calculated(
    questionnaire: Mapping[str, Any], response: Mapping[str, Any], link_id: str
) -> list[str]:
    """The codes an SDC filler computes for ``link_id``: the root variables in
    order, then the item's calculatedExpression."""
    variables: dict[str, Any] = {}
    for ext in questionnaire.get("extension", []):
        if ext["url"] == VARIABLE:
            expression = ext["valueExpression"]
            variables[expression["name"]] = evaluate(
                expression["expression"], questionnaire, response, variables
            )
    item = next(i for i in questionnaire["item"] if i["linkId"] == link_id)
    found = extension(item, CALCULATED_EXPRESSION)
    assert found is not None, link_id
    result = evaluate(found["valueExpression"]["expression"], questionnaire, response, variables)
    return [coding["code"] for coding in result]


def _answer(question: content.Question) -> st.SearchStrategy[frozenset[str] | None]:
    ids = [option.id for option in question.options]
    if question.kind == "radio":
        one = st.sampled_from(ids).map(lambda option: frozenset({option}))
    else:
        others = [option for option in ids if option != content.NONE]
        one = st.one_of(
            st.just(frozenset({content.NONE})),
            st.frozensets(st.sampled_from(others), min_size=1),
        )
    return st.one_of(st.none(), one, one, one)  # mostly answered


@st.composite
def answer_sets(draw: st.DrawFn) -> Answers:
    """Any answers a form could hold, answered or not, question by question."""
    answers: Answers = {}
    for question in content.QUESTIONS:
        chosen = draw(_answer(question))
        if chosen is not None:
            answers[question.id] = chosen
    return answers

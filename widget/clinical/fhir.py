"""The questionnaire and a reader's answers as HL7 FHIR R4B resources.

Pure builders, no web: :func:`questionnaire` turns the content the engine runs
on (``content.QUESTIONS``, ``content.RULES``, the levels) into a FHIR
``Questionnaire``, and :func:`questionnaire_response` turns one reader's
answers into a ``QuestionnaireResponse`` with the level and the rules that
matched, computed by the engine (``triage.assess``). Both are plain JSON data
(dicts and lists). Languages come in as :class:`Language` values (a BCP 47
tag and the gettext of its catalog), so this module loads no catalog itself.

Nothing here restates a rule: "asked when" conditions become ``enableWhen``
(or an SDC ``enableWhenExpression`` in FHIRPath where ``enableWhen`` cannot
say it), and the level becomes an SDC ``calculatedExpression`` generated from
the same ``Condition`` objects the engine evaluates. The test suite evaluates
both over many answer combinations and compares them with the engine.
See docs/interoperability.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from widget.clinical import content
from widget.clinical.conditions import All, Always, AnyOf, Condition, Not
from widget.clinical.conditions import Any as AnyCondition
from widget.clinical.content import N_, NONE, Level, Question
from widget.clinical.governance import Words
from widget.clinical.triage import asked_questions, assess, prune

FHIR_VERSION = "4.3.0"  # R4B
# The canonical base of our FHIR artefacts. Canonical URLs are identities, not
# locations: this one stays the same wherever the check is deployed.
CANONICAL_BASE = "https://check.example/fhir"
QUESTIONNAIRE_ID = "bleeding-in-pregnancy-check"
QUESTIONNAIRE_URL = f"{CANONICAL_BASE}/Questionnaire/{QUESTIONNAIRE_ID}"
QUESTIONNAIRE_NAME = "BleedingInPregnancyCheck"
PUBLISHER = "Bleeding in Pregnancy Check project"
SOURCE_LANGUAGE = "en"

LEVEL_LINK_ID = "level"
RULES_LINK_ID = "rules"
HELP_SUFFIX = "-help"

EXT_TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
EXT_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
EXT_OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
EXT_ENABLE_WHEN_EXPRESSION = SDC + "sdc-questionnaire-enableWhenExpression"
EXT_CALCULATED_EXPRESSION = SDC + "sdc-questionnaire-calculatedExpression"
# SDC 3.0: which answer options are enabled (the options that fit the weeks).
EXT_OPTIONS_TOGGLE = SDC + "sdc-questionnaire-answerOptionsToggleExpression"
EXT_VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
FHIRPATH = "text/fhirpath"

# Reader-facing words of the export (translated like every other string).
TITLE = N_("Bleeding in pregnancy check")
DESCRIPTION = N_(
    "Questions for a pregnant woman or person who notices bleeding, and the advice they "
    "lead to: call the emergency number now, call the maternity unit now, get seen today, "
    "or mention it at the next appointment."
)
DISCLAIMER = N_(
    "This check gives advice, not a diagnosis. If you are worried, call anyway. "
    "You will not be wasting anyone's time."
)
OPTION_HINT = N_("{option}: {hint}")
LEVEL_TEXT = N_("Advice")
RULES_TEXT = N_("Rules that matched")
# How the level is decided: the same sentences as the /rules page.
LEVEL_RULE_WORDS: tuple[str, ...] = (
    N_("Each rule has a level. The advice is the most urgent level of all the rules that match."),
    N_(
        'When no urgent or emergency rule matches, the level is "Today" (rule S1), with one '
        'exception: rule R1 (a show from 37 weeks, with spotting only) gives "At your next '
        'appointment".'
    ),
    N_(
        'A question that was not answered counts as "not reported". The check never assumes '
        "a reassuring answer."
    ),
)

ENGLISH = Words()


@dataclass(frozen=True)
class Language:
    """A shipped language: its BCP 47 tag and how to say things in it."""

    tag: str
    words: Words

    @property
    def gettext(self) -> Callable[[str], str]:
        return self.words.gettext


Say = Callable[[Words], str]


def code_system_url(name: str) -> str:
    return f"{CANONICAL_BASE}/CodeSystem/bleeding-check-{name.replace('_', '-')}"


LEVEL_SYSTEM = code_system_url("level")
RULE_SYSTEM = code_system_url("rule")


def answer_system(question: Question) -> str:
    return code_system_url(question.id)


def canonical_reference() -> str:
    """The exact version of the questionnaire: ``url|version``."""
    return f"{QUESTIONNAIRE_URL}|{content.CONTENT_VERSION}"


# ---------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------


def _translation(tag: str, text: str) -> dict[str, Any]:
    return {
        "url": EXT_TRANSLATION,
        "extension": [
            {"url": "lang", "valueCode": tag},
            {"url": "content", "valueString": text},
        ],
    }


def _translated(name: str, say: Say, languages: Sequence[Language]) -> dict[str, Any]:
    """``name`` in English, and ``_name`` with a translation per other language."""
    out: dict[str, Any] = {name: say(ENGLISH)}
    others = [
        _translation(lang.tag, say(lang.words)) for lang in languages if lang.tag != SOURCE_LANGUAGE
    ]
    if others:
        out["_" + name] = {"extension": others}
    return out


def _message(message: str) -> Say:
    return lambda words: words.gettext(message)


def _rule_words(rule: content.Rule) -> Say:
    return lambda words: words.rule_condition(rule)


# ---------------------------------------------------------------------------
# Conditions in FHIRPath (evaluated against the QuestionnaireResponse)
# ---------------------------------------------------------------------------


def fhirpath(condition: Condition) -> str:
    """A FHIRPath boolean that is true exactly when ``condition.holds`` is.

    A question not answered (or disabled, so not in the response) has no
    answer, so ``AnyOf`` over it is false, as in the engine.
    """
    if isinstance(condition, AnyOf):
        codes = " or ".join(f"code = '{option}'" for option in condition.options)
        return (
            f"%resource.repeat(item).where(linkId = '{condition.question}')"
            f".answer.value.where({codes}).exists()"
        )
    if isinstance(condition, Not):
        return f"({fhirpath(condition.inner)}).not()"
    if isinstance(condition, All | AnyCondition):
        joiner = " and " if isinstance(condition, All) else " or "
        return joiner.join(f"({fhirpath(part)})" for part in condition.parts)
    if isinstance(condition, Always):
        return "true"
    raise TypeError(f"no FHIRPath for {condition!r}")


def enable_when(condition: Condition) -> tuple[list[dict[str, Any]], str | None] | None:
    """``condition`` as ``enableWhen`` entries and ``enableBehavior``, or None
    where ``enableWhen`` cannot say it (then an expression is used)."""
    if isinstance(condition, AnyOf):
        parts: list[tuple[str, str]] = [(condition.question, o) for o in condition.options]
        behavior = "any"
    elif isinstance(condition, All) and all(
        isinstance(part, AnyOf) and len(part.options) == 1 for part in condition.parts
    ):
        parts = [
            (part.question, part.options[0]) for part in condition.parts if isinstance(part, AnyOf)
        ]
        behavior = "all"
    else:
        return None
    entries = [
        {
            "question": question_id,
            "operator": "=",
            "answerCoding": {
                "system": answer_system(content.QUESTIONS_BY_ID[question_id]),
                "code": option_id,
            },
        }
        for question_id, option_id in parts
    ]
    return entries, (behavior if len(entries) > 1 else None)


def rule_variable(rule: content.Rule) -> str:
    return f"rule{rule.id}"


RAISED_VARIABLE = "raised"


def _raising_rules() -> tuple[content.Rule, ...]:
    return tuple(
        rule for rule in content.RULES if rule.id not in (content.FLOOR_RULE, content.ROUTINE_RULE)
    )


def outcome_variables() -> list[tuple[str, str]]:
    """SDC variables (name, FHIRPath) on the questionnaire root: each rule's
    condition, then whether any rule above the floor matched."""
    variables = [(rule_variable(rule), fhirpath(rule.when)) for rule in content.RULES]
    raised = " or ".join(f"%{rule_variable(rule)}" for rule in _raising_rules())
    variables.append((RAISED_VARIABLE, raised or "false"))
    return variables


def level_expression() -> str:
    """The level as ``triage.assess`` decides it: the most urgent level of the
    rules above the floor that match; otherwise R1's level if R1 matches;
    otherwise the floor (S1)."""
    floor = content.RULES_BY_ID[content.FLOOR_RULE]
    routine = content.RULES_BY_ID[content.ROUTINE_RULE]
    code = f"iif(%{rule_variable(routine)}, '{routine.level.id}', '{floor.level.id}')"
    raising = _raising_rules()
    for level in sorted({rule.level for rule in raising}):
        matched = " or ".join(f"%{rule_variable(r)}" for r in raising if r.level == level)
        code = f"iif({matched}, '{level.id}', {code})"
    return (
        f"%questionnaire.repeat(item).where(linkId = '{LEVEL_LINK_ID}')"
        f".answerOption.value.where(code = {code})"
    )


def rules_expression() -> str:
    """The rule ids as ``triage.assess`` reports them."""
    floor = content.RULES_BY_ID[content.FLOOR_RULE]
    routine = content.RULES_BY_ID[content.ROUTINE_RULE]
    picks = [f"(code = '{rule.id}' and %{rule_variable(rule)})" for rule in _raising_rules()]
    picks.append(
        f"(code = '{routine.id}' and %{rule_variable(routine)} and %{RAISED_VARIABLE}.not())"
    )
    picks.append(
        f"(code = '{floor.id}' and %{RAISED_VARIABLE}.not() and %{rule_variable(routine)}.not())"
    )
    return (
        f"%questionnaire.repeat(item).where(linkId = '{RULES_LINK_ID}')"
        f".answerOption.value.where({' or '.join(picks)})"
    )


def _expression(url: str, expression: str, **extra: Any) -> dict[str, Any]:
    return {
        "url": url,
        "valueExpression": {"language": FHIRPATH, "expression": expression, **extra},
    }


# ---------------------------------------------------------------------------
# Code systems (contained in the Questionnaire)
# ---------------------------------------------------------------------------


def _camel(text: str) -> str:
    return "".join(part.capitalize() for part in text.replace("-", "_").split("_"))


def _designations(say: Say, languages: Sequence[Language]) -> list[dict[str, Any]]:
    return [
        {"language": lang.tag, "value": say(lang.words)} for lang in languages if lang.tag != "en"
    ]


def _code_system(
    name: str, title: str, concepts: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "id": f"bleeding-check-{name.replace('_', '-')}",
        "url": code_system_url(name),
        "version": content.CONTENT_VERSION,
        "name": "BleedingCheck" + _camel(name),
        "title": title,
        "status": "active",
        "caseSensitive": True,
        "content": "complete",
        **extra,
        "count": len(concepts),
        "concept": concepts,
    }


def _option_concept(
    question: Question, option: content.Option, languages: Sequence[Language]
) -> dict[str, Any]:
    concept: dict[str, Any] = {"code": option.id, "display": option.label}
    if option.hint:
        concept["definition"] = option.hint
    designations = _designations(_message(option.label), languages)
    if designations:
        concept["designation"] = designations
    return concept


def level_definition(level: Level) -> str:
    """What the advice of a level tells the reader to do, in English, from the
    one declaration of the advice (the default care model; a region not named)."""
    advice = content.CARE_MODELS_BY_ID[content.DEFAULT_CARE_MODEL].advice(level)
    action = advice.action
    return action.no_region if isinstance(action, content.Numbered) else action


def code_systems(languages: Sequence[Language]) -> list[dict[str, Any]]:
    systems = [
        _code_system(
            question.id,
            f"Answers to '{question.id}': {question.title}",
            [_option_concept(question, option, languages) for option in question.options],
        )
        for question in content.QUESTIONS
    ]
    systems.append(
        _code_system(
            "level",
            "Advice levels",
            [
                {
                    "code": level.id,
                    "display": content.LEVEL_NAMES[level],
                    "definition": level_definition(level),
                    **_designation_field(_message(content.LEVEL_NAMES[level]), languages),
                }
                for level in sorted(Level, reverse=True)
            ],
        )
    )
    systems.append(
        _code_system(
            "rule",
            "Triage rules",
            [
                {
                    "code": rule.id,
                    "display": ENGLISH.rule_condition(rule),
                    "definition": f"{rule.condition_words} (level {rule.level.id})",
                    **_designation_field(_rule_words(rule), languages),
                    "property": [{"code": "level", "valueCode": rule.level.id}],
                }
                for rule in content.RULES
            ],
            property=[
                {
                    "code": "level",
                    "description": "The advice level the rule leads to",
                    "type": "code",
                }
            ],
        )
    )
    return systems


def _designation_field(say: Say, languages: Sequence[Language]) -> dict[str, Any]:
    designations = _designations(say, languages)
    return {"designation": designations} if designations else {}


# ---------------------------------------------------------------------------
# The Questionnaire
# ---------------------------------------------------------------------------


def _item_control(code: str) -> dict[str, Any]:
    return {
        "url": EXT_ITEM_CONTROL,
        "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL_SYSTEM, "code": code}]},
    }


def _coding(system: str, code: str, display: str, languages: Sequence[Language]) -> dict[str, Any]:
    return {"system": system, "code": code, **_translated("display", _message(display), languages)}


def _help_item(link_id: str, say: Say, languages: Sequence[Language]) -> dict[str, Any]:
    return {
        "linkId": link_id + HELP_SUFFIX,
        **_translated("text", say, languages),
        "type": "display",
        "extension": [_item_control("help")],
    }


def help_text(question: Question, words: Words) -> str:
    """The question's hint, then each option's hint ("Heavy bleeding: Soaking…")."""
    _ = words.gettext
    parts = [_(question.hint)] if question.hint else []
    parts += [
        _(OPTION_HINT).format(option=_(option.label), hint=_(option.hint))
        for option in question.options
        if option.hint
    ]
    return " ".join(parts)


def question_item(question: Question, languages: Sequence[Language]) -> dict[str, Any]:
    checkbox = question.kind == "checkbox"
    item: dict[str, Any] = {
        "linkId": question.id,
        **_translated("text", _message(question.title), languages),
        "type": "choice",
    }
    if checkbox:
        item["repeats"] = True
    extensions = [_item_control("check-box" if checkbox else "radio-button")]
    if not isinstance(question.asked_when, Always):
        found = enable_when(question.asked_when)
        if found is not None:
            item["enableWhen"], behavior = found
            if behavior:
                item["enableBehavior"] = behavior
        else:
            words = question.asked_when_words or ENGLISH.condition(question.asked_when)
            extensions.append(
                _expression(
                    EXT_ENABLE_WHEN_EXPRESSION,
                    fhirpath(question.asked_when),
                    **_translated("description", _message(words), languages),
                )
            )
    toggles = [
        {
            "url": EXT_OPTIONS_TOGGLE,
            "extension": [
                {
                    "url": "option",
                    "valueCoding": {"system": answer_system(question), "code": option.id},
                },
                {
                    "url": "expression",
                    "valueExpression": {
                        "language": FHIRPATH,
                        "expression": fhirpath(option.offered_when),
                        **_translated(
                            "description", _message(option.offered_when_words), languages
                        ),
                    },
                },
            ],
        }
        for option in question.options
        if not isinstance(option.offered_when, Always)
    ]
    item["extension"] = extensions + toggles
    options = []
    for option in question.options:
        entry: dict[str, Any] = {
            "valueCoding": _coding(answer_system(question), option.id, option.label, languages)
        }
        if checkbox and option.id == NONE:
            entry["extension"] = [{"url": EXT_OPTION_EXCLUSIVE, "valueBoolean": True}]
        options.append(entry)
    item["answerOption"] = options
    children = []
    if help_text(question, ENGLISH):
        children.append(
            _help_item(question.id, lambda words: help_text(question, words), languages)
        )
    children += [
        stage_hint_item(question, index, hint, languages)
        for index, hint in enumerate(question.stage_hints, start=1)
    ]
    if children:
        item["item"] = children
    return item


def stage_hint_item(
    question: Question, index: int, hint: content.StageHint, languages: Sequence[Language]
) -> dict[str, Any]:
    """A hint that fits only some answers (the weeks), as a display item shown
    only then."""
    item: dict[str, Any] = {
        "linkId": f"{question.id}-stage-hint-{index}",
        **_translated("text", _message(hint.text), languages),
        "type": "display",
    }
    found = enable_when(hint.when)
    if found is not None:
        item["enableWhen"], behavior = found
        if behavior:
            item["enableBehavior"] = behavior
    else:
        item["extension"] = [
            _expression(
                EXT_ENABLE_WHEN_EXPRESSION,
                fhirpath(hint.when),
                **_translated("description", _message(hint.when_words), languages),
            )
        ]
    return item


def outcome_items(languages: Sequence[Language]) -> list[dict[str, Any]]:
    level = {
        "linkId": LEVEL_LINK_ID,
        **_translated("text", _message(LEVEL_TEXT), languages),
        "type": "choice",
        "readOnly": True,
        "extension": [_expression(EXT_CALCULATED_EXPRESSION, level_expression())],
        "answerOption": [
            {"valueCoding": _coding(LEVEL_SYSTEM, lvl.id, content.LEVEL_NAMES[lvl], languages)}
            for lvl in sorted(Level, reverse=True)
        ],
        "item": [
            _help_item(
                LEVEL_LINK_ID,
                lambda words: " ".join(words.gettext(s) for s in LEVEL_RULE_WORDS),
                languages,
            )
        ],
    }
    rules = {
        "linkId": RULES_LINK_ID,
        **_translated("text", _message(RULES_TEXT), languages),
        "type": "choice",
        "repeats": True,
        "readOnly": True,
        "extension": [_expression(EXT_CALCULATED_EXPRESSION, rules_expression())],
        "answerOption": [
            {
                "valueCoding": {
                    "system": RULE_SYSTEM,
                    "code": rule.id,
                    **_translated("display", _rule_words(rule), languages),
                }
            }
            for rule in content.RULES
        ],
    }
    return [level, rules]


def questionnaire(languages: Sequence[Language] = ()) -> dict[str, Any]:
    """The whole check as one R4B Questionnaire, in English with a translation
    of every text into each of ``languages``."""
    variables = [
        {
            "url": EXT_VARIABLE,
            "valueExpression": {"name": name, "language": FHIRPATH, "expression": expression},
        }
        for name, expression in outcome_variables()
    ]
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "language": SOURCE_LANGUAGE,
        "contained": code_systems(languages),
        "extension": variables,
        "url": QUESTIONNAIRE_URL,
        "version": content.CONTENT_VERSION,
        "name": QUESTIONNAIRE_NAME,
        **_translated("title", _message(TITLE), languages),
        "status": "active",
        "experimental": False,
        "subjectType": ["Patient"],
        "date": content.CONTENT_REVIEWED,
        "publisher": PUBLISHER,
        **_translated("description", _message(DESCRIPTION), languages),
        **_translated("copyright", _message(DISCLAIMER), languages),
        "item": [
            *(question_item(question, languages) for question in content.QUESTIONS),
            *outcome_items(languages),
        ],
    }


def export_fingerprint() -> str:
    """A hash of the export (English, the translations aside: catalogs change
    without a content version, like the rest of the wording's translations)."""
    canonical = json.dumps(questionnaire(()), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------
# One reader's answers
# ---------------------------------------------------------------------------


def _in_reader_language(name: str, message: str, reader: Language) -> dict[str, Any]:
    """``name`` in the reader's language, with the English alongside."""
    text = reader.gettext(message)
    if reader.tag == SOURCE_LANGUAGE:
        return {name: message}
    return {name: text, "_" + name: {"extension": [_translation(SOURCE_LANGUAGE, message)]}}


def questionnaire_response(
    answers: Mapping[str, frozenset[str]], reader: Language, authored: datetime
) -> dict[str, Any]:
    """The reader's answers, the level and the rules that matched, as an R4B
    QuestionnaireResponse of :func:`questionnaire` (its exact version).

    Only answers and advice: nothing about who the reader is. A question that
    applied but was not answered has no item (it is "not reported").
    """
    kept = prune(answers)
    outcome = assess(kept)
    items: list[dict[str, Any]] = []
    for question in asked_questions(kept):
        chosen = kept.get(question.id)
        if not chosen:
            continue
        items.append(
            {
                "linkId": question.id,
                **_in_reader_language("text", question.title, reader),
                "answer": [
                    {
                        "valueCoding": {
                            "system": answer_system(question),
                            "code": option.id,
                            **_in_reader_language("display", option.label, reader),
                        }
                    }
                    for option in question.options
                    if option.id in chosen
                ],
            }
        )
    items.append(
        {
            "linkId": LEVEL_LINK_ID,
            **_in_reader_language("text", LEVEL_TEXT, reader),
            "answer": [
                {
                    "valueCoding": {
                        "system": LEVEL_SYSTEM,
                        "code": outcome.level.id,
                        **_in_reader_language(
                            "display", content.LEVEL_NAMES[outcome.level], reader
                        ),
                    }
                }
            ],
        }
    )
    items.append(
        {
            "linkId": RULES_LINK_ID,
            **_in_reader_language("text", RULES_TEXT, reader),
            "answer": [
                _rule_answer(content.RULES_BY_ID[rule_id], reader) for rule_id in outcome.rule_ids
            ],
        }
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "language": reader.tag,
        "questionnaire": canonical_reference(),
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "item": items,
    }


def _rule_answer(rule: content.Rule, reader: Language) -> dict[str, Any]:
    english = ENGLISH.rule_condition(rule)
    coding: dict[str, Any] = {"system": RULE_SYSTEM, "code": rule.id, "display": english}
    if reader.tag != SOURCE_LANGUAGE:
        coding["display"] = reader.words.rule_condition(rule)
        coding["_display"] = {"extension": [_translation(SOURCE_LANGUAGE, english)]}
    return {"valueCoding": coding}

"""Reviewers' cases: answers in, advice out, through the real flow.

``python -m widget assess weeks=12_to_23 …`` asks the engine about one set of
answers. ``python -m widget scenarios FILE.toml`` walks each case of a file
through the same step-by-step flow a reader goes through (so an emergency
answer stops the questions, and only an urgent level lets a reader skip to
the advice) and compares the outcome with what the reviewer expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widget.clinical.content import (
    NONE,
    NOTES_BY_ID,
    QUESTIONS,
    QUESTIONS_BY_ID,
    RULES_BY_ID,
    SIGNS_BY_ID,
    Level,
)
from widget.clinical.flow import (
    NAV_ADVICE,
    NAV_CONTINUE,
    NAV_START,
    OutcomeScreen,
    QuestionScreen,
    Submission,
    advance,
)
from widget.clinical.triage import Outcome, prune

LEVELS_BY_ID: dict[str, Level] = {level.id: level for level in Level}
Answers = dict[str, frozenset[str]]


class CaseError(ValueError):
    """Answers or a case the widget could never see: unknown ids and the like."""


def _choices(items: Iterable[str]) -> str:
    return ", ".join(items)


def check_answers(raw: Mapping[str, Iterable[str]]) -> Answers:
    """Validate answers given by question id and option ids. Raises CaseError."""
    answers: Answers = {}
    for question_id, values in raw.items():
        question = QUESTIONS_BY_ID.get(question_id)
        if question is None:
            raise CaseError(
                f"unknown question {question_id!r}; questions are: "
                f"{_choices(q.id for q in QUESTIONS)}"
            )
        chosen = list(values)
        for value in chosen:
            if value not in question.option_ids:
                raise CaseError(
                    f"unknown answer {value!r} for {question_id}; answers are: "
                    f"{_choices(o.id for o in question.options)}"
                )
        if not chosen:
            raise CaseError(f"no answer given for {question_id}")
        if question.kind == "radio" and len(set(chosen)) > 1:
            raise CaseError(f"{question_id} takes one answer, got {_choices(chosen)}")
        if NONE in chosen and len(set(chosen)) > 1:
            raise CaseError(f"{question_id}: 'none' cannot be ticked with other answers")
        answers[question_id] = frozenset(chosen)
    kept = prune(answers)
    for question_id in answers.keys() - kept.keys():
        question = QUESTIONS_BY_ID[question_id]
        raise CaseError(
            f"{question_id} is not asked for these answers ({question.asked_when_words} "
            f"Exactly: {question.asked_when.describe()})"
        )
    return answers


def parse_pairs(pairs: Iterable[str]) -> Answers:
    """``question=option`` words from the command line; ``a,b`` or a repeated
    question for checkboxes."""
    raw: dict[str, list[str]] = {}
    for pair in pairs:
        question_id, equals, values = pair.partition("=")
        if not equals or not question_id or not values:
            raise CaseError(f"expected question=answer, got {pair!r}")
        raw.setdefault(question_id.strip(), []).extend(v.strip() for v in values.split(","))
    return check_answers(raw)


@dataclass(frozen=True)
class Walk:
    outcome: Outcome
    answers: Answers  # the answers the flow actually took
    not_reached: tuple[str, ...]  # answers given but never asked (the flow stopped)
    skipped_to_advice: bool


def walk(answers: Answers) -> Walk:
    """Answer question by question as a reader would; the outcome they would see.

    A question the case does not answer is skipped with "See what to do now"
    when the flow offers it (the level is already urgent); otherwise the case
    is incomplete (CaseError).
    """
    screen = advance(Submission({}, None, NAV_START, False))
    skipped = False
    for _ in range(len(QUESTIONS) + 1):
        if not isinstance(screen, QuestionScreen):
            break
        question = screen.question
        so_far = dict(screen.answers)
        if question.id in answers:
            so_far[question.id] = answers[question.id]
            screen = advance(Submission(so_far, question.id, NAV_CONTINUE, False))
        elif screen.jump:
            skipped = True
            screen = advance(Submission(so_far, question.id, NAV_ADVICE, False))
        else:
            raise CaseError(
                f"the widget asks {question.id!r} next and the case gives no answer "
                "(a reader can only skip to the advice once the level is urgent)"
            )
    if not isinstance(screen, OutcomeScreen):
        raise CaseError("the flow did not reach the advice")
    not_reached = tuple(q.id for q in QUESTIONS if q.id in answers and q.id not in screen.answers)
    return Walk(screen.outcome, screen.answers, not_reached, skipped)


def describe_outcome(outcome: Outcome) -> str:
    """The assess command's report."""
    lines = [f"level: {outcome.level.id}"]
    lines.append("matched rules:")
    for rule_id in outcome.rule_ids:
        rule = RULES_BY_ID[rule_id]
        lines.append(f"  {rule.id} ({rule.level.id}): {rule.condition_words}")
    lines.append("notes: " + (_choices(outcome.note_ids) if outcome.note_ids else "(none)"))
    if outcome.open_emergency_rules:
        lines.append(
            "emergency rules the questions not answered could still match: "
            + _choices(outcome.open_emergency_rules)
        )
    for heading, signs in (
        (
            "not asked: call the emergency number now, before anything else, if",
            outcome.not_asked_signs,
        ),
        ("call the emergency number now if", outcome.emergency_signs),
        ("call the maternity unit now if", outcome.urgent_signs),
    ):
        if signs:
            lines.append(f"{heading}: {_choices(signs)}")
    if outcome.unanswered:
        lines.append(
            "not answered (counted as not reported, never as a reassuring answer): "
            + _choices(outcome.unanswered)
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Scenario files
# ---------------------------------------------------------------------------

CASE_KEYS = frozenset({"id", "story", "answers", "expect", "notes", "rules", "signs", "reason"})


@dataclass(frozen=True)
class Case:
    id: str
    answers_raw: Mapping[str, Any]
    expect: str
    notes: tuple[str, ...] | None = None
    rules: tuple[str, ...] | None = None
    # The "call now if" signs expected, both lists (ids, order free).
    signs: tuple[str, ...] | None = None
    story: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Result:
    case: Case
    passed: bool
    got: str  # the level reached, or "error"
    problems: tuple[str, ...] = ()
    info: tuple[str, ...] = field(default=())


class ScenarioFileError(ValueError):
    """The file itself cannot be read as a scenario file."""


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ScenarioFileError(f"{where}: expected a string or a list of strings")


def load_cases(text: str) -> list[Case]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFileError(f"not valid TOML: {error}") from error
    extra = set(data) - {"case"}
    if extra:
        raise ScenarioFileError(f"unknown top-level keys: {_choices(sorted(extra))}; use [[case]]")
    tables = data.get("case")
    if not isinstance(tables, list) or not tables:
        raise ScenarioFileError("no [[case]] tables found")
    cases: list[Case] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        where = f"case {number}"
        unknown = set(table) - CASE_KEYS
        if unknown:
            raise ScenarioFileError(f"{where}: unknown keys {_choices(sorted(unknown))}")
        for key in ("id", "answers", "expect"):
            if key not in table:
                raise ScenarioFileError(f"{where}: missing {key!r}")
        case_id = str(table["id"])
        if case_id in seen:
            raise ScenarioFileError(f"{where}: repeated id {case_id!r}")
        seen.add(case_id)
        if not isinstance(table["answers"], dict):
            raise ScenarioFileError(f"{where}: answers must be a table")
        notes = table.get("notes")
        rules = table.get("rules")
        signs = table.get("signs")
        cases.append(
            Case(
                id=case_id,
                answers_raw=table["answers"],
                expect=str(table["expect"]),
                notes=None if notes is None else _strings(notes, f"{where} notes"),
                rules=None if rules is None else _strings(rules, f"{where} rules"),
                signs=None if signs is None else _strings(signs, f"{where} signs"),
                story=str(table.get("story", "")),
                reason=str(table.get("reason", "")),
            )
        )
    return cases


def load_file(path: Path) -> list[Case]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioFileError(f"cannot read {path}: {error.strerror}") from error
    return load_cases(text)


def run_case(case: Case) -> Result:
    try:
        if case.expect not in LEVELS_BY_ID:
            raise CaseError(f"unknown level {case.expect!r}; levels are: {_choices(LEVELS_BY_ID)}")
        for note_id in case.notes or ():
            if note_id not in NOTES_BY_ID:
                raise CaseError(f"unknown note {note_id!r}; notes are: {_choices(NOTES_BY_ID)}")
        for rule_id in case.rules or ():
            if rule_id not in RULES_BY_ID:
                raise CaseError(f"unknown rule {rule_id!r}; rules are: {_choices(RULES_BY_ID)}")
        for sign_id in case.signs or ():
            if sign_id not in SIGNS_BY_ID:
                raise CaseError(f"unknown sign {sign_id!r}; signs are: {_choices(SIGNS_BY_ID)}")
        raw = {
            question: _strings(value, f"answer {question}")
            for question, value in case.answers_raw.items()
        }
        result = walk(check_answers(raw))
    except (CaseError, ScenarioFileError) as error:
        return Result(case, False, "error", (str(error),))

    outcome = result.outcome
    problems: list[str] = []
    if outcome.level.id != case.expect:
        problems.append(
            f"expected {case.expect}, got {outcome.level.id} (rules {_choices(outcome.rule_ids)})"
        )
    if case.notes is not None and set(case.notes) != set(outcome.note_ids):
        problems.append(
            f"expected notes [{_choices(sorted(case.notes))}], "
            f"got [{_choices(sorted(outcome.note_ids))}]"
        )
    if case.rules is not None and set(case.rules) != set(outcome.rule_ids):
        problems.append(
            f"expected rules [{_choices(sorted(case.rules))}], "
            f"got [{_choices(sorted(outcome.rule_ids))}]"
        )
    if case.signs is not None:
        got_signs = {*outcome.not_asked_signs, *outcome.emergency_signs, *outcome.urgent_signs}
        if set(case.signs) != got_signs:
            problems.append(
                f"expected signs [{_choices(sorted(case.signs))}], "
                f"got [{_choices(sorted(got_signs))}]"
            )
    info: list[str] = []
    if result.not_reached:
        info.append(f"not reached (the questions stopped): {_choices(result.not_reached)}")
    if result.skipped_to_advice:
        info.append("skipped to the advice once urgent")
    return Result(case, not problems, outcome.level.id, tuple(problems), tuple(info))


def run_cases(cases: Iterable[Case]) -> list[Result]:
    return [run_case(case) for case in cases]


def table(results: list[Result]) -> str:
    """A plain-text pass/fail table, with the reason for each failure below it."""
    width = max([len("case"), *(len(r.case.id) for r in results)])
    lines = [f"{'#':>3}  {'case':<{width}}  {'expected':<9}  {'got':<9}  result"]
    for number, result in enumerate(results, start=1):
        verdict = "pass" if result.passed else "FAIL"
        lines.append(
            f"{number:>3}  {result.case.id:<{width}}  {result.case.expect:<9}  "
            f"{result.got:<9}  {verdict}"
        )
        lines += [f"     ! {problem}" for problem in result.problems]
        lines += [f"     - {note}" for note in result.info]
    failed = sum(1 for result in results if not result.passed)
    lines.append(f"{len(results)} cases: {len(results) - failed} passed, {failed} failed")
    return "\n".join(lines)

"""The triage engine: pure functions from answers to questions and advice.

No web, no I/O. Answers map a question id to the frozenset of option ids
chosen; a question missing from the map was not answered ("not reported").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from widget.clinical.conditions import Answers, compile_holds, compile_known
from widget.clinical.content import (
    FLOOR_RULE,
    NOTES,
    QUESTIONS,
    ROUTINE_RULE,
    RULES,
    RULES_BY_ID,
    Level,
    Question,
)

MAX_STEPS = len(QUESTIONS)

# Rules that raise the level above the floor (everything but S1 and R1).
RAISING_RULES = tuple(rule for rule in RULES if rule.id not in (FLOOR_RULE, ROUTINE_RULE))

# The conditions compiled once into closures (conditions.compile_holds/compile_known).
_ASKED = {question.id: compile_holds(question.asked_when) for question in QUESTIONS}
_ASKED_KNOWN = tuple((q.id, compile_known(q.asked_when)) for q in QUESTIONS)
_RAISING = tuple((rule, compile_holds(rule.when)) for rule in RAISING_RULES)
# Most urgent first, so the first rule certain to match gives the certain level.
_RAISING_KNOWN = tuple(
    (rule.level, compile_known(rule.when)) for rule in sorted(RAISING_RULES, key=lambda r: -r.level)
)
_ROUTINE = compile_holds(RULES_BY_ID[ROUTINE_RULE].when)
_NOTES = tuple((note, compile_holds(note.when)) for note in NOTES)


@dataclass(frozen=True)
class Outcome:
    level: Level
    rule_ids: tuple[str, ...]  # the rules that matched, most urgent first
    note_ids: tuple[str, ...]
    unanswered: tuple[str, ...]  # questions that apply but were not answered


def is_asked(question: Question, answers: Answers) -> bool:
    return _ASKED[question.id](answers)


# The questions that "asked when" conditions look at: which questions apply
# depends on these answers only, so the result is cached by them.
_ASKED_WHEN_INPUTS = tuple(
    sorted(frozenset().union(*(question.asked_when.questions() for question in QUESTIONS)))
)


def asked_questions(answers: Answers) -> tuple[Question, ...]:
    """The questions that apply to these answers, in order."""
    return _asked_for(tuple(answers.get(question_id) for question_id in _ASKED_WHEN_INPUTS))


@lru_cache(maxsize=256)
def _asked_for(inputs: tuple[frozenset[str] | None, ...]) -> tuple[Question, ...]:
    answers = {
        question_id: value
        for question_id, value in zip(_ASKED_WHEN_INPUTS, inputs, strict=True)
        if value is not None
    }
    return tuple(question for question in QUESTIONS if is_asked(question, answers))


def prune(answers: Answers) -> dict[str, frozenset[str]]:
    """Drop answers to questions that no longer apply (after a changed answer).

    "Asked when" conditions only look at earlier questions, so one pass in
    question order is enough.
    """
    kept: dict[str, frozenset[str]] = {}
    for question in QUESTIONS:
        if question.id in answers and is_asked(question, kept):
            kept[question.id] = answers[question.id]
    return kept


def pending(answers: Answers) -> frozenset[str]:
    """Questions not answered yet that may still be asked."""
    waiting: set[str] = set()
    for question_id, asked_when in _ASKED_KNOWN:
        if question_id not in answers and asked_when(answers, waiting) is not False:
            waiting.add(question_id)
    return frozenset(waiting)


def certain_level(answers: Answers) -> Level | None:
    """The level already certain from the answers so far, whatever comes next.

    Only raising rules count: a level is announced early only when no later
    answer can take it back.
    """
    still_open = pending(answers)
    for level, known in _RAISING_KNOWN:
        if known(answers, still_open) is True:
            return level
    return None


def assess(answers: Answers) -> Outcome:
    """The final advice. Unanswered questions count as "not reported"."""
    matched = sorted(
        (rule for rule, holds in _RAISING if holds(answers)),
        key=lambda rule: -rule.level,
    )
    if matched:
        level = matched[0].level
        rule_ids = tuple(rule.id for rule in matched)
    elif _ROUTINE(answers):
        level, rule_ids = Level.ROUTINE, (ROUTINE_RULE,)
    else:
        level, rule_ids = Level.SOON, (FLOOR_RULE,)
    notes = tuple(note.id for note, holds in _NOTES if level in note.levels and holds(answers))
    unanswered = tuple(q.id for q in asked_questions(answers) if q.id not in answers)
    return Outcome(level, rule_ids, notes, unanswered)


def first_unanswered(answers: Answers) -> Question | None:
    for question in asked_questions(answers):
        if question.id not in answers:
            return question
    return None


def is_finished(answers: Mapping[str, frozenset[str]]) -> bool:
    """Every question that applies is answered, or an emergency is already certain."""
    return certain_level(answers) == Level.EMERGENCY or first_unanswered(answers) is None

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
    EMERGENCY_RULES,
    FLOOR_RULE,
    FROM_24_WEEKS,
    NOTES,
    QUESTIONS,
    ROUTINE_RULE,
    RULES,
    RULES_BY_ID,
    SIGNS,
    Level,
    Note,
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
# Notes are shown only when their condition is certain: a note that a later
# answer could rule out (the reassurance, after a jump to the advice) is not.
_NOTES = tuple((note, compile_known(note.when)) for note in NOTES)
_EMERGENCY_KNOWN = tuple((rule, compile_known(rule.when)) for rule in EMERGENCY_RULES)
# The signs listed on their own (not only for a question not asked): id, its
# list (emergency or urgent), the outcome levels it is listed at, the weeks.
_LISTED_SIGNS = tuple(
    (sign.id, sign.level == Level.EMERGENCY, sign.listed_at, compile_holds(listed_when))
    for sign in SIGNS
    if (listed_when := sign.also_listed_when if sign.when_not_asked else sign.shown_when)
    is not None
)
_REASONS = {
    rule.id: (tuple((compile_holds(r.when), r.text) for r in rule.reasons), rule.reason)
    for rule in RULES
}


@dataclass(frozen=True)
class Outcome:
    """The advice for a set of answers, and everything the outcome page shows
    that depends on them (decided here, so that pages only show it)."""

    level: Level
    rule_ids: tuple[str, ...]  # the rules that matched, most urgent first
    note_ids: tuple[str, ...]
    unanswered: tuple[str, ...]  # questions that apply but were not answered
    # "Why we say this": the reasons of the matched rules of this level, in their order.
    reasons: tuple[str, ...]
    # Sign ids listed under "Call <emergency number> now if:" (below emergency),
    # and under "Call your maternity unit now if:" (below urgent).
    emergency_signs: tuple[str, ...]
    urgent_signs: tuple[str, ...]
    # The emergency rules that questions not asked could still make match (the
    # reader went to the advice early), and their signs, listed first under a
    # heading of their own.
    open_emergency_rules: tuple[str, ...]
    not_asked_signs: tuple[str, ...]
    # 24 weeks or more: no early pregnancy unit among the contacts.
    from_24_weeks: bool


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
    still_open = pending(answers)
    open_rules = _open_emergency_rules(answers, still_open) if level < Level.EMERGENCY else ()
    notes = tuple(
        note.id
        for note, known in _NOTES
        if level in note.levels
        and _shows(note, known(answers, still_open), level)
        and not (note.reassures and open_rules)
    )
    unanswered = tuple(q.id for q in asked_questions(answers) if q.id not in answers)
    # "Why we say this": the reasons for this level only (an urgent reason that
    # names the maternity team would contradict "call the emergency number").
    reasons = tuple(
        dict.fromkeys(
            text
            for rule_id in rule_ids
            if RULES_BY_ID[rule_id].level == level
            for text in _reasons(rule_id, answers)
        )
    )
    not_asked = tuple(
        dict.fromkeys(s for rule_id in open_rules for s in RULES_BY_ID[rule_id].signs)
    )
    emergency_signs, urgent_signs = _signs(answers, level, not_asked)
    return Outcome(
        level,
        rule_ids,
        notes,
        unanswered,
        reasons,
        emergency_signs,
        urgent_signs,
        open_rules,
        not_asked,
        FROM_24_WEEKS.holds(answers),
    )


def _shows(note: Note, verdict: bool | None, level: Level) -> bool:
    """A note shows when its condition is certain, or, for a note declared
    ``when_not_asked``, while a question it depends on is still open because the
    reader went to the advice early (below emergency: an emergency answer ends
    the questions, which is not her choice)."""
    return verdict is True or (verdict is None and note.when_not_asked and level < Level.EMERGENCY)


def _reasons(rule_id: str, answers: Answers) -> tuple[str, ...]:
    """``Rule.reasons_for``, with the conditions compiled."""
    variants, default = _REASONS[rule_id]
    return tuple(text for holds, text in variants if holds(answers)) or (default,)


def _open_emergency_rules(answers: Answers, still_open: frozenset[str]) -> tuple[str, ...]:
    """The emergency rules that some answers to the questions still open could
    make match (three-valued: neither certain nor ruled out; Kleene logic is
    sound, so a rule any completion fires is never left out).

    With every question answered this is empty. After a jump to the advice it
    names what the reader was not asked, so the advice can list its signs.
    """
    return tuple(rule.id for rule, known in _EMERGENCY_KNOWN if known(answers, still_open) is None)


def _signs(
    answers: Answers, level: Level, not_asked: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The usual "call now if" lists for this outcome: every sign that fits the
    level and the weeks (a sign already listed as not asked is not repeated)."""
    emergency: list[str] = []
    urgent: list[str] = []
    for sign_id, is_emergency, listed_at, shown in _LISTED_SIGNS:
        if level in listed_at and shown(answers) and sign_id not in not_asked:
            (emergency if is_emergency else urgent).append(sign_id)
    return tuple(emergency), tuple(urgent)


def first_unanswered(answers: Answers) -> Question | None:
    for question in asked_questions(answers):
        if question.id not in answers:
            return question
    return None


def is_finished(answers: Mapping[str, frozenset[str]]) -> bool:
    """Every question that applies is answered, or an emergency is already certain."""
    return certain_level(answers) == Level.EMERGENCY or first_unanswered(answers) is None

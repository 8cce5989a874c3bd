"""Jumping to the advice never loses an emergency rule (TRIAGE.md, flow rules).

Once the answers mean "urgent", every later question offers "See what to do
now". The questions not asked then may include ones that would make it an
emergency (a blow to the tummy, a low placenta with more than spotting, fluid
with bleeding from 24 weeks, vasa praevia). The advice the jump leads to must
name each such sign under "Call <emergency number> now if:".

The proof walks the real flow (``flow.advance``) through every radio answer and,
for tick-box questions, "none", each option alone and every option together
(emergency rules only ask whether a box is ticked, so these are all the
outcomes a rule can see). At every screen where the jump is offered it takes
the jump and compares the advice with a brute-force answer: for each emergency
rule, try every way of answering the questions still open; if any makes the
rule match, the advice must list the rule's signs. The brute force uses the
rule's own condition (``holds``) and ``tests/oracle.py``'s table of options per
stage, never the engine's three-valued logic.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import cache

import pytest
from hypothesis import given, settings

from tests.clinical.test_triage import any_answers
from tests.oracle import offered
from widget.clinical.content import (
    EMERGENCY_RULES,
    NONE,
    QUESTIONS,
    QUESTIONS_BY_ID,
    SIGNS,
    SIGNS_BY_ID,
    Level,
    Question,
    Rule,
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
from widget.clinical.triage import assess, prune

Answers = dict[str, frozenset[str]]


def choices(question: Question, weeks: str | None) -> list[frozenset[str]]:
    """What a reader can answer: each radio option; for tick-boxes "none",
    each option alone and all of them (the options offered at these weeks)."""
    options = [o.id for o in question.options if offered(question.id, o.id, weeks)]
    if question.kind == "radio":
        return [frozenset({o}) for o in options]
    ticks = [o for o in options if o != NONE]
    return [frozenset({NONE}), *(frozenset({o}) for o in ticks), frozenset(ticks)]


def weeks_of(answers: Answers) -> str | None:
    return next(iter(answers["weeks"])) if "weeks" in answers else None


def inputs_of(rule: Rule) -> tuple[str, ...]:
    """The questions a rule's match can depend on: those it reads, and those
    that decide whether they are asked (the weeks decide the options too)."""
    found = set(rule.when.questions())
    while True:
        more = set().union(*(QUESTIONS_BY_ID[q].asked_when.questions() for q in found))
        more |= {"weeks"}
        if more <= found:
            return tuple(q.id for q in QUESTIONS if q.id in found)
        found |= more


@cache
def _can_match(rule_id: str, known: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    rule = next(r for r in EMERGENCY_RULES if r.id == rule_id)
    answers = dict(known)
    open_questions = [q for q in inputs_of(rule) if q not in answers]

    def completions(index: int, so_far: Answers) -> Iterator[Answers]:
        if index == len(open_questions):
            yield so_far
            return
        question = QUESTIONS_BY_ID[open_questions[index]]
        yield from completions(index + 1, so_far)  # not asked, or not answered
        for choice in choices(question, weeks_of(so_far)):
            yield from completions(index + 1, {**so_far, question.id: choice})

    return any(rule.when.holds(prune(c)) for c in completions(0, answers))


def rules_some_answers_could_fire(answers: Answers) -> list[Rule]:
    """Brute force: the emergency rules that some answers to the questions not
    answered yet would make match."""
    return [
        rule
        for rule in EMERGENCY_RULES
        if _can_match(rule.id, tuple((q, answers[q]) for q in inputs_of(rule) if q in answers))
    ]


def jump_states() -> Iterator[tuple[Answers, QuestionScreen]]:
    """Every question screen of the real flow where the jump is offered, and
    where some emergency rule is still possible. (Once no answers to the
    questions left could fire one, no later screen can either: its questions
    left are fewer. The walk stops there; nothing is left to lose.)"""
    stack = [advance(Submission({}, None, NAV_START, False))]
    while stack:
        screen = stack.pop()
        if not isinstance(screen, QuestionScreen):
            continue
        answers = dict(screen.answers)
        if not rules_some_answers_could_fire(answers):
            continue
        if screen.jump:
            yield answers, screen
        question = screen.question
        for choice in choices(question, weeks_of(answers)):
            stack.append(
                advance(
                    Submission({**answers, question.id: choice}, question.id, NAV_CONTINUE, False)
                )
            )


@pytest.fixture(scope="module")
def jumps() -> list[tuple[Answers, OutcomeScreen]]:
    found = []
    for answers, screen in jump_states():
        jumped = advance(Submission(answers, screen.question.id, NAV_ADVICE, False))
        assert isinstance(jumped, OutcomeScreen), answers
        found.append((answers, jumped))
    return found


def test_the_walk_reaches_every_stage_and_jump_point(jumps):
    seen = {(weeks_of(a), len(a)) for a, _ in jumps}
    # The jump is offered at every stage, from question 3 at 12 to 36 weeks.
    for weeks in ("under_6", "6_to_11", "12_to_23", "24_to_36", "37_plus", "unknown"):
        assert any(w == weeks for w, _ in seen), weeks
    assert ("12_to_23", 2) in seen and ("24_to_36", 2) in seen
    assert len(jumps) > 1_000


def test_jumping_never_loses_an_emergency_rule(jumps):
    """For every jump point and every emergency rule that any answers to the
    questions not asked would fire, the advice lists that rule's signs."""
    checked = 0
    for answers, jumped in jumps:
        outcome = jumped.outcome
        assert outcome.level in (Level.URGENT,), answers  # emergency ends the questions
        listed = set(outcome.not_asked_signs)
        for rule in rules_some_answers_could_fire(answers):
            missing = set(rule.signs) - listed
            assert not missing, (answers, rule.id, missing)
            checked += 1
    assert checked > 1_000


def test_the_jump_names_no_sign_that_the_answers_already_rule_out(jumps):
    """The signs of questions not asked fit what she told us: no "fluid with
    bleeding" at 12 to 23 weeks (E3 is from 24 weeks), no low placenta with
    bleeding once she said spotting."""
    for answers, jumped in jumps:
        possible = {s for rule in rules_some_answers_could_fire(answers) for s in rule.signs}
        unasked = set(jumped.outcome.not_asked_signs)
        assert unasked <= possible, (answers, unasked - possible)


def test_every_emergency_rule_names_its_signs_in_words():
    unasked = {sign.id for sign in SIGNS if sign.when_not_asked}
    for rule in EMERGENCY_RULES:
        assert rule.signs, rule.id
        for sign_id in rule.signs:
            assert SIGNS_BY_ID[sign_id].level == Level.EMERGENCY, (rule.id, sign_id)
    # Every sign that is only for questions not asked belongs to some rule.
    assert unasked <= {s for rule in EMERGENCY_RULES for s in rule.signs}


@settings(max_examples=600, deadline=None)
@given(any_answers)
def test_any_unfinished_answers_list_the_signs_of_every_rule_still_possible(answers):
    """Answers with gaps anywhere (a changed answer brings in a new question,
    or a reviewer's partial case): the advice below emergency still names every
    emergency rule the open questions could fire."""
    outcome = assess(answers)
    if outcome.level == Level.EMERGENCY:
        assert outcome.emergency_signs == () == outcome.urgent_signs == outcome.not_asked_signs
        return
    for rule in rules_some_answers_could_fire(answers):
        assert set(rule.signs) <= set(outcome.not_asked_signs), (answers, rule.id)


def test_at_12_to_23_weeks_the_jump_after_question_3_names_the_fall_placenta_and_vasa_praevia():
    answers = {
        "danger": frozenset({NONE}),
        "weeks": frozenset({"12_to_23"}),
        "amount": frozenset({"light"}),
    }
    screen = advance(Submission(answers, "amount", NAV_CONTINUE, False))
    assert isinstance(screen, QuestionScreen) and screen.jump
    jumped = advance(Submission(answers, screen.question.id, NAV_ADVICE, False))
    assert isinstance(jumped, OutcomeScreen)
    outcome = jumped.outcome
    assert outcome.level == Level.URGENT
    assert outcome.open_emergency_rules == ("E2", "E4", "E5")
    assert outcome.not_asked_signs == ("injury", "low_placenta_bleeding", "vasa_praevia")
    assert "fluid_with_bleeding" not in outcome.not_asked_signs  # E3 is from 24 weeks
    assert not set(outcome.not_asked_signs) & set(outcome.emergency_signs)  # not repeated


def test_with_the_weeks_unknown_the_jump_names_fluid_with_bleeding_too():
    answers = {
        "danger": frozenset({NONE}),
        "weeks": frozenset({"unknown"}),
        "amount": frozenset({"period_like"}),
    }
    jumped = advance(Submission(answers, "clots", NAV_ADVICE, False))
    assert isinstance(jumped, OutcomeScreen)
    assert jumped.outcome.open_emergency_rules == ("E2", "E3", "E4", "E5")
    assert {"injury", "fluid_with_bleeding", "low_placenta_bleeding", "vasa_praevia"} <= set(
        jumped.outcome.not_asked_signs
    )


def test_once_the_questions_are_answered_no_sign_of_a_question_not_asked_is_listed():
    answers = {
        "danger": frozenset({NONE}),
        "weeks": frozenset({"12_to_23"}),
        "amount": frozenset({"spotting"}),
        "clots": frozenset({"no"}),
        "symptoms": frozenset({NONE}),
        "injury": frozenset({"no"}),
        "history": frozenset({NONE}),
        "after_sex": frozenset({"no"}),
        "pattern": frozenset({"once_stopped"}),
    }
    outcome = assess(answers)
    assert outcome.open_emergency_rules == () == outcome.not_asked_signs
    assert not any(SIGNS_BY_ID[s].when_not_asked for s in outcome.emergency_signs)


def test_the_emergency_outcome_ends_the_questions_and_lists_no_signs():
    screen = advance(Submission({"danger": frozenset({"faint"})}, "danger", NAV_CONTINUE, False))
    assert isinstance(screen, OutcomeScreen)
    assert screen.outcome.level == Level.EMERGENCY
    assert screen.outcome.emergency_signs == () == screen.outcome.urgent_signs
    assert screen.outcome.open_emergency_rules == () == screen.outcome.not_asked_signs


def test_the_jump_is_not_offered_before_the_answers_mean_urgent():
    answers = {"danger": frozenset({NONE}), "weeks": frozenset({"6_to_11"})}
    screen = advance(Submission(answers, "weeks", NAV_CONTINUE, False))
    assert isinstance(screen, QuestionScreen) and not screen.jump
    stay = advance(Submission(answers, screen.question.id, NAV_ADVICE, False))
    assert isinstance(stay, QuestionScreen) and stay.question.id == "amount"


def test_the_walk_offers_the_options_the_oracle_says_fit_the_weeks():
    for weeks, question_id in itertools.product(
        ("under_6", "6_to_11", "12_to_23", "24_to_36", "37_plus", "unknown"),
        ("symptoms", "history"),
    ):
        question = QUESTIONS_BY_ID[question_id]
        got = [o.id for o in question.offered({"weeks": frozenset({weeks})})]
        assert got == [o.id for o in question.options if offered(question_id, o.id, weeks)]


def test_a_jump_past_the_injury_question_shows_the_support_for_someone_being_hurt():
    """The family-violence note is for 'yes' and 'rather not say'; a reader who
    went to the advice before the injury question gets it too (she may have
    skipped it for that reason)."""
    answers = {"danger": frozenset({NONE}), "weeks": frozenset({"12_to_23"})}
    jumped = advance(Submission(answers, "amount", NAV_ADVICE, False))
    assert isinstance(jumped, OutcomeScreen)
    assert "injury_support" in jumped.outcome.note_ids
    answered = {**answers, "amount": frozenset({"spotting"}), "clots": frozenset({"no"})}
    answered |= {"symptoms": frozenset({NONE}), "injury": frozenset({"no"})}
    after_no = advance(Submission(answered, "history", NAV_ADVICE, False))
    assert isinstance(after_no, OutcomeScreen)
    assert "injury_support" not in after_no.outcome.note_ids


def test_a_reader_who_would_rather_not_say_keeps_the_injury_sign_in_the_list():
    """'I'd rather not say' is urgent (U9), not an emergency: the usual list
    keeps 'something hit or hurt your tummy', so she can decide in private."""
    answers = {
        "danger": frozenset({NONE}),
        "weeks": frozenset({"6_to_11"}),
        "amount": frozenset({"spotting"}),
        "clots": frozenset({"no"}),
        "symptoms": frozenset({NONE}),
        "injury": frozenset({"prefer_not_to_say"}),
    }
    outcome = assess(answers)
    assert outcome.level == Level.URGENT
    assert "injury" in outcome.emergency_signs and "injury" not in outcome.not_asked_signs
    said_no = assess({**answers, "injury": frozenset({"no"})})
    assert "injury" not in said_no.emergency_signs + said_no.not_asked_signs

"""Navigation over the engine: paths, back, change, the advice jump."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.oracle import expected_level
from widget.clinical.content import NONE, QUESTIONS, QUESTIONS_BY_ID, Level
from widget.clinical.flow import (
    ERROR_NONE_AND_OTHERS,
    ERROR_REQUIRED_CHECKBOX,
    ERROR_REQUIRED_RADIO,
    BadState,
    OutcomeScreen,
    QuestionScreen,
    StartScreen,
    Submission,
    advance,
    parse,
)
from widget.clinical.triage import MAX_STEPS


def submit(answers, step, nav="continue", review=False):
    pairs = [(q, v) for q, values in answers.items() for v in sorted(values)]
    pairs.append(("nav", nav))
    if step:
        pairs.append(("step", step))
    if review:
        pairs.append(("review", "1"))
    return advance(parse(pairs, frozenset()))


def test_start_shows_the_danger_question_first():
    screen = advance(Submission({}, None, "start", False))
    assert isinstance(screen, QuestionScreen)
    assert screen.question.id == "danger"
    assert screen.number == 1


def test_any_red_flag_ends_the_questions_at_once():
    screen = submit({"danger": {"faint"}}, "danger")
    assert isinstance(screen, OutcomeScreen)
    assert screen.outcome.level == Level.EMERGENCY


def test_nothing_chosen_is_a_validation_error_for_radio_and_checkbox():
    radio = submit({"danger": {"none"}}, "weeks")
    assert isinstance(radio, QuestionScreen) and radio.error == ERROR_REQUIRED_RADIO
    checkbox = submit({}, "danger")
    assert isinstance(checkbox, QuestionScreen) and checkbox.error == ERROR_REQUIRED_CHECKBOX


def test_none_with_other_boxes_is_a_validation_error_on_the_current_step():
    screen = submit({"danger": {"none", "faint"}}, "danger")
    assert isinstance(screen, QuestionScreen)
    assert screen.error == ERROR_NONE_AND_OTHERS


def test_none_with_other_boxes_in_the_hidden_state_is_bad_state():
    with pytest.raises(BadState):
        submit({"danger": {"none", "faint"}, "weeks": {"6_to_11"}}, "weeks")


@pytest.mark.parametrize(
    "pairs",
    [
        [("colour", "red")],
        [("danger", "explode")],
        [("weeks", "6_to_11"), ("weeks", "12_to_23")],
        [("danger", "none"), ("danger", "none")],
        [("step", "nope")],
        [("nav", "sideways")],
        [("nav", "change:nope")],
        [("step", "weeks"), ("step", "weeks")],
    ],
)
def test_impossible_forms_are_bad_state(pairs):
    with pytest.raises(BadState):
        advance(parse(pairs, frozenset()))


def test_a_step_that_does_not_apply_is_bad_state():
    with pytest.raises(BadState):
        submit({"danger": {"none"}, "weeks": {"6_to_11"}}, "movements")


def test_back_goes_to_the_previous_question_with_its_answer():
    answers = {"danger": {"none"}, "weeks": {"6_to_11"}}
    screen = submit(answers, "amount", nav="back")
    assert isinstance(screen, QuestionScreen)
    assert screen.question.id == "weeks"
    assert screen.selected == {"6_to_11"}


def test_back_from_the_first_question_goes_to_the_start():
    assert isinstance(submit({}, "danger", nav="back"), StartScreen)


def test_back_then_continue_walks_forward_one_question():
    answers = {"danger": {"none"}, "weeks": {"6_to_11"}, "amount": {"light"}}
    screen = submit(answers, "weeks")
    assert isinstance(screen, QuestionScreen)
    assert screen.question.id == "amount"
    assert screen.selected == {"light"}


def test_change_from_the_summary_returns_to_the_first_gap_then_the_outcome():
    answers = FULL_EARLY
    change = submit(answers, None, nav="change:weeks")
    assert isinstance(change, QuestionScreen) and change.review
    # Changing weeks to 24-36 brings in the movements question, then the outcome.
    moved = dict(answers, weeks={"24_to_36"})
    screen = submit(moved, "weeks", review=True)
    assert isinstance(screen, QuestionScreen) and screen.question.id == "movements"
    screen = submit(dict(moved, movements={"as_usual"}), "movements", review=True)
    assert isinstance(screen, OutcomeScreen)
    assert screen.outcome.level == Level.URGENT
    assert "scan" not in screen.answers  # no longer applies, dropped


FULL_EARLY = {
    "danger": {"none"},
    "weeks": {"6_to_11"},
    "amount": {"spotting"},
    "clots": {"no"},
    "symptoms": {"none"},
    "injury": {"no"},
    "history": {"none"},
    "scan": {"yes"},
    "after_sex": {"yes"},
    "pattern": {"once_stopped"},
}


def test_change_keeps_the_other_answers():
    screen = submit(dict(FULL_EARLY, clots={"yes"}), "clots", review=True)
    assert isinstance(screen, OutcomeScreen)
    assert screen.answers["after_sex"] == {"yes"}
    assert screen.outcome.level == Level.URGENT


def test_the_advice_jump_names_the_emergency_signs_of_the_questions_not_asked():
    """The jump is offered once urgent is certain; its advice keeps every
    emergency rule the skipped questions could still fire (tests/clinical/
    test_jump.py proves it for every jump point)."""
    early = {"danger": {"none"}, "weeks": {"6_to_11"}}
    stay = submit(early, "amount", nav="advice")
    assert isinstance(stay, QuestionScreen) and not stay.jump
    urgent = {"danger": {"none"}, "weeks": {"12_to_23"}}
    jump = submit(urgent, "amount", nav="advice")
    assert isinstance(jump, OutcomeScreen)
    assert jump.outcome.level == Level.URGENT
    assert "amount" in jump.outcome.unanswered
    assert {"injury", "low_placenta_bleeding", "vasa_praevia"} <= set(jump.outcome.not_asked_signs)


def test_options_and_hints_fit_the_weeks_answered():
    answers = {"danger": {"none"}, "weeks": {"6_to_11"}, "amount": {"spotting"}, "clots": {"no"}}
    early = submit(answers, "clots")
    assert isinstance(early, QuestionScreen) and early.question.id == "symptoms"
    offered = [o.id for o in early.options]
    assert "contractions" not in offered and "bowel_bladder_pain" in offered
    late = submit({**answers, "weeks": {"37_plus"}}, "clots")
    assert isinstance(late, QuestionScreen)
    offered = [o.id for o in late.options]
    assert "contractions" in offered and "bowel_bladder_pain" not in offered
    clots = submit({"danger": {"none"}, "weeks": {"37_plus"}, "amount": {"spotting"}}, "amount")
    assert isinstance(clots, QuestionScreen) and clots.question.id == "clots"
    assert len(clots.hints) == 2 and "is not tissue" in clots.hints[1]
    early_clots = submit({"danger": {"none"}, "weeks": {"6_to_11"}, "amount": {"light"}}, "amount")
    assert isinstance(early_clots, QuestionScreen) and len(early_clots.hints) == 1


def test_an_answer_no_longer_offered_after_a_change_of_weeks_is_kept():
    """Never lower the advice by dropping a worrying answer: a tightening ticked
    at 24 weeks still counts when the weeks are changed to 6 to 11."""
    screen = submit(dict(FULL_EARLY, symptoms={"contractions"}), "weeks", review=True)
    assert isinstance(screen, OutcomeScreen)
    assert screen.answers["symptoms"] == {"contractions"}
    assert screen.outcome.level == Level.URGENT


def test_urgent_banner_level_is_known_from_the_answers_so_far():
    screen = submit({"danger": {"none"}, "weeks": {"24_to_36"}}, "weeks")
    assert isinstance(screen, QuestionScreen)
    assert screen.certain == Level.URGENT


def test_no_banner_while_a_later_answer_could_lower_the_level():
    # At 37+ weeks a show (asked last) can still make this routine.
    screen = submit({"danger": {"none"}, "weeks": {"37_plus"}, "amount": {"spotting"}}, "amount")
    assert isinstance(screen, QuestionScreen)
    assert screen.certain is None


def test_stay_shows_the_same_question_without_an_error():
    screen = submit({"danger": {"none"}}, "weeks", nav="stay")
    assert isinstance(screen, QuestionScreen)
    assert screen.question.id == "weeks" and screen.error is None


@settings(max_examples=examples(400), deadline=None)
@given(st.data())
def test_every_path_ends_in_the_right_outcome_within_twelve_steps(data):
    answers: dict[str, set[str]] = {}
    screen = advance(Submission({}, None, "start", False))
    steps = 0
    while isinstance(screen, QuestionScreen):
        steps += 1
        assert steps <= MAX_STEPS == 12
        question = screen.question
        options = sorted(option.id for option in screen.options)
        if question.kind == "radio":
            chosen = {data.draw(st.sampled_from(options))}
        elif data.draw(st.booleans()):
            chosen = {NONE}
        else:
            others = sorted(set(options) - {NONE})
            chosen = set(data.draw(st.lists(st.sampled_from(others), min_size=1, unique=True)))
        answers[question.id] = chosen
        screen = submit(answers, question.id)
    assert isinstance(screen, OutcomeScreen)
    frozen = {q: frozenset(v) for q, v in screen.answers.items()}
    assert screen.outcome.level.id == expected_level(frozen)
    if screen.outcome.level != Level.EMERGENCY:
        # Reached by answering: every question that applies was answered.
        assert screen.outcome.unanswered == ()


def test_questions_are_twelve_with_unique_ids_and_a_none_in_every_checkbox():
    assert [q.id for q in QUESTIONS] == [
        "danger", "weeks", "amount", "clots", "symptoms", "movements",
        "injury", "history", "scan", "after_sex", "pattern", "show",
    ]  # fmt: skip
    for question in QUESTIONS:
        if question.kind == "checkbox":
            assert NONE in question.option_ids
    assert QUESTIONS_BY_ID["danger"].kind == "checkbox"

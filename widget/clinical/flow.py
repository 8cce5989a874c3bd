"""Step-by-step navigation over the engine, still pure (no web).

A posted form carries every answer so far (the state travels in the form),
the question that was on screen (``step``) and what the reader asked for
(``nav``). ``advance`` turns that into the next screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from widget.clinical.content import (
    N_,
    QUESTIONS,
    QUESTIONS_BY_ID,
    Level,
    Option,
    Question,
    Validity,
    urgent_or_worse,
)
from widget.clinical.triage import (
    Outcome,
    asked_questions,
    assess,
    certain_level,
    first_unanswered,
    prune,
)

# Form fields that are not questions. Other modules may read more of them
# (``lang``, ``region``, ``partner``…), but the flow owns these.
NAV_FIELDS = frozenset({"step", "nav", "review"})

NAV_START = "start"
NAV_CONTINUE = "continue"
NAV_BACK = "back"
NAV_ADVICE = "advice"
# Show the same screen again, e.g. after switching language: no validation.
NAV_STAY = "stay"
NAV_CHANGE_PREFIX = "change:"

# Error messages (translated when shown).
# Translators: Error under a question with no answer chosen (and in the error
# summary). Say what to do; no blame.
ERROR_REQUIRED_RADIO = N_("Select one answer")
# Translators: Error under a tick-box question with nothing ticked. 'None of
# these' must be the same words as the option.
ERROR_REQUIRED_CHECKBOX = N_("Select all that apply, or 'None of these'")
# Translators: Error when 'None of these' is ticked with other boxes. Same
# words for 'None of these' as the option.
ERROR_NONE_AND_OTHERS = N_("Select 'None of these' on its own, or untick it")


class BadState(Exception):
    """The form does not make sense: unknown ids, repeated or contradictory
    values. Answered with a kind 400 page offering to start again."""


@dataclass(frozen=True)
class Submission:
    answers: dict[str, frozenset[str]]
    step: str | None
    nav: str
    review: bool
    # An invalid answer to the question on screen: the error to show.
    step_error: str | None = None


@dataclass(frozen=True)
class QuestionScreen:
    question: Question
    number: int
    answers: Mapping[str, frozenset[str]]
    review: bool
    error: str | None = None
    # The level already certain (urgent or above shows the "call now" banner).
    certain: Level | None = None

    @property
    def options(self) -> tuple[Option, ...]:
        """The options offered: those that fit the weeks answered."""
        return self.question.offered(self.answers)

    @property
    def hints(self) -> tuple[str, ...]:
        """The hint sentences that fit the answers (the weeks)."""
        return self.question.hints(self.answers)

    @property
    def selected(self) -> frozenset[str]:
        return self.answers.get(self.question.id, frozenset())

    @property
    def jump(self) -> bool:
        """The urgent banner and "See what to do now" are offered: the answers
        already mean urgent or worse. The advice it leads to lists the sign of
        every emergency rule the questions not asked could still make match
        (triage.assess), so jumping never loses an emergency rule."""
        return urgent_or_worse(self.certain)


@dataclass(frozen=True)
class StartScreen:
    answers: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class OutcomeScreen:
    outcome: Outcome
    answers: dict[str, frozenset[str]]


Screen = QuestionScreen | StartScreen | OutcomeScreen


def parse(pairs: Iterable[tuple[str, str]], other_fields: frozenset[str]) -> Submission:
    """Read a form body. Raises BadState for anything a real form can't send.

    ``other_fields`` are non-question fields other modules own; each may
    appear once.
    """
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)

    for name, items in values.items():
        if name in NAV_FIELDS or name in other_fields:
            if len(items) > 1:
                raise BadState(f"repeated field {name!r}")
        elif name not in QUESTIONS_BY_ID:
            raise BadState(f"unknown field {name!r}")

    step = _single(values, "step")
    if step is not None and step not in QUESTIONS_BY_ID:
        raise BadState("unknown step")
    nav = _single(values, "nav") or (NAV_CONTINUE if step else NAV_START)
    if not _valid_nav(nav):
        raise BadState("unknown nav")
    review = _single(values, "review") == "1"

    answers: dict[str, frozenset[str]] = {}
    step_error: str | None = None
    for question in QUESTIONS:
        chosen = values.get(question.id)
        if chosen is None:
            continue
        validity = question.check(chosen)
        if validity is Validity.INVALID:
            raise BadState(f"bad answer to {question.id}")
        if validity is Validity.NONE_WITH_OTHERS:
            if question.id != step:
                raise BadState(f"'none' with others in {question.id}")
            step_error = ERROR_NONE_AND_OTHERS
            continue
        answers[question.id] = frozenset(chosen)
    return Submission(answers, step, nav, review, step_error)


def _single(values: dict[str, list[str]], name: str) -> str | None:
    items = values.get(name)
    return items[0] if items else None


def _valid_nav(nav: str) -> bool:
    if nav.startswith(NAV_CHANGE_PREFIX):
        return nav.removeprefix(NAV_CHANGE_PREFIX) in QUESTIONS_BY_ID
    return nav in (NAV_START, NAV_CONTINUE, NAV_BACK, NAV_ADVICE, NAV_STAY)


def required_error(question: Question) -> str:
    return ERROR_REQUIRED_RADIO if question.kind == "radio" else ERROR_REQUIRED_CHECKBOX


def advance(submission: Submission) -> Screen:
    """The next screen for a submission. Raises BadState for impossible navigation."""
    answers = prune(submission.answers)
    nav = submission.nav
    certain = certain_level(answers)  # the answers do not change below: computed once

    if nav == NAV_START:
        return _question(QUESTIONS[0], answers, certain, review=False)

    step = QUESTIONS_BY_ID[submission.step] if submission.step else None
    if step is not None and step not in asked_questions(answers):
        raise BadState("the question on screen does not apply")

    if nav == NAV_STAY:
        return _same_screen(step, answers, certain, submission.review)

    if nav == NAV_BACK:
        if step is None:
            return StartScreen()
        earlier = _before(step, answers)
        return _question(earlier, answers, certain, submission.review) if earlier else StartScreen()

    if nav.startswith(NAV_CHANGE_PREFIX):
        question = QUESTIONS_BY_ID[nav.removeprefix(NAV_CHANGE_PREFIX)]
        if question not in asked_questions(answers):
            raise BadState("cannot change a question that does not apply")
        return _question(question, answers, certain, review=True)

    if nav == NAV_ADVICE and urgent_or_worse(certain):
        return OutcomeScreen(assess(answers), answers)

    # Continue (or an advice jump that is not allowed yet: stay on the step).
    if step is None:
        raise BadState("continue without a step")
    if submission.step_error or step.id not in answers:
        error = submission.step_error or required_error(step)
        return _question(step, answers, certain, submission.review, error=error)
    if certain == Level.EMERGENCY:
        return OutcomeScreen(assess(answers), answers)

    following = first_unanswered(answers) if submission.review else _after(step, answers)
    if following is None:
        following = first_unanswered(answers)
    if following is None:
        return OutcomeScreen(assess(answers), answers)
    return _question(following, answers, certain, submission.review)


def _same_screen(
    step: Question | None,
    answers: dict[str, frozenset[str]],
    certain: Level | None,
    review: bool,
) -> Screen:
    if step is not None:
        return _question(step, answers, certain, review)
    if not answers:
        return StartScreen()
    if urgent_or_worse(certain):
        return OutcomeScreen(assess(answers), answers)
    following = first_unanswered(answers)
    if following is None:
        return OutcomeScreen(assess(answers), answers)
    return _question(following, answers, certain, review)


def _question(
    question: Question,
    answers: dict[str, frozenset[str]],
    certain: Level | None,
    review: bool,
    error: str | None = None,
) -> QuestionScreen:
    asked = asked_questions(answers)
    return QuestionScreen(
        question=question,
        number=asked.index(question) + 1,
        answers=answers,
        review=review,
        error=error,
        certain=certain,
    )


def _before(question: Question, answers: dict[str, frozenset[str]]) -> Question | None:
    asked = asked_questions(answers)
    index = asked.index(question)
    return asked[index - 1] if index > 0 else None


def _after(question: Question, answers: dict[str, frozenset[str]]) -> Question | None:
    asked = asked_questions(answers)
    index = asked.index(question)
    return asked[index + 1] if index + 1 < len(asked) else None

"""Conditions over answers: the tiny language the clinical rules are written in.

A condition is data, so the engine can evaluate it, the rules page can put it
in words, and the flow graph can draw it, all from the one declaration.

Answers map a question id to the set of option ids chosen (a radio answer is
a set of one). A question with no entry was not answered ("not reported").

Two ways to evaluate:

* ``holds(answers)`` is the final verdict: a question not answered has no
  options chosen.
* ``known(answers, pending)`` is three-valued (Kleene) logic used *during* the
  questions: a question in ``pending`` may still be answered, so anything that
  depends on it is ``None`` (not known yet). It tells what is already certain,
  so a banner never announces a level that a later answer could take back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

Answers = Mapping[str, frozenset[str]]


class Condition(Protocol):
    def holds(self, answers: Answers) -> bool: ...

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None: ...

    def questions(self) -> frozenset[str]: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class AnyOf:
    """The answer to ``question`` includes at least one of ``options``."""

    question: str
    options: tuple[str, ...]

    def holds(self, answers: Answers) -> bool:
        return not answers.get(self.question, frozenset()).isdisjoint(self.options)

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None:
        if self.question not in answers and self.question in pending:
            return None
        return self.holds(answers)

    def questions(self) -> frozenset[str]:
        return frozenset({self.question})

    def describe(self) -> str:
        if len(self.options) == 1:
            return f"{self.question} is {self.options[0]}"
        return f"{self.question} is any of {', '.join(self.options)}"


@dataclass(frozen=True)
class Not:
    inner: Condition

    def holds(self, answers: Answers) -> bool:
        return not self.inner.holds(answers)

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None:
        value = self.inner.known(answers, pending)
        return None if value is None else not value

    def questions(self) -> frozenset[str]:
        return self.inner.questions()

    def describe(self) -> str:
        return f"not ({self.inner.describe()})"


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return all(part.holds(answers) for part in self.parts)

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None:
        values = [part.known(answers, pending) for part in self.parts]
        if False in values:
            return False
        return None if None in values else True

    def questions(self) -> frozenset[str]:
        return frozenset().union(*(part.questions() for part in self.parts))

    def describe(self) -> str:
        return " and ".join(_grouped(part) for part in self.parts)


@dataclass(frozen=True)
class Any:
    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return any(part.holds(answers) for part in self.parts)

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None:
        values = [part.known(answers, pending) for part in self.parts]
        if True in values:
            return True
        return None if None in values else False

    def questions(self) -> frozenset[str]:
        return frozenset().union(*(part.questions() for part in self.parts))

    def describe(self) -> str:
        return " or ".join(_grouped(part) for part in self.parts)


@dataclass(frozen=True)
class Always:
    def holds(self, answers: Answers) -> bool:
        return True

    def known(self, answers: Answers, pending: frozenset[str]) -> bool | None:
        return True

    def questions(self) -> frozenset[str]:
        return frozenset()

    def describe(self) -> str:
        return "always"


def _grouped(part: Condition) -> str:
    text = part.describe()
    return f"({text})" if isinstance(part, All | Any) else text


def is_(question: str, *options: str) -> AnyOf:
    """Shorthand used by the content: ``is_("weeks", "12_to_23", "24_to_36")``."""
    return AnyOf(question, options)


def all_(*parts: Condition) -> All:
    return All(parts)


def any_(*parts: Condition) -> Any:
    return Any(parts)


ALWAYS = Always()

Holds = Callable[[Answers], bool]
Known = Callable[[Answers, Collection[str]], bool | None]


def compile_holds(condition: Condition) -> Holds:
    """``condition.holds`` as one closure, built once at start-up (same verdicts)."""
    if isinstance(condition, AnyOf):
        question, options = condition.question, frozenset(condition.options)
        return lambda answers: not options.isdisjoint(answers.get(question, ()))
    if isinstance(condition, Not):
        inner = compile_holds(condition.inner)
        return lambda answers: not inner(answers)
    if isinstance(condition, All | Any):
        parts, test = tuple(map(compile_holds, condition.parts)), _all_or_any(condition)
        return lambda answers: test(part(answers) for part in parts)
    return condition.holds


def compile_known(condition: Condition) -> Known:
    """``condition.known`` as one closure, built once at start-up (same verdicts)."""
    if isinstance(condition, AnyOf):
        question, options = condition.question, frozenset(condition.options)

        def any_of(answers: Answers, pending: Collection[str]) -> bool | None:
            if question not in answers and question in pending:
                return None
            return not options.isdisjoint(answers.get(question, ()))

        return any_of
    if isinstance(condition, Not):
        inner = compile_known(condition.inner)
        return lambda answers, pending: (
            None if (value := inner(answers, pending)) is None else not value
        )
    if isinstance(condition, All | Any):
        parts = tuple(map(compile_known, condition.parts))
        decisive = isinstance(condition, Any)  # the value that settles it: True for Any

        def combined(answers: Answers, pending: Collection[str]) -> bool | None:
            unknown = False
            for part in parts:
                value = part(answers, pending)
                if value is decisive:
                    return decisive
                unknown = unknown or value is None
            return None if unknown else not decisive

        return combined
    return condition.known  # type: ignore[return-value]


def _all_or_any(condition: All | Any) -> Callable[[Iterable[bool]], bool]:
    return any if isinstance(condition, Any) else all

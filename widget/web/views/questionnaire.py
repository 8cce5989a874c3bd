"""The questionnaire: the start page (``GET /``) and every step (``POST /step``),
as full pages or htmx partials. A step reads the form, asks the clinical flow
(widget.clinical.flow) for the next screen and renders it: the state travels
only in the form."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from starlette.requests import Request
from starlette.responses import Response

from widget.clinical import content
from widget.clinical.content import Question
from widget.clinical.flow import BadState, QuestionScreen, StartScreen, advance, parse
from widget.clinical.regions import REGIONS, regions_for_language
from widget.clinical.triage import Outcome, asked_questions
from widget.i18n.locales import LocaleInfo
from widget.web.clinician import SUMMARY_FIELD, clinician_summary, summary_locale
from widget.web.forms import FormError, read_form
from widget.web.reader import (
    OTHER_FIELDS,
    ReaderPage,
    UnknownPartner,
    base_context,
    carried,
    embed_id,
    reader_of,
    region_name,
)
from widget.web.rendering import Renderer, render


@dataclass(frozen=True)
class StartPage(ReaderPage):
    template: ClassVar[str] = "start.html"

    def context(self, renderer: Renderer) -> dict[str, Any]:
        first, others = region_choices(self.locale)
        return base_context(self.reader) | {"regions_first": first, "regions_other": others}


@dataclass(frozen=True)
class QuestionPage(ReaderPage):
    """question.html reads this page as ``screen``: never the answers (they go into slots)."""

    template: ClassVar[str] = "question.html"
    question: Question
    number: int
    review: bool
    error: str | None
    jump: bool  # the urgent banner and "See what to do now" (flow.QuestionScreen.jump)
    options: tuple[content.Option, ...]  # those that fit the weeks answered
    hints: tuple[str, ...]

    def context(self, renderer: Renderer) -> dict[str, Any]:
        return base_context(self.reader) | {"screen": self, "question": self.question}


@dataclass(frozen=True)
class OutcomePage(ReaderPage):
    template: ClassVar[str] = "outcome.html"
    outcome: Outcome
    asked: tuple[Question, ...]
    second: LocaleInfo | None  # the clinician summary's second language
    summary_open: bool

    def context(self, renderer: Renderer) -> dict[str, Any]:
        page = base_context(self.reader) | outcome_context(self.outcome, self.asked)
        return page | clinician_summary(renderer, page, self.second, self.summary_open)


async def start(request: Request) -> Response:
    fields = request.query_params
    reader = reader_of(request, fields)
    return render(request, StartPage(reader), embed_id=embed_id(fields, reader))


async def step(request: Request) -> Response:
    pairs = await read_form(request)
    fields = carried(pairs)
    try:
        reader = reader_of(request, fields)
        submission = parse(pairs, OTHER_FIELDS)
        screen = advance(submission)
    except (UnknownPartner, BadState) as error:
        raise FormError(400, "a form we did not make", pairs) from error
    if counts := request.app.state.metrics:
        partner_id = reader.partner.id if reader.partner else None
        counts.step(partner_id, reader.locale.code, submission, screen)
    embed = embed_id(fields, reader)
    if isinstance(screen, StartScreen):
        return render(request, StartPage(reader), embed_id=embed)
    if isinstance(screen, QuestionScreen):
        question = QuestionPage(
            reader,
            screen.question,
            screen.number,
            screen.review,
            screen.error,
            screen.jump,
            screen.options,
            screen.hints,
        )
        status = 422 if screen.error else 200
        return render(request, question, answers=screen.answers, status=status, embed_id=embed)
    requested = next((value for name, value in pairs if name == SUMMARY_FIELD), None)
    second = summary_locale(reader.locale, requested, request.app.state.settings.locales)
    asked = asked_questions(screen.answers)
    outcome = OutcomePage(reader, screen.outcome, asked, second, bool(requested) and bool(second))
    return render(request, outcome, answers=screen.answers, embed_id=embed)


def outcome_context(outcome: Outcome, asked: tuple[Question, ...]) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "level": outcome.level,
        "rules": [content.RULES_BY_ID[rule_id] for rule_id in outcome.rule_ids],
        "notes": [content.NOTES_BY_ID[note_id] for note_id in outcome.note_ids],
        "summary": asked,
        # The questions answered (an emergency outcome lists only these).
        "answered": tuple(q for q in asked if q.id not in outcome.unanswered),
        # The "call now if" signs the outcome lists (decided by triage.assess).
        "not_asked_signs": [content.SIGNS_BY_ID[sign] for sign in outcome.not_asked_signs],
        "emergency_signs": [content.SIGNS_BY_ID[sign] for sign in outcome.emergency_signs],
        "urgent_signs": [content.SIGNS_BY_ID[sign] for sign in outcome.urgent_signs],
    }


def _sort_key(name: str) -> str:
    """Names in alphabetical order whatever their accents (Argélia before
    Argentina, إسرائيل among the alef names). Marks are dropped except in the
    scripts of India, where a virama or nukta is part of the letter."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    kept: list[str] = []
    for char in folded:
        if unicodedata.combining(char) and kept and not "\u0900" <= kept[-1] <= "\u0dff":
            continue
        kept.append(char)
    return "".join(kept)


@cache
def regions_by_name(locale: LocaleInfo) -> tuple[tuple[str, str], ...]:
    """Every region as (code, name in ``locale``), by name."""
    names = ((region.code, region_name(locale, region)) for region in REGIONS)
    return tuple(sorted(names, key=lambda item: _sort_key(item[1])))


@cache
def region_choices(locale: LocaleInfo) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The start page's countries: first those where the reader's language is
    read (regions.languages), then all the others, each group by name."""
    first = {region.code for region in regions_for_language(locale.babel.language)}
    names = regions_by_name(locale)
    return [item for item in names if item[0] in first], [i for i in names if i[0] not in first]

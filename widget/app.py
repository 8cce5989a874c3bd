"""The web edge: Starlette routes that read a form, call the flow, render."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from widget import content
from widget.content import N_
from widget.flow import (
    BadState,
    OutcomeScreen,
    QuestionScreen,
    StartScreen,
    advance,
    parse,
)
from widget.forms import FormError, read_form
from widget.i18n import LocaleInfo, negotiate
from widget.middleware import SecurityHeaders
from widget.regions import COMMON_EMERGENCY_NUMBERS, REGIONS, REGIONS_BY_CODE, Region
from widget.rendering import Renderer
from widget.resources import resource_dir
from widget.triage import asked_questions

# Fields every form carries besides the answers.
CARRIED_FIELDS = frozenset({"lang", "region"})
NO_REGION = "other"  # the reader chose "somewhere else": show the common numbers
# Where "Leave this page" goes: a neutral site that replaces the whole top page.
# A partner may set its own (``exit_url`` in the template context).
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"

ERROR_MESSAGES: dict[int, tuple[str, str]] = {
    400: (
        N_("Something went wrong with your answers"),
        N_("We could not read part of the form. This can happen if a link was changed."),
    ),
    404: (N_("Page not found"), N_("We could not find this page.")),
    405: (
        N_("This page works through the questions"),
        N_("Please start the questions from the beginning."),
    ),
    413: (
        N_("The form was too large"),
        N_("We could not read the form because it was too large."),
    ),
    415: (
        N_("We could not read the form"),
        N_("The form was sent in a way we do not understand."),
    ),
}


@dataclass(frozen=True)
class Settings:
    default_region: str | None
    debug: bool

    @classmethod
    def from_environment(cls) -> Settings:
        region = os.environ.get("WIDGET_REGION", "").strip().upper() or None
        if region is not None and region not in REGIONS_BY_CODE:
            raise SystemExit(f"WIDGET_REGION={region!r} is not a known region")
        return cls(default_region=region, debug=os.environ.get("WIDGET_DEBUG") == "1")


@dataclass(frozen=True)
class Reader:
    """What we know about the reader's context: language and region. Never answers."""

    locale: LocaleInfo
    region: Region | None
    region_choice: str  # what the region field carries: a code or NO_REGION

    def carried(self) -> list[tuple[str, str]]:
        return [("lang", self.locale.code), ("region", self.region_choice)]

    def query(self) -> str:
        return urlencode(self.carried())


def reader_for(request: Request, fields: Mapping[str, str], settings: Settings) -> Reader:
    locale = negotiate(fields.get("lang"), None, request.headers.get("accept-language"))
    choice = fields.get("region", "").upper()
    if choice == NO_REGION.upper():
        return Reader(locale, None, NO_REGION)
    code = next(
        (
            candidate
            for candidate in (choice, settings.default_region, locale.territory)
            if candidate and candidate in REGIONS_BY_CODE
        ),
        None,
    )
    return Reader(locale, REGIONS_BY_CODE[code] if code else None, code or NO_REGION)


def base_context(reader: Reader) -> dict[str, Any]:
    return {
        "reader": reader,
        "region": reader.region,
        "region_name": _region_name(reader.locale, reader.region),
        "carried": reader.carried(),
        "query": reader.query(),
        "common_numbers": COMMON_EMERGENCY_NUMBERS,
        "content_version": content.CONTENT_VERSION,
        "content_reviewed": content.CONTENT_REVIEWED,
        "certain": None,
        "exit_url": DEFAULT_EXIT_URL,
    }


def _region_name(locale: LocaleInfo, region: Region | None) -> str:
    if region is None:
        return ""
    return str(locale.babel.territories.get(region.code, region.code))


def region_choices(locale: LocaleInfo) -> list[tuple[str, str]]:
    names = [(region.code, _region_name(locale, region)) for region in REGIONS]
    return sorted(names, key=lambda item: item[1].casefold())


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_environment()
    renderer = Renderer()

    def render(
        request: Request, reader: Reader, name: str, extra: Mapping[str, Any], status: int = 200
    ) -> Response:
        context = base_context(reader) | dict(extra)
        return renderer.render(request, reader.locale, name, context, status)

    def error_page(
        request: Request, reader: Reader, status: int, salvage: Mapping[str, Any] | None = None
    ) -> Response:
        title, message = ERROR_MESSAGES[status]
        return render(
            request,
            reader,
            "error.html",
            {"status": status, "title": title, "message": message, "answers": salvage or {}},
            status,
        )

    async def start(request: Request) -> Response:
        reader = reader_for(request, request.query_params, settings)
        return render(request, reader, "start.html", {"regions": region_choices(reader.locale)})

    async def step(request: Request) -> Response:
        query_reader = reader_for(request, request.query_params, settings)
        try:
            pairs = await read_form(request)
        except FormError as error:
            return error_page(request, query_reader, error.status)
        fields = {name: value for name, value in reversed(pairs) if name in CARRIED_FIELDS}
        reader = reader_for(request, fields, settings)
        try:
            screen = advance(parse(pairs, CARRIED_FIELDS))
        except BadState:
            return error_page(request, reader, 400, salvage(pairs))
        if isinstance(screen, StartScreen):
            return render(request, reader, "start.html", {"regions": region_choices(reader.locale)})
        if isinstance(screen, QuestionScreen):
            return render(
                request,
                reader,
                "question.html",
                {
                    "screen": screen,
                    "question": screen.question,
                    "answers": screen.answers,
                    "certain": screen.certain,
                },
                422 if screen.error else 200,
            )
        return render(request, reader, "outcome.html", outcome_context(screen))

    async def step_get(request: Request) -> Response:
        reader = reader_for(request, request.query_params, settings)
        response = error_page(request, reader, 405)
        response.headers["Allow"] = "POST"
        return response

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})

    async def not_found(request: Request, exc: Exception) -> Response:
        reader = reader_for(request, request.query_params, settings)
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        return error_page(request, reader, status if status in ERROR_MESSAGES else 404)

    async def step_route(request: Request) -> Response:
        if request.method == "POST":
            return await step(request)
        return await step_get(request)

    routes = [
        Route("/", start, methods=["GET", "HEAD"]),
        Route("/step", step_route, methods=["GET", "HEAD", "POST"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Mount("/static", app=StaticFiles(directory=resource_dir("static")), name="static"),
    ]
    app = Starlette(
        debug=False,
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: not_found},
    )
    app.state.settings = settings
    app.state.renderer = renderer
    return app


def outcome_context(screen: OutcomeScreen) -> dict[str, Any]:
    outcome = screen.outcome
    return {
        "outcome": outcome,
        "level": outcome.level,
        "answers": screen.answers,
        "rules": [content.RULES_BY_ID[rule_id] for rule_id in outcome.rule_ids],
        "notes": [content.NOTES_BY_ID[note_id] for note_id in outcome.note_ids],
        "summary": asked_questions(screen.answers),
        "emergency_signs": content.EMERGENCY_SIGNS,
        "urgent_signs": content.URGENT_SIGNS,
    }


def salvage(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The answers worth keeping from a form we could not accept as a whole."""
    kept: dict[str, frozenset[str]] = {}
    for question in content.QUESTIONS:
        chosen = frozenset(value for name, value in pairs if name == question.id)
        if not chosen or not chosen <= question.option_ids:
            continue
        if question.kind == "radio" and len(chosen) > 1:
            continue
        if content.NONE in chosen and len(chosen) > 1:
            continue
        kept[question.id] = chosen
    return kept

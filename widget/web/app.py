"""The web edge: Starlette routes that read a form, call the flow, render."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from widget.clinical import content
from widget.clinical.content import N_, Question
from widget.clinical.flow import (
    BadState,
    OutcomeScreen,
    QuestionScreen,
    StartScreen,
    advance,
    parse,
)
from widget.clinical.regions import (
    REGIONS,
    REGIONS_BY_CODE,
    Region,
    regions_for_language,
)
from widget.clinical.triage import Outcome, asked_questions
from widget.i18n.locales import LocaleInfo, available_locales, match_locale, negotiate
from widget.resources import resource_dir
from widget.web import metrics
from widget.web.clinician import SUMMARY_FIELD, clinician_summary, summary_locale
from widget.web.embed import embed_routes
from widget.web.fhir import fhir_routes
from widget.web.forms import FormError, read_form
from widget.web.middleware import Edge, content_security_policy
from widget.web.oembed import oembed_routes, public_url_problem
from widget.web.partners import DEFAULT_EXIT_URL, Partner, PartnerConfigError, load_partners
from widget.web.rendering import EMBED_SLOT, Renderer
from widget.web.rules_page import flow_svg, rules_context
from widget.web.static import StaticFiles

# Fields every form carries besides the answers.
CARRIED_FIELDS = frozenset({"lang", "region", "partner", "embed", "embed_origin"})
# Every non-answer field a step form may send (the flow rejects anything else).
OTHER_FIELDS = CARRIED_FIELDS | {SUMMARY_FIELD}
EMBED_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")  # the whole id (fullmatch): no trailing newline
CLIENT_CLOSED = 499  # nginx's code for "the client closed the request"
NO_REGION = "other"  # the reader chose "somewhere else": show the common numbers
# "Exit this page" goes to a neutral site that replaces the whole top page:
# DEFAULT_EXIT_URL (widget.web.partners), or the partner's own ``exit_url``.

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
    431: (
        N_("Your browser sent too much information"),
        N_("We could not read this request because it was too large."),
    ),
    415: (
        N_("We could not read the form"),
        N_("The form was sent in a way we do not understand."),
    ),
    500: (
        N_("Something went wrong on our side"),
        N_("Sorry, we could not show this page. Please try again in a moment."),
    ),
}
UNKNOWN_PARTNER_MESSAGE = (
    N_("This check is not set up for this website"),
    N_(
        "The link that brought you here names a website we do not know. "
        "The questions and advice are not shown here."
    ),
)


class UnknownPartner(Exception):
    """The request names a partner that is not in the configuration.
    ``fields``: the reader's context it came with (query or form), never answers."""

    def __init__(self, partner_id: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(partner_id)
        self.fields = {name: value for name, value in (fields or {}).items() if name != "partner"}


@dataclass(frozen=True, eq=False)  # hashed by identity: one per app
class Settings:
    default_region: str | None
    debug: bool
    partners: Mapping[str, Partner] = field(default_factory=dict)
    hsts: bool = False  # send Strict-Transport-Security (only when served over TLS)
    access_log: bool = True  # the privacy-safe access log of widget.web.access_log
    public_url: str | None = None  # our origin as partners' readers see it (oEmbed)
    metrics: bool = False  # Prometheus counts (widget.web.metrics), on with --metrics-port

    @classmethod
    def from_environment(cls) -> Settings:
        region = os.environ.get("WIDGET_REGION", "").strip().upper() or None
        if region is not None and region not in REGIONS_BY_CODE:
            raise SystemExit(f"WIDGET_REGION={region!r} is not a known region")
        partners: dict[str, Partner] = {}
        if path := os.environ.get("WIDGET_PARTNERS", "").strip():
            try:
                partners = load_partners(path)
            except PartnerConfigError as error:
                raise SystemExit(f"WIDGET_PARTNERS={path}: {error}") from error
        public_url = os.environ.get("WIDGET_PUBLIC_URL", "").strip() or None
        if public_url and (problem := public_url_problem(public_url)):
            raise SystemExit(f"WIDGET_PUBLIC_URL={public_url!r} {problem}")
        return cls(
            public_url=public_url,
            default_region=region,
            debug=os.environ.get("WIDGET_DEBUG") == "1",
            partners=partners,
            hsts=os.environ.get("WIDGET_HSTS") == "1",
            access_log=os.environ.get("WIDGET_ACCESS_LOG", "1") != "0",
            metrics=metrics.enabled(),
        )


@dataclass(frozen=True)
class Reader:
    """What we know about the reader's context: language, region, the partner
    site and the page embedding us. Never answers."""

    locale: LocaleInfo
    region: Region | None
    region_choice: str  # what the region field carries: a code or NO_REGION
    partner: Partner | None = None
    # The partner page framing us, checked against partner.allowed_origins,
    # and the loader's id for this iframe: auto-height messages go only there.
    embed_origin: str | None = None
    embed_id: str | None = None
    # The languages the switcher offers (a partner may offer fewer).
    languages: tuple[LocaleInfo, ...] = ()

    @property
    def exit_url(self) -> str:
        """Where "Exit this page" goes."""
        return self.partner.exit_url if self.partner else DEFAULT_EXIT_URL

    def carried(self) -> tuple[tuple[str, str], ...]:
        """The fields every form and link carries (never answers)."""
        return self._carried

    def query(self) -> str:
        return self._query

    def query_with(self, **changes: str) -> str:
        """The carried fields as a query string, some of them changed (another
        ``lang`` for a language link): partner and embed context always kept."""
        return urlencode([(name, changes.get(name, value)) for name, value in self._carried])

    @cached_property
    def _carried(self) -> tuple[tuple[str, str], ...]:
        carried = [("lang", self.locale.code), ("region", self.region_choice)]
        if self.partner:
            carried.append(("partner", self.partner.id))
        if self.embed_origin and self.embed_id:
            carried += [("embed", self.embed_id), ("embed_origin", self.embed_origin)]
        return tuple(carried)

    @cached_property
    def _query(self) -> str:
        return urlencode(self._carried)


# The embed id is rendered as rendering.EMBED_SLOT and filled into the finished
# page, so that unique ids share one cached page (ids match EMBED_ID: safe in HTML and URLs).
EMBED_SCOPE_KEY = "widget.embed_id"


def reader_for(request: Request, fields: Mapping[str, str], settings: Settings) -> Reader:
    """The reader's context. Raises UnknownPartner for a partner not configured.

    Memoised (bounded) on what was negotiated, never on raw header or field
    text: the locale, the region code, the partner, an allowed origin. A valid
    embed id is noted in the request scope and filled into the finished page."""
    partner = _partner_for(fields, settings)
    renderer = request.app.state.renderer  # its locales: the table the app was built with
    locale = negotiate(
        fields.get("lang"),
        partner.default_locale if partner else None,
        request.headers.get("accept-language"),
        renderer.locales,
    )
    choice = fields.get("region", "").upper()
    if choice not in REGIONS_BY_CODE and choice != NO_REGION.upper():
        choice = "?" if choice else ""  # unknown: never echoed, never cached as text
    origin = fields.get("embed_origin")
    if not (partner and origin and partner.allows(origin)):
        origin = None
    embed_id = fields.get("embed")
    valid_id = bool(embed_id and EMBED_ID.fullmatch(embed_id))
    request.scope[EMBED_SCOPE_KEY] = embed_id if valid_id and origin else None
    partner_id = partner.id if partner else None
    return _reader(locale, choice, partner_id, origin, valid_id, settings, renderer)


@lru_cache(maxsize=4096)
def _reader(
    locale: LocaleInfo,
    choice: str,
    partner_id: str | None,
    embed_origin: str | None,
    embedded: bool,
    settings: Settings,
    renderer: Renderer,  # hashed by identity: one per app
) -> Reader:
    partner = settings.partners[partner_id] if partner_id else None
    locales = renderer.locales
    if partner and locale.code not in partner.locales:
        locale = match_locale(partner.default_locale, locales) or locale
    # An unknown region ("?") is never replaced by a guess: the wrong
    # country's emergency number is worse than the common ones. Nor does the
    # language say where she is (TRIAGE.md): a Portuguese reader may be in Lisbon.
    code = (
        None
        if choice in (NO_REGION.upper(), "?")
        else next(
            (
                candidate
                for candidate in (
                    choice,
                    partner.region if partner else None,
                    settings.default_region,
                )
                if candidate and candidate in REGIONS_BY_CODE
            ),
            None,
        )
    )
    return Reader(
        locale,
        REGIONS_BY_CODE[code] if code else None,
        code or NO_REGION,
        partner=partner,
        embed_origin=embed_origin,
        embed_id=EMBED_SLOT if embedded else None,
        languages=tuple(info for info in locales if not partner or info.code in partner.locales),
    )


def _partner_for(fields: Mapping[str, str], settings: Settings) -> Partner | None:
    partner_id = fields.get("partner")
    if not partner_id:
        return None
    partner = settings.partners.get(partner_id)
    if partner is None:
        raise UnknownPartner(partner_id, fields)
    return partner


def base_context(reader: Reader) -> dict[str, Any]:
    return {
        "reader": reader,
        "region": reader.region,
        "region_name": _region_name(reader.locale, reader.region),
        "carried": reader.carried(),
        "query": reader.query(),
        "content_version": content.CONTENT_VERSION,
        "content_reviewed": content.CONTENT_REVIEWED,
        "certain": None,
        "partner": reader.partner,
        "exit_url": reader.exit_url,
        "locales": reader.languages,
    }


def _region_name(locale: LocaleInfo, region: Region | None) -> str:
    if region is None:
        return ""
    return str(locale.babel.territories.get(region.code, region.code))


def _sort_key(name: str) -> str:
    """Names in alphabetical order whatever their accents (Argélia before Argentina)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char))


@cache
def region_choices(locale: LocaleInfo) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The start page's countries: first those where the reader's language is
    read (regions.languages), then all the others, each group by name."""
    first = {region.code for region in regions_for_language(locale.babel.language)}
    names = sorted(
        ((region.code, _region_name(locale, region)) for region in REGIONS),
        key=lambda item: _sort_key(item[1]),
    )
    return [item for item in names if item[0] in first], [i for i in names if i[0] not in first]


def create_app(settings: Settings | None = None) -> WidgetApp:
    settings = settings or Settings.from_environment()
    static = StaticFiles(resource_dir("static"))
    renderer = Renderer(available_locales(settings.debug), static.url)
    counts = metrics.Metrics(settings.partners, renderer.locales) if settings.metrics else None

    def render(
        request: Request,
        reader: Reader,
        name: str,
        extra: Callable[[], Mapping[str, Any]],
        *,
        key: Hashable,
        answers: Mapping[str, frozenset[str]] | None = None,
        status: int = 200,
    ) -> Response:
        """``key``: what the page depends on besides the reader and the answers.
        ``extra`` builds the rest of the context, only when a skeleton renders."""
        response = renderer.render(
            request,
            reader.locale,
            name,
            lambda: base_context(reader) | dict(extra()),
            key=(reader.carried(), key),
            answers=answers,
            status=status,
            embed_id=request.scope.get(EMBED_SCOPE_KEY),
        )
        if reader.partner:
            # Only this partner's pages may frame it (the default is 'self').
            response.headers["Content-Security-Policy"] = content_security_policy(
                reader.partner.allowed_origins
            )
        return response

    def error_page(
        request: Request,
        reader: Reader,
        status: int,
        salvage: Mapping[str, frozenset[str]] | None = None,
        messages: tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        title, message = messages or ERROR_MESSAGES[status]
        context = {"status": status, "title": title, "message": message}
        context["has_answers"] = bool(salvage)
        response = render(
            request,
            reader,
            "error.html",
            lambda: context,
            key=(status, bool(salvage), title),
            answers=salvage,
            status=status,
        )
        response.headers.update(headers or {})
        return response

    def form_error_page(
        request: Request,
        pairs: list[tuple[str, str]],
        status: int,
        messages: tuple[str, str] | None,
    ) -> Response:
        """An error page for a form posted elsewhere than /step (widget/web/fhir.py)."""
        fields = {name: value for name, value in reversed(pairs) if name in CARRIED_FIELDS}
        try:
            reader = reader_for(request, fields, settings)
        except UnknownPartner:
            return unknown_partner_in_form(request, fields, pairs)
        return error_page(request, reader, status, salvage(pairs), messages)

    def start_page(request: Request, reader: Reader) -> Response:
        def regions() -> dict[str, Any]:
            first, others = region_choices(reader.locale)
            return {"regions_first": first, "regions_other": others}

        return render(request, reader, "start.html", regions, key="start")

    async def start(request: Request) -> Response:
        return start_page(request, reader_for(request, request.query_params, settings))

    async def step(request: Request) -> Response:
        try:
            pairs = await read_form(request)
        except ClientDisconnect:
            # The client left mid-body (anyone can do it): nobody to answer,
            # nothing to alert on. 499 is the access log's "client closed".
            return Response(status_code=CLIENT_CLOSED)
        except FormError as error:
            # Keep the reader's language and the answers we could still read.
            query = request.query_params
            carried = {name: query[name] for name in CARRIED_FIELDS if name in query}
            readable = {n: v for n, v in reversed(error.readable) if n in CARRIED_FIELDS}
            try:
                reader = reader_for(request, carried | readable, settings)
            except UnknownPartner:
                return unknown_partner_in_form(request, carried | readable, error.readable)
            return error_page(request, reader, error.status, salvage(error.readable))
        fields = {name: value for name, value in reversed(pairs) if name in CARRIED_FIELDS}
        try:
            reader = reader_for(request, fields, settings)
        except UnknownPartner:
            return unknown_partner_in_form(request, fields, pairs)
        try:
            submission = parse(pairs, OTHER_FIELDS)
            screen = advance(submission)
        except BadState:
            return error_page(request, reader, 400, salvage(pairs))
        if counts:
            partner_id = reader.partner.id if reader.partner else None
            counts.step(partner_id, reader.locale.code, submission, screen)
        if isinstance(screen, StartScreen):
            return start_page(request, reader)
        if isinstance(screen, QuestionScreen):
            return question_page(request, reader, screen)
        requested = next((value for name, value in pairs if name == SUMMARY_FIELD), None)
        return outcome_page(request, reader, screen, requested)

    def unknown_partner_in_form(
        request: Request, fields: Mapping[str, str], pairs: list[tuple[str, str]]
    ) -> Response:
        """A partner removed or renamed while a reader answers: the posted
        language, region and answers are kept (the region she chose, never
        the server's default), only the partner is dropped."""
        known = {name: value for name, value in fields.items() if name != "partner"}
        reader = reader_for(request, known, settings)
        return error_page(request, reader, 404, salvage(pairs), messages=UNKNOWN_PARTNER_MESSAGE)

    def question_page(request: Request, reader: Reader, screen: QuestionScreen) -> Response:
        view = QuestionView(
            screen.number, screen.review, screen.error, screen.jump, screen.options, screen.hints
        )
        return render(
            request,
            reader,
            "question.html",
            lambda: {"screen": view, "question": screen.question},
            key=("question", screen.question.id, *view),
            answers=screen.answers,
            status=422 if screen.error else 200,
        )

    def outcome_page(
        request: Request, reader: Reader, screen: OutcomeScreen, summary_lang: str | None
    ) -> Response:
        outcome = screen.outcome
        asked = asked_questions(screen.answers)
        second = summary_locale(reader.locale, summary_lang, renderer.locales)

        def context() -> dict[str, Any]:
            page = base_context(reader) | outcome_context(outcome, asked)
            return page | clinician_summary(renderer, page, summary_lang)

        return render(
            request,
            reader,
            "outcome.html",
            context,
            key=(
                "outcome",
                outcome,
                tuple(q.id for q in asked),
                second.code if second else None,
                bool(summary_lang) and second is not None,
            ),
            answers=screen.answers,
        )

    async def step_get(request: Request) -> Response:
        reader = reader_for(request, request.query_params, settings)
        response = error_page(request, reader, 405)
        response.headers["Allow"] = "POST"
        return response

    async def rules(request: Request) -> Response:
        reader = reader_for(request, request.query_params, settings)
        return render(
            request,
            reader,
            "rules.html",
            lambda: rules_context(reader.locale) | {"page_path": "/rules"},
            key="rules",
        )

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})

    def reader_without_bad_partner(request: Request) -> Reader:
        try:
            return reader_for(request, request.query_params, settings)
        except UnknownPartner:
            fields = {k: v for k, v in request.query_params.items() if k != "partner"}
            return reader_for(request, fields, settings)

    async def unknown_partner(request: Request, exc: Exception) -> Response:
        # The language and region the request came with (a form's, not only the query's).
        if isinstance(exc, UnknownPartner) and exc.fields:
            reader = reader_for(request, exc.fields, settings)
        else:
            reader = reader_without_bad_partner(request)
        return error_page(request, reader, 404, messages=UNKNOWN_PARTNER_MESSAGE)

    async def not_found(request: Request, exc: Exception) -> Response:
        reader = reader_without_bad_partner(request)
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        if status not in ERROR_MESSAGES:
            status = 400 if 400 <= status < 500 else 404
        allow = (exc.headers or {}).get("Allow") if isinstance(exc, HTTPException) else None
        return error_page(request, reader, status, headers={"Allow": allow} if allow else None)

    def server_error(request: Request) -> Response:
        return error_page(request, reader_without_bad_partner(request), 500)

    def headers_too_large(request: Request) -> Response:
        return error_page(request, reader_without_bad_partner(request), 431)

    async def step_route(request: Request) -> Response:
        if request.method == "POST":
            return await step(request)
        return await step_get(request)

    routes = [
        Route("/", start, methods=["GET", "HEAD"]),
        Route("/step", step_route, methods=["GET", "HEAD", "POST"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/rules", rules, methods=["GET", "HEAD"]),
        Route("/rules/flow.svg", flow_svg, methods=["GET", "HEAD"]),
        *embed_routes(settings.partners, renderer),
        *fhir_routes(lambda r, f: reader_for(r, f, settings), form_error_page, OTHER_FIELDS),
        *oembed_routes(settings.partners, settings.public_url, renderer),
        Mount("/static", app=static, name="static"),
    ]

    def direct(endpoint: Callable[[Request], Any]) -> ASGIApp:
        """A view the Edge calls straight, past Starlette's router (the hot path)."""

        async def view(scope: Scope, receive: Receive, send: Send) -> None:
            request = Request(scope, receive)
            try:
                response = await endpoint(request)
            except UnknownPartner as error:
                response = await unknown_partner(request, error)
            await response(scope, receive, send)

        return view

    app = WidgetApp(
        debug=False,
        routes=routes,
        exception_handlers={HTTPException: not_found, UnknownPartner: unknown_partner},
    )
    edge: ASGIApp = Edge(
        # Starlette's stack without its ServerErrorMiddleware: the Edge answers errors.
        ExceptionMiddleware(app.router, handlers=app.exception_handlers),
        server_error=server_error,
        too_large=headers_too_large,
        hsts=settings.hsts,
        log=settings.access_log,
        fast={("GET", "/"): direct(start), ("POST", "/step"): direct(step)},
    )
    app.edge = metrics.MetricsMiddleware(edge, metrics=counts) if counts else edge
    # No route ever redirects: "/step/" is a 404, not a Location built from a Host header.
    app.router.redirect_slashes = False
    app.state.settings = settings
    app.state.renderer = renderer
    return app


class QuestionView(NamedTuple):
    """What question.html reads of the screen (never the answers: they go into slots)."""

    number: int
    review: bool
    error: str | None
    jump: bool  # the urgent banner and "See what to do now" (flow.QuestionScreen.jump)
    options: tuple[content.Option, ...]  # those that fit the weeks answered
    hints: tuple[str, ...]


class WidgetApp(Starlette):
    """Starlette with one layer outside it, ``edge`` (widget.web.middleware.Edge,
    and the metrics when on), which sends the hot routes straight to their views."""

    edge: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self
        await self.edge(scope, receive, send)


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


def salvage(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The answers worth keeping from a form we could not accept as a whole."""
    kept: dict[str, frozenset[str]] = {}
    for question in content.QUESTIONS:
        chosen = [value for name, value in pairs if name == question.id]
        if question.check(chosen) is content.Validity.VALID:
            kept[question.id] = frozenset(chosen)
    return kept

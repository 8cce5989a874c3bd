"""Every error page, on every route: one set of handlers (``HANDLERS``, given
to Starlette in widget.web.app; ``http_error``, ``form_error`` and
``server_error`` also to the middlewares ``Unreadable``, ``Overload`` and
``ServerErrors``). Views raise; these answer.

An error page is a full page in the reader's language, with the emergency
number. It keeps what it can of the reader's context (the query's carried
fields, then the form's) and of a form's answers (``salvage``), and drops a
partner we do not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from widget.clinical import content
from widget.clinical.content import N_
from widget.web.forms import FormError
from widget.web.reader import (
    CARRIED_FIELDS,
    Reader,
    ReaderPage,
    UnknownPartner,
    base_context,
    carried,
    embed_id,
    known_reader,
    reader_of,
)
from widget.web.rendering import Renderer, render

CLIENT_CLOSED = 499  # nginx's code for "the client closed the request"
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
    503: (
        # Translators: Title of the page shown when too many people use the check at
        # the same time (the server is busy). Not the reader's fault.
        N_("This check is busy right now"),
        # Translators: Under that title. The emergency number is in the line at the
        # top of the same page ("In an emergency, call …").
        N_(
            "Please try again in a moment. In an emergency, do not wait: "
            "call the number at the top of this page."
        ),
    ),
}
UNKNOWN_PARTNER_MESSAGE = (
    N_("This check is not set up for this website"),
    N_(
        "The link that brought you here names a website we do not know. "
        "The questions and advice are not shown here."
    ),
)

# The embed-code page (widget.web.views.embed_code) for a website we do not know.
NOT_SET_UP_MESSAGE = (
    # Translators: Title of the page a website's editor sees when the link to get the
    # code for the check names no website we know (GET /embed-code?partner=…).
    N_("This website is not set up for the check yet"),
    # Translators: On the same page: how a website gets set up, and who to ask. 'The
    # team that runs this check' are the people who gave the website its link.
    N_(
        "To add the check to a website, the team that runs this check must set "
        "the website up first. Ask them, and tell them the addresses of the pages "
        "that will show the check, the languages and the country. They will send "
        "you the link to this page for your website."
    ),
)


class SiteNotSetUp(Exception):
    """The embed code was asked for a partner id we do not know (or none, or a
    malformed one). ``fields``: the reader's context, never the partner."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        super().__init__("no such partner")
        self.fields = {name: value for name, value in fields.items() if name != "partner"}


@dataclass(frozen=True)
class ErrorPage(ReaderPage):
    template: ClassVar[str] = "error.html"
    status: int
    messages: tuple[str, str]  # title, message
    has_answers: bool

    def context(self, renderer: Renderer) -> dict[str, Any]:
        title, message = self.messages
        page = {"status": self.status, "title": title, "message": message}
        return base_context(self.reader) | page | {"has_answers": self.has_answers}


def error_page(
    request: Request,
    reader: Reader,
    fields: Mapping[str, str],
    status: int,
    answers: Mapping[str, frozenset[str]] | None = None,
    messages: tuple[str, str] | None = None,
) -> Response:
    """The page for ``status``; with answers, a form to go back to them."""
    page = ErrorPage(reader, status, messages or ERROR_MESSAGES[status], bool(answers))
    embed = embed_id(fields, reader)
    return render(request, page, answers=answers, status=status, embed_id=embed)


def query_fields(request: Request) -> dict[str, str]:
    return {name: value for name, value in request.query_params.items() if name in CARRIED_FIELDS}


async def form_error(request: Request, exc: Exception) -> Response:
    """A form we cannot accept: the answers worth keeping are kept. A partner
    we do not know is dropped, with its own message."""
    assert isinstance(exc, FormError)
    fields = query_fields(request) | carried(exc.readable)
    status, messages = exc.status, exc.messages
    try:
        reader = reader_of(request, fields)
    except UnknownPartner as unknown:
        reader, status, messages = reader_of(request, unknown.fields), 404, UNKNOWN_PARTNER_MESSAGE
    return error_page(request, reader, fields, status, salvage(exc.readable), messages)


async def unknown_partner(request: Request, exc: Exception) -> Response:
    """A link naming a partner we do not know: the check is not shown."""
    assert isinstance(exc, UnknownPartner)
    reader = reader_of(request, exc.fields)
    return error_page(request, reader, exc.fields, 404, messages=UNKNOWN_PARTNER_MESSAGE)


async def site_not_set_up(request: Request, exc: Exception) -> Response:
    """The embed code for a website we do not know: how a site gets set up."""
    assert isinstance(exc, SiteNotSetUp)
    reader = known_reader(request, exc.fields)
    return error_page(request, reader, exc.fields, 404, messages=NOT_SET_UP_MESSAGE)


async def http_error(request: Request, exc: Exception) -> Response:
    """404, 405 (``Allow``: the route's methods in the route table), 431…"""
    assert isinstance(exc, HTTPException)
    route = request.scope.get("route")
    if own := getattr(route, "errors", None):  # a route that answers in its own format
        response: Response = own(request, exc)
        return response
    status = exc.status_code
    if status not in ERROR_MESSAGES:
        status = 400 if 400 <= status < 500 else 404
    fields = query_fields(request)
    response = error_page(request, known_reader(request, fields), fields, status)
    if status == 405:
        response.headers["Allow"] = getattr(route, "allow", (exc.headers or {}).get("Allow", ""))
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    fields = query_fields(request)
    return error_page(request, known_reader(request, fields), fields, 500)


async def client_left(request: Request, exc: Exception) -> Response:
    """The client left mid-body (anyone can, on any route): nothing to alert on."""
    return Response(status_code=CLIENT_CLOSED)


def salvage(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The answers worth keeping from a form we could not accept as a whole."""
    kept: dict[str, frozenset[str]] = {}
    for question in content.QUESTIONS:
        chosen = [value for name, value in pairs if name == question.id]
        if question.check(chosen) is content.Validity.VALID:
            kept[question.id] = frozenset(chosen)
    return kept


HANDLERS = {
    HTTPException: http_error,
    FormError: form_error,
    UnknownPartner: unknown_partner,
    SiteNotSetUp: site_not_set_up,
    ClientDisconnect: client_left,
}

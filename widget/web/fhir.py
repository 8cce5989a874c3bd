"""The FHIR edge: the questionnaire as JSON, and the reader's answers as a download.

* ``GET /fhir/Questionnaire`` (and ``/fhir/Questionnaire/<id>``): the R4B
  Questionnaire built by ``widget.clinical.fhir`` in every shipped language.
  Public content, the same for everyone, so it may be cached and fetched
  from other origins.
* ``POST /fhir/QuestionnaireResponse``: the outcome page's "Download for your
  maternity record" button posts the answers like every step (form body,
  never a URL); the answer is a QuestionnaireResponse file
  (``Content-Disposition: attachment``, ``Cache-Control: no-store``). It is
  built in memory and sent; nothing is stored or logged.

Bad input gets the same translated error pages as a step (a 4xx, never a 500).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from widget.clinical import fhir
from widget.clinical.content import N_, urgent_or_worse
from widget.clinical.flow import BadState, parse
from widget.clinical.triage import certain_level, is_finished, prune
from widget.i18n.locales import LOCALES, LocaleInfo
from widget.web.forms import FormError, read_form
from widget.web.headers import accepts_gzip
from widget.web.rules_page import words_for

MEDIA_TYPE = "application/fhir+json"
QUESTIONNAIRE_PATH = "/fhir/Questionnaire"
RESPONSE_PATH = "/fhir/QuestionnaireResponse"
DOWNLOAD_NAME = "bleeding-in-pregnancy-check.json"
PUBLIC_CACHE = "public, max-age=300"

NOT_FINISHED_MESSAGE = (
    N_("The questions are not finished"),
    N_("Please answer the questions first. The file can be made once you have the advice."),
)


class HasLocale(Protocol):
    @property
    def locale(self) -> LocaleInfo: ...


ReaderOf = Callable[[Request, Mapping[str, str]], HasLocale]
# (request, the pairs we could read, status, (title, message) or None for the default)
ErrorPage = Callable[[Request, list[tuple[str, str]], int, tuple[str, str] | None], Response]


def language(locale: LocaleInfo) -> fhir.Language:
    return fhir.Language(locale.tag, words_for(locale.code))


def shipped_languages() -> tuple[fhir.Language, ...]:
    return tuple(language(locale) for locale in LOCALES)


def to_json(resource: Mapping[str, Any], indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(resource, ensure_ascii=False, indent=indent, separators=separators) + "\n"


@cache
def questionnaire_json() -> bytes:
    """The export, built once per process (the content does not change while it runs)."""
    return to_json(fhir.questionnaire(shipped_languages())).encode()


@cache
def questionnaire_gzip() -> bytes:
    return gzip.compress(questionnaire_json(), 9, mtime=0)


def fhir_routes(
    reader_of: ReaderOf, error_page: ErrorPage, other_fields: frozenset[str]
) -> list[BaseRoute]:
    async def questionnaire(request: Request) -> Response:
        if "id" in request.path_params and request.path_params["id"] != fhir.QUESTIONNAIRE_ID:
            return error_page(request, _carried(request), 404, None)
        headers = {
            "Cache-Control": PUBLIC_CACHE,
            # Public content: a hospital's form tool on another origin may fetch it.
            "Access-Control-Allow-Origin": "*",  # and its CORP is cross-origin (middleware)
            "Vary": "Accept-Encoding",
        }
        body = questionnaire_json()
        if accepts_gzip(request.headers.get("accept-encoding")):
            body, headers["Content-Encoding"] = questionnaire_gzip(), "gzip"
        return Response(body, media_type=MEDIA_TYPE, headers=headers)

    async def response(request: Request) -> Response:
        if request.method != "POST":
            page = error_page(request, _carried(request), 405, None)
            page.headers["Allow"] = "POST"
            return page
        try:
            pairs = await read_form(request)
        except FormError as error:
            return error_page(request, error.readable, error.status, None)
        reader = reader_of(request, dict(reversed(pairs)))  # the first of each field wins
        try:
            answers = prune(parse(pairs, other_fields).answers)
        except BadState:
            return error_page(request, pairs, 400, None)
        if not (is_finished(answers) or urgent_or_worse(certain_level(answers))):
            return error_page(request, pairs, 422, NOT_FINISHED_MESSAGE)
        resource = fhir.questionnaire_response(answers, language(reader.locale), datetime.now(UTC))
        body = to_json(resource, indent=2)  # a file for people too: readable
        return Response(
            body.encode(),
            media_type=MEDIA_TYPE,
            headers={
                "Content-Disposition": f'attachment; filename="{DOWNLOAD_NAME}"',
                "Cache-Control": "no-store",
                "Content-Language": reader.locale.tag,
            },
        )

    return [
        Route(QUESTIONNAIRE_PATH, questionnaire, methods=["GET", "HEAD"]),
        Route(QUESTIONNAIRE_PATH + "/{id}", questionnaire, methods=["GET", "HEAD"]),
        Route(RESPONSE_PATH, response, methods=["GET", "HEAD", "POST"]),
    ]


def _carried(request: Request) -> list[tuple[str, str]]:
    """The reader's context from a query string (never answers) for an error page."""
    return [
        (k, v) for k, v in request.query_params.multi_items() if k in ("lang", "region", "partner")
    ]

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

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from widget.clinical import fhir
from widget.clinical.content import N_, urgent_or_worse
from widget.clinical.flow import BadState, parse
from widget.clinical.triage import certain_level, is_finished, prune
from widget.i18n.locales import LOCALES, LocaleInfo
from widget.web.forms import FormError, read_form
from widget.web.headers import NO_STORE, PUBLIC_CACHE, Precompressed, public_data_headers
from widget.web.reader import OTHER_FIELDS, UnknownPartner, carried, reader_of
from widget.web.views.pages import words_for

MEDIA_TYPE = "application/fhir+json"
DOWNLOAD_NAME = "bleeding-in-pregnancy-check.json"

NOT_FINISHED_MESSAGE = (
    N_("The questions are not finished"),
    N_("Please answer the questions first. The file can be made once you have the advice."),
)


def language(locale: LocaleInfo) -> fhir.Language:
    return fhir.Language(locale.tag, words_for(locale.code))


def shipped_languages() -> tuple[fhir.Language, ...]:
    return tuple(language(locale) for locale in LOCALES)


def to_json(resource: Mapping[str, Any], indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(resource, ensure_ascii=False, indent=indent, separators=separators) + "\n"


@cache
def questionnaire_file() -> Precompressed:
    """The export, built once per process (the content does not change while it runs)."""
    return Precompressed.of(to_json(fhir.questionnaire(shipped_languages())).encode())


async def questionnaire(request: Request) -> Response:
    if request.path_params.get("id", fhir.QUESTIONNAIRE_ID) != fhir.QUESTIONNAIRE_ID:
        raise HTTPException(404)
    # Public content: a hospital's form tool on another origin may fetch it.
    headers = public_data_headers(PUBLIC_CACHE)
    return questionnaire_file().response(request, MEDIA_TYPE, headers)


async def response(request: Request) -> Response:
    pairs = await read_form(request)
    try:
        reader = reader_of(request, carried(pairs))
        answers = prune(parse(pairs, OTHER_FIELDS).answers)
    except (UnknownPartner, BadState) as error:
        raise FormError(400, "a form we did not make", pairs) from error
    if not (is_finished(answers) or urgent_or_worse(certain_level(answers))):
        raise FormError(422, "not finished", pairs, NOT_FINISHED_MESSAGE)
    resource = fhir.questionnaire_response(answers, language(reader.locale), datetime.now(UTC))
    body = to_json(resource, indent=2)  # a file for people too: readable
    return Response(
        body.encode(),
        media_type=MEDIA_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{DOWNLOAD_NAME}"',
            "Cache-Control": NO_STORE,
            "Content-Language": reader.locale.tag,
        },
    )

"""The web edge of clinical governance: the ``/rules`` page and its flow picture."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from babel.lists import format_list
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from widget.clinical.governance import Words, flow_svg_path, review_document
from widget.i18n.locales import LOCALES_BY_CODE, LocaleInfo, load_translations


@cache
def words_for(code: str) -> Words:
    """How to say things in one shipped language (also used by the FHIR export)."""
    translations = load_translations(code)
    babel_locale = LOCALES_BY_CODE[code].babel

    def or_list(items: Sequence[str]) -> str:
        return str(format_list(list(items), style="or", locale=babel_locale)) if items else ""

    return Words(translations.gettext, or_list)


def rules_context(locale: LocaleInfo) -> dict[str, Any]:
    territories = locale.babel.territories
    document = review_document(
        words_for(locale.code), lambda code: str(territories.get(code, code))
    )
    return {"doc": document}


async def flow_svg(request: Request) -> Response:
    """``docs/flow.svg`` (made by ``make docs``), shown on the rules page."""
    return FileResponse(flow_svg_path(), media_type="image/svg+xml")

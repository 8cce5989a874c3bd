"""The pages beside the questions: ``/rules`` (the rules for clinical
governance), its flow picture, and the health check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from babel.lists import format_list
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from widget.clinical.governance import Words, flow_svg_path, review_document
from widget.i18n.locales import LOCALES_BY_CODE, load_translations
from widget.web.headers import NO_STORE
from widget.web.reader import ReaderPage, base_context, embed_id, reader_of
from widget.web.rendering import Renderer, render


@cache
def words_for(code: str) -> Words:
    """How to say things in one shipped language (also used by the FHIR export)."""
    translations = load_translations(code)
    babel_locale = LOCALES_BY_CODE[code].babel

    def or_list(items: Sequence[str]) -> str:
        return str(format_list(list(items), style="or", locale=babel_locale)) if items else ""

    return Words(translations.gettext, or_list)


@dataclass(frozen=True)
class RulesPage(ReaderPage):
    template: ClassVar[str] = "rules.html"

    def context(self, renderer: Renderer) -> dict[str, Any]:
        territories = self.locale.babel.territories
        document = review_document(
            words_for(self.locale.code), lambda code: str(territories.get(code, code))
        )
        return base_context(self.reader) | {"doc": document, "page_path": "/rules"}


async def rules(request: Request) -> Response:
    fields = request.query_params
    reader = reader_of(request, fields)
    return render(request, RulesPage(reader), embed_id=embed_id(fields, reader))


async def flow_svg(request: Request) -> Response:
    """``docs/flow.svg`` (made by ``make docs``), shown on the rules page."""
    return FileResponse(flow_svg_path(), media_type="image/svg+xml")


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok", headers={"Cache-Control": NO_STORE})

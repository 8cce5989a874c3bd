"""Templates: one Jinja environment per shipped locale, built once at start-up.

Each environment has its catalog installed, so a request only picks an
environment; no catalog is parsed and no template compiled per request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from babel.dates import format_date
from babel.lists import format_list
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from widget import content
from widget.content import Level, Question
from widget.htmx import htmx_details
from widget.i18n import LOCALES, LocaleInfo, load_translations
from widget.resources import resource_dir

JINJA_EXTENSIONS = ["jinja2.ext.i18n", "jinja2.ext.do"]


def static_url(path: str) -> str:
    """The URL of a static file (one place, so names can carry a content hash)."""
    return "/static/" + path


def build_environment(locale: LocaleInfo, locales: Sequence[LocaleInfo] = LOCALES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(resource_dir("templates")),
        autoescape=True,
        extensions=JINJA_EXTENSIONS,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    translations = load_translations(locale.code)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    babel_locale = locale.babel

    def list_of(items: list[str], style: Literal["standard", "or"] = "standard") -> str:
        return format_list(items, style=style, locale=babel_locale) if items else ""

    def long_date(iso: str) -> str:
        return format_date(date.fromisoformat(iso), format="long", locale=babel_locale)

    def answers_text(question: Question, chosen: frozenset[str]) -> list[str]:
        """The reader's answer in words, in question order (for the summary)."""
        return [
            translations.gettext(option.label) for option in question.options if option.id in chosen
        ]

    env.globals.update(
        static_url=static_url,
        locale=locale,
        locales=tuple(locales),  # the language switcher's choices
        format_list=list_of,
        format_date=long_date,
        answers_text=answers_text,
        all_questions=content.QUESTIONS,
        level_names=content.LEVEL_NAMES,
        sources=content.SOURCES,
        Level=Level,
    )
    return env


class Renderer:
    """Renders a template in a locale, as a full page or as the htmx partial."""

    def __init__(self, locales: Sequence[LocaleInfo] = LOCALES) -> None:
        self.locales = tuple(locales)
        self._templates = {
            locale.code: Jinja2Templates(env=build_environment(locale, self.locales))
            for locale in self.locales
        }

    def environment(self, locale: LocaleInfo) -> Environment:
        return self._templates[locale.code].env

    def render(
        self,
        request: Request,
        locale: LocaleInfo,
        name: str,
        context: Mapping[str, Any],
        status: int = 200,
    ) -> Response:
        partial = htmx_details(request).wants_partial
        full_context = {**context, "layout": "_partial.html" if partial else "_page.html"}
        response = self._templates[locale.code].TemplateResponse(
            request, name, full_context, status_code=status
        )
        response.headers["Vary"] = "HX-Request, Accept-Language"
        response.headers["Content-Language"] = locale.tag
        response.headers["Cache-Control"] = "no-store"
        return response

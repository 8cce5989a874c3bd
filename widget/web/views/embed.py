"""For partner sites: the embed script, partner themes and the demo pages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from widget.i18n.locales import LOCALES, LocaleInfo, load_translations, match_locale, negotiate
from widget.resources import resource_dir
from widget.web.headers import DEMO_POLICY, PUBLIC_CACHE, Precompressed
from widget.web.partners import Partner, theme_css
from widget.web.rendering import Renderer, render
from widget.web.settings import Settings
from widget.web.snippets import IFRAME_TITLE

TITLES_PLACEHOLDER = "{/*TITLES*/}"
DEMO_PARTNER = "demo"


def iframe_titles() -> dict[str, str]:
    """The iframe title per language tag (lower case), from the catalogs."""
    titles: dict[str, str] = {}
    for locale in LOCALES:
        title = load_translations(locale.code).gettext(IFRAME_TITLE)
        titles[locale.tag.lower()] = title
        titles.setdefault(locale.tag.split("-")[0].lower(), title)
    return titles


@cache
def embed_script() -> str:
    """static/js/embed.js with the per-language title table filled in."""
    source = (resource_dir("static") / "js" / "embed.js").read_text(encoding="utf-8")
    table = json.dumps(iframe_titles(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _compact(source).replace(TITLES_PLACEHOLDER, table.replace("<", "\\u003c"))


def _compact(source: str) -> str:
    """A light, safe minification: drop comment-only lines and indentation (the
    source keeps its comments for reviewers; every byte counts for partners)."""
    kept = []
    for line in (raw.strip() for raw in source.splitlines()):
        if line.startswith("/*") and not line.endswith("*/"):
            raise ValueError("embed.js: block comments must fit on one line")
        if line and not line.startswith(("//", "/*")):
            kept.append(line)
    return "\n".join(kept) + "\n"


@cache
def embed_file() -> Precompressed:
    return Precompressed.of(embed_script().encode(), etag=True)


async def embed_js(request: Request) -> Response:
    return embed_file().response(request, "text/javascript", {"Cache-Control": PUBLIC_CACHE})


async def theme(request: Request) -> Response:
    partner = request.app.state.settings.partners.get(request.path_params["partner_id"])
    if partner is None:
        raise HTTPException(404)
    css = theme_css(partner)
    return Response(css, media_type="text/css", headers={"Cache-Control": PUBLIC_CACHE})


@dataclass(frozen=True)
class DemoPage:
    """A demo partner page on our own origin (it frames the widget)."""

    template: str
    partner: Partner
    locale: LocaleInfo
    policy = DEMO_POLICY

    def context(self, renderer: Renderer) -> Mapping[str, Any]:
        return {"partner": self.partner, "lang": self.locale.tag}


async def demo(request: Request, template: str) -> Response:
    """A demo page (``template``: the script tag or the plain iframe)."""
    settings: Settings = request.app.state.settings
    partner = settings.partners.get(DEMO_PARTNER)
    if partner is None:
        raise HTTPException(404)
    locale = negotiate(
        request.query_params.get("lang"),
        partner.default_locale,
        request.headers.get("accept-language"),
        settings.locales,
    )
    if locale.code not in partner.locales:
        locale = match_locale(partner.default_locale, settings.locales) or locale
    return render(request, DemoPage(template, partner, locale))

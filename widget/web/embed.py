"""Routes for partner sites: the embed script, partner themes and the demo pages."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping
from functools import cache

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from widget.clinical.content import N_
from widget.i18n.locales import LOCALES, load_translations, match_locale, negotiate
from widget.resources import resource_dir
from widget.web.headers import accepts_gzip
from widget.web.middleware import content_security_policy
from widget.web.partners import Partner, theme_css
from widget.web.rendering import Renderer

# The iframe's accessible name, set by embed.js in the embedding page's language.
IFRAME_TITLE = N_("Bleeding in pregnancy check")
TITLES_PLACEHOLDER = "{/*TITLES*/}"
DEMO_PARTNER = "demo"
PUBLIC_CACHE = "public, max-age=300"


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


def embed_routes(partners: Mapping[str, Partner], renderer: Renderer) -> list[BaseRoute]:
    script = embed_script()

    plain = script.encode()
    gzipped = gzip.compress(plain, 9, mtime=0)
    etag = '"' + hashlib.sha256(plain).hexdigest()[:16] + '"'

    async def embed_js(request: Request) -> Response:
        headers = {
            "Cache-Control": PUBLIC_CACHE,
            "Cross-Origin-Resource-Policy": "cross-origin",
            "ETag": etag,
            "Vary": "Accept-Encoding",
        }
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        body = plain
        if accepts_gzip(request.headers.get("accept-encoding")):
            body, headers["Content-Encoding"] = gzipped, "gzip"
        return Response(body, media_type="text/javascript", headers=headers)

    async def theme(request: Request) -> Response:
        partner = partners.get(request.path_params["partner_id"])
        if partner is None:
            raise HTTPException(404)
        return Response(
            theme_css(partner), media_type="text/css", headers={"Cache-Control": PUBLIC_CACHE}
        )

    def demo_page(template: str) -> Callable[[Request], Awaitable[Response]]:
        async def view(request: Request) -> Response:
            partner = partners.get(DEMO_PARTNER)
            if partner is None:
                raise HTTPException(404)
            locale = negotiate(
                request.query_params.get("lang"),
                partner.default_locale,
                request.headers.get("accept-language"),
                renderer.locales,
            )
            if locale.code not in partner.locales:
                locale = match_locale(partner.default_locale, renderer.locales) or locale
            response = renderer.render(
                request,
                locale,
                template,
                lambda: {"partner": partner, "lang": locale.tag},
                key=("demo", partner.id),
            )
            # The demo is a partner page on our own origin: it frames the widget.
            response.headers["Content-Security-Policy"] = (
                content_security_policy() + "; frame-src 'self'"
            )
            return response

        return view

    return [
        Route("/embed.js", embed_js, methods=["GET", "HEAD"]),
        Route("/theme/{partner_id}.css", theme, methods=["GET", "HEAD"]),
        Route("/demo", demo_page("demo.html"), methods=["GET", "HEAD"]),
        Route("/demo/iframe", demo_page("demo_iframe.html"), methods=["GET", "HEAD"]),
    ]

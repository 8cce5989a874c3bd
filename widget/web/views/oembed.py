"""oEmbed 1.0 provider: a CMS editor pastes the widget's URL, the CMS asks us for the embed.

``GET /oembed?url=…&format=json[&maxwidth=…&maxheight=…]`` answers a ``rich``
embed for widget URLs of this host (``WIDGET_PUBLIC_URL``) that name a partner
configured with ``oembed = true``. Its ``html`` is a short fallback line (the
emergency line and a link) followed by the partner's iframe; WordPress keeps
exactly those two when it does not trust us (see docs/embedding.md). Errors are
small JSON objects, never a page and never a 500.

Every widget page links to this endpoint for itself (oEmbed discovery). The
link names only the partner and the language: never an answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from babel.lists import format_list
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from widget.clinical.regions import COMMON_EMERGENCY_NUMBERS, REGIONS_BY_CODE
from widget.i18n.locales import LocaleInfo, load_translations, match_locale
from widget.web.headers import NO_STORE, public_data_headers
from widget.web.partners import Partner
from widget.web.settings import Settings
from widget.web.snippets import IFRAME_TITLE, SANDBOX, widget_url

VERSION = "1.0"
CACHE_AGE = 3600  # seconds a consumer may keep our answer
DEFAULT_WIDTH, DEFAULT_HEIGHT = 640, 900
MAX_URL = 2000
_DIMENSION = re.compile(r"^[1-9][0-9]{0,4}$")


class OEmbedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def discovery_href(public_url: str | None, reader: Any) -> str:
    """The oEmbed discovery link of a widget page ("" when no public URL is set)."""
    if not public_url or reader is None:
        return ""
    partner = reader.partner.id if reader.partner else None
    url = widget_url(public_url, partner, reader.locale.code)
    return public_url + "/oembed?" + urlencode([("url", url), ("format", "json")])


def _emergency_line(locale: LocaleInfo, partner: Partner) -> str:
    translations = load_translations(locale.code)
    region = REGIONS_BY_CODE.get(partner.region or "")
    if region:
        text = translations.gettext("In an emergency, call %(number)s")
        return text % {"number": region.emergency.display}
    numbers = format_list(list(COMMON_EMERGENCY_NUMBERS), style="or", locale=locale.babel)
    text = translations.gettext(
        "In an emergency, call your local emergency number (for example %(numbers)s)"
    )
    return text % {"numbers": numbers}


def embed_html(url: str, title: str, emergency: str, width: int, height: int) -> str:
    """The fallback line and the iframe, every value escaped."""
    return str(
        Markup(
            '<blockquote><p>{emergency}</p><p><a href="{url}">{title}</a></p></blockquote>'
            '<iframe src="{url}" title="{title}" width="{width}" height="{height}"'
            ' frameborder="0" sandbox="{sandbox}" referrerpolicy="no-referrer" loading="lazy"'
            ' style="display:block;width:100%;max-width:{width}px;border:0"></iframe>'
        ).format(
            emergency=emergency,
            url=url,
            title=title,
            width=width,
            height=height,
            sandbox=SANDBOX,
        )
    )


def oembed_answer(
    params: Mapping[str, str],
    public_url: str | None,
    partners: Mapping[str, Partner],
    locales: tuple[LocaleInfo, ...],
) -> dict[str, Any]:
    """The oEmbed response for validated query ``params``. Raises OEmbedError."""
    url = params.get("url", "")
    if not url or len(url) > MAX_URL:
        raise OEmbedError(400, "the url parameter is required (at most 2000 characters)")
    format_ = params.get("format", "json")
    if format_ == "xml":
        raise OEmbedError(501, "only format=json is implemented")
    if format_ != "json":
        raise OEmbedError(400, "format must be json")
    sizes = {}
    for name, default in (("maxwidth", DEFAULT_WIDTH), ("maxheight", DEFAULT_HEIGHT)):
        value = params.get(name)
        if value is not None and not _DIMENSION.match(value):
            raise OEmbedError(400, f"{name} must be a positive whole number of pixels")
        sizes[name] = min(default, int(value)) if value else default
    if not public_url:
        raise OEmbedError(404, "this server has no public URL (WIDGET_PUBLIC_URL), so no embeds")
    parts = urlsplit(url)
    if (
        f"{parts.scheme}://{parts.netloc}".lower() != public_url
        or parts.path not in ("", "/")
        or parts.fragment
    ):
        raise OEmbedError(404, "not a URL of this check")
    query = dict(parse_qsl(parts.query))
    partner = partners.get(query.get("partner", ""))
    if partner is None or not partner.oembed:
        raise OEmbedError(404, "this URL names no partner that may be embedded this way")
    locale = match_locale(query.get("lang"), locales)
    if locale is None or locale.code not in partner.locales:
        locale = match_locale(partner.default_locale, locales) or locales[0]
    title = load_translations(locale.code).gettext(IFRAME_TITLE)
    canonical = widget_url(public_url, partner.id, locale.code)
    width, height = sizes["maxwidth"], sizes["maxheight"]
    return {
        "version": VERSION,
        "type": "rich",
        "title": title,
        "provider_name": title,
        "provider_url": public_url + "/",
        "cache_age": CACHE_AGE,
        "width": width,
        "height": height,
        "html": embed_html(canonical, title, _emergency_line(locale, partner), width, height),
    }


def _json(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status_code=status,
        media_type="application/json",
        headers={
            **public_data_headers(f"public, max-age={CACHE_AGE}" if status == 200 else NO_STORE),
            **(headers or {}),
        },
    )


async def oembed(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    pairs = request.query_params.multi_items()
    names = [name for name, _ in pairs]
    if len(pairs) > 20 or any(
        names.count(n) > 1 for n in ("url", "format", "maxwidth", "maxheight")
    ):
        return _json(400, {"error": "each parameter at most once", "status": 400})
    try:
        body = oembed_answer(dict(pairs), settings.public_url, settings.partners, settings.locales)
    except OEmbedError as error:
        return _json(error.status, {"error": error.message, "status": error.status})
    return _json(200, body)


def method_not_allowed(request: Request, exc: HTTPException) -> Response:
    """oEmbed's own 405: a small JSON object, like its other errors."""
    allow = request.scope["route"].allow  # the route table's methods (widget.web.routes)
    return _json(405, {"error": "use GET", "status": 405}, {"Allow": allow})

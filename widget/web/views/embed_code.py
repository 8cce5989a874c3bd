"""``GET /embed-code?partner=ID``: a partner's web editor chooses the options,
sees the check with them and copies the exact code (issue 25).

A plain GET form (it works with JavaScript off); the code comes from
widget.web.snippets, the one place that writes it. Addresses in the code are
``WIDGET_PUBLIC_URL``'s, never built from the request's ``Host``: without it the
page says so and shows no code. The preview is the check itself in a frame of
this page (partner pages may be framed by our own origin: Reader.policy).

Query fields: ``partner`` (required), ``lang`` (this page's language), and the
options: ``placement``, ``widget_lang``, ``widget_region``, ``exit_shortcut``
(``on``) and ``height``. A value we cannot accept is a 400 page that names the
field, never echoing the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from widget.clinical.regions import REGIONS_BY_CODE
from widget.i18n.locales import LocaleInfo, load_translations, match_locale
from widget.web.headers import content_security_policy
from widget.web.partners import Partner, is_partner_id
from widget.web.reader import ReaderPage, base_context, reader_of, region_name
from widget.web.rendering import Renderer, render
from widget.web.settings import Settings
from widget.web.snippets import (
    DEFAULT_HEIGHT,
    MAX_HEIGHT,
    MIN_HEIGHT,
    PLACEMENTS,
    SANDBOX,
    Embed,
    widget_url,
)
from widget.web.views.errors import SiteNotSetUp
from widget.web.views.questionnaire import regions_by_name

# Our own pages only may frame this page; it frames the check (the preview).
POLICY = content_security_policy(frame_src="'self'")
FIELDS = ("placement", "widget_lang", "widget_region", "exit_shortcut", "height")
EXIT_ON = "on"
PREVIEW_HEIGHT = 800  # CSS px, for the embeds that size themselves
# Where docs/embedding.md explains each placement (its section headings).
GUIDE_SECTIONS = {
    "script": "2. Add the widget",
    "iframe": "2. Add the widget",
    "shortcode": "9. WordPress",
    "block": "9. WordPress",
    "oembed": "10. Other CMSs that speak oEmbed",
}


@dataclass(frozen=True)
class Choice:
    """The options chosen on the form (each valid; a field in error keeps its default)."""

    placement: str = "script"
    lang: str | None = None  # a locale code of the partner's; None: its default
    region: str | None = None  # a region code; None: the partner's (or the server's)
    exit_shortcut: bool = False
    height: int = DEFAULT_HEIGHT

    @property
    def query(self) -> str:
        """The options as query fields (the language links keep them)."""
        fields = [("placement", self.placement)]
        fields += [("widget_lang", self.lang)] if self.lang else []
        fields += [("widget_region", self.region)] if self.region else []
        fields += [("exit_shortcut", EXIT_ON)] if self.exit_shortcut else []
        fields += [("height", str(self.height))] if self.height != DEFAULT_HEIGHT else []
        return urlencode(fields)


def read_choice(
    pairs: Sequence[tuple[str, str]], partner: Partner, locales: Sequence[LocaleInfo]
) -> tuple[Choice, tuple[str, ...]]:
    """The options of a query, and the fields we could not accept (in form order):
    an unknown value, or a field given twice."""
    given: dict[str, list[str]] = {}
    for name, text in pairs:
        if name in FIELDS:
            given.setdefault(name, []).append(text.strip())
    errors: set[str] = {name for name, values in given.items() if len(values) > 1}
    value = {name: values[0] for name, values in given.items() if name not in errors}
    choice: dict[str, Any] = {}

    placement = value.get("placement") or Choice.placement
    if placement in PLACEMENTS:
        choice["placement"] = placement
    else:
        errors.add("placement")
    if lang := value.get("widget_lang"):
        found = match_locale(lang, locales)
        if found is not None and found.code in partner.locales:
            choice["lang"] = found.code
        else:
            errors.add("widget_lang")
    if region := value.get("widget_region"):
        if region.upper() in REGIONS_BY_CODE:
            choice["region"] = region.upper()
        else:
            errors.add("widget_region")
    if "exit_shortcut" in value:
        if value["exit_shortcut"] == EXIT_ON:
            choice["exit_shortcut"] = True
        else:
            errors.add("exit_shortcut")
    if height := value.get("height"):
        if height.isascii() and height.isdigit() and MIN_HEIGHT <= int(height) <= MAX_HEIGHT:
            choice["height"] = int(height)
        else:
            errors.add("height")
    return Choice(**choice), tuple(name for name in FIELDS if name in errors)


@dataclass(frozen=True)
class EmbedCodePage(ReaderPage):
    """The page for one partner (the reader's), in the page's language."""

    template: ClassVar[str] = "embed_code.html"
    choice: Choice
    errors: tuple[str, ...]  # the fields we could not accept
    public_url: str | None  # WIDGET_PUBLIC_URL: no code without it
    default_region: str | None  # the partner's region, else the server's (WIDGET_REGION)

    @property
    def policy(self) -> str:
        return POLICY

    def context(self, renderer: Renderer) -> dict[str, Any]:
        partner = self.reader.partner
        assert partner is not None  # the view makes the page only for a known partner
        choice, placement = self.choice, PLACEMENTS[self.choice.placement]
        languages = tuple(info for info in renderer.locales if info.code in partner.locales)
        default = match_locale(partner.default_locale, renderer.locales) or languages[0]
        check_locale = match_locale(choice.lang, renderer.locales) if choice.lang else None
        embed = Embed(
            base=self.public_url or "",
            partner=partner.id,
            lang=check_locale.tag if check_locale else None,
            region=choice.region if placement.region else None,
            exit_shortcut=choice.exit_shortcut and placement.exit_shortcut,
            height=choice.height,
        )
        works = not placement.oembed or partner.oembed
        code = None
        if self.public_url and works and not self.errors:
            code = placement.write(embed, load_translations((check_locale or default).code).gettext)
        default_region = REGIONS_BY_CODE.get(self.default_region or "")
        return base_context(self.reader) | {
            "page_path": "/embed-code",
            "page_query": choice.query,  # the language links keep the options
            "choice": choice,
            "placement": placement,
            "placements": tuple(PLACEMENTS),
            "errors": self.errors,
            "public_url": self.public_url,
            "works": works,
            "code": code,
            "code_rows": code.count("\n") + 2 if code else 0,
            "languages": languages,
            "default_language": default,
            "regions": regions_by_name(self.locale),
            "default_region_name": region_name(self.locale, default_region),
            "min_height": MIN_HEIGHT,
            "max_height": MAX_HEIGHT,
            "guide_section": GUIDE_SECTIONS[placement.id],
            # The check itself with the options this code carries, from our own origin.
            "preview_src": widget_url("", partner.id, embed.lang, embed.region),
            "preview_height": choice.height if placement.height else PREVIEW_HEIGHT,
            "sandbox": SANDBOX,
        }


async def embed_code(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    pairs = request.query_params.multi_items()
    # This page's own language and emergency line; never the embed fields.
    fields = {name: value for name, value in pairs if name in ("lang", "region")}
    ids = [value for name, value in pairs if name == "partner"]
    partner = settings.partners.get(ids[0]) if len(ids) == 1 and is_partner_id(ids[0]) else None
    if partner is None:
        raise SiteNotSetUp(fields)
    reader = reader_of(request, {**fields, "partner": partner.id})
    choice, errors = read_choice(pairs, partner, settings.locales)
    default_region = partner.region or settings.default_region
    page = EmbedCodePage(reader, choice, errors, settings.public_url, default_region)
    return render(request, page, status=400 if errors else 200)

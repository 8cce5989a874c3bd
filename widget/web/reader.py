"""The reader's context: language, region, the partner site and the page
embedding us, read from a query or a form's carried fields. Never answers.

``reader_of`` is memoised (bounded) on what was negotiated, never on raw
header or field text: the locale, the region code, the partner, an allowed
origin. A valid embed id is not part of it: the page has ``EMBED_SLOT`` where
the id goes, and the view passes ``embed_id(fields, reader)`` to the
renderer, so that unique ids share one cached page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from widget.clinical import content
from widget.clinical.regions import REGIONS_BY_CODE, Region
from widget.i18n.locales import LocaleInfo, match_locale, negotiate
from widget.web.clinician import SUMMARY_FIELD
from widget.web.headers import content_security_policy
from widget.web.partners import DEFAULT_EXIT_URL, Partner
from widget.web.rendering import EMBED_SLOT, Renderer
from widget.web.settings import Settings

# Fields every form carries besides the answers.
CARRIED_FIELDS = frozenset({"lang", "region", "partner", "embed", "embed_origin"})
# Every non-answer field a step form may send (the flow rejects anything else).
OTHER_FIELDS = CARRIED_FIELDS | {SUMMARY_FIELD}
EMBED_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")  # the whole id (fullmatch): no trailing newline
NO_REGION = "other"  # the reader chose "somewhere else": show the common numbers


class UnknownPartner(Exception):
    """The request names a partner that is not in the configuration.
    ``fields``: the reader's context it came with, without the partner."""

    def __init__(self, partner_id: str, fields: Mapping[str, str]) -> None:
        super().__init__(partner_id)
        self.fields = {name: value for name, value in fields.items() if name != "partner"}


@dataclass(frozen=True)
class Reader:
    """What we know about the reader's context: language, region, the partner
    site and the page embedding us. Never answers."""

    locale: LocaleInfo
    region: Region | None
    region_choice: str  # what the region field carries: a code or NO_REGION
    partner: Partner | None = None
    # The partner page framing us, checked against partner.allowed_origins,
    # and EMBED_SLOT where the loader's id for this iframe goes (auto-height).
    embed_origin: str | None = None
    embed_id: str | None = None
    # The languages the switcher offers (a partner may offer fewer).
    languages: tuple[LocaleInfo, ...] = ()

    def __hash__(self) -> int:  # a page's cache key holds its reader: hashed once
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__dataclass_fields__))

    @property
    def exit_url(self) -> str:
        """Where "Exit this page" goes."""
        return self.partner.exit_url if self.partner else DEFAULT_EXIT_URL

    @cached_property
    def policy(self) -> str | None:
        """Only this partner's pages may frame it, and our own (the preview of
        GET /embed-code). None: the default, 'self' only."""
        if not self.partner:
            return None
        return content_security_policy(("'self'", *self.partner.allowed_origins))

    @cached_property
    def carried(self) -> tuple[tuple[str, str], ...]:
        """The fields every form and link carries (never answers)."""
        carried = [("lang", self.locale.code), ("region", self.region_choice)]
        if self.partner:
            carried.append(("partner", self.partner.id))
        if self.embed_origin and self.embed_id:
            carried += [("embed", self.embed_id), ("embed_origin", self.embed_origin)]
        return tuple(carried)

    @cached_property
    def query(self) -> str:
        return urlencode(self.carried)

    def query_with(self, **changes: str) -> str:
        """The carried fields as a query string, some of them changed (another
        ``lang`` for a language link): partner and embed context always kept."""
        return urlencode([(name, changes.get(name, value)) for name, value in self.carried])


def carried(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """A form's carried fields (the first of each)."""
    return {name: value for name, value in reversed(pairs) if name in CARRIED_FIELDS}


def reader_of(request: Request, fields: Mapping[str, str]) -> Reader:
    """The reader's context. Raises UnknownPartner for a partner not configured."""
    settings: Settings = request.app.state.settings
    partner = None
    if partner_id := fields.get("partner"):
        partner = settings.partners.get(partner_id)
        if partner is None:
            raise UnknownPartner(partner_id, fields)
    locale = negotiate(
        fields.get("lang"),
        partner.default_locale if partner else None,
        request.headers.get("accept-language"),
        settings.locales,
    )
    choice = fields.get("region", "").upper()
    if choice not in REGIONS_BY_CODE and choice != NO_REGION.upper():
        choice = "?" if choice else ""  # unknown: never echoed, never cached as text
    origin = fields.get("embed_origin")
    if not (partner and origin and partner.allows(origin)):
        origin = None
    embed = fields.get("embed")
    embedded = bool(origin and embed and EMBED_ID.fullmatch(embed))
    return _reader(locale, choice, partner.id if partner else None, origin, embedded, settings)


def known_reader(request: Request, fields: Mapping[str, str]) -> Reader:
    """The reader's context, without a partner we do not know (for error pages)."""
    try:
        return reader_of(request, fields)
    except UnknownPartner as unknown:
        return reader_of(request, unknown.fields)


def embed_id(fields: Mapping[str, str], reader: Reader) -> str | None:
    """The loader's id for this iframe, for the finished page (valid: see reader_of)."""
    return fields.get("embed") if reader.embed_id else None


@lru_cache(maxsize=4096)
def _reader(
    locale: LocaleInfo,
    choice: str,
    partner_id: str | None,
    embed_origin: str | None,
    embedded: bool,
    settings: Settings,  # hashed by identity: one per app
) -> Reader:
    partner = settings.partners[partner_id] if partner_id else None
    if partner and locale.code not in partner.locales:
        locale = match_locale(partner.default_locale, settings.locales) or locale
    # An unknown region ("?") is never replaced by a guess: the wrong
    # country's emergency number is worse than the common ones. Nor does the
    # language say where she is (TRIAGE.md): a Portuguese reader may be in Lisbon.
    candidates = (choice, partner.region if partner else None, settings.default_region)
    code = (
        None
        if choice in (NO_REGION.upper(), "?")
        else next((c for c in candidates if c in REGIONS_BY_CODE), None)
    )
    return Reader(
        locale,
        REGIONS_BY_CODE[code] if code else None,
        code or NO_REGION,
        partner=partner,
        embed_origin=embed_origin,
        embed_id=EMBED_SLOT if embedded else None,
        languages=tuple(i for i in settings.locales if not partner or i.code in partner.locales),
    )


def region_name(locale: LocaleInfo, region: Region | None) -> str:
    if region is None:
        return ""
    return str(locale.babel.territories.get(region.code, region.code))


def base_context(reader: Reader) -> dict[str, Any]:
    """What every page shows of the reader's context."""
    return {
        "reader": reader,
        "region": reader.region,
        "region_name": region_name(reader.locale, reader.region),
        "carried": reader.carried,
        "query": reader.query,
        "content_version": content.CONTENT_VERSION,
        "content_reviewed": content.CONTENT_REVIEWED,
        "certain": None,
        "partner": reader.partner,
        "exit_url": reader.exit_url,
        "locales": reader.languages,
    }


@dataclass(frozen=True)
class ReaderPage:
    """A page kind shown to a reader (widget.web.rendering.Page): its fields,
    the reader among them, are its skeleton's cache key and its only inputs."""

    reader: Reader

    @property
    def locale(self) -> LocaleInfo:
        return self.reader.locale

    @property
    def policy(self) -> str | None:
        return self.reader.policy

    def context(self, renderer: Renderer) -> dict[str, Any]:
        return base_context(self.reader)

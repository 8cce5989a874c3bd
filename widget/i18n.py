"""Languages: the one table of shipped locales, negotiation, and catalogs.

``LOCALES`` drives negotiation, the language switcher and catalog checks.
A locale is listed only when its catalog is complete (the test suite checks).
Catalogs are read from the ``.po`` files once at start-up and compiled in
memory, so no compiled ``.mo`` file is ever needed or committed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from widget.resources import resource_dir

SOURCE_LOCALE = "en"


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # POSIX form, the catalog folder: "pt_BR", "zh_Hans"
    tag: str  # BCP 47 form, for <html lang> and hreflang: "pt-BR", "zh-Hans"
    native_name: str  # the language named in itself, for the switcher
    territory: str | None = None  # region to assume when nothing else says

    @property
    def babel(self) -> Locale:
        return _babel_locale(self.code)

    @property
    def direction(self) -> str:
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


LOCALES: tuple[LocaleInfo, ...] = (LocaleInfo("en", "en", "English"),)

LOCALES_BY_CODE: dict[str, LocaleInfo] = {info.code: info for info in LOCALES}

# Spellings people and browsers use, mapped to a catalog (lower case, "_").
ALIASES: dict[str, str] = {
    "zh": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh_sg": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh_hans_cn": "zh_Hans",
    "zh_hans_sg": "zh_Hans",
    "pt": "pt_BR",
    "pt_br": "pt_BR",
    "pt_pt": "pt_BR",
}

_TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$")


def match_locale(value: str | None) -> LocaleInfo | None:
    """The shipped locale for a ``lang`` value in BCP 47 or POSIX spelling."""
    if not value or not _TAG.match(value):
        return None
    key = value.replace("-", "_").lower()
    by_lower = {code.lower(): code for code in LOCALES_BY_CODE}
    parts = key.split("_")
    # Try the whole tag, then shorter prefixes: "zh_hans_cn" → "zh_hans" → "zh".
    for length in range(len(parts), 0, -1):
        candidate = "_".join(parts[:length])
        code = by_lower.get(candidate) or ALIASES.get(candidate)
        if code in LOCALES_BY_CODE:
            return LOCALES_BY_CODE[code]
    return None


def parse_accept_language(header: str) -> list[str]:
    """Language ranges from an Accept-Language header, best first."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(header.split(",")[:20]):
        lang, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        if lang and lang != "*" and quality > 0:
            ranked.append((-quality, index, lang.strip()))
    return [lang for _, _, lang in sorted(ranked)]


def negotiate(
    explicit: str | None, partner_default: str | None, accept_language: str | None
) -> LocaleInfo:
    """Explicit ``lang`` → partner default → Accept-Language → English."""
    for candidate in (explicit, partner_default):
        found = match_locale(candidate)
        if found:
            return found
    for lang in parse_accept_language(accept_language or ""):
        found = match_locale(lang)
        if found:
            return found
    return LOCALES_BY_CODE[SOURCE_LOCALE]


def locales_dir() -> Path:
    return resource_dir("locales")


def load_translations(code: str) -> NullTranslations:
    """Compile a locale's ``.po`` catalog in memory (English needs none)."""
    path = locales_dir() / code / "LC_MESSAGES" / "messages.po"
    if code == SOURCE_LOCALE or not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)

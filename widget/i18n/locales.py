"""Languages: the one table of shipped locales, negotiation, and catalogs.

``KNOWN_LOCALES`` describes every language we have or plan a catalog for;
``SHIPPED`` lists the ones readers get. Shipping a language is one line: add
its code to ``SHIPPED`` once its catalog is complete (``make test`` fails if a
shipped catalog is incomplete, fuzzy or breaks a placeholder). ``LOCALES``
(the shipped table) drives negotiation, the language switcher and catalog
checks. The pseudo-locale ``en_XA`` is added only when debug is on.

Catalogs are read from the ``.po`` files once at start-up and compiled in
memory, so no compiled ``.mo`` file is ever needed or committed. A shipped
language whose ``.po`` file is missing stops the server at start (it is never
served in English instead). The pseudo-locale has no ``.po`` file at all: it
is generated from ``messages.pot`` (see ``widget.i18n.pseudo``).

This module is what the server needs of languages; the sign-offs are in
``widget.i18n.signoff``, the translators' tools in ``widget.i18n.tools``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from widget.i18n.pseudo import pseudo_catalog
from widget.resources import resource_dir

SOURCE_LOCALE = "en"


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # POSIX form, the catalog folder: "pt_BR", "zh_Hans"
    tag: str  # BCP 47 form, for <html lang> and hreflang: "pt-BR", "zh-Hans"
    native_name: str  # the language named in itself, for the switcher
    babel_code: str | None = None  # CLDR data to use when ``code`` has none (en_XA)

    @property
    def babel(self) -> Locale:
        return _babel_locale(self.babel_code or self.code)

    @property
    def direction(self) -> str:
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


PSEUDO_LOCALE = "en_XA"

KNOWN_LOCALES: dict[str, LocaleInfo] = {
    info.code: info
    for info in (
        LocaleInfo("en", "en", "English"),
        LocaleInfo("es", "es", "Español"),
        LocaleInfo("fr", "fr", "Français"),
        LocaleInfo("ar", "ar", "العربية"),
        LocaleInfo("zh_Hans", "zh-Hans", "简体中文"),
        LocaleInfo("vi", "vi", "Tiếng Việt"),
        LocaleInfo("hi", "hi", "हिन्दी"),
        LocaleInfo("pt_BR", "pt-BR", "Português (Brasil)"),
        # Accented, longer, bracketed English for finding hard-coded strings.
        LocaleInfo(PSEUDO_LOCALE, "en-XA", "[Ëñĝļîšĥ]", babel_code="en"),
    )
}

# The locales readers get, in switcher order. Add a code when its catalog is
# 100 % translated and reviewed; the test suite then holds it to that.
SHIPPED: tuple[str, ...] = ("en", "es", "fr", "ar", "zh_Hans", "vi", "hi", "pt_BR")

LOCALES: tuple[LocaleInfo, ...] = tuple(KNOWN_LOCALES[code] for code in SHIPPED)

LOCALES_BY_CODE: dict[str, LocaleInfo] = {info.code: info for info in LOCALES}


def available_locales(debug: bool = False) -> tuple[LocaleInfo, ...]:
    """The shipped locales, plus the pseudo-locale when debug is on."""
    shipped = tuple(KNOWN_LOCALES[code] for code in SHIPPED)
    return (*shipped, KNOWN_LOCALES[PSEUDO_LOCALE]) if debug else shipped


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


def match_locale(
    value: str | None, locales: Sequence[LocaleInfo] | None = None
) -> LocaleInfo | None:
    """The locale among ``locales`` (default: the shipped ones) for a ``lang``
    value in BCP 47 or POSIX spelling, or None."""
    pool = LOCALES if locales is None else locales
    for info in pool:  # the common case, a form's own ``lang``: no parsing
        if info.code == value:
            return info
    if not value or len(value) > 35 or not _TAG.match(value):
        return None
    by_code = {info.code: info for info in pool}
    by_lower = {code.lower(): code for code in by_code}
    parts = value.replace("-", "_").lower().split("_")
    # Try the whole tag, then shorter prefixes: "zh_hans_cn" → "zh_hans" → "zh".
    for length in range(len(parts), 0, -1):
        candidate = "_".join(parts[:length])
        code = by_lower.get(candidate) or ALIASES.get(candidate)
        if code in by_code:
            return by_code[code]
    return None


# Of an Accept-Language header we read only this much: browsers send ~30 characters.
MAX_ACCEPT_LANGUAGE_CHARS = 256
MAX_LANGUAGE_RANGES = 10


def parse_accept_language(header: str) -> list[str]:
    """Language ranges from an Accept-Language header, best first; only the
    first ``MAX_ACCEPT_LANGUAGE_CHARS`` and ``MAX_LANGUAGE_RANGES`` count."""
    ranked: list[tuple[float, int, str]] = []
    items = header[:MAX_ACCEPT_LANGUAGE_CHARS].split(",", MAX_LANGUAGE_RANGES)
    for index, item in enumerate(items[:MAX_LANGUAGE_RANGES]):
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
    explicit: str | None,
    partner_default: str | None,
    accept_language: str | None,
    locales: Sequence[LocaleInfo] | None = None,
) -> LocaleInfo:
    """Explicit ``lang`` → partner default → Accept-Language → English."""
    for candidate in (explicit, partner_default):
        found = match_locale(candidate, locales)
        if found:
            return found
    for lang in parse_accept_language(accept_language or ""):
        found = match_locale(lang, locales)
        if found:
            return found
    return KNOWN_LOCALES[SOURCE_LOCALE]


def locales_dir() -> Path:
    return resource_dir("locales")


def template_path() -> Path:
    """``locales/messages.pot``: every English message (``make translations``)."""
    return locales_dir() / "messages.pot"


def catalog_path(code: str) -> Path:
    return locales_dir() / code / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """A ``.po`` or ``.pot`` file, read with Babel."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A message's id or string as a list: one form, or the plural forms."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class CatalogMissing(RuntimeError):
    """A shipped language without its catalog: the server does not start."""


def missing_catalogs(codes: Sequence[str] = SHIPPED) -> list[str]:
    """A message for each language of ``codes`` (default: the shipped ones)
    that needs a catalog and has none."""
    return [
        f"{code} is shipped (SHIPPED in widget/i18n/locales.py) but its catalog "
        f"{catalog_path(code)} is missing"
        for code in codes
        if code not in (SOURCE_LOCALE, PSEUDO_LOCALE) and not catalog_path(code).is_file()
    ]


@cache
def load_translations(code: str) -> NullTranslations:
    """Compile a locale's ``.po`` catalog in memory (English needs none; the
    pseudo-locale is generated from the template). Once per process: the
    templates, the rules page and embed.js share it. A language without its
    catalog raises :class:`CatalogMissing`: it is never served in English."""
    if code == SOURCE_LOCALE:
        return NullTranslations()
    if code == PSEUDO_LOCALE:
        catalog = pseudo_catalog(read_catalog(template_path(), SOURCE_LOCALE))
    else:
        missing = missing_catalogs([code])
        if missing:
            raise CatalogMissing(missing[0])
        catalog = read_catalog(catalog_path(code), code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)

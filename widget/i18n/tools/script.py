"""Script hygiene of the translations.

- Every translation is in Unicode NFC (what a reader's search or a screen
  reader expects; a decomposed "é" can render or be read differently).
- zh_Hans uses Simplified characters only: no character that exists only in
  Traditional Chinese (``hanzidentifier``'s tables, from CC-CEDICT).
- Arabic uses Arabic letters, not their Persian or Urdu look-alikes (keheh,
  Farsi yeh, gaf, peh, tcheh, jeh) or Persian digits.
- Arabic, Hindi and Chinese have no stray Latin words: a Latin word is allowed
  only when it is a name or code the English has too (``NHS``, ``TTY``,
  ``1800RESPECT``), or the language's termbase allows it (``kind=names``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from babel.messages.catalog import Catalog

from widget.i18n.locales import forms

LATIN_FREE = ("ar", "hi", "zh_Hans")
PERSIAN = {
    "\u06a9": "keheh (Persian kaf)",
    "\u06cc": "Farsi yeh",
    "\u06af": "gaf",
    "\u067e": "peh",
    "\u0686": "tcheh",
    "\u0698": "jeh",
    **{chr(0x06F0 + d): f"Persian digit {d}" for d in range(10)},
}
_MARKUP = re.compile(r"%\([A-Za-z_]\w*\)[sd]|\{[A-Za-z_]\w*\}|<[^>]*>|&\w+;")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
# A setting or a path in the English: words joined by "=" or "/" (kept as they are).
_CODE = re.compile(r"[A-Za-z0-9_.-]+(?: ?[=/] ?[A-Za-z0-9_.-]+)+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.-]*(?:[ ,]+[A-Za-z0-9][A-Za-z0-9'.-]*)*")


def traditional_only(text: str) -> list[str]:
    """Characters of ``text`` that are Traditional, not Simplified, Chinese."""
    import hanzidentifier  # type: ignore[import-untyped]

    traditional = hanzidentifier.TRADITIONAL
    return [
        ch
        for ch in dict.fromkeys(text)
        if hanzidentifier.has_chinese(ch) and hanzidentifier.identify(ch) == traditional
    ]


def _is_name(run: str) -> bool:
    return any(c.isupper() or c.isdigit() or c == "." for c in run)


def stray_latin(english: str, translation: str, allowed: Iterable[str] = ()) -> list[str]:
    """Latin words in a translation that are not names: a run of Latin words
    copied as it is from the English counts as a name when it has a capital,
    a digit or a dot ("NHS Greater Glasgow and Clyde", "raisingchildren.net.au"),
    and a setting or a path copied as it is ("oembed = true", "docs/embedding.md")
    is code; the termbase's ``names`` may allow more (``anti-D``)."""
    english_text = _MARKUP.sub(" ", english)
    text = _MARKUP.sub(" ", translation)
    for code in _CODE.findall(english_text):
        text = text.replace(code.rstrip(".-"), " ")
    allowed_words = {word.casefold() for word in allowed}
    found = []
    for run in _LATIN_RUN.findall(text):
        if run in english_text and _is_name(run):
            continue
        found += [w for w in _LATIN_WORD.findall(run) if w.casefold() not in allowed_words]
    return found


def problems(catalog: Catalog, code: str, allowed_latin: Iterable[str] = ()) -> list[str]:
    found = []
    allowed = tuple(allowed_latin)
    for message in catalog:
        if not message.id:
            continue
        english = forms(message.id)[0]
        label = english[:60]
        for text in forms(message.string):
            if not text:
                continue
            if unicodedata.normalize("NFC", text) != text:
                found.append(f"{code}: not NFC: {label!r}")
            if code == "zh_Hans":
                bad = traditional_only(text)
                if bad:
                    found.append(f"{code}: Traditional characters {''.join(bad)}: {label!r}")
            if code == "ar":
                bad = sorted({PERSIAN[ch] for ch in text if ch in PERSIAN})
                if bad:
                    found.append(f"{code}: Persian letters ({', '.join(bad)}): {label!r}")
            if code in LATIN_FREE:
                latin = stray_latin(english, text, allowed)
                if latin:
                    found.append(f"{code}: stray Latin words {latin}: {label!r}")
    return found

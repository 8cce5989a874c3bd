"""The pseudo-locale ``en_XA``: accented, about 35 % longer, bracketed English.

Generated from ``messages.pot``, never translated by hand and never committed.
Every string that went through gettext shows as ``[Ŵĥåţ ţö ðö ñöŵ ·····]``, so
on a page rendered in ``en_XA`` any plain English is a hard-coded string, and
any clipped text shows where a longer language would not fit.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog

OPEN, CLOSE = "[", "]"
EXPANSION = 0.35
PADDING = "·"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)

# Left as they are: printf placeholders (%(name)s, %%), HTML tags and entities.
_PROTECTED = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sd]|%%|%[sd]|<[^>]*>|&[#A-Za-z0-9]+;")


def pseudo_translate(message: str) -> str:
    """``"Call %(number)s now"`` → ``"[Çåļļ %(number)s ñöŵ ···]"``."""
    if not message:
        return message
    pieces: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(message):
        pieces.append(message[position : match.start()].translate(_ACCENTED))
        pieces.append(match.group())
        position = match.end()
    pieces.append(message[position:].translate(_ACCENTED))
    visible = len(_PROTECTED.sub("", message))
    extra = max(1, round(visible * EXPANSION))
    # Padding in short words, so lines can still break as real text would.
    words = [PADDING * min(5, extra - start) for start in range(0, extra, 6)]
    return f"{OPEN}{''.join(pieces)} {' '.join(words)}{CLOSE}"


def pseudo_catalog(template: Catalog) -> Catalog:
    """The template (``messages.pot``, as read) made a complete en_XA catalog, in place."""
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(pseudo_translate(form) for form in message.id)
        else:
            message.string = pseudo_translate(message.id)
        message.flags.discard("fuzzy")
    return template

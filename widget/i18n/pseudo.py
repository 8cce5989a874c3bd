"""The pseudo-locale ``en_XA``: accented, about 35 % longer, bracketed English.

Generated from ``messages.pot``, never translated by hand and never committed.
Every string that went through gettext shows as ``[Ŵĥåţ ţö ðö ñöŵ ·····]``, so
on a page rendered in ``en_XA`` any plain English is a hard-coded string, and
any clipped text shows where a longer language would not fit.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

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


def pseudo_catalog(template: Path) -> Catalog:
    """A complete en_XA catalog from the message template."""
    with template.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(pseudo_translate(form) for form in message.id)
        else:
            message.string = pseudo_translate(message.id)
        message.flags.discard("fuzzy")
    return catalog


def write_pseudo_po(template: Path, output: Path) -> None:
    """``make pseudo``: write the generated catalog, for inspection or other tools."""
    from babel.messages.pofile import write_po

    catalog = pseudo_catalog(template)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:
        write_po(handle, catalog, width=0)

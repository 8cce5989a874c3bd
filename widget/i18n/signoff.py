"""Clinical sign-off, recorded per string in the catalogs: the one place that
decides whether a translation is reviewed.

A clinician who has checked one translation against the English signs it off
with a translator comment on that entry::

    # Reviewed-By: midwife 2026-12-01 3f9a0c1d2b4e5f60
    msgid "Call your maternity unit now"
    msgstr "…"

The last field is a hash of the entry's context, English and translation
(:func:`entry_hash`), so a sign-off only counts while both are exactly what
the clinician read: any change to the English (which ``msgmerge`` and
``pybabel update`` also mark fuzzy) or to the translation voids it. Each
role and date used by a sign-off must be declared in the catalog's header
comment, with who the reviewer is::

    # Review: midwife 2026-12-01 Registered midwife, native speaker of Mandarin

gettext tools (``pybabel update``, ``msgmerge``, Poedit, Weblate) keep
translator comments, so sign-offs survive catalog updates. An entry without a
valid sign-off is simply "not yet reviewed"; pages that show any such string
in their language carry the "not yet checked by a health professional" note
(``widget/i18n/review_note.py``). English is the source language: it needs no
sign-off.

:func:`is_signed_off` decides it for one entry; everything else (the note on
pages, ``make translation-status``, the review pack, the catalog report)
counts with it. Recording sign-offs is a translators' tool
(``widget/i18n/tools/review.py``, ``make apply-review``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel.messages.catalog import Catalog, Message

from widget.i18n.locales import (
    PSEUDO_LOCALE,
    SOURCE_LOCALE,
    catalog_path,
    forms,
    read_catalog,
    template_path,
)

SIGN_OFF = "Reviewed-By:"
HEADER = "Review:"
_SIGN_OFF = re.compile(r"^Reviewed-By:\s+(\S+)\s+(\d{4}-\d{2}-\d{2})\s+([0-9a-f]{16})\s*$")
_HEADER = re.compile(r"^#\s*Review:\s+([a-z][a-z-]*)\s+(\d{4}-\d{2}-\d{2})\s+(\S.*)$", re.MULTILINE)

MessageKey = tuple[str, str | None]  # (msgid, context); for plurals the singular msgid

REVIEWED, PARTLY_REVIEWED, NOT_REVIEWED = "reviewed", "partly-reviewed", "not-reviewed"


def key_of(message: Message) -> MessageKey:
    return (forms(message.id)[0], message.context)


def entry_hash(message: Message) -> str:
    """16 hex digits of SHA-256 over the context, every English form and every
    translated form (unit separators between fields, a record separator
    between the English and the translation)."""
    parts = [message.context or "", *forms(message.id), "\x1e", *forms(message.string)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Reviewer:
    role: str
    date: str
    who: str


@dataclass(frozen=True)
class SignOff:
    role: str
    date: str
    hash: str


def reviewers(catalog: Catalog) -> list[Reviewer]:
    """The ``# Review: role date who`` lines of the header comment."""
    return [
        Reviewer(role, day, who.strip())
        for role, day, who in _HEADER.findall(catalog.header_comment or "")
    ]


def sign_off_of(message: Message) -> SignOff | None:
    for comment in message.user_comments:
        found = _SIGN_OFF.match(comment.strip())
        if found:
            return SignOff(*found.groups())
    return None


def is_translated(message: Message) -> bool:
    """Every form translated, and not fuzzy."""
    return not message.fuzzy and all(forms(message.string))


def is_signed_off(message: Message, declared: Iterable[Reviewer]) -> bool:
    """Signed off: a sign-off comment whose hash matches the entry as it is
    now, by a role and date the header declares; translated and not fuzzy."""
    sign_off = sign_off_of(message)
    if sign_off is None or not is_translated(message):
        return False
    if sign_off.hash != entry_hash(message):
        return False
    return any(r.role == sign_off.role and r.date == sign_off.date for r in declared)


def signed_off_keys(catalog: Catalog) -> frozenset[MessageKey]:
    declared = reviewers(catalog)
    return frozenset(
        key_of(message) for message in catalog if message.id and is_signed_off(message, declared)
    )


@cache
def signed_off(code: str) -> frozenset[MessageKey]:
    """The messages of a language a clinician has signed off, from its
    committed catalog (read once per process). None for English (the source)
    or the pseudo-locale."""
    if code in (SOURCE_LOCALE, PSEUDO_LOCALE):
        return frozenset()
    return signed_off_keys(read_catalog(catalog_path(code), code))


def review_state(catalog: Catalog, template: Catalog | None = None) -> str:
    """``reviewed`` when every message of the template (default: the committed
    ``messages.pot``) is signed off in ``catalog``, ``partly-reviewed`` when
    some are, else ``not-reviewed``."""
    source = template if template is not None else read_catalog(template_path())
    wanted = {key_of(message) for message in source if message.id}
    signed = signed_off_keys(catalog) & wanted
    if wanted and signed == wanted:
        return REVIEWED
    return PARTLY_REVIEWED if signed else NOT_REVIEWED

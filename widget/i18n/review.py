"""Clinical sign-off, recorded per string in the catalogs.

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
(``widget/web/rendering.py``).

``python -m widget.i18n.review status`` is ``make translation-status``;
``apply FILE`` is ``make apply-review`` (the JSON a reviewer exports from the
review pack, ``widget/i18n/review_pack.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from widget.i18n.locales import PSEUDO_LOCALE, SHIPPED, SOURCE_LOCALE, catalog_path

SIGN_OFF = "Reviewed-By:"
HEADER = "Review:"
BACK_TRANSLATION = "Back-translation:"
PO_WIDTH = 76  # pybabel update's width, so applying a review changes only the signed entries
_SIGN_OFF = re.compile(r"^Reviewed-By:\s+(\S+)\s+(\d{4}-\d{2}-\d{2})\s+([0-9a-f]{16})\s*$")
_HEADER = re.compile(r"^#\s*Review:\s+([a-z][a-z-]*)\s+(\d{4}-\d{2}-\d{2})\s+(\S.*)$", re.MULTILINE)
_ROLE = re.compile(r"^[a-z][a-z-]*$")

MessageKey = tuple[str, str | None]  # (msgid, context); for plurals the singular msgid


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def key_of(message: Message) -> MessageKey:
    return (_forms(message.id)[0], message.context)


def entry_hash(message: Message) -> str:
    """16 hex digits of SHA-256 over the context, every English form and every
    translated form (unit separators between fields, a record separator
    between the English and the translation)."""
    parts = [message.context or "", *_forms(message.id), "\x1e", *_forms(message.string)]
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


def back_translation_of(message: Message) -> str:
    for comment in message.user_comments:
        if comment.startswith(BACK_TRANSLATION):
            return comment[len(BACK_TRANSLATION) :].strip()
    return ""


def is_signed_off(message: Message, declared: Iterable[Reviewer]) -> bool:
    """Signed off: a sign-off comment whose hash matches the entry as it is
    now, by a role and date the header declares; translated and not fuzzy."""
    sign_off = sign_off_of(message)
    if sign_off is None or message.fuzzy or not all(_forms(message.string)):
        return False
    if sign_off.hash != entry_hash(message):
        return False
    return any(r.role == sign_off.role and r.date == sign_off.date for r in declared)


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def signed_off_keys(catalog: Catalog) -> frozenset[MessageKey]:
    declared = reviewers(catalog)
    return frozenset(
        key_of(message) for message in catalog if message.id and is_signed_off(message, declared)
    )


@cache
def signed_off(code: str) -> frozenset[MessageKey]:
    """The messages of a language a clinician has signed off (read once per process)."""
    path = catalog_path(code)
    if code in (SOURCE_LOCALE, PSEUDO_LOCALE) or not path.exists():
        return frozenset()
    return signed_off_keys(read(path, code))


def needs_no_review(code: str) -> bool:
    """English is the source; it is what the clinical content was reviewed in."""
    return code == SOURCE_LOCALE


def fully_signed_off(code: str) -> bool:
    """Every message of the template signed off in this language."""
    if needs_no_review(code):
        return True
    from widget.i18n.catalogs import read_catalog, template_path

    wanted = {key_of(m) for m in read_catalog(template_path()) if m.id}
    return wanted <= signed_off(code)


# -- safety-critical strings -------------------------------------------------------------


def safety_critical() -> dict[str, str]:
    """The English messages a wrong translation could make unsafe, with why:
    the four level names and their advice, the emergency banner, every
    question's text, option and hint (the answers decide the level), every
    rule's reason, every note and every "call sooner if" sign."""
    from widget.clinical import content

    found: dict[str, str] = {}
    for level, name in content.LEVEL_NAMES.items():
        found[name] = f"level name ({level.name.lower()})"
    for question in content.QUESTIONS:
        found.setdefault(question.title, f"question {question.id}")
        found.setdefault(question.summary_label, f"question {question.id} (in the summary)")
        if question.hint:
            found.setdefault(question.hint, f"question {question.id} (hint)")
        for option in question.options:
            found.setdefault(option.label, f"question {question.id}, answer {option.id}")
            if option.hint:
                found.setdefault(option.hint, f"question {question.id}, answer {option.id} (hint)")
    for rule in content.RULES:
        found.setdefault(rule.reason, f"rule {rule.id} ({rule.level.name.lower()}): reason")
    for note in content.NOTES:
        found.setdefault(note.text, f"note {note.id}")
    for sign in (*content.EMERGENCY_SIGNS, *content.URGENT_SIGNS):
        found.setdefault(sign, "call-sooner sign")
    for text, why in _EXTRA_CRITICAL.items():
        found.setdefault(text, why)
    return found


# Template strings that carry the advice itself (templates/outcome.html, _banner.html).
_EXTRA_CRITICAL = {
    "In an emergency, call %(number)s": "emergency banner (every page)",
    "In an emergency, call your local emergency number (for example %(numbers)s)": (
        "emergency banner (every page, unknown region)"
    ),
    "If you are bleeding heavily, have strong pain or feel faint, do not use this check. "
    "Call for help now.": "start page warning",
    "Call %(number)s for an ambulance now, or go to the nearest emergency department. "
    "Do not drive yourself.": "emergency advice",
    "Call your local emergency number for an ambulance now, or go to the nearest emergency "
    "department. Do not drive yourself.": "emergency advice (unknown region)",
    "Call your maternity unit, early pregnancy unit, midwife or doctor now. Do not wait for "
    "your appointment or until tomorrow, even if it is the middle of the night. If you cannot "
    "reach them, go to the emergency department.": "urgent advice",
    "Contact your doctor, midwife or early pregnancy unit today, and ask to be seen within "
    "24 hours.": "soon advice",
    "You do not need to call now. Tell your midwife about it at your next appointment.": (
        "routine advice"
    ),
    "Do not wait for your appointment, even if it is the middle of the night. You can answer "
    "the rest of the questions to get notes for the call.": "urgent banner on later questions",
    "From what you have told us, call your maternity unit now": "urgent banner on later questions",
    "Call %(number)s now": "emergency heading",
    "Call your local emergency number now": "emergency heading (unknown region)",
    "Call your maternity unit now": "urgent heading",
    "Get seen today": "soon heading",
    "Tell your midwife at your next appointment": "routine heading",
    "Call %(number)s now if:": "call-sooner list heading",
    "Call your local emergency number now if:": "call-sooner list heading (unknown region)",
    "Call your maternity unit now if:": "call-sooner list heading",
}


# -- applying a review -------------------------------------------------------------------


@dataclass
class ApplyResult:
    signed: list[str] = field(default_factory=list)
    changes_requested: list[tuple[str, str]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _valid_day(value: str) -> str:
    date.fromisoformat(value)
    return value


def apply_review(path: Path, review: dict[str, Any], code: str) -> ApplyResult:
    """Record a reviewer's decisions (the review pack's JSON) in a catalog.

    Only entries marked ``"approved"`` whose ``hash`` is still the entry's
    hash (the English and the translation the reviewer saw) are signed off;
    the others are reported. A back-translation is kept as a translator
    comment. The reviewer's role, date and description go into the header.
    """
    reviewer = review.get("reviewer") or {}
    role = str(reviewer.get("role", "")).strip().lower()
    day = _valid_day(str(reviewer.get("date", "")).strip())
    who = " ".join(str(reviewer.get("who", "")).split())
    if not _ROLE.match(role):
        raise ValueError(f"reviewer role must be a lowercase word such as 'midwife': {role!r}")
    if not who:
        raise ValueError("reviewer 'who' is required (for example 'Registered midwife, ...')")
    if review.get("locale") != code:
        raise ValueError(f"this review is for {review.get('locale')!r}, not {code!r}")
    catalog = read(path, code)
    by_key = {key_of(m): m for m in catalog if m.id}
    result = ApplyResult()
    for entry in review.get("entries", []):
        key = (str(entry.get("msgid", "")), entry.get("context") or None)
        message = by_key.get(key)
        if message is None:
            result.unknown.append(key[0])
            continue
        if entry.get("hash") != entry_hash(message) or message.fuzzy:
            result.stale.append(key[0])
            continue
        back = " ".join(str(entry.get("back_translation", "")).split())
        comments = [
            c
            for c in message.user_comments
            if not c.startswith((SIGN_OFF, BACK_TRANSLATION)) or entry.get("decision") != "approved"
        ]
        if back:
            comments = [c for c in comments if not c.startswith(BACK_TRANSLATION)]
            comments.append(f"{BACK_TRANSLATION} {back}")
        decision = entry.get("decision")
        if decision == "approved":
            comments.append(f"{SIGN_OFF} {role} {day} {entry_hash(message)}")
            result.signed.append(key[0])
        elif decision == "change":
            result.changes_requested.append((key[0], str(entry.get("comment", "")).strip()))
        message.user_comments = comments
    if result.signed:
        line = f"{HEADER} {role} {day} {who}"
        lines = (catalog.header_comment or "").splitlines()
        if f"# {line}" not in lines:
            # Above the template's boilerplate, next to the translator notes.
            catalog.header_comment = "\n".join([f"# {line}", *lines])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=PO_WIDTH)
    path.write_bytes(buffer.getvalue())
    return result


# -- status ------------------------------------------------------------------------------


@dataclass
class LanguageStatus:
    code: str
    shipped: bool
    total: int
    translated: int
    signed: int
    reviewers: list[Reviewer]
    critical_not_signed: list[str]

    @property
    def waiting(self) -> int:
        """Translated (not fuzzy) but not signed off: waiting for a clinician."""
        return self.translated - self.signed


def language_status(code: str, shipped: Sequence[str] = SHIPPED) -> LanguageStatus:
    from widget.i18n.catalogs import read_catalog, template_path

    template = [m for m in read_catalog(template_path()) if m.id]
    catalog = read(catalog_path(code), code)
    declared = reviewers(catalog)
    critical = safety_critical()
    translated = signed = 0
    critical_not_signed = []
    for source in template:
        message = catalog.get(source.id, source.context)
        done = message is not None and all(_forms(message.string)) and not message.fuzzy
        ok = done and message is not None and is_signed_off(message, declared)
        translated += done
        signed += ok
        english = _forms(source.id)[0]
        if english in critical and not ok:
            critical_not_signed.append(english)
    return LanguageStatus(
        code, code in shipped, len(template), translated, signed, declared, critical_not_signed
    )


def status_report(codes: Sequence[str], details: bool = True) -> str:
    out = io.StringIO()
    out.write(
        f"{'locale':<9}{'shipped':<9}{'translated':>11}{'signed off':>12}{'waiting':>9}"
        f"{'critical unsigned':>19}\n"
    )
    statuses = [language_status(code) for code in codes]
    for s in statuses:
        out.write(
            f"{s.code:<9}{'yes' if s.shipped else 'no':<9}{s.translated:>7}/{s.total:<3}"
            f"{s.signed:>12}{s.waiting:>9}{len(s.critical_not_signed):>19}\n"
        )
    if details:
        for s in statuses:
            out.write(f"\n{s.code}: ")
            if s.reviewers:
                out.write(
                    "reviewed by " + "; ".join(f"{r.role} {r.date} ({r.who})" for r in s.reviewers)
                )
            else:
                out.write("no clinical review recorded (every string is a draft)")
            out.write(f"\n  safety-critical strings not signed off: {len(s.critical_not_signed)}\n")
            for text in s.critical_not_signed:
                out.write(f"    - {text[:90]}\n")
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    from widget.i18n.catalogs import catalog_codes

    parser = argparse.ArgumentParser(prog="python -m widget.i18n.review")
    sub = parser.add_subparsers(dest="command", required=True)
    status = sub.add_parser("status", help="per language: translated, signed off, waiting")
    status.add_argument("--brief", action="store_true", help="the table only")
    status.add_argument("codes", nargs="*")
    apply = sub.add_parser("apply", help="record a review pack's exported JSON in its catalog")
    apply.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "status":
        print(status_report(args.codes or catalog_codes(), details=not args.brief), end="")
        return 0
    review = json.loads(args.file.read_text(encoding="utf-8"))
    code = str(review.get("locale", ""))
    path = catalog_path(code)
    if not code or not path.exists():
        print(f"{args.file}: no catalog for locale {code!r}", file=sys.stderr)
        return 2
    try:
        result = apply_review(path, review, code)
    except ValueError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    print(f"{code}: signed off {len(result.signed)} string(s) in {path}")
    for text in result.stale:
        print(f"  not signed (changed since the pack was made): {text[:80]}")
    for text in result.unknown:
        print(f"  not in the catalog: {text[:80]}")
    for text, comment in result.changes_requested:
        print(f"  change requested: {text[:80]}\n      {comment}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

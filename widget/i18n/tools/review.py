"""The translators' side of clinical review: which strings are
safety-critical, recording a reviewer's sign-offs, and the status per language.

What a sign-off is, and whether one counts, is ``widget/i18n/signoff.py``.
``python -m widget.i18n.tools status`` is ``make translation-status``;
``apply-review FILE`` is ``make apply-review`` (the JSON a reviewer exports
from the review pack, ``widget/i18n/tools/review_pack.py``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.messages.catalog import Message
from babel.messages.pofile import write_po

from widget.clinical import content
from widget.i18n.locales import SHIPPED, catalog_path, read_catalog, template_path
from widget.i18n.signoff import (
    HEADER,
    SIGN_OFF,
    Reviewer,
    entry_hash,
    is_signed_off,
    is_translated,
    key_of,
    reviewers,
)

BACK_TRANSLATION = "Back-translation:"
PO_WIDTH = 76  # pybabel update's width, so applying a review changes only the signed entries
_ROLE = re.compile(r"^[a-z][a-z-]*$")


def back_translation_of(message: Message) -> str:
    for comment in message.user_comments:
        if comment.startswith(BACK_TRANSLATION):
            return comment[len(BACK_TRANSLATION) :].strip()
    return ""


# -- safety-critical strings -------------------------------------------------------------


def safety_critical() -> dict[str, str]:
    """The English messages a wrong translation could make unsafe, with why:
    the four level names and what each level tells the reader to do (per care
    model), the emergency banner, every question's text, option and hints (the
    answers decide the level), every rule's reasons, every note and every "call
    now if" sign. All of it is read from ``widget.clinical.content``; only the
    words that live in templates are listed here."""
    found: dict[str, str] = {}
    for level, name in content.LEVEL_NAMES.items():
        found[name] = f"level name ({level.name.lower()})"
    for text, where in content.advice_messages():
        found.setdefault(text, where)
    for question in content.QUESTIONS:
        found.setdefault(question.title, f"question {question.id}")
        found.setdefault(question.summary_label, f"question {question.id} (in the summary)")
        if question.hint:
            found.setdefault(question.hint, f"question {question.id} (hint)")
        for hint in question.stage_hints:
            found.setdefault(hint.text, f"question {question.id} (hint at some weeks)")
        for option in question.options:
            found.setdefault(option.label, f"question {question.id}, answer {option.id}")
            if option.hint:
                found.setdefault(option.hint, f"question {question.id}, answer {option.id} (hint)")
    for rule in content.RULES:
        why = f"rule {rule.id} ({rule.level.name.lower()}): reason"
        for text in (rule.reason, *(reason.text for reason in rule.reasons)):
            found.setdefault(text, why)
    for note in content.NOTES:
        found.setdefault(note.text, f"note {note.id}")
    for sign in content.SIGNS:
        found.setdefault(sign.text, f"'call now if' sign ({sign.level.name.lower()} list)")
    for text, why in _TEMPLATE_CRITICAL.items():
        found.setdefault(text, why)
    return found


# Words that carry the advice but live in templates (_banner.html, start.html).
_TEMPLATE_CRITICAL = {
    "In an emergency, call %(number)s": "emergency banner (every page)",
    "In an emergency, call your local emergency number (for example %(numbers)s)": (
        "emergency banner (every page, unknown region)"
    ),
    "If you are bleeding heavily, have severe pain, have fainted or feel faint, do not use "
    "this check. Call the emergency number at the top of this page now.": "start page warning",
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
    catalog = read_catalog(path, code)
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
    template = [m for m in read_catalog(template_path()) if m.id]
    catalog = read_catalog(catalog_path(code), code)
    declared = reviewers(catalog)
    critical = safety_critical()
    translated = signed = 0
    critical_not_signed = []
    for source in template:
        message = catalog.get(source.id, source.context)
        done = message is not None and is_translated(message)
        ok = message is not None and is_signed_off(message, declared)
        translated += done
        signed += ok
        english = key_of(source)[0]
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

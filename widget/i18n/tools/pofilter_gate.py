"""translate-toolkit's ``pofilter`` (the checker translation platforms run) as a gate.

Only the tests that are meaningful for every one of our languages gate the
build (``GATING``); ``docs/translating.md`` says why the others do not. Each
catalog is checked with its own ``--language`` (punctuation, plural rules
and number forms of that language). A finding that is right for a language
is listed, with why, in ``ACCEPTED``; nothing else is let through.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import read_po

from widget.i18n.locales import forms

GATING = (
    "variables",  # %(number)s and {conditions} kept, spelled exactly
    "printf",  # python-format placeholders
    "pythonbraceformat",  # {condition} placeholders of the rules page
    "numbers",  # 72 hours, 24 hours, 37 weeks, phone numbers
    "xmltags",  # markup kept
    "urls",
    "emails",
    "escapes",
    "newlines",
    "tabs",
    "nplurals",  # as many plural forms as the language has
    "purepunc",
    "startwhitespace",
    "endwhitespace",
    "doublespacing",
    "blank",
    "untranslated",
    "isfuzzy",
)
# translate-toolkit's language codes, where ours differ.
LANGUAGE = {"zh_Hans": "zh_CN"}
# (locale, test, English): why the finding is right in that language.
ACCEPTED = {
    ("ar", "numbers", "It takes about 2 minutes."): (
        "Arabic says 'two minutes' with the dual (دقيقتين), without a digit"
    ),
    ("ar", "numbers", "Shift, press 1 more time to exit."): (
        "Arabic says 'once more' in words (مرة واحدة), without a digit"
    ),
    ("ar", "numbers", "Shift, press 2 more times to exit."): (
        "Arabic says 'twice more' with the dual (مرتين), without a digit"
    ),
    (
        "fr",
        "numbers",
        "Soaking a pad in an hour or less, blood running down your legs, or clots bigger than "
        "about 2.5 cm (1 inch).",
    ): "French writes the decimal comma (2,5 cm), which pofilter reads as other numbers",
    (
        "fr",
        "numbers",
        "the bleeding gets heavy: soaking a pad in an hour or less, blood running down your "
        "legs, or clots bigger than about 2.5 cm (1 inch)",
    ): "French writes the decimal comma (2,5 cm), which pofilter reads as other numbers",
    (
        "pt_BR",
        "numbers",
        "Soaking a pad in an hour or less, blood running down your legs, or clots bigger than "
        "about 2.5 cm (1 inch).",
    ): "Portuguese writes the decimal comma (2,5 cm), which pofilter reads as other numbers",
    (
        "pt_BR",
        "numbers",
        "the bleeding gets heavy: soaking a pad in an hour or less, blood running down your "
        "legs, or clots bigger than about 2.5 cm (1 inch)",
    ): "Portuguese writes the decimal comma (2,5 cm), which pofilter reads as other numbers",
}


def pofilter_command() -> list[str]:
    return [sys.executable, "-m", "translate.filters.pofilter"]


def run(path: Path, code: str, tests: Sequence[str] = GATING) -> list[tuple[str, str, str]]:
    """(test, message, English) for every pofilter finding in a catalog."""
    command = [
        *pofilter_command(),
        "--progress=none",
        f"--language={LANGUAGE.get(code, code)}",
        *(f"--test={test}" for test in tests),
        str(path),
    ]
    result = subprocess.run(command, capture_output=True, check=False, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"pofilter failed on {path}: {result.stderr.decode()[-500:]}")
    found = []
    for message in read_po(io.BytesIO(result.stdout)):
        if not message.id:
            continue
        english = forms(message.id)[0]
        for comment in message.user_comments:
            if comment.startswith("(pofilter) "):
                test, _, detail = comment[len("(pofilter) ") :].partition(": ")
                found.append((test, detail, english))
    return found


def problems(path: Path, code: str) -> list[str]:
    return [
        f"{code}: pofilter {test}: {detail}: {english[:60]!r}"
        for test, detail, english in run(path, code)
        if (code, test, english) not in ACCEPTED
    ]

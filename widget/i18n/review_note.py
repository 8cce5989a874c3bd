"""The "not yet checked by a health professional" note, decided per page.

While a page's skeleton renders (``rendering.Renderer.skeleton``), every
message the templates translate is recorded with its language. The note in
``templates/_banner.html`` sits between two markers; once the page is
rendered it is kept when any message the page shows in a language other than
English is not signed off by a clinician (``widget/i18n/signoff.py``), and
removed otherwise. The note's own message does not count (it is only shown
because of the others): it is read from the template, between the markers.
Answers filled into the page later are option labels of the questions whose
slots the page has; those labels (and :data:`NOT_ANSWERED`) count as shown.
The decision is made once per skeleton, so it costs nothing per request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from babel.support import NullTranslations
from jinja2 import Environment
from jinja2.ext import extract_from_ast
from markupsafe import Markup

from widget.clinical import content
from widget.clinical.content import N_
from widget.i18n.locales import SOURCE_LOCALE
from widget.i18n.signoff import MessageKey, signed_off
from widget.resources import resource_dir

# What the summary says for a question the reader did not answer (filled in
# by widget/web/rendering.py, which imports it from here).
NOT_ANSWERED = N_("Not answered")

# The note is the one message between the markers in this template:
#   {{ review_note[0] }}<p …>{% trans %}This translation …{% endtrans %}</p>{{ review_note[1] }}
NOTE_TEMPLATE = "_banner.html"
_BETWEEN_THE_MARKERS = re.compile(
    r"\{\{\s*review_note\[0\]\s*\}\}(.*?)\{\{\s*review_note\[1\]\s*\}\}", re.DOTALL
)
BEGIN = Markup("\x00n\x00")
END = Markup("\x00/n\x00")
_NOTE_BLOCK = re.compile("\x00n\x00(.*?)\x00/n\x00", re.DOTALL)
_ANSWER_SLOT = re.compile("\x00a:([^\x00@]*)(?:@([^\x00]*))?\x00")

Shown = set[tuple[str, MessageKey]]
_shown: ContextVar[Shown | None] = ContextVar("review_note_shown", default=None)


class TrackingTranslations(NullTranslations):
    """A language's translations that note each message a page shows."""

    def __init__(self, code: str, translations: NullTranslations) -> None:
        super().__init__()
        self.code = code
        self._inner = translations

    def _note(self, message: str, context: str | None = None) -> None:
        shown = _shown.get()
        if shown is not None:
            shown.add((self.code, (message, context)))

    def gettext(self, message: str) -> str:
        self._note(message)
        return self._inner.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self._note(msgid1)
        return self._inner.ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        self._note(message, context)
        return str(self._inner.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, num: int) -> str:
        self._note(singular, context)
        return self._inner.npgettext(context, singular, plural, num)

    # Not dead code: Jinja installs ``ugettext``/``ungettext`` when an object has
    # them, and Babel's NullTranslations defines both as the *untranslated*
    # methods of Python's gettext. Without these two lines every page would be
    # in English (tests/i18n/test_review.py checks it).
    ugettext = gettext
    ungettext = ngettext


@contextmanager
def recording() -> Iterator[Shown]:
    """Collect the messages translated inside the ``with`` block."""
    shown: Shown = set()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def _filled_later(html: str, page_code: str) -> Iterator[tuple[str, MessageKey]]:
    for question_id, code in _ANSWER_SLOT.findall(html):
        language = code or page_code
        yield language, (NOT_ANSWERED, None)
        for option in content.QUESTIONS_BY_ID[question_id].options:
            yield language, (option.label, None)


def unsigned(html: str, shown: Shown, page_code: str) -> list[tuple[str, MessageKey]]:
    """The messages a page shows that no clinician has signed off."""
    found = []
    for code, key in {*shown, *_filled_later(html, page_code)}:
        if code == SOURCE_LOCALE or key[0] == note_message():
            continue
        if key not in signed_off(code):
            found.append((code, key))
    return sorted(found)


def resolve(html: str, shown: Shown, page_code: str) -> str:
    """Keep the note when the page shows an unsigned string; drop it otherwise."""
    if "\x00n\x00" not in html:
        return html
    keep = bool(unsigned(html, shown, page_code))
    return _NOTE_BLOCK.sub(lambda match: match.group(1) if keep else "", html)


def note_between_the_markers(template_source: str) -> str:
    """The English message a template puts between the note's markers."""
    found = _BETWEEN_THE_MARKERS.search(template_source)
    environment = Environment(extensions=["jinja2.ext.i18n"])
    environment.policies["ext.i18n.trimmed"] = True  # as the pages are rendered
    messages = (
        [m for _, _, m in extract_from_ast(environment.parse(found.group(1)))] if found else []
    )
    if len(messages) != 1 or not isinstance(messages[0], str):
        raise ValueError(
            "the review note must be one message between {{ review_note[0] }} and "
            f"{{{{ review_note[1] }}}}; found {messages!r}"
        )
    return messages[0]


@cache
def note_message() -> str:
    """The note's own message, read from ``templates/_banner.html``."""
    path = resource_dir("templates") / NOTE_TEMPLATE
    try:
        return note_between_the_markers(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None

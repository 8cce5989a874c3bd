"""The "not yet checked by a health professional" note, decided per page.

While a page's skeleton renders (``rendering.Renderer.skeleton``), every
message the templates translate is recorded with its language. The note in
``templates/_banner.html`` sits between two markers; once the page is
rendered it is kept when any message the page shows in a language other than
English is not signed off by a clinician (``widget/i18n/review.py``), and
removed otherwise. Answers filled into the page later are option labels of
the questions whose slots the page has; those labels (and "Not answered")
count as shown. The decision is made once per skeleton, so it costs nothing
per request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from babel.support import NullTranslations
from markupsafe import Markup

from widget.clinical import content
from widget.i18n.locales import SOURCE_LOCALE
from widget.i18n.review import MessageKey, signed_off

# The note's own message does not count: it is only shown because of the others.
NOTE = "This translation has not yet been checked by a health professional. If anything is unclear, call your midwife or doctor."  # noqa: E501
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
        question = content.QUESTIONS_BY_ID.get(question_id)
        for option in question.options if question else ():
            yield language, (option.label, None)


def unsigned(html: str, shown: Shown, page_code: str) -> list[tuple[str, MessageKey]]:
    """The messages a page shows that no clinician has signed off."""
    found = []
    for code, key in {*shown, *_filled_later(html, page_code)}:
        if code == SOURCE_LOCALE or key[0] == NOTE:
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


NOT_ANSWERED = "Not answered"  # widget.web.rendering.NOT_ANSWERED (kept equal by a test)

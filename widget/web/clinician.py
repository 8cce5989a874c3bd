"""The clinician summary: the advice and the reader's answers in a second
language, for a midwife or doctor who does not read the reader's language.

It is rendered on the server into the same outcome page (no extra request,
no answers leave the page). English is shown by default when the reader's
language is not English; the reader can pick another shipped language with a
``summary_lang`` field posted with ``nav=stay`` (the answers stay in the form
body, never in a URL).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from widget.i18n.locales import SOURCE_LOCALE, LocaleInfo, match_locale

if TYPE_CHECKING:
    from widget.web.rendering import Renderer

SUMMARY_FIELD = "summary_lang"
TEMPLATE = "_clinician_summary.html"


def summary_locale(
    reader_locale: LocaleInfo, requested: str | None, locales: tuple[LocaleInfo, ...]
) -> LocaleInfo | None:
    """The second language: the one asked for, else English for non-English readers."""
    if requested:
        found = match_locale(requested, locales)
        if found is not None and found != reader_locale:
            return found
    if reader_locale.code == SOURCE_LOCALE:
        return None
    return next((info for info in locales if info.code == SOURCE_LOCALE), None)


def clinician_summary(
    renderer: Renderer, context: Mapping[str, Any], second: LocaleInfo | None, shown: bool
) -> dict[str, Any]:
    """Template context for the outcome page: the summary in the reader's
    language and ``second`` side by side (each rendered in its language's
    environment), the languages to choose from, and whether it is open."""
    reader_locale: LocaleInfo = context["reader"].locale
    html = Markup("")
    if second is not None:
        html = Markup("").join(
            Markup(
                renderer.environment(info)
                .get_template(TEMPLATE)
                .render({**context, "summary_locale": info})
            )
            for info in (reader_locale, second)
        )
    return {
        "clinician_html": html,
        "clinician_locale": second,
        "clinician_choices": [info for info in renderer.locales if info != reader_locale],
        "clinician_open": shown,
    }

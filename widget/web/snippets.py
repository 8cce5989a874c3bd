"""The embed code partners copy: one function per placement (issue 25).

``GET /embed-code`` (widget.web.views.embed_code) shows what these write;
the examples in docs/embedding.md are what they write for the guide's example
partner (tests/test_docs.py), and the WordPress plugin writes the same script
embed as ``script_tag`` (tests/browser/test_wordpress.py). There is no other
copy of what a snippet looks like.

Pure: no request, no settings. Every value is escaped; the texts come through
``gettext`` in the check's language (they are read on the partner's page).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup, escape

from widget.clinical.content import N_

Gettext = Callable[[str], str]

# The iframe's accessible name (embed.js has it in every language, widget.web.views.embed).
IFRAME_TITLE = N_("Bleeding in pregnancy check")
# What the partner's iframe allows (docs/embedding.md, "What the sandbox allows").
SANDBOX = (
    "allow-downloads allow-forms allow-scripts allow-same-origin"
    " allow-top-navigation-by-user-activation"
)
CONTAINER_ID = "bleeding-check"  # the script embed's container on the partner's page
DEFAULT_HEIGHT, MIN_HEIGHT, MAX_HEIGHT = 900, 400, 3000  # the plain iframe's, in CSS px
# What WordPress escapes in a block's attributes (serialize_block_attributes).
BLOCK_ESCAPES = (
    ("--", "\\u002d\\u002d"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ('\\"', "\\u0022"),
)

# Translators: The line a partner website shows where the check will appear,
# until the check has loaded (and for good if it cannot load). %(link)s is a
# link whose text is 'open it in a new tab'.
FALLBACK = N_("If the check does not appear, %(link)s.")
# Translators: The text of the link in 'If the check does not appear, %(link)s.'
FALLBACK_LINK = N_("open it in a new tab")
# Translators: On a partner website, beside the check, until it has loaded. Same
# danger signs as the check's first question; keep 'your emergency number' and 'now'.
FALLBACK_EMERGENCY = N_(
    "If you are bleeding heavily, have severe pain, have fainted or feel faint, call your "
    "emergency number now."
)


@dataclass(frozen=True)
class Embed:
    """What a snippet says: the check's public origin, the partner and its options."""

    base: str  # the widget's public origin, https://check.example (WIDGET_PUBLIC_URL)
    partner: str
    lang: str | None = None  # a language tag (es, pt-BR); None: the partner's default
    region: str | None = None  # a region code (GB); None: the partner's
    exit_shortcut: bool = False  # Shift 3 times on the partner's page leaves it
    height: int = DEFAULT_HEIGHT  # the plain iframe's fixed height


def widget_url(
    base: str, partner: str | None, lang: str | None = None, region: str | None = None
) -> str:
    """The check's start page for a partner, language and region (what the
    fallback links to, the plain iframe shows and editors paste for oEmbed)."""
    fields = [("partner", partner), ("lang", lang), ("region", region)]
    return base + "/?" + urlencode([(name, value) for name, value in fields if value])


def script_tag(embed: Embed, gettext: Gettext) -> str:
    """The loader with its container and fallback line (docs/embedding.md, section 2)."""
    link = Markup('<a href="{}" target="_blank" rel="noopener">{}</a>').format(
        widget_url(embed.base, embed.partner, embed.lang, embed.region), gettext(FALLBACK_LINK)
    )
    fallback = Markup(escape(gettext(FALLBACK))) % {"link": link}
    emergency = escape(gettext(FALLBACK_EMERGENCY))
    attributes = [
        ("src", embed.base + "/embed.js"),
        ("data-partner", embed.partner),
        ("data-lang", embed.lang),
        ("data-region", embed.region),
        ("data-target", "#" + CONTAINER_ID),
    ]
    written = "".join(Markup(' {}="{}"').format(name, value) for name, value in attributes if value)
    flags = " data-exit-shortcut" if embed.exit_shortcut else ""
    return (
        f'<div class="bleeding-check" id="{CONTAINER_ID}">\n'
        "  <p data-bleeding-check-fallback>\n"
        f"    {fallback}\n"
        f"    {emergency}\n"
        "  </p>\n"
        "</div>\n"
        f"<script{written}{flags} async></script>"
    )


def plain_iframe(embed: Embed, gettext: Gettext) -> str:
    """The iframe alone: no script on the partner's page, a fixed height (section 2)."""
    src = widget_url(embed.base, embed.partner, embed.lang, embed.region)
    return str(
        Markup(
            '<iframe src="{src}"\n'
            '        title="{title}"\n'
            '        sandbox="{sandbox}"\n'
            '        referrerpolicy="no-referrer" loading="lazy"\n'
            '        style="display:block;width:100%;height:{height}px;border:0"></iframe>'
        ).format(src=src, title=gettext(IFRAME_TITLE), sandbox=SANDBOX, height=embed.height)
    )


def wordpress_shortcode(embed: Embed, gettext: Gettext) -> str:
    """The plugin's shortcode (integrations/wordpress/bleeding-check, section 9)."""
    attributes = [("partner", embed.partner), ("lang", embed.lang), ("region", embed.region)]
    attributes += [("exit_shortcut", "on")] if embed.exit_shortcut else []
    written = "".join(Markup(' {}="{}"').format(name, value) for name, value in attributes if value)
    return f"[bleeding_check{written}]"


def wordpress_block(embed: Embed, gettext: Gettext) -> str:
    """The plugin's block as the block editor saves it (paste it in the code editor)."""
    attributes: dict[str, str | bool] = {"partner": embed.partner}
    attributes |= {"lang": embed.lang} if embed.lang else {}
    attributes |= {"region": embed.region} if embed.region else {}
    attributes |= {"exitShortcut": True} if embed.exit_shortcut else {}
    # As WordPress writes them: nothing that could end the comment or be read as markup.
    written = json.dumps(attributes, separators=(",", ":"), ensure_ascii=False)
    for text, code in BLOCK_ESCAPES:
        written = written.replace(text, code)
    return f"<!-- wp:bleeding-check/check {written} /-->"


def oembed_url(embed: Embed, gettext: Gettext) -> str:
    """The address an editor pastes on its own line (oEmbed, sections 9 and 10):
    it carries the partner and the language only."""
    return widget_url(embed.base, embed.partner, embed.lang)


@dataclass(frozen=True)
class Placement:
    """A way to add the check, and which options its code can carry."""

    id: str
    write: Callable[[Embed, Gettext], str]
    region: bool = True  # carries a fixed region
    exit_shortcut: bool = True  # can turn on the Exit shortcut of the partner's page
    height: bool = False  # has a fixed height
    oembed: bool = False  # works only for a partner with oembed = true


PLACEMENTS = {
    placement.id: placement
    for placement in (
        Placement("script", script_tag),
        Placement("iframe", plain_iframe, exit_shortcut=False, height=True),
        Placement("shortcode", wordpress_shortcode),
        Placement("block", wordpress_block),
        Placement("oembed", oembed_url, region=False, exit_shortcut=False, oembed=True),
    )
}

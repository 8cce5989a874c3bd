"""Partner sites that embed the widget: configuration, validation, theme CSS.

Partners are declared in a TOML file (path in ``WIDGET_PARTNERS``), read once
at start-up. Every value is validated strictly, so nothing a partner writes
can inject CSS or widen who may frame the widget; a bad file refuses to start
with a message naming the partner and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from widget.clinical.regions import REGIONS_BY_CODE
from widget.i18n.locales import LOCALES, LOCALES_BY_CODE

# The "Exit this page" destination when a partner sets none: neutral, fast, no health topic.
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"

MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text, against the white page
MAX_RADIUS = {"px": 24.0, "rem": 1.5, "em": 1.5}

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RADIUS = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)(px|rem|em)$")
_FAMILY = re.compile(r'^(?:"[A-Za-z0-9 -]{1,40}"|[A-Za-z][A-Za-z0-9 -]{0,39})$')
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,22}[0-9]$")
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)
_LOOPBACK = re.compile(r"^(?:localhost|127(?:\.\d{1,3}){3}|::1)$")
_TEXT_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f<>]")

# What the embed messages may carry besides "a question is shown" and "the
# advice is shown": each follows from the answers, so each is off unless the
# partner asks for it (docs/embedding.md, section 4).
EVENT_FIELDS = ("event_step_numbers", "event_levels", "event_question_ids")
PARTNER_FIELDS = frozenset(
    {
        "name",
        "allowed_origins",
        "default_locale",
        "locales",
        "region",
        "theme",
        "contact",
        "exit_url",
        "demo",
        "oembed",
        *EVENT_FIELDS,
    }
)
THEME_FIELDS = frozenset({"accent", "text", "radius", "font"})
CONTACT_FIELDS = frozenset({"name", "phone"})


def is_partner_id(value: str) -> bool:
    """1-40 lower-case letters, digits or hyphens, starting with a letter or digit."""
    return bool(_ID.fullmatch(value))


class PartnerConfigError(Exception):
    """The partner file is wrong; the message names the partner and the field."""


@dataclass(frozen=True)
class Theme:
    accent: str | None = None  # "#rrggbb"
    text: str | None = None
    radius: str | None = None  # "8px", "0.5rem"
    font: str | None = None  # a font stack of safe family names


@dataclass(frozen=True)
class Contact:
    name: str
    display: str  # as the partner wrote it
    dial: str  # digits (and a leading +) for the tel: link


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    allowed_origins: tuple[str, ...]
    default_locale: str
    locales: tuple[str, ...]
    region: str | None = None
    theme: Theme = field(default_factory=Theme)
    contact: Contact | None = None
    exit_url: str = DEFAULT_EXIT_URL
    demo: bool = False
    # Opt-ins (EVENT_FIELDS), off by default: the loader's ``step`` events also
    # carry the question's number on screen or its id, its ``outcome`` event the
    # level. Each reveals something of the answers (docs/embedding.md).
    event_step_numbers: bool = False
    event_levels: bool = False
    event_question_ids: bool = False
    # May be embedded by pasting its widget URL into a CMS (GET /oembed, widget.web.oembed).
    oembed: bool = False

    def allows(self, origin: str) -> bool:
        return origin in self.allowed_origins


def load_partners(path: str | Path) -> dict[str, Partner]:
    """Read and validate a partner file. Raises PartnerConfigError."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise PartnerConfigError(f"cannot read the partner file {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise PartnerConfigError(f"the partner file {path} is not valid TOML: {error}") from error
    return parse_partners(data)


def parse_partners(data: Mapping[str, Any]) -> dict[str, Partner]:
    unknown = set(data) - {"partners"}
    if unknown:
        raise PartnerConfigError(f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    table = data.get("partners", {})
    if not isinstance(table, dict):
        raise PartnerConfigError("[partners] must be a table of partners")
    return {partner_id: _partner(partner_id, values) for partner_id, values in table.items()}


def _partner(partner_id: str, values: Any) -> Partner:
    def fail(name: str, problem: str) -> PartnerConfigError:
        return PartnerConfigError(f"partner {partner_id!r}, field {name!r}: {problem}")

    if not is_partner_id(partner_id):
        raise fail("id", "use 1-40 lower-case letters, digits or hyphens")
    if not isinstance(values, dict):
        raise fail("id", "must be a table")
    unknown = set(values) - PARTNER_FIELDS
    if unknown:
        raise fail(sorted(unknown)[0], "unknown field")

    name = _text(values.get("name"), 80)
    if name is None:
        raise fail("name", "required, 1-80 characters, no control characters or < >")
    switches: dict[str, bool] = {}
    for switch in ("demo", "oembed", *EVENT_FIELDS):
        value = values.get(switch, False)
        if not isinstance(value, bool):
            raise fail(switch, "must be true or false")
        switches[switch] = value
    demo = switches["demo"]

    origins = values.get("allowed_origins")
    if not isinstance(origins, list) or not origins:
        raise fail("allowed_origins", "required: a list of origins such as https://example.org")
    checked: list[str] = []
    for origin in origins:
        problem = _origin_problem(origin, demo)
        if problem:
            raise fail("allowed_origins", f"{origin!r} {problem}")
        checked.append(origin)

    shipped = [info.code for info in LOCALES]
    locales = values.get("locales", shipped)
    if not isinstance(locales, list) or not locales:
        raise fail("locales", "must be a non-empty list of locale codes")
    for code in locales:
        if code not in LOCALES_BY_CODE:
            raise fail("locales", f"{code!r} is not a shipped locale ({', '.join(shipped)})")
    default_locale = values.get("default_locale", locales[0])
    if default_locale not in locales:
        raise fail("default_locale", f"{default_locale!r} must be one of the partner's locales")

    region = values.get("region")
    if region is not None and region not in REGIONS_BY_CODE:
        raise fail("region", f"{region!r} is not a known region ({', '.join(REGIONS_BY_CODE)})")

    exit_url = values.get("exit_url", DEFAULT_EXIT_URL)
    if not _is_https_url(exit_url):
        raise fail("exit_url", "must be an https:// URL")

    return Partner(
        id=partner_id,
        name=name,
        allowed_origins=tuple(checked),
        default_locale=str(default_locale),
        locales=tuple(locales),
        region=region,
        theme=_theme(values.get("theme", {}), fail),
        contact=_contact(values.get("contact"), fail),
        exit_url=exit_url,
        demo=demo,
        event_step_numbers=switches["event_step_numbers"],
        event_levels=switches["event_levels"],
        event_question_ids=switches["event_question_ids"],
        oembed=switches["oembed"],
    )


def _theme(values: Any, fail: Any) -> Theme:
    if not isinstance(values, dict):
        raise fail("theme", "must be a table")
    unknown = set(values) - THEME_FIELDS
    if unknown:
        raise fail("theme." + sorted(unknown)[0], "unknown field")
    colours: dict[str, str | None] = {}
    for key in ("accent", "text"):
        value = values.get(key)
        if value is not None:
            if not isinstance(value, str) or not _HEX.match(value):
                raise fail(f"theme.{key}", "must be a colour like #1a5e9a")
            ratio = contrast(value, "#ffffff")
            if ratio < MIN_CONTRAST:
                raise fail(
                    f"theme.{key}",
                    f"{value} has a contrast of {ratio:.2f}:1 on white; "
                    f"it needs at least {MIN_CONTRAST}:1",
                )
            value = _long_hex(value)
        colours[key] = value
    radius = values.get("radius")
    if radius is not None:
        match = _RADIUS.match(radius) if isinstance(radius, str) else None
        if not match or float(match.group(1)) > MAX_RADIUS[match.group(2)]:
            raise fail("theme.radius", "must be a length like 8px (at most 24px or 1.5rem)")
    font = values.get("font")
    if font is not None and not _safe_font_stack(font):
        raise fail(
            "theme.font",
            'must be a list of font names like: "Source Sans 3", Arial, sans-serif',
        )
    return Theme(accent=colours["accent"], text=colours["text"], radius=radius, font=font)


def _contact(values: Any, fail: Any) -> Contact | None:
    if values is None:
        return None
    if not isinstance(values, dict):
        raise fail("contact", "must be a table with name and phone")
    unknown = set(values) - CONTACT_FIELDS
    if unknown:
        raise fail("contact." + sorted(unknown)[0], "unknown field")
    name = _text(values.get("name"), 80)
    if name is None:
        raise fail("contact.name", "required, 1-80 characters, no control characters or < >")
    phone = values.get("phone")
    if not isinstance(phone, str) or not _PHONE.match(phone):
        raise fail("contact.phone", "must be a phone number: digits, spaces, +, -, ( )")
    dial = ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)
    return Contact(name=name, display=phone, dial=dial)


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not 0 < len(text) <= limit or _TEXT_FORBIDDEN.search(text):
        return None
    return text


def _origin_problem(origin: Any, demo: bool) -> str | None:
    """Why ``origin`` is not an exact origin we accept, or None."""
    if not isinstance(origin, str):
        return "is not a string"
    parts = urlsplit(origin)
    host = parts.hostname or ""
    if (
        parts.scheme not in ("https", "http")
        or f"{parts.scheme}://{parts.netloc}" != origin
        or parts.username is not None
        or parts.password is not None
        or parts.netloc.lower() != parts.netloc
        or not (_HOST.match(host) or _LOOPBACK.match(host))
    ):
        return "must be an exact origin: https://host[:port], lower case, no path or slash"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "has a bad port"
    if parts.scheme == "http":
        if not demo:
            return "uses http: only https:// origins are allowed (http only for demo = true)"
        if not _LOOPBACK.match(host):
            return "uses http: demo partners may use http only on localhost or 127.0.0.1"
    return None


def _is_https_url(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 500 or _TEXT_FORBIDDEN.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname) and " " not in value


def _safe_font_stack(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 200:
        return False
    families = [family.strip() for family in value.split(",")]
    return all(_FAMILY.match(family) for family in families)


def _long_hex(colour: str) -> str:
    colour = colour.lower()
    if len(colour) == 4:
        colour = "#" + "".join(digit * 2 for digit in colour[1:])
    return colour


def _luminance(colour: str) -> float:
    colour = _long_hex(colour)
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #hex colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def theme_css(partner: Partner) -> str:
    """The partner's theme as CSS custom properties (every value validated).

    Colours apply to the light scheme only: in dark mode the widget keeps its
    own dark palette, which a partner's colours were not checked against.
    """
    theme = partner.theme
    always = []
    if theme.radius:
        always.append(f"--radius: {theme.radius};")
    if theme.font:
        always.append(f"--font: {theme.font};")
    light = []
    if theme.accent:
        light += [f"--accent: {theme.accent};", f"--accent-dark: {theme.accent};"]
    if theme.text:
        light.append(f"--text: {theme.text};")
    css = f"/* Theme for partner {partner.id} */\n"
    if always:
        css += ":root { " + " ".join(always) + " }\n"
    if light:
        css += "@media not (prefers-color-scheme: dark) {\n  :root { " + " ".join(light) + " }\n}\n"
    return css

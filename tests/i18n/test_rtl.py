"""Right to left: the stylesheet mirrors, and numbers stay in order."""

from __future__ import annotations

import re
from pathlib import Path

from tests.reader import answer, start
from tests.stories import CALM as CALM_CHOICES

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "widget.css"

PHYSICAL = re.compile(
    r"(?<![-\w])("
    r"(margin|padding|border)-(left|right|top|bottom)(-\w+)?"
    r"|left|right|top|bottom"
    r"|(min-|max-)?(width|height)"
    r"|float|clear"
    r")\s*:"
)
PHYSICAL_VALUE = re.compile(r"(text-align|float|clear)\s*:\s*(left|right)")


def declarations():
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.DOTALL)
    # Drop media queries' conditions ("(min-width: 40rem)" measures the screen).
    css = re.sub(r"@media[^{]*\{", "{", css)
    return css


def test_the_stylesheet_uses_logical_properties_only():
    css = declarations()
    assert PHYSICAL.findall(css) == []
    assert PHYSICAL_VALUE.findall(css) == []


def test_the_checker_sees_a_physical_property():
    assert PHYSICAL.search(".a { margin-left: 1rem; }")
    assert PHYSICAL.search(".a { width: 1rem; }")
    assert not PHYSICAL.search(".a { margin-inline-start: 1rem; inline-size: 2rem; }")


def test_phone_numbers_stay_left_to_right_and_service_names_are_isolated(client):
    response = start(client)
    while 'data-outcome="' not in response.text:
        response = answer(client, response, CALM_CHOICES)
    assert '<a class="tel" href="tel:000" dir="ltr">000</a>' in response.text
    assert '<bdi>Pregnancy, Birth and Baby</bdi>: <a class="tel"' in response.text

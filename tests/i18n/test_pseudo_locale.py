"""Every page in the pseudo-locale en_XA: any visible English is hard-coded.

Every message that goes through gettext renders ``[Åççéñţéð ··]``. We render
every page (each question, its error state, the urgent banner, every outcome
level, every error page), remove the bracketed text, and what is left must be
numbers, punctuation, or names that come from CLDR (countries, months, "and",
"or"). Text inside an element in another language (the language switcher, the
clinician summary in English) is skipped: it is meant to be in that language.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel import Locale
from starlette.testclient import TestClient

from tests.reader import forms_in, post_pairs, question_form, submit
from tests.stories import CALM as CALM_CHOICES
from widget.clinical import content
from widget.clinical.regions import REGIONS
from widget.i18n.pseudo import CLOSE, OPEN
from widget.web.app import Settings, create_app

PAGE_LANG = "en-XA"
VISIBLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

ENGLISH = Locale.parse("en")
CLDR_WORDS = sorted(
    {ENGLISH.territories[region.code] for region in REGIONS}
    | set(ENGLISH.months["format"]["wide"].values())
    | {"and", "or"},
    key=len,
    reverse=True,
)
# Numbers, phone numbers, dates and punctuation need no translation.
ALLOWED_LEFTOVER = re.compile(r"^[\d\s.,:;!?()+\-–—/‹›·…'\"“”]*$")


class VisibleText(HTMLParser):
    """Text a reader sees or hears, skipping elements in another language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other_language = "lang" in attributes and attributes["lang"] != PAGE_LANG
        void = tag in {"meta", "link", "input", "br", "img", "hr"}
        if not (self.skipping or other_language):
            self.parts += [
                attributes[name] or "" for name in VISIBLE_ATTRIBUTES if name in attributes
            ]
        if not void:
            self.stack.append((tag, other_language or tag in {"script", "style"}))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def untranslated(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    kept, depth = [], 0
    for character in text:
        if character == OPEN:
            depth += 1
        elif character == CLOSE:
            depth -= 1
            assert depth >= 0, f"unbalanced brackets in {text!r}"
        elif depth == 0:
            kept.append(character)
    leftover = "".join(kept)
    for word in CLDR_WORDS:
        leftover = re.sub(rf"\b{re.escape(word)}\b", " ", leftover)
    return " ".join(leftover.split())


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Settings(default_region="AU", debug=True)))


def assert_all_translated(response, where):
    assert f'<html lang="{PAGE_LANG}"' in response.text or "<html" not in response.text
    leftover = untranslated(response.text)
    assert ALLOWED_LEFTOVER.match(leftover), f"{where}: hard-coded text {leftover!r}"


def test_the_checker_catches_a_hard_coded_string():
    assert untranslated(f"<p>{OPEN}Ŝåƒé ··{CLOSE} 000</p>") == "000"
    assert untranslated(f"<p>{OPEN}Ŝåƒé{CLOSE} Continue</p>") == "Continue"
    assert untranslated('<button aria-label="Close">×</button>') == "Close ×"
    assert untranslated('<section lang="en"><p>Your answers</p></section>') == ""
    assert untranslated("<select><option>New Zealand</option></select>") == ""


JOURNEYS = {
    "early": {"weeks": "6_to_11", "amount": "spotting", "clots": "no"},
    "late": {"weeks": "37_plus", "amount": "spotting", "clots": "no", "show": "yes"},
    "mid": {"weeks": "24_to_36", "amount": "light", "clots": "no"},
}


CALM = {**{key: values[0] for key, values in CALM_CHOICES.items()}, "movements": "as_usual"}


def choice(question, overrides):
    return [{**CALM, **overrides}[question.id]]


def test_every_page_in_the_pseudo_locale_comes_through_gettext(client):
    seen_steps, seen_outcomes = set(), set()
    start = client.get("/?lang=en-XA&region=AU")
    assert_all_translated(start, "start page")
    assert_all_translated(client.get("/?lang=en-XA&region=other"), "start page, no region")

    for name, overrides in JOURNEYS.items():
        response = submit(client, forms_in(start.text)[-1], {})
        while 'data-outcome="' not in response.text:
            assert response.status_code == 200, name
            assert_all_translated(response, f"{name}: {response.context['question'].id}")
            question = response.context["question"]
            if question.id not in seen_steps:
                seen_steps.add(question.id)
                empty = submit(client, question_form(response.text), {}, "continue")
                assert empty.status_code == 422
                assert_all_translated(empty, f"{question.id} with an error")
            response = submit(
                client,
                question_form(response.text),
                {question.id: choice(question, overrides)},
                "continue",
            )
        assert_all_translated(response, f"{name}: outcome")
        seen_outcomes.add(response.context["level"].id)

    # the urgent banner, then its jump to the advice
    response = submit(client, forms_in(start.text)[-1], {})
    for answer in (["none"], ["12_to_23"]):
        form = question_form(response.text)
        step = dict(form.hidden)["step"]
        response = submit(client, form, {step: answer}, "continue")
    assert "urgent-banner" in response.text
    assert_all_translated(response, "urgent banner")
    advice = next(f for f in forms_in(response.text) if "advice-form" in f.attrs["class"])
    response = submit(client, advice, {}, "advice")
    assert_all_translated(response, "urgent outcome")
    seen_outcomes.add(response.context["level"].id)

    # an emergency, for the "while you wait" section
    response = submit(client, forms_in(start.text)[-1], {})
    response = submit(client, question_form(response.text), {"danger": ["faint"]}, "continue")
    assert_all_translated(response, "emergency outcome")
    seen_outcomes.add(response.context["level"].id)

    assert seen_steps == {question.id for question in content.QUESTIONS}
    assert seen_outcomes == {level.id for level in content.Level}


def test_every_error_page_in_the_pseudo_locale_comes_through_gettext(client):
    form_type = {"content-type": "application/x-www-form-urlencoded"}
    pages = {
        400: post_pairs(client, "/step", [("lang", "en_XA"), ("weeks", "nonsense")]),
        404: client.get("/nowhere?lang=en-XA"),
        405: client.get("/step?lang=en-XA"),
        413: client.post("/step?lang=en-XA", content="a=" + "b" * 20000, headers=form_type),
        415: client.post("/step?lang=en-XA", content="{}", headers={"content-type": "text/json"}),
    }
    salvage = post_pairs(
        client, "/step", [("lang", "en_XA"), ("weeks", "6_to_11"), ("danger", "x")]
    )
    assert "salvage-form" in salvage.text
    for status, response in [*pages.items(), (400, salvage)]:
        assert response.status_code == status
        assert_all_translated(response, f"error {status}")


def test_the_pseudo_locale_is_not_served_without_debug(app):
    response = TestClient(app).get("/?lang=en-XA")
    assert response.headers["content-language"] == "en"

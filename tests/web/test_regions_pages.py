"""Readers' countries on the pages: the start page never guesses her country
from her language but offers the countries of her language first; the outcome
gives the police (never the ambulance) for danger from a person, the
family-violence line where one exists, advice lines only at the levels they fit,
and the common numbers wherever no region is known."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from babel.lists import format_list
from starlette.testclient import TestClient

from tests.stories import CALM, ROUTINE
from widget.clinical import regions
from widget.clinical.content import Level
from widget.web.app import Settings, create_app

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
HX = {"HX-Request": "true"}
# "for example 112, 911, 999, or 000", as Babel lists them in English.
COMMON = "for example " + format_list(list(regions.COMMON_EMERGENCY_NUMBERS), "or", "en")

# Outcomes by level, each a full set of answers (last question last).
SOON = dict(CALM)  # spotting after sex at 6-11 weeks: "today" (S1)
URGENT = CALM | {"amount": ["period_like"]}  # U3
HURT = CALM | {"injury": ["prefer_not_to_say"]}  # U9 and the injury/support note


@pytest.fixture(scope="module")
def client():
    """An operator with no default region (the shared fixture defaults to AU)."""
    return TestClient(create_app(Settings(default_region=None, debug=False)))


def outcome(client, answers: dict[str, list[str]], region: str, headers=None):
    pairs = [(q, v) for q, values in answers.items() for v in values]
    pairs += [("step", list(answers)[-1]), ("nav", "continue"), ("lang", "en")]
    pairs += [("region", region)]
    response = client.post("/step", content=urlencode(pairs), headers=FORM | (headers or {}))
    assert response.status_code == 200, response.text
    return response


def support_note(html: str) -> str:
    start = html.index("If someone is hurting you")
    return html[start : html.index("</li>", start)]


def options(html: str) -> list[tuple[str, bool]]:
    select = html[html.index('<select id="region-choice"') : html.index("</select>")]
    return [
        (value, bool(selected))
        for value, selected in re.findall(r'<option value="([^"]+)"( selected)?>', select)
    ]


# --- The start page ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["pt-BR", "ar-EG", "fr-FR", "zh-CN,zh;q=0.9", "hi"])
def test_the_browser_language_preselects_no_country(client, language):
    page = client.get("/", headers={"Accept-Language": language})
    chosen = [value for value, selected in options(page.text) if selected]
    assert chosen == ["other"]
    assert page.context["region"] is None
    assert "tel:" not in page.text.split("</header>")[0]  # no country's number either


def test_a_portuguese_reader_sees_the_portuguese_speaking_countries_first(client):
    page = client.get("/", headers={"Accept-Language": "pt-BR"})
    codes = [value for value, _ in options(page.text)]
    # Angola, Brasil, Macau (RAE…), Portugal, Timor-Leste
    assert codes[:5] == ["AO", "BR", "MO", "PT", "TL"]
    assert sorted(codes[5:-1]) == sorted(r.code for r in regions.REGIONS if "pt" not in r.languages)
    assert codes[-1] == "other"
    assert page.text.count("<optgroup") == 2


def test_the_first_group_is_every_country_of_her_language_then_all_the_others(client):
    page = client.get("/?lang=ar")
    select = page.text[page.text.index("<select") : page.text.index("</select>")]
    first, others = select.split("</optgroup>")[:2]
    arabic = {r.code for r in regions.REGIONS if "ar" in r.languages}
    assert set(re.findall(r'value="([A-Z]{2})"', first)) == arabic
    assert (
        set(re.findall(r'value="([A-Z]{2})"', others)) == {r.code for r in regions.REGIONS} - arabic
    )


def test_names_are_in_alphabetical_order_whatever_their_accents(client):
    page = client.get("/?lang=pt_BR")
    second_group = page.text.index("<optgroup", page.text.index("<optgroup") + 1)
    select = page.text[second_group : page.text.index("</select>")]
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', select)
    assert names.index("Argélia") < names.index("Argentina")
    assert names.index("Bélgica") < names.index("Bolívia")


def test_a_region_in_the_link_is_still_chosen_and_a_partial_start_page_has_the_groups(client):
    page = client.get("/?lang=es&region=PE", headers=HX)
    assert [value for value, selected in options(page.text) if selected] == ["PE"]
    assert "<optgroup" in page.text


# --- The support note -------------------------------------------------------------


def test_in_france_danger_from_a_person_means_17_and_3919_is_offered(client):
    note = support_note(outcome(client, HURT, "FR").text)
    assert 'href="tel:17"' in note and 'href="tel:3919"' in note
    assert 'href="tel:15"' not in note  # never the ambulance for danger from a person


@pytest.mark.parametrize("region", [r for r in regions.REGIONS if r.police], ids=lambda r: r.code)
def test_every_region_names_its_police_and_its_line_or_says_who_can_help(client, region):
    note = support_note(outcome(client, HURT, region.code, HX).text)
    assert f'href="tel:{region.police.dial}"' in note
    if region.family_violence:
        assert f'href="tel:{region.family_violence.dial}"' in note
    else:
        assert "A doctor, midwife or nurse can help you find support near you." in note


def test_a_region_without_a_police_number_is_told_to_call_the_police(client):
    no_police = [r for r in regions.REGIONS if r.police is None]
    assert no_police
    note = support_note(outcome(client, HURT, no_police[0].code).text)
    assert "If you are in danger now, call the police." in note
    assert f"tel:{no_police[0].emergency.dial}" not in note


def test_with_no_region_the_note_gives_the_common_numbers_and_promises_no_line(client):
    note = support_note(outcome(client, HURT, "other").text)
    assert COMMON in note
    assert "A doctor, midwife or nurse can help you find support near you." in note
    assert "You can call" not in note and "tel:" not in note


# --- Advice lines by level ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "level"),
    [(URGENT, Level.URGENT), (SOON, Level.SOON), (ROUTINE, Level.ROUTINE)],
    ids=["urgent", "soon", "routine"],
)
@pytest.mark.parametrize("region", [r for r in regions.REGIONS if r.advice], ids=lambda r: r.code)
def test_advice_lines_show_only_at_the_levels_they_fit(client, region, answers, level):
    page = outcome(client, answers, region.code)
    assert page.context["level"] == level
    for line in region.advice:
        shown = f'href="tel:{line.phone.dial}"' in page.text.split('id="why-title"')[0]
        assert shown == (level in line.levels), (region.code, line.phone.display, level)


def test_france_116_117_is_on_the_today_page_only(client):
    assert "116 117" in outcome(client, SOON, "FR").text
    assert "116 117" not in outcome(client, URGENT, "FR").text
    assert "116 117" not in outcome(client, ROUTINE, "FR").text


# --- No region known ------------------------------------------------------------------


def test_with_no_region_every_number_sentence_gives_the_common_numbers(client):
    urgent = outcome(client, URGENT, "other").text
    assert "Call your local emergency number (" + COMMON + ") now if:" in urgent
    emergency = client.post(
        "/step",
        content="danger=heavy_bleeding&step=danger&nav=continue&lang=en&region=other",
        headers=FORM,
    ).text
    assert "Call your local emergency number (" + COMMON + ") for an ambulance now" in emergency


def test_arabic_names_sort_by_their_letters_and_hindi_keeps_its_marks():
    from widget.web.views.questionnaire import _sort_key

    # إسرائيل (hamza under the alef) sorts with the other alef names, before باكستان.
    assert _sort_key("إسرائيل") < _sort_key("باكستان")
    assert _sort_key("إسرائيل").startswith("ا")
    # A Devanagari nukta or virama is part of the letter: कुवैत and क्यूबा differ by it.
    assert _sort_key("क्यूबा") != _sort_key("कयूबा")

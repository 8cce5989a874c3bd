"""What the outcome and question pages say, as the clinical core decides it
(issue 20): the jump's "call now if" signs, the show outcome, words that fit
the weeks, and the advice of the reader's care model. Full page and htmx
partial."""

from __future__ import annotations

import html
import re

import pytest
from starlette.testclient import TestClient

from tests.reader import post_pairs
from widget.clinical import content, regions
from widget.web.app import Settings, create_app

HX = {"HX-Request": "true"}
BASE = [("lang", "en"), ("region", "AU")]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.text)))


def post(client, answers: dict[str, str | list[str]], step: str, nav: str, headers=None):
    pairs = list(BASE)
    for question, value in answers.items():
        pairs += [(question, v) for v in ([value] if isinstance(value, str) else value)]
    pairs += [("step", step), ("nav", nav)]
    return post_pairs(client, "/step", pairs, headers)


JUMP_AT_16_WEEKS = {"danger": "none", "weeks": "12_to_23", "amount": "light"}
SHOW_AT_38_WEEKS = {
    "danger": "none",
    "weeks": "37_plus",
    "amount": "spotting",
    "clots": "no",
    "symptoms": "none",
    "movements": "as_usual",
    "injury": "no",
    "history": "rh_negative",
    "after_sex": "yes",
    "pattern": "once_stopped",
    "show": "yes",
}


@pytest.mark.parametrize("headers", [None, HX], ids=["full-page", "htmx"])
def test_the_jumped_advice_names_the_emergency_signs_of_the_questions_skipped(client, headers):
    response = post(client, JUMP_AT_16_WEEKS, "clots", "advice", headers)
    assert response.status_code == 200
    assert 'data-outcome="urgent"' in response.text
    text = text_of(response)
    # Straight after the notice that questions were skipped, under a heading of their
    # own that says to call the emergency number first, then the usual list.
    skipped = text.index("We have not assumed anything about the ones you skipped.")
    not_asked = text.index(
        "We did not ask you about these. Call 000 for an ambulance now if any of them is true:"
    )
    heading = text.index("Call 000 now if:")
    why = text.index("Why we say this")
    assert skipped < not_asked < heading < why
    for sign in ("injury", "low_placenta_bleeding", "vasa_praevia"):
        words = content.SIGNS_BY_ID[sign].text
        assert not_asked < text.index(words) < heading, words
    assert content.SIGNS_BY_ID["fluid_with_bleeding"].text not in text  # from 24 weeks only
    assert text.count("Call 000 now if:") == 1
    # The injury question was skipped: the support for someone being hurt is shown; no
    # reassurance while an emergency is still possible.
    assert "If someone is hurting you, you are not alone" in text
    assert "does not mean you will lose your baby" not in text


def test_a_finished_advice_has_no_heading_for_signs_not_asked(client):
    answers = {**JUMP_AT_16_WEEKS, "clots": "no", "symptoms": "none", "injury": "no"}
    answers |= {"history": "none", "after_sex": "no", "pattern": "once_stopped"}
    text = text_of(post(client, answers, "pattern", "continue"))
    assert "We did not ask you about these" not in text
    assert "If someone is hurting you" not in text  # she answered no


def test_a_finished_urgent_advice_lists_the_signs_after_the_notes(client):
    answers = {
        **JUMP_AT_16_WEEKS,
        "clots": "no",
        "symptoms": "none",
        "injury": "no",
        "history": "none",
        "after_sex": "no",
        "pattern": "once_stopped",
    }
    response = post(client, answers, "pattern", "continue")
    text = text_of(response)
    assert "We have not assumed" not in text
    assert text.index("Why we say this") < text.index("Call 000 now if:")
    assert content.SIGNS_BY_ID["injury"].text not in text


def test_the_show_outcome_says_one_thing(client):
    response = post(client, SHOW_AT_38_WEEKS, "show", "continue")
    assert 'data-outcome="routine"' in response.text
    text = text_of(response)
    assert "You do not need to call now." in text
    for contradiction in (
        "It still needs checking",
        "Keep a used pad",
        "Avoid sex until you have been checked",
        "72 hours",
        "Most bleeding in pregnancy does not mean you will lose your baby",
    ):
        assert contradiction not in text, contradiction
    # Fresh red blood means calling at once, first in the maternity-unit list.
    urgent_list = text.split("Call your maternity unit now if:")[1]
    assert urgent_list.strip().startswith("you see any fresh red blood")
    assert "Mention that your blood group is Rh-negative." in text


def test_headings_do_not_repeat_the_level_word(client):
    answers = {**SHOW_AT_38_WEEKS, "history": "none"}
    routine = post(client, answers, "show", "continue")
    assert "<title>Tell your midwife at your next appointment</title>" in routine.text
    assert 'class="level-badge"' not in routine.text
    soon = post(
        client,
        {
            "danger": "none",
            "weeks": "6_to_11",
            "amount": "spotting",
            "clots": "no",
            "symptoms": "none",
            "injury": "no",
            "history": "none",
            "scan": "yes",
            "after_sex": "no",
            "pattern": "once_stopped",
        },
        "pattern",
        "continue",
    )
    assert "<title>Get seen today</title>" in soon.text
    assert "Today" not in text_of(soon).split("Why we say this")[0]
    urgent = post(client, JUMP_AT_16_WEEKS, "clots", "advice")
    assert "<title>Call your maternity unit now (Urgent)</title>" in urgent.text
    assert '<span class="level-badge">Urgent</span>' in urgent.text


def test_from_24_weeks_the_urgent_advice_names_no_early_pregnancy_unit(client):
    late = post(client, {"danger": "none", "weeks": "24_to_36"}, "amount", "advice")
    action = re.search(r'<p class="action">(.*?)</p>', late.text, re.S).group(1)
    assert "early pregnancy unit" not in action and "maternity unit" in action
    early = post(client, {"danger": "none", "weeks": "12_to_23"}, "amount", "advice")
    action = re.search(r'<p class="action">(.*?)</p>', early.text, re.S).group(1)
    assert "early pregnancy unit" in action


@pytest.mark.parametrize(
    ("weeks", "offered", "not_offered"),
    [
        ("6_to_11", {"bowel_bladder_pain"}, {"contractions"}),
        ("12_to_23", {"contractions"}, {"bowel_bladder_pain"}),
        ("37_plus", {"contractions"}, {"bowel_bladder_pain"}),
        ("unknown", {"contractions", "bowel_bladder_pain"}, set()),
    ],
)
def test_the_symptoms_question_offers_what_fits_the_weeks(client, weeks, offered, not_offered):
    answers = {"danger": "none", "weeks": weeks, "amount": "spotting", "clots": "no"}
    for headers in (None, HX):
        page = post(client, answers, "clots", "continue", headers)
        values = set(re.findall(r'name="symptoms" value="(\w+)"', page.text))
        assert offered <= values and not values & not_offered, (weeks, headers)


def test_the_clots_question_says_a_show_is_not_tissue_only_from_37_weeks(client):
    term = post(
        client, {"danger": "none", "weeks": "37_plus", "amount": "spotting"}, "amount", "continue"
    )
    hint = re.search(r'<p class="hint" id="clots-hint">(.*?)</p>', term.text, re.S).group(1)
    assert "is not tissue" in html.unescape(hint)
    assert 'aria-describedby="clots-hint"' in term.text
    early = post(
        client, {"danger": "none", "weeks": "6_to_11", "amount": "light"}, "amount", "continue"
    )
    assert "is not tissue" not in early.text


def test_question_1_asks_now_or_since_the_bleeding_started(client):
    page = post_pairs(client, "/step", [*BASE, ("nav", "start")])
    assert "since the bleeding started" in page.text
    text = text_of(page)
    assert "Fainting, or feeling faint or very dizzy" in text and "unwell" not in text
    assert "A mild ache, even one that does not go away, is not this" in text
    assert 'value="sepsis"' in page.text


@pytest.fixture
def obgyn_client():
    assert regions.REGIONS_BY_CODE["CN"].services == content.HOSPITAL_OBGYN
    return TestClient(create_app(Settings(default_region=None, debug=False)))


def test_a_region_of_the_hospital_obgyn_model_gets_its_words(obgyn_client):
    answers = {"danger": "none", "weeks": "12_to_23"}
    pairs = [("lang", "en"), ("region", "CN")]
    banner = post_pairs(obgyn_client, "/step", [*pairs, *answers.items(), ("step", "weeks")])
    assert "From what you have told us, go to a hospital's obstetrics" in banner.text
    jumped = post_pairs(
        obgyn_client, "/step", [*pairs, *answers.items(), ("step", "amount"), ("nav", "advice")]
    )
    text = text_of(jumped)
    assert "Go to a hospital's obstetrics and gynaecology emergency department now" in text
    assert "Call your maternity unit" not in text
    assert "Call 120 now if:" in text  # the emergency list is the same in every model
    # The level and its time words are the model's too: still urgent, "now".
    assert 'data-outcome="urgent"' in jumped.text


def test_a_reader_whose_region_is_not_known_gets_the_maternity_unit_model():
    assert regions.care_model_for(None).id == content.DEFAULT_CARE_MODEL == "maternity_unit"
    assert regions.care_model_for(regions.REGIONS_BY_CODE["GB"]).id == "maternity_unit"

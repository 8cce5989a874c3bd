"""The language switcher, <html lang dir>, and the clinician summary.

These run against a table of three languages (English, Arabic, French)
whatever ships, so they test the machinery, not the catalogs: a locale whose
catalog is not there yet renders English text under its own lang and dir.
"""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.reader import (
    answer,
    current_step,
    form_with_class,
    forms_in,
    post_pairs,
    question_form,
    submit,
)
from tests.stories import CALM as CALM_CHOICES
from widget.i18n import locales as i18n
from widget.web.app import Settings, create_app

HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def client():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "SHIPPED", ("en", "ar", "fr"))
        app = create_app(Settings(default_region="AU", debug=False))
    return TestClient(app)


def html_tag(text):
    return re.search(r"<html[^>]*>", text).group(0)


def walk(client, steps, lang="en", headers=None):
    page = client.get(f"/?lang={lang}&region=AU")
    response = submit(client, forms_in(page.text)[-1], {}, headers=headers)
    for _ in range(steps):
        response = answer(client, response, CALM_CHOICES, headers)
    return response


def switch(client, response, lang):
    form = form_with_class(response.text, "language-form")
    assert "hx-post" not in form.attrs  # a full page load, so <html lang dir> follows
    return submit(client, form, {}, lang)


def test_start_page_links_name_each_language_in_itself(client):
    page = client.get("/?lang=fr&region=NZ")
    links = re.findall(
        r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">([^<]+)</a>', page.text
    )
    assert links == [
        ("/?lang=en&amp;region=NZ", "en", "en", "English"),
        ("/?lang=ar&amp;region=NZ", "ar", "ar", "العربية"),
    ]
    assert '<span class="language-current" lang="fr" aria-current="true">Français</span>' in (
        page.text
    )
    assert 'dir="rtl"' in html_tag(client.get("/?lang=ar&region=NZ").text)


def test_switching_mid_questionnaire_keeps_every_answer_and_the_step(client):
    before = walk(client, 3)
    step = current_step(before)
    answers_before = [pair for pair in question_form(before.text).hidden if pair[0] in CALM_CHOICES]
    after = switch(client, before, "ar")
    assert after.status_code == 200
    assert html_tag(after.text) == '<html lang="ar" dir="rtl">'
    assert after.headers["content-language"] == "ar"
    assert current_step(after) == step
    form = question_form(after.text)
    assert [pair for pair in form.hidden if pair[0] in CALM_CHOICES] == answers_before
    assert ("lang", "ar") in form.hidden
    # and on, in the new language, to the end
    response = after
    while 'data-outcome="' not in response.text:
        response = answer(client, response, CALM_CHOICES)
    assert 'data-outcome="soon"' in response.text and 'lang="ar"' in html_tag(response.text)


def test_the_switcher_form_sends_lang_once(client):
    form = form_with_class(walk(client, 2).text, "language-form")
    pairs = form.body({}, form.button("fr"))
    assert [name for name, _ in pairs].count("lang") == 1
    assert ("nav", "stay") in pairs


def test_switching_works_after_htmx_steps(client):
    partial = walk(client, 2, headers=HX)
    assert "<html" not in partial.text
    after = switch(client, partial, "fr")  # no HX-Request: the browser loads the page
    assert html_tag(after.text) == '<html lang="fr" dir="ltr">'


def test_switching_on_the_outcome_page_stays_on_the_outcome(client):
    outcome = walk(client, len(CALM_CHOICES))
    assert 'data-outcome="soon"' in outcome.text
    after = switch(client, outcome, "ar")
    assert 'data-outcome="soon"' in after.text and 'lang="ar"' in html_tag(after.text)


def test_a_malformed_or_unknown_lang_falls_back_quietly(client):
    for value in ["xx", "<script>", "fr-FR-x-" + "a" * 50]:
        response = client.get("/", params={"lang": value, "region": "AU"})
        assert response.status_code == 200
    assert html_tag(client.get("/?lang=de").text) == '<html lang="en" dir="ltr">'
    assert (
        client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).headers["content-language"]
        == "fr"
    )


def clinician_sections(text):
    return re.findall(r'<section class="clinician-summary" lang="([^"]+)" dir="([^"]+)"', text)


def test_a_non_english_reader_gets_the_summary_in_english_on_the_same_page(client):
    outcome = walk(client, len(CALM_CHOICES), lang="fr")
    # Side by side: the reader's French and the clinician's English.
    assert clinician_sections(outcome.text) == [("fr", "ltr"), ("en", "ltr")]
    assert '<details class="clinician">' in outcome.text  # closed until asked for
    english = walk(client, len(CALM_CHOICES), lang="en")
    heading = re.search(r'<span class="outcome-name">([^<]+)</span>', english.text).group(1)
    english_section = outcome.text.split('<section class="clinician-summary" lang="en"')[1]
    advice = re.search(r'<dd class="clinician-advice">([^<]+)</dd>', english_section).group(1)
    # The same heading as the English outcome page ("Get seen today": the level word
    # "Today" is not repeated after it).
    assert advice == heading == "Get seen today"


def test_an_english_reader_can_show_the_summary_in_another_language(client):
    outcome = walk(client, len(CALM_CHOICES))
    assert clinician_sections(outcome.text) == []
    form = form_with_class(outcome.text, "clinician-form")
    assert form.method == "post" and "?" not in form.action
    pairs = form.body({"summary_lang": ["ar"]})
    response = post_pairs(
        client, form.action, [p for p in pairs if p[0] != "summary_lang"] + [("summary_lang", "ar")]
    )
    assert 'data-outcome="soon"' in response.text
    assert clinician_sections(response.text) == [("en", "ltr"), ("ar", "rtl")]
    assert '<details class="clinician" open>' in response.text
    assert html_tag(response.text) == '<html lang="en" dir="ltr">'


def test_an_unknown_summary_language_is_ignored(client):
    outcome = walk(client, len(CALM_CHOICES))
    form = form_with_class(outcome.text, "clinician-form")
    pairs = [p for p in form.body({}) if p[0] != "summary_lang"] + [("summary_lang", "zz")]
    response = post_pairs(client, form.action, pairs)
    assert response.status_code == 200 and clinician_sections(response.text) == []


def test_with_english_alone_there_is_no_switcher_and_no_second_summary():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "SHIPPED", ("en",))
        english_only = TestClient(create_app(Settings(default_region="AU", debug=False)))
    page = english_only.get("/")
    assert "language-switcher" not in page.text
    outcome = walk(english_only, len(CALM_CHOICES))
    assert 'data-outcome="soon"' in outcome.text and 'class="clinician"' not in outcome.text

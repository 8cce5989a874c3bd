"""The FHIR routes: the Questionnaire for everyone, and the reader's answers as
a download that is a plain form post, stored nowhere and never logged."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from starlette.testclient import TestClient

from tests.reader import FORM_TYPE, form_with_class, forms_in, post_pairs
from widget.clinical import fhir
from widget.clinical.scenarios import check_answers, load_file, walk
from widget.clinical.triage import assess
from widget.i18n.locales import LOCALES, load_translations
from widget.web.access_log import LOGGER_NAME
from widget.web.app import Settings, create_app
from widget.web.partners import load_partners
from widget.web.views.fhir import NOT_FINISHED_MESSAGE, shipped_languages

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = load_file(ROOT / "tests" / "clinical" / "scenarios.toml")
BUTTON = "Download for your maternity record"
CALM = {
    "danger": ["none"],
    "weeks": ["24_to_36"],
    "amount": ["spotting"],
    "clots": ["no"],
    "symptoms": ["none"],
    "movements": ["as_usual"],
    "injury": ["no"],
    "history": ["none"],
    "after_sex": ["yes"],
    "pattern": ["once_stopped"],
}


def pairs_of(answers, **fields):
    pairs = [(name, value) for name, value in fields.items()]
    for question_id, values in answers.items():
        pairs += [(question_id, value) for value in sorted(values)]
    return pairs


def outcome_page(client, answers, lang="en"):
    """The outcome page for these answers, reached like a reader returning to it."""
    response = post_pairs(client, "/step", pairs_of(answers, lang=lang, region="AU", nav="stay"))
    assert response.status_code == 200 and "data-outcome" in response.text
    return response


def download(client, page):
    form = form_with_class(page.text, "record-form")
    return post_pairs(client, form.action, form.body({}))


def case_answers(case):
    raw = case.answers_raw
    return dict(check_answers({k: [v] if isinstance(v, str) else v for k, v in raw.items()}))


# --- the Questionnaire -------------------------------------------------------------------


def test_the_questionnaire_is_served_as_fhir_json(client):
    response = client.get("/fhir/Questionnaire")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert response.json() == fhir.questionnaire(shipped_languages())
    Questionnaire.model_validate(response.json())
    assert response.headers["access-control-allow-origin"] == "*"
    assert "set-cookie" not in response.headers
    by_id = client.get(f"/fhir/Questionnaire/{fhir.QUESTIONNAIRE_ID}")
    assert by_id.status_code == 200 and by_id.content == response.content


def test_the_questionnaire_is_compressed_when_the_client_accepts_it(client):
    response = client.get("/fhir/Questionnaire", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["resourceType"] == "Questionnaire"


def test_an_unknown_questionnaire_id_is_a_translated_404_page(client):
    response = client.get("/fhir/Questionnaire/other?lang=fr")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Page introuvable" in html.unescape(response.text)
    assert 'lang="fr"' in response.text


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/fhir/Questionnaire/other", 404), ("GET", "/fhir/QuestionnaireResponse", 405)],
)
def test_the_fhir_error_pages_language_links_keep_the_partner_and_the_embedding(
    method, path, status
):
    """In a partner's frame, another language must stay in the frame: the
    partner's framing rules and the auto-height messages (issue 24 R10)."""
    partners = load_partners(ROOT / "partners.example.toml")
    client = TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))
    origin = "http://127.0.0.1:8000"  # allowed for the demo partner
    query = {"lang": "fr", "region": "GB", "partner": "demo", "embed": "e-7"}
    query["embed_origin"] = origin
    response = client.request(method, path, params=query)
    assert response.status_code == status
    links = re.findall(r'<a href="(/\?[^"]*)" hreflang=', response.text)
    kept = [dict(parse_qsl(urlsplit(html.unescape(href)).query)) for href in links]
    assert {fields["lang"] for fields in kept} == {info.code for info in LOCALES} - {"fr"}
    for fields in kept:
        assert fields == {**query, "lang": fields["lang"]}
    assert 'data-embed-id="e-7"' in response.text  # auto-height: the loader's id


def test_the_rules_page_links_the_export(client):
    response = client.get("/rules?lang=en")
    assert 'href="/fhir/Questionnaire"' in response.text


# --- the download --------------------------------------------------------------------------


def test_the_outcome_page_offers_the_download_as_a_plain_post_form(client):
    page = outcome_page(client, CALM)
    form = form_with_class(page.text, "record-form")
    assert form.method == "post" and form.action == "/fhir/QuestionnaireResponse"
    assert "?" not in form.action
    assert not any(name.startswith("hx-") for name in form.attrs)  # never htmx: a download
    assert dict(form.hidden)["lang"] == "en"
    assert sorted(p for p in form.hidden if p[0] in CALM) == sorted(pairs_of(CALM))
    assert BUTTON in page.text


@pytest.mark.parametrize("locale", LOCALES, ids=lambda info: info.code)
def test_the_button_is_in_every_shipped_language(client, locale):
    page = outcome_page(client, CALM, lang=locale.code)
    translated = load_translations(locale.code).gettext(BUTTON)
    assert html.escape(translated, quote=False) in page.text or translated in page.text
    form = form_with_class(page.text, "record-form")
    assert [b.text.strip() for b in form.buttons] == [translated]


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda case: case.id)
def test_each_scenario_downloads_a_valid_response_with_the_advice(client, case):
    walked = walk(case_answers(case))
    response = download(client, outcome_page(client, walked.answers))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["cache-control"] == "no-store"
    assert "set-cookie" not in response.headers
    resource = response.json()
    QuestionnaireResponse.model_validate(resource)
    assert resource["questionnaire"] == fhir.canonical_reference()
    assert resource["status"] == "completed"
    items = {item["linkId"]: item for item in resource["item"]}
    assert items["level"]["answer"][0]["valueCoding"]["code"] == case.expect
    rule_ids = [a["valueCoding"]["code"] for a in items["rules"]["answer"]]
    assert rule_ids == list(assess(walked.answers).rule_ids)
    if case.rules is not None:
        assert sorted(rule_ids) == sorted(case.rules)
    for question_id, chosen in walked.answers.items():
        assert {a["valueCoding"]["code"] for a in items[question_id]["answer"]} == chosen


def test_the_download_is_in_the_reader_language(client):
    page = outcome_page(client, CALM, lang="vi")
    resource = download(client, page).json()
    assert resource["language"] == "vi"
    weeks = next(item for item in resource["item"] if item["linkId"] == "weeks")
    assert weeks["text"] == load_translations("vi").gettext("How many weeks pregnant are you?")
    english = weeks["_text"]["extension"][0]["extension"]
    assert {"url": "content", "valueString": "How many weeks pregnant are you?"} in english


def test_the_download_and_its_answers_are_never_logged(client, caplog):
    page = outcome_page(client, CALM)
    with caplog.at_level(logging.DEBUG):
        response = download(client, page)
    assert response.status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]
    assert len(lines) == 1 and lines[0].startswith("POST /fhir/QuestionnaireResponse 200 ")
    for value in ("24_to_36", "once_stopped", "spotting", "after_sex"):
        assert value not in caplog.text


def test_the_file_holds_nothing_identifying(client):
    resource = download(client, outcome_page(client, CALM)).json()
    assert set(resource) == {
        "resourceType",
        "language",
        "questionnaire",
        "status",
        "authored",
        "item",
    }


# --- bad input: a translated 4xx page, never a 500 -----------------------------------------


def test_an_unknown_answer_is_a_translated_400_that_keeps_the_other_answers(client):
    pairs = [*pairs_of({"danger": ["none"], "weeks": ["6_to_11"]}, lang="fr"), ("amount", "lots")]
    response = post_pairs(client, "/fhir/QuestionnaireResponse", pairs)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert 'lang="fr"' in response.text
    title = load_translations("fr").gettext("Something went wrong with your answers")
    assert html.escape(title, quote=False) in response.text or title in response.text
    salvage = form_with_class(response.text, "salvage-form")
    assert ("weeks", "6_to_11") in salvage.hidden and ("danger", "none") in salvage.hidden


def test_answers_that_do_not_reach_the_advice_yet_get_a_translated_422(client):
    pairs = pairs_of({"danger": ["none"], "weeks": ["6_to_11"]}, lang="es")
    response = post_pairs(client, "/fhir/QuestionnaireResponse", pairs)
    assert response.status_code == 422
    title = load_translations("es").gettext(NOT_FINISHED_MESSAGE[0])
    assert title != NOT_FINISHED_MESSAGE[0]
    assert html.escape(title, quote=False) in response.text or title in response.text
    salvage = form_with_class(response.text, "salvage-form")
    assert ("weeks", "6_to_11") in salvage.hidden


def test_an_urgent_jump_to_the_advice_can_be_downloaded(client):
    """Once the level is certainly urgent, the reader may skip to the advice: the
    file then has the answers given, and the later questions are not reported."""
    answers = {"danger": ["none"], "weeks": ["12_to_23"]}
    response = post_pairs(client, "/fhir/QuestionnaireResponse", pairs_of(answers, lang="en"))
    assert response.status_code == 200
    items = {item["linkId"]: item for item in response.json()["item"]}
    assert items["level"]["answer"][0]["valueCoding"]["code"] == "urgent"
    assert set(items) == {"danger", "weeks", "level", "rules"}


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ("danger=none", {"content-type": "text/plain"}, 415),
        ("danger=" + "x" * 20000, FORM_TYPE, 413),
        ("danger=%ff%fe", FORM_TYPE, 400),
        ("danger=none&danger=heavy_bleeding", FORM_TYPE, 400),
        ("weeks=6_to_11&weeks=12_to_23", FORM_TYPE, 400),
        ("lang=en&lang=fr&danger=heavy_bleeding", FORM_TYPE, 400),
        ("nonsense=1", FORM_TYPE, 400),
        ("", FORM_TYPE, 422),
    ],
)
def test_bad_bodies_get_a_4xx_page(client, body, headers, status):
    response = client.post("/fhir/QuestionnaireResponse", content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in response.headers


def test_a_get_is_a_405_page_that_says_post(client):
    response = client.get("/fhir/QuestionnaireResponse?lang=ar")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert 'dir="rtl"' in response.text


def test_an_unknown_partner_is_the_unknown_partner_page(client):
    pairs = pairs_of({"danger": ["heavy_bleeding"]}, partner="nobody")
    response = post_pairs(client, "/fhir/QuestionnaireResponse", pairs)
    assert response.status_code == 404
    assert "content-disposition" not in response.headers


def test_the_download_sends_nothing_but_the_json(client):
    response = download(client, outcome_page(client, {"danger": ["heavy_bleeding"]}))
    assert response.status_code == 200
    json.loads(response.text)
    assert not forms_in(response.text)


def test_an_unknown_partner_page_keeps_the_posted_language_and_region(client):
    """A partner removed while the reader answers: never the server's default region."""
    fields = {"lang": "fr", "region": "GB", "partner": "nope", "nav": "stay"}
    for answers in (CALM, {"danger": CALM["danger"]}):
        response = post_pairs(client, "/fhir/QuestionnaireResponse", pairs_of(answers, **fields))
        assert response.status_code == 404
        assert "content-disposition" not in response.headers
        assert response.headers["content-language"] == "fr"
        assert 'href="tel:999"' in response.text and "tel:000" not in response.text

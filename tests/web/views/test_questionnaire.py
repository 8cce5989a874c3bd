"""The questionnaire (widget/web/views/questionnaire.py) over HTTP, full page and htmx partial."""

from __future__ import annotations

import re

import pytest

from tests.reader import (
    answer,
    current_step,
    form_with_class,
    forms_in,
    question_form,
    start,
    submit,
)
from tests.stories import CALM

HX = {"HX-Request": "true"}

CALM_CHOICES = CALM


def test_start_page_has_the_emergency_number_and_a_start_form(client):
    response = client.get("/?region=AU")
    assert response.status_code == 200
    assert 'href="tel:000"' in response.text
    form = forms_in(response.text)[0]
    assert form.method == "post" and form.action == "/step"
    assert response.template.name == "start.html"
    assert response.context["region"].code == "AU"


def test_start_page_without_a_region_shows_the_common_numbers(client):
    response = client.get("/?region=other")
    assert "your local emergency number" in response.text
    assert "tel:" not in response.text.split("</header>")[0]


def test_full_run_without_javascript_ends_in_advice(client):
    response = start(client)
    seen = []
    while 'data-outcome="' not in response.text:
        assert response.status_code == 200
        assert "<!doctype html>" in response.text  # full pages only
        seen.append(current_step(response))
        response = answer(client, response, CALM_CHOICES)
    assert seen == list(CALM_CHOICES)
    assert 'data-outcome="soon"' in response.text
    assert response.context["level"].id == "soon"
    assert "Bleeding after sex is common in pregnancy" in response.text  # the after-sex note
    assert 'href="tel:000"' in response.text


def test_full_run_with_htmx_gets_partials_with_a_title(client):
    response = start(client, headers=HX)
    while 'data-outcome="' not in response.text:
        assert response.status_code == 200
        assert "<html" not in response.text
        assert re.match(r"\s*<title>[^<]+</title>", response.text)
        assert "HX-Request" in response.headers["vary"]
        response = answer(client, response, CALM_CHOICES, headers=HX)
    assert "<html" not in response.text


def test_every_screen_shows_the_emergency_number(client):
    response = start(client)
    while True:
        assert "In an emergency, call" in response.text
        assert 'href="tel:000"' in response.text
        if 'data-outcome="' in response.text:
            break
        response = answer(client, response, CALM_CHOICES)


def test_red_flag_goes_straight_to_emergency_advice(client):
    response = start(client)
    response = answer(client, response, {"danger": ["heavy_bleeding"]})
    assert 'data-outcome="emergency"' in response.text
    assert "Call 000 now" in response.text


def test_validation_error_is_422_with_summary_title_and_answers_kept(client):
    response = start(client)
    response = answer(client, response, {"danger": ["none"]})
    form = question_form(response.text)
    error = submit(client, form, {}, "continue")
    assert error.status_code == 422
    assert "<title>Error: How many weeks pregnant are you?</title>" in error.text
    assert "There is a problem" in error.text
    assert 'href="#weeks"' in error.text and 'id="weeks"' in error.text
    assert ("danger", "none") in question_form(error.text).hidden
    assert 'aria-describedby="weeks-hint weeks-error"' in error.text


def test_validation_error_as_htmx_partial(client):
    response = start(client, headers=HX)
    form = question_form(response.text)
    error = submit(client, form, {}, "continue", HX)
    assert error.status_code == 422
    assert error.text.lstrip().startswith("<title>Error:")
    assert "autofocus" in error.text.split('class="error-summary"')[1].split(">")[0]


def test_none_with_others_is_422_not_400(client):
    response = start(client)
    form = question_form(response.text)
    error = submit(client, form, {"danger": ["none", "faint"]}, "continue")
    assert error.status_code == 422
    assert "None of these" in error.text


@pytest.mark.parametrize(
    "body",
    [
        "danger=none&weeks=forty",
        "danger=none&favourite=blue&step=weeks",
        "weeks=6_to_11&weeks=12_to_23&step=amount&danger=none",
        "step=../../etc/passwd",
        "nav=%3Cscript%3E",
    ],
)
def test_bad_state_is_a_kind_400_with_start_again(client, body):
    response = client.post(
        "/step", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400
    assert "Start again" in response.text
    assert "<script>" not in response.text


def test_bad_state_keeps_the_answers_it_can_read(client):
    response = client.post(
        "/step",
        content="danger=none&weeks=6_to_11&colour=red&step=amount",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    salvage = form_with_class(response.text, "salvage-form")
    assert ("danger", "none") in salvage.hidden and ("weeks", "6_to_11") in salvage.hidden
    again = submit(client, salvage, {}, "stay")
    assert again.status_code == 200
    assert current_step(again) == "amount"


def test_get_on_the_step_route_is_405_with_a_way_back(client):
    response = client.get("/step")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "Start again" in response.text


def test_unknown_page_is_404_page(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_wrong_content_type_is_415(client):
    response = client.post("/step", content="{}", headers={"content-type": "application/json"})
    assert response.status_code == 415


def test_oversized_body_is_413(client):
    response = client.post(
        "/step",
        content="a=" + "x" * 20000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"


def test_no_cookies_and_no_store_on_answer_pages(client):
    response = start(client)
    response = answer(client, response, CALM_CHOICES)
    assert "set-cookie" not in response.headers
    assert response.headers["cache-control"] == "no-store"
    assert not client.cookies


def test_answers_never_appear_in_links(client):
    response = start(client)
    while 'data-outcome="' not in response.text:
        response = answer(client, response, CALM_CHOICES)
    for href in re.findall(r'href="([^"]*)"', response.text):
        assert "danger" not in href and "weeks" not in href


def test_change_an_answer_from_the_outcome(client):
    response = start(client)
    while 'data-outcome="' not in response.text:
        response = answer(client, response, CALM_CHOICES)
    summary = form_with_class(response.text, "summary-form")
    change = submit(client, summary, {}, "change:clots")
    assert current_step(change) == "clots"
    form = question_form(change.text)
    done = submit(client, form, {"clots": ["yes"]}, "continue")
    assert 'data-outcome="urgent"' in done.text
    assert "Bleeding after sex is common in pregnancy" in done.text  # other answers kept


def test_back_button_without_javascript(client):
    response = start(client)
    response = answer(client, response, CALM_CHOICES)
    back = form_with_class(response.text, "back-form")
    previous = submit(client, back, {}, "back")
    assert current_step(previous) == "danger"
    assert 'value="none" checked' in previous.text


def test_urgent_banner_and_jump_to_advice(client):
    response = start(client)
    response = answer(client, response, {"danger": ["none"]})
    response = answer(client, response, {"weeks": ["12_to_23"]})
    assert "call your maternity unit now" in response.text
    jump = form_with_class(response.text, "advice-form")
    advice = submit(client, jump, {}, "advice")
    assert 'data-outcome="urgent"' in advice.text
    assert "Not answered" in advice.text


def test_static_files_are_served(client):
    assert client.get("/static/css/widget.css").status_code == 200
    assert client.get("/static/vendor/htmx.min.js").status_code == 200
    assert client.get("/static/../widget/web/app.py").status_code == 404

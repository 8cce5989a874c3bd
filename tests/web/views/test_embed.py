"""HTTP behaviour for partner sites: headers, themes, carried fields, embed.js, demos."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.reader import forms_in, post_pairs, question_form, submit
from tests.stories import CALM as STORY
from widget.web.app import Settings, create_app
from widget.web.headers import content_security_policy
from widget.web.partners import (
    CONTACT_FIELDS,
    PARTNER_FIELDS,
    THEME_FIELDS,
    load_partners,
    parse_partners,
)

ROOT = Path(__file__).resolve().parents[3]
DEMO_ORIGINS = "frame-ancestors http://127.0.0.1:8000 http://localhost:8000"
EMBED = "&embed=e1&embed_origin=http://localhost:8000"
EMBED_FIELDS = [("embed", "e1"), ("embed_origin", "http://localhost:8000")]
# One answer per question (the shared calm story).
CALM = {question: values[0] for question, values in STORY.items()}


@pytest.fixture(scope="module")
def partner_client():
    partners = load_partners(ROOT / "partners.example.toml")
    return TestClient(create_app(Settings(default_region=None, debug=False, partners=partners)))


def csp(response) -> str:
    return response.headers["content-security-policy"]


def test_a_partner_page_may_be_framed_only_by_that_partners_origins(partner_client):
    response = partner_client.get("/?partner=demo")
    assert response.status_code == 200
    assert csp(response) == content_security_policy(
        ("http://127.0.0.1:8000", "http://localhost:8000")
    )
    assert csp(response).endswith(DEMO_ORIGINS)


def test_without_a_partner_only_our_own_pages_may_frame_it(partner_client):
    assert csp(partner_client.get("/")).endswith("frame-ancestors 'self'")


def test_an_unknown_partner_gets_a_clear_404_without_any_theme(partner_client):
    response = partner_client.get("/?partner=nobody&lang=en")
    assert response.status_code == 404
    assert "This check is not set up for this website" in response.text
    assert "/theme/" not in response.text
    assert csp(response).endswith("frame-ancestors 'self'")
    posted = post_pairs(partner_client, "/step", [("partner", "nobody"), ("nav", "start")])
    assert posted.status_code == 404
    assert "This check is not set up for this website" in posted.text


@pytest.mark.parametrize(
    "answers",
    [
        [("nav", "start")],
        [("danger", "none"), ("weeks", "6_to_11"), ("step", "amount"), ("nav", "continue")],
        # A body refused as a whole (a value too long): the readable part is kept.
        [("danger", "none"), ("weeks", "6_to_11"), ("nav", "x" * 300)],
    ],
)
def test_an_unknown_partner_in_a_form_keeps_the_posted_language_region_and_answers(answers):
    """A partner removed or renamed while a reader answers (or during a rolling
    configuration change): never the server's default region (AU here)."""
    partners = load_partners(ROOT / "partners.example.toml")
    client = TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))
    carried = [("lang", "fr"), ("region", "GB"), ("partner", "nope"), *EMBED_FIELDS]
    response = post_pairs(client, "/step", [*answers, *carried])
    assert response.status_code == 404
    assert response.headers["content-language"] == "fr"
    assert response.context["region"].code == "GB"
    assert 'href="tel:999"' in response.text
    assert "tel:000" not in response.text
    assert "/theme/" not in response.text
    kept = dict(answer for answer in answers if answer[0] in CALM)
    for question, value in kept.items():
        assert f'<input type="hidden" name="{question}" value="{value}">' in response.text
    forms = forms_in(response.text)
    assert bool(kept) == any("salvage-form" in form.attrs.get("class", "") for form in forms)
    for form in forms:
        fields = dict(form.hidden)
        assert fields["region"] == "GB"
        assert fields.get("lang", "fr") == "fr"  # the language form's buttons name the others
        assert "partner" not in fields
    assert 'href="/?lang=fr&amp;region=GB"' in response.text  # "Start again"
    assert "partner=" not in response.text


def test_the_partner_theme_is_a_css_file_linked_from_the_page(partner_client):
    page = partner_client.get("/?partner=demo")
    assert '<link rel="stylesheet" href="/theme/demo.css">' in page.text
    theme = partner_client.get("/theme/demo.css")
    assert theme.headers["content-type"].startswith("text/css")
    assert "--accent: #00695c;" in theme.text
    assert partner_client.get("/theme/nobody.css").status_code == 404
    assert "/theme/" not in partner_client.get("/").text


def test_the_partner_region_and_exit_url_reach_the_page(partner_client):
    response = partner_client.get("/?partner=demo")
    assert response.context["region"].code == "AU"
    assert response.context["exit_url"] == "https://www.bbc.co.uk/weather"
    assert response.context["reader"].exit_url == "https://www.bbc.co.uk/weather"
    assert 'href="tel:000"' in response.text


def test_an_allowed_embedding_origin_is_rendered_for_widget_js(partner_client):
    response = partner_client.get("/?partner=demo" + EMBED)
    assert 'data-embed-origin="http://localhost:8000" data-embed-id="e1"' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "?partner=demo&embed=e1&embed_origin=https://evil.example",
        "?partner=demo&embed=e1&embed_origin=*",
        "?embed=e1&embed_origin=http://localhost:8000",  # no partner, no embedding
        '?partner=demo&embed="><x&embed_origin=http://localhost:8000',
    ],
)
def test_an_embedding_origin_not_allowed_is_never_rendered(partner_client, query):
    response = partner_client.get("/" + query)
    assert "data-embed-origin" not in response.text
    assert 'name="embed_origin"' not in response.text


def assert_embedding_carried(response) -> None:
    assert response.status_code == 200
    assert csp(response).endswith(DEMO_ORIGINS)
    assert 'data-embed-origin="http://localhost:8000"' in response.text
    for form in forms_in(response.text):
        hidden = dict(form.hidden)
        assert hidden["partner"] == "demo"
        assert (hidden["embed"], hidden["embed_origin"]) == ("e1", "http://localhost:8000")


def test_partner_and_embedding_travel_through_every_form_and_link(partner_client):
    response = submit(
        partner_client, forms_in(partner_client.get("/?partner=demo" + EMBED).text)[0], {}
    )
    assert_embedding_carried(response)
    assert 'data-step="1" data-question-id="danger"' in response.text
    response = submit(
        partner_client, question_form(response.text), {"danger": ["none"]}, "continue"
    )
    assert_embedding_carried(response)
    assert 'data-step="2" data-question-id="weeks"' in response.text


def test_the_outcome_shows_the_partner_contact_beside_the_official_numbers(partner_client):
    response = submit(
        partner_client, forms_in(partner_client.get("/?partner=demo" + EMBED).text)[0], {}
    )
    while "data-outcome" not in response.text:
        form = question_form(response.text)
        step = dict(form.hidden)["step"]
        response = submit(partner_client, form, {step: [CALM[step]]}, "continue")
    assert_embedding_carried(response)
    assert 'data-outcome="soon"' in response.text
    assert "Demo Family Health nurse line (example only)" in response.text
    assert 'href="tel:1800000000"' in response.text
    assert 'href="tel:000"' in response.text
    assert "/?lang=en&amp;region=AU&amp;partner=demo&amp;embed=e1" in response.text  # Start again


def test_embed_js_is_small_and_carries_localized_titles(partner_client):
    response = partner_client.get("/embed.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert len(gzip.compress(response.content, 9)) <= 2560  # 2.5 KB: docs/performance.md
    assert '"en":"Bleeding in pregnancy check"' in response.text
    assert '"fr":"Saignement pendant la grossesse' in response.text
    assert "{/*TITLES*/}" not in response.text


def test_the_demo_pages_embed_the_widget_and_may_frame_it(partner_client):
    demo = partner_client.get("/demo")
    assert demo.status_code == 200
    assert '<script src="/embed.js" data-partner="demo" data-lang="en" async></script>' in demo.text
    assert csp(demo).endswith("frame-src 'self'")
    plain = partner_client.get("/demo/iframe")
    assert '<iframe class="widget-frame" src="/?partner=demo&amp;lang=en"' in plain.text
    assert 'title="Bleeding in pregnancy check"' in plain.text


def test_without_a_demo_partner_there_is_no_demo(client):
    assert client.get("/demo").status_code == 404


def test_make_run_uses_the_example_partners_and_prints_the_demo_urls():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:")[1].split("\n\n")[0]
    assert "WIDGET_PARTNERS=$${WIDGET_PARTNERS:-partners.example.toml}" in run
    assert "/demo " in run and "/demo/iframe" in run


def test_the_embedding_guide_documents_every_field_attribute_and_event():
    guide = (ROOT / "docs" / "embedding.md").read_text()
    names = list(PARTNER_FIELDS) + [f"theme.{name}" for name in THEME_FIELDS]
    names += [f"contact.{name}" for name in CONTACT_FIELDS]
    names += ["data-partner", "data-lang", "data-target", "data-loading"]
    names += ["bleeding-check:ready", "bleeding-check:step", "bleeding-check:outcome"]
    names += ["frame-src", "script-src", "WIDGET_PARTNERS"]
    missing = [name for name in names if f"`{name}`" not in guide]
    assert not missing, missing
    readme = (ROOT / "README.md").read_text()
    for route in ["/embed.js", "/theme/", "/demo", "WIDGET_PARTNERS", "docs/embedding.md"]:
        assert route in readme, route


def test_embed_js_is_sent_compressed_and_small_with_an_etag():
    from starlette.testclient import TestClient

    from widget.web.app import Settings, create_app

    client = TestClient(create_app(Settings(default_region="AU", debug=False)))
    response = client.get("/embed.js", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) <= 2560  # 2.5 KB: docs/performance.md
    again = client.get("/embed.js", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304


def test_the_partner_contact_line_never_competes_with_the_emergency_number(partner_client):
    body = "partner=demo&lang=en&region=AU&step=danger&nav=continue&danger=heavy_bleeding"
    response = partner_client.post(
        "/step", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert 'data-outcome="emergency"' in response.text
    assert 'href="tel:000"' in response.text
    assert "Demo Family Health nurse line (example only)" not in response.text
    assert 'href="tel:1800000000"' not in response.text


def test_question_ids_reach_widget_js_only_for_a_partner_that_opted_in():
    """By default the page gives widget.js nothing to name the question with."""
    base = {"name": "P", "allowed_origins": ["http://localhost:8000"], "demo": True}
    partners = parse_partners(
        {"partners": {"plain": base, "ids": {**base, "event_question_ids": True}}}
    )
    client = TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))
    assert not partners["plain"].event_question_ids
    for partner, expected in [("plain", False), ("ids", True)]:
        page = client.get(f"/?partner={partner}{EMBED}")
        assert 'data-embed-id="e1"' in page.text
        assert ("data-embed-question-ids" in page.text) is expected, partner
        question = post_pairs(
            client, "/step", [("nav", "start"), ("partner", partner), *EMBED_FIELDS]
        )
        assert ("data-embed-question-ids" in question.text) is expected, partner
    # Without a checked embedding origin there are no messages at all.
    assert "data-embed-question-ids" not in client.get("/?partner=ids").text

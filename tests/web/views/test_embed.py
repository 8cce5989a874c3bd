"""HTTP behaviour for partner sites: headers, themes, carried fields, embed.js, demos."""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.reader import forms_in, post_pairs, question_form, submit
from tests.stories import CALM as STORY
from widget.clinical.content import NONE, Level
from widget.clinical.flow import (
    NAV_ADVICE,
    NAV_CONTINUE,
    NAV_START,
    OutcomeScreen,
    QuestionScreen,
    Submission,
    advance,
)
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
DEMO_ORIGINS = "frame-ancestors 'self' http://127.0.0.1:8000 http://localhost:8000"
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


def test_a_partner_page_may_be_framed_only_by_that_partners_origins_and_ours(partner_client):
    """Ours ('self'): the preview of GET /embed-code frames the partner's check."""
    response = partner_client.get("/?partner=demo")
    assert response.status_code == 200
    assert csp(response) == content_security_policy(
        ("'self'", "http://127.0.0.1:8000", "http://localhost:8000")
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
    assert 'data-embed-screen="step"' in response.text
    response = submit(
        partner_client, question_form(response.text), {"danger": ["none"]}, "continue"
    )
    assert_embedding_carried(response)
    assert 'data-embed-screen="step"' in response.text


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


# What each opt-in adds to a screen for widget.js to post (templates/_embed.html).
OPT_INS = {
    "event_step_numbers": "data-embed-step",
    "event_question_ids": "data-embed-question-id",
    "event_levels": "data-embed-level",
}
# What a default page may hold for widget.js: where to post, and which kind of screen.
DEFAULT_EMBED_ATTRIBUTES = {"data-embed-origin", "data-embed-id", "data-embed-screen"}
_ATTRIBUTE = re.compile(r'\s(data-[a-z-]+)(?:="([^"]*)")?')


def embed_attributes(html: str) -> dict[str, str]:
    """Every data-embed-* attribute of the page (and the retired data-step and
    data-question-id), with its value."""
    found = {}
    for name, value in _ATTRIBUTE.findall(html):
        if name.startswith("data-embed") or name in ("data-step", "data-question-id"):
            assert name not in found, f"{name} twice"
            found[name] = value
    return found


def screens_of_a_whole_run(client: TestClient, partner: str, hx: bool) -> Iterator[Any]:
    """Every screen of a calm run to the advice, one question answered wrongly on the
    way (a 422 question page), then an emergency outcome: full pages, or htmx partials."""
    headers = {"HX-Request": "true"} if hx else None
    carried = [("partner", partner), *EMBED_FIELDS]
    response = post_pairs(client, "/step", [("nav", "start"), *carried], headers)
    yield response
    yield submit(client, question_form(response.text), {}, "continue", headers)  # 422
    while "data-outcome" not in response.text:
        form = question_form(response.text)
        step = dict(form.hidden)["step"]
        response = submit(client, form, {step: [CALM[step]]}, "continue", headers)
        yield response
    danger = [("danger", "heavy_bleeding"), ("step", "danger"), ("nav", "continue")]
    yield post_pairs(client, "/step", [*danger, *carried], headers)


def expected_fields(response: Any) -> dict[str, str]:
    """The step number, question id and level of a screen, read from what it shows."""
    html = response.text
    level = re.search(r'data-outcome="([a-z]+)"', html)
    if level:
        return {"data-embed-level": level.group(1)}
    number = re.search(r'<span class="caption">Question (\d+)</span>', html)
    question = re.search(r'<input type="hidden" name="step" value="([a-z_]+)">', html)
    assert number and question, html
    return {"data-embed-step": number.group(1), "data-embed-question-id": question.group(1)}


def client_with(**switches: bool) -> TestClient:
    base = {"name": "P", "allowed_origins": ["http://localhost:8000"], "demo": True}
    partners = parse_partners({"partners": {"p": {**base, **switches}}})
    return TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))


@pytest.mark.parametrize("hx", [False, True], ids=["full page", "htmx"])
def test_by_default_no_screen_gives_widget_js_a_field_derived_from_the_answers(hx):
    """No step number, question id or level for the partner page by default (issue 24,
    R3): the page says only which kind of screen it is."""
    kinds = []
    for response in screens_of_a_whole_run(client_with(), "p", hx):
        attributes = embed_attributes(response.text)
        # A partial replaces the inside of #widget, which holds origin and id.
        expected = {"data-embed-screen"} if hx else DEFAULT_EMBED_ATTRIBUTES
        assert set(attributes) == expected, attributes
        kinds.append(attributes["data-embed-screen"])
    assert kinds == ["step"] * (len(CALM) + 1) + ["outcome", "outcome"]


@pytest.mark.parametrize("switch", OPT_INS)
@pytest.mark.parametrize("hx", [False, True], ids=["full page", "htmx"])
def test_each_opt_in_adds_its_own_field_and_nothing_else(switch, hx):
    client = client_with(**{switch: True})
    added = 0
    for response in screens_of_a_whole_run(client, "p", hx):
        attributes = embed_attributes(response.text)
        extra = {
            name: value
            for name, value in attributes.items()
            if name not in DEFAULT_EMBED_ATTRIBUTES
        }
        wanted = {k: v for k, v in expected_fields(response).items() if k == OPT_INS[switch]}
        assert extra == wanted, (switch, extra)
        added += bool(extra)
    assert added >= 2, switch
    # Without a checked embedding origin there is nothing to post at all.
    for response in (
        client.get("/?partner=p"),
        post_pairs(client, "/step", [("nav", "start"), ("partner", "p")]),
    ):
        assert embed_attributes(response.text) == {}


# --- what the opt-ins reveal: the figures in docs/embedding.md, section 4 -------------------


def random_walk(rng: random.Random, jump: bool) -> tuple[int, str, dict[str, frozenset[str]]]:
    """One reader through the flow, answering at random (with ``jump``, sometimes
    "See what to do now" once it is offered): the number of the last question
    shown, the level, the answers."""
    screen = advance(Submission({}, None, NAV_START, False))
    last = 0
    while isinstance(screen, QuestionScreen):
        last, question = screen.number, screen.question
        options = [option.id for option in question.options if option.id != NONE]
        if question.kind == "radio":
            chosen = frozenset({rng.choice(options)})
        else:
            chosen = frozenset(option for option in options if rng.random() < 0.15)
        answers = {**screen.answers, question.id: chosen or frozenset({NONE})}
        offered = screen.certain is not None and screen.certain >= Level.URGENT
        nav = NAV_ADVICE if jump and offered and rng.random() < 0.3 else NAV_CONTINUE
        screen = advance(Submission(answers, question.id, nav, False))
    assert isinstance(screen, OutcomeScreen)
    return last, screen.outcome.level.id, screen.answers


@pytest.mark.parametrize("jump", [False, True], ids=["every question", "with jumps"])
def test_what_step_numbers_and_levels_reveal_is_what_the_guide_says(jump):
    """docs/embedding.md and SECURITY.md: a reader shown question 11 is 37 weeks or
    more; an emergency after question 6 means under 24 weeks or not known; after
    question 1, a danger sign; reaching `movements` means 24 weeks or more; and for
    a reader who answered every question, urgent after question 9 means 12 to 23
    weeks. If the questions change, so must the guide."""
    rng = random.Random(24)
    seen: dict[tuple[int, str], set[str]] = {}
    asked_movements = 0
    for _ in range(4000):
        last, level, answers = random_walk(rng, jump)
        weeks = "".join(answers.get("weeks", frozenset({"not asked"})))
        seen.setdefault((last, level), set()).add(weeks)
        if level == "emergency" and last == 1:
            assert NONE not in answers["danger"]
        if "movements" in answers:
            assert weeks in ("24_to_36", "37_plus"), weeks
            asked_movements += 1
    for (last, level), weeks in seen.items():
        if last == 11:
            assert weeks == {"37_plus"}, (last, level, weeks)
        if (last, level) == (6, "emergency"):
            assert weeks <= {"under_6", "6_to_11", "12_to_23", "unknown"}, weeks
    assert max(last for last, _ in seen) == 11
    assert (6, "emergency") in seen and (1, "emergency") in seen and asked_movements
    if not jump:
        assert seen[9, "urgent"] == {"12_to_23"}

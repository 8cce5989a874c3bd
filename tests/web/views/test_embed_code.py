"""GET /embed-code: a partner's web editor chooses the options and gets the
exact code (issue 25), through Starlette's TestClient."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from tests.examples import examples
from tests.reader import forms_in
from widget.clinical.regions import REGIONS
from widget.i18n.locales import load_translations
from widget.web.app import Settings, create_app
from widget.web.headers import content_security_policy
from widget.web.partners import parse_partners
from widget.web.snippets import IFRAME_TITLE, PLACEMENTS, Embed, script_tag
from widget.web.views.embed_code import FIELDS, GUIDE_SECTIONS

ROOT = Path(__file__).resolve().parents[3]
PUBLIC = "https://check.example"
PARTNERS = parse_partners(
    {
        "partners": {
            "clinic": {
                "name": "Clinic Health",
                "allowed_origins": ["https://clinic.example", "https://www.clinic.example"],
                "locales": ["en", "es", "fr", "ar"],
                "default_locale": "en",
                "region": "GB",
                "oembed": True,
            },
            # Another partner: no page of the first, and no 404, may name it.
            "secret-maternity": {
                "name": "Secret Maternity Trust",
                "allowed_origins": ["https://secret-maternity.example"],
                "locales": ["en"],
            },
        }
    }
)
OTHER_PARTNER = ("secret-maternity", "Secret Maternity Trust", "secret-maternity.example")
ENGLISH = load_translations("en").gettext


def make_client(public_url: str | None = PUBLIC, default_region: str | None = "AU") -> TestClient:
    settings_ = Settings(
        default_region=default_region, debug=False, partners=PARTNERS, public_url=public_url
    )
    return TestClient(create_app(settings_))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return make_client()


def get(client: TestClient, **query: str):
    return client.get("/embed-code?" + urlencode({"partner": "clinic", **query}))


def code_of(text: str) -> str:
    """The code as a user copies it: the read-only box's text, unescaped."""
    found = re.findall(r'<textarea id="code-text"[^>]*>(.*?)</textarea>', text, re.S)
    assert len(found) == 1, "no code box"
    return html.unescape(found[0])


def preview_src(text: str) -> str:
    found = re.findall(r'<iframe class="preview-frame" src="([^"]*)"', text)
    assert len(found) == 1, "no preview"
    return html.unescape(found[0])


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_each_placement_shows_exactly_what_its_function_writes(client, placement):
    response = get(client, placement=placement)
    assert response.status_code == 200
    expected = PLACEMENTS[placement].write(Embed(PUBLIC, "clinic"), ENGLISH)
    assert code_of(response.text) == expected
    assert preview_src(response.text) == "/?partner=clinic"


def test_the_chosen_language_region_and_exit_shortcut_reach_the_code_and_the_preview(client):
    response = get(client, widget_lang="es", widget_region="nz", exit_shortcut="on")
    spanish = load_translations("es").gettext
    embed = Embed(PUBLIC, "clinic", lang="es", region="NZ", exit_shortcut=True)
    assert code_of(response.text) == script_tag(embed, spanish)
    assert 'data-lang="es" data-region="NZ"' in code_of(response.text)
    assert "data-exit-shortcut" in code_of(response.text)
    assert preview_src(response.text) == "/?partner=clinic&lang=es&region=NZ"


def test_the_plain_iframe_has_the_title_in_the_check_s_language_and_the_chosen_height(client):
    response = get(client, placement="iframe", widget_lang="fr", height="1250")
    code = code_of(response.text)
    title = load_translations("fr").gettext(IFRAME_TITLE)
    assert title != IFRAME_TITLE  # French is translated: the test can tell
    assert f'title="{html.escape(title)}"' in code
    assert "height:1250px" in code
    assert 'height="1250"' in response.text  # the preview has the same fixed height
    # The page's own language is another matter: it stays English.
    assert response.headers["content-language"] == "en"


def test_an_option_the_placement_cannot_carry_is_left_out_and_said(client):
    pasted = get(
        client, placement="oembed", widget_lang="es", widget_region="NZ", exit_shortcut="on"
    )
    assert code_of(pasted.text) == f"{PUBLIC}/?partner=clinic&lang=es"
    assert "A pasted address does not carry the country" in pasted.text
    assert "cannot turn on the Exit shortcut" in pasted.text
    assert preview_src(pasted.text) == "/?partner=clinic&lang=es"  # what the address carries
    framed = get(client, placement="iframe", exit_shortcut="on")
    assert "exit" not in code_of(framed.text)
    assert "cannot turn on the Exit shortcut" in framed.text
    scripted = get(client, widget_region="NZ", exit_shortcut="on")
    assert "cannot turn on the Exit shortcut" not in scripted.text
    assert "does not carry the country" not in scripted.text


def test_the_oembed_address_is_not_offered_to_a_partner_without_oembed():
    client = make_client()
    response = client.get("/embed-code?partner=secret-maternity&placement=oembed")
    assert response.status_code == 200
    assert 'id="code-text"' not in response.text
    assert "oembed = true" in response.text


def test_without_a_public_url_the_page_says_so_and_shows_no_code():
    """We never build an address from the request's Host header."""
    client = make_client(public_url=None)
    for placement in PLACEMENTS:
        response = client.get(
            f"/embed-code?partner=clinic&placement={placement}",
            headers={"host": "attacker.example"},
        )
        assert response.status_code == 200
        assert 'id="code-text"' not in response.text
        assert "data-copy" not in response.text
        assert "WIDGET_PUBLIC_URL" in response.text
        assert "attacker.example" not in response.text
        assert "testserver" not in response.text
        assert preview_src(response.text).startswith("/?partner=clinic")


def test_the_page_states_what_must_be_true_and_names_the_guide_s_section(client):
    guide = (ROOT / "docs" / "embedding.md").read_text()
    for placement, section in GUIDE_SECTIONS.items():
        assert f"\n## {section}\n" in guide, section  # the heading the page names is there
        response = get(client, placement=placement)
        assert html.escape(section) in response.text
        for origin in PARTNERS["clinic"].allowed_origins:
            assert f'<code dir="ltr">{origin}</code>' in response.text
        if placement == "script":
            assert f"script-src {PUBLIC}; frame-src {PUBLIC}" in response.text
        if placement == "iframe":
            assert f"frame-src {PUBLIC}" in response.text
        if placement in ("shortcode", "block", "oembed"):
            assert f'"Widget address" is <code dir="ltr">{PUBLIC}</code>' in response.text


def test_the_page_may_frame_the_preview_and_the_preview_allows_it(client):
    response = get(client)
    assert response.headers["content-security-policy"] == content_security_policy(
        frame_src="'self'"
    )
    preview = client.get(preview_src(response.text))
    assert preview.status_code == 200
    ancestors = preview.headers["content-security-policy"].split("frame-ancestors ")[1]
    assert ancestors.split() == ["'self'", *PARTNERS["clinic"].allowed_origins]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?partner=",
        "?partner=nobody",
        "?partner=Clinic",
        "?partner=clinic!",
        "?partner=" + "a" * 300,
        "?partner=clinic&partner=clinic",
        "?partner=%3Cscript%3E",
        "?lang=fr&region=NZ&partner=nobody",
    ],
)
def test_a_website_we_do_not_know_gets_a_404_that_explains_setup_and_names_no_partner(
    client, query
):
    response = client.get("/embed-code" + query)
    assert response.status_code == 404
    assert response.template.name == "error.html"
    assert 'id="emergency-line"' in response.text
    assert "tel:" in response.text  # the emergency number, of AU or of the link's NZ
    assert "/theme/" not in response.text
    for name in (*OTHER_PARTNER, "partner=clinic", "Clinic Health", "clinic.example"):
        assert name not in response.text
    assert "<script>" not in response.text
    if "lang=fr" in query:
        assert response.headers["content-language"] == "fr"
        assert 'href="tel:111"' in response.text  # New Zealand's
    else:
        assert "the team that runs this check must set the website up first" in response.text
        assert 'href="tel:000"' in response.text  # the server's region (AU)


def test_a_partner_s_page_names_no_other_partner(client):
    text = get(client).text
    for name in OTHER_PARTNER:
        assert name not in text


BAD_VALUES = {
    "placement": ["scroll", "<script>alert(1)</script>", "SCRIPT"],
    "widget_lang": ["de", "vi", "xx-<b>"],  # German: not shipped; Vietnamese: not the partner's
    "widget_region": ["ZZ", "other", '"><img src=x>'],
    "exit_shortcut": ["yes", "1", "off"],
    "height": ["abc", "399", "3001", "12.5", "-900", "９００", "9" * 50],
}


@pytest.mark.parametrize(
    ("field", "value"), [(field, value) for field, values in BAD_VALUES.items() for value in values]
)
def test_a_value_the_form_does_not_offer_is_a_400_at_its_field_never_echoed(client, field, value):
    response = get(client, **{"placement": "script", field: value})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert f'<li><a href="#{field}">' in response.text  # the error summary links to the field
    assert f'id="{field}-error"' in response.text
    assert response.text.count("There is a problem") == 1
    assert "<title>Error: Add the check to your website</title>" in response.text
    if field != "placement":
        assert f'id="{field}"' in response.text
        field_tag = re.search(rf'<(?:input|select)[^>]*id="{field}"[^>]*>', response.text)
        assert field_tag and 'aria-invalid="true"' in field_tag.group(0)
    for shown in {value, html.escape(value), html.escape(value, quote=False)}:
        if len(value) > 3:  # short values ("1", "de") occur in any page
            assert f'value="{shown}"' not in response.text and f">{shown}<" not in response.text
    assert 'id="code-text"' not in response.text and "preview-frame" not in response.text


@pytest.mark.parametrize("field", FIELDS)
def test_a_field_given_twice_is_a_400(client, field):
    good = {
        "placement": "iframe",
        "widget_lang": "es",
        "widget_region": "GB",
        "exit_shortcut": "on",
        "height": "700",
    }
    query = urlencode([("partner", "clinic"), (field, good[field]), (field, good[field])])
    response = client.get("/embed-code?" + query)
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text


def test_every_error_at_once_is_listed_in_form_order(client):
    response = get(
        client,
        placement="x",
        widget_lang="x",
        widget_region="x",
        exit_shortcut="x",
        height="x",
    )
    links = re.findall(r'<li><a href="#([a-z_]+)">', response.text)
    assert links == list(FIELDS)


def test_head_answers_like_get_without_a_body(client):
    got = get(client, placement="block")
    head = client.head("/embed-code?partner=clinic&placement=block")
    assert head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-language", "content-security-policy", "cache-control"):
        assert head.headers[name] == got.headers[name]
    assert client.head("/embed-code?partner=nobody").status_code == 404


def test_the_htmx_partial_is_the_page_without_its_layout(client):
    full = get(client, placement="shortcode")
    partial = client.get(
        "/embed-code?partner=clinic&placement=shortcode", headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200
    assert "<html" in full.text and "<html" not in partial.text
    assert "<title>Add the check to your website</title>" in partial.text
    assert code_of(partial.text) == code_of(full.text)
    assert "HX-Request" in partial.headers["vary"]


def test_the_form_is_a_plain_get_form_that_keeps_the_page_s_language(client):
    response = get(client, lang="ar", placement="iframe", height="1100", widget_region="EG")
    (form,) = [form for form in forms_in(response.text) if "embed-code-form" in form.attrs["class"]]
    assert form.method == "get" and form.action == "/embed-code#code"
    assert dict(form.hidden) == {"partner": "clinic", "lang": "ar"}
    names = {field["name"] for field in form.inputs} | set(form.selects)
    assert names == set(FIELDS)
    # Sent again as a browser would (radios and boxes as they stand): the same page.
    checked = [(i["name"], i["value"]) for i in form.inputs if "checked" in i]
    typed = [(i["name"], i.get("value", "")) for i in form.inputs if i.get("type") == "text"]
    again = client.get(
        "/embed-code?" + urlencode(form.hidden + checked + typed + [*form.selects.items()])
    )
    assert again.status_code == 200 and again.text == response.text
    assert response.headers["content-language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in response.text
    # Code stays left to right in a right-to-left page.
    assert re.search(r'<textarea id="code-text"[^>]* dir="ltr"', response.text)


def test_the_language_links_keep_the_options(client):
    response = get(client, placement="block", widget_region="NZ", exit_shortcut="on")
    links = re.findall(r'<a href="(/embed-code\?[^"]*)" hreflang="es"', response.text)
    assert len(links) == 1
    spanish = client.get(html.unescape(links[0]))
    assert spanish.headers["content-language"] == "es"
    assert code_of(spanish.text) == code_of(response.text)


def test_the_partner_s_languages_and_every_region_are_offered(client):
    text = get(client).text
    offered = re.findall(r'<option value="([^"]*)"', text)
    assert offered.count("") == 2  # "your default" language and country
    assert [code for code in offered if code in ("en", "es", "fr", "ar", "vi")] == [
        "en",
        "es",
        "fr",
        "ar",
    ]
    assert {region.code for region in REGIONS} <= set(offered)
    assert "Your default country (United Kingdom)" in text
    assert "Your default language (English)" in text


def test_without_any_default_region_readers_choose_theirs():
    client = make_client(default_region=None)
    text = client.get("/embed-code?partner=secret-maternity").text
    assert "None: readers choose their country" in text


def test_the_copy_button_is_only_for_javascript_and_announces_politely(client):
    text = get(client).text
    button = re.search(r"<button[^>]*data-copy[^>]*>", text)
    assert button and " hidden" in button.group(0)  # shown by static/js/embed-code.js
    assert 'data-msg-copied="Copied"' in button.group(0)
    assert '<p class="copy-status" role="status" aria-live="polite" data-copy-status></p>' in text
    assert re.search(r'<script src="/static/js/embed-code\.[0-9a-f]+\.js" defer></script>', text)
    assert "<script>" not in text  # nothing inline (the CSP allows none)


def test_the_demo_pages_link_to_the_embed_code_page():
    from widget.web.partners import load_partners

    client = TestClient(
        create_app(
            Settings(
                default_region="AU",
                debug=False,
                partners=load_partners(ROOT / "partners.example.toml"),
                public_url="http://127.0.0.1:8000",
            )
        )
    )
    for path in ("/demo", "/demo/iframe"):
        demo = client.get(path + "?lang=fr")
        link = re.search(r'<a href="(/embed-code\?[^"]*)"', demo.text)
        assert link, path
        page = client.get(html.unescape(link.group(1)))
        assert page.status_code == 200 and page.headers["content-language"] == "fr"


# --- the skeleton cache (widget/web/rendering.py): a page kind's fields are its key ----------

OPTIONS = {
    "lang": ["en", "es", "ar", "xx", ""],
    "placement": [*PLACEMENTS, ""],
    "widget_lang": ["", "es", "fr"],
    "widget_region": ["", "NZ", "GB"],
    "exit_shortcut": ["", "on"],
    "height": ["", "900", "1200", "bad"],
}
warm_client, cold_client = make_client(), make_client()


def ask(client: TestClient, options: dict[str, str]):
    query = [("partner", "clinic")] + [(k, v) for k, v in options.items() if v]
    return client.get("/embed-code?" + urlencode(query))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_warm_cache_renders_exactly_what_a_cold_one_does(data):
    first = {
        name: data.draw(st.sampled_from(values), label=name) for name, values in OPTIONS.items()
    }
    changed = data.draw(st.sampled_from(sorted(OPTIONS)), label="changed")
    others = [value for value in OPTIONS[changed] if value != first[changed]]
    second = {**first, changed: data.draw(st.sampled_from(others), label="to")}
    ask(warm_client, first)
    warm = ask(warm_client, second)
    cold_client.app.state.renderer.skeletons.clear()
    cold = ask(cold_client, second)
    assert warm.status_code == cold.status_code
    assert warm.text == cold.text

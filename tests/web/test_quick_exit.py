"""Exit this page in the HTML: on every page, right after the skip link, in the
reader's language, to the partner's exit_url or the neutral default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widget.web.app import Settings, create_app
from widget.web.partners import DEFAULT_EXIT_URL, Partner

ROOT = Path(__file__).resolve().parents[2]
EARLY = "danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none&lang=en&region=AU"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SUPPORT_OUTCOME = (
    EARLY + "&injury=prefer_not_to_say&history=none&scan=yes&after_sex=no&pattern=once_stopped"
)
GUIDANCE = "your browser history may still show this page and the website you came from"
# Said when the Shift presses start again (never "expired": the reader can always leave).
RESET = "Exit shortcut reset. Press Shift 3 times quickly to leave."


def exit_links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*data-quick-exit[^>]*>", html)


def tab_stops(html: str) -> list[str]:
    body = html.split("<body>", 1)[1]
    return re.findall(r"<(?:a|button|input(?! type=\"hidden\")|select)\b[^>]*>", body)


PAGES = {
    "start": ("GET", "/?lang=en&region=AU"),
    "question": ("POST", EARLY + "&step=history&injury=no&nav=stay"),
    "injury question": ("POST", EARLY + "&step=injury&nav=stay"),
    "outcome": ("POST", SUPPORT_OUTCOME + "&nav=stay"),
    "emergency outcome": ("POST", "danger=heavy_bleeding&step=danger&nav=continue&lang=en"),
    "400 error": ("POST", "danger=not-an-option&nav=stay&lang=en"),
    "404 error": ("GET", "/nowhere?lang=en"),
    "rules": ("GET", "/rules?lang=en"),
}


def fetch(client, page: str, lang: str = "en"):
    method, target = PAGES[page]
    target = target.replace("lang=en", f"lang={lang}")
    if method == "GET":
        return client.get(target)
    return client.post("/step", content=target, headers=FORM)


def test_exit_url_is_in_every_template_context(client):
    response = client.get("/?lang=en")
    assert response.context["exit_url"] == DEFAULT_EXIT_URL


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_it_first_after_the_skip_link_replacing_the_top_page(client, page):
    response = fetch(client, page)
    first, second = tab_stops(response.text)[:2]
    assert 'class="skip-link" href="#main"' in first
    assert "data-quick-exit" in second and 'class="exit-this-page-button"' in second
    assert f'href="{DEFAULT_EXIT_URL}"' in second
    assert 'target="_top"' in second and "noreferrer" in second
    assert response.text.count('class="exit-this-page-button"') == 1
    assert '<main id="main"' in response.text


def test_it_is_in_the_readers_language_with_its_shortcut_texts(client):
    english = fetch(client, "question").text
    spanish = fetch(client, "question", "es").text
    assert "Salir de esta página<" in spanish
    for text in ("Exit this page<", "Shift, press 2 more times to exit.", "Loading."):
        assert text in english
        assert text not in spanish


def test_a_partners_exit_url_is_used():
    from starlette.testclient import TestClient

    partner = Partner(
        id="clinic",
        name="Clinic",
        allowed_origins=("https://clinic.example",),
        default_locale="en",
        locales=("en",),
        exit_url="https://news.example/",
    )
    settings = Settings(default_region="AU", debug=False, partners={"clinic": partner})
    client = TestClient(create_app(settings))
    response = client.get("/?partner=clinic&lang=en")
    (button,) = [link for link in exit_links(response.text) if "exit-this-page-button" in link]
    assert 'href="https://news.example/"' in button
    assert DEFAULT_EXIT_URL not in response.text


def test_an_outcome_with_the_support_note_has_it_beside_the_note_too(client):
    response = fetch(client, "outcome")
    assert response.context["level"].id == "urgent"
    assert len(exit_links(response.text)) == 2


@pytest.mark.parametrize("page", ["injury question", "outcome"])
def test_pages_that_mention_violence_or_injury_say_how_to_use_it(client, page):
    text = fetch(client, page).text
    assert text.count(GUIDANCE) == 2  # the sentence without JavaScript, and with (hidden)
    # The one naming the Shift key is hidden until widget.js finds a keyboard likely.
    assert 'data-exit-guidance="shortcut" hidden' in text
    assert 'data-exit-guidance="button">' in text


@pytest.mark.parametrize("page", ["start", "question", "emergency outcome", "400 error"])
def test_other_pages_do_not(client, page):
    assert GUIDANCE not in fetch(client, page).text


def test_every_exit_string_tells_translators_what_it_does_and_that_leaving_always_works():
    """Each string of templates/_quick_exit.html has its own translator comment
    (issue 23): a frightened reader must never read that she can no longer leave."""
    from babel.messages.extract import extract_from_file

    found = list(
        extract_from_file(
            "jinja2",
            str(ROOT / "templates" / "_quick_exit.html"),
            comment_tags=["Translators:"],  # as widget.i18n.catalogs.EXTRACT_ARGS
            options={"extensions": "jinja2.ext.i18n,jinja2.ext.do", "trimmed": "true"},
        )
    )
    messages = {message: " ".join(comments) for _, message, comments, _ in found}
    assert RESET in messages and "Exit this page" in messages
    assert len(messages) == len(found) == 8
    assert not [m for m in messages if "expired" in m.lower()]
    for message, comment in messages.items():
        assert "always" in comment, (message, comment)
    assert "Never say that her time to leave is over" in messages[RESET]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_says_the_exit_has_expired(client, page):
    text = fetch(client, page).text
    assert "expired" not in text.lower()
    assert f'data-msg-reset="{RESET}"' in text

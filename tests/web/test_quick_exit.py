"""The quick exit link in the HTML, and the setting partners override."""

from __future__ import annotations

import re

from widget.web.app import DEFAULT_EXIT_URL

EARLY = "danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none&lang=en&region=AU"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def exit_links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*data-quick-exit[^>]*>", html)


def test_exit_url_is_in_every_template_context(client):
    response = client.get("/?lang=en")
    assert response.context["exit_url"] == DEFAULT_EXIT_URL


def test_the_injury_question_links_to_the_neutral_site_in_the_top_page(client):
    response = client.post("/step", content=EARLY + "&step=injury&nav=stay", headers=FORM)
    (link,) = exit_links(response.text)
    assert f'href="{DEFAULT_EXIT_URL}"' in link
    assert 'target="_top"' in link and 'rel="noreferrer"' in link
    # First focusable thing in the page, before the banner's phone link and Back.
    body = response.text.split("<body>", 1)[1]
    first = re.search(r"<(a|button|input(?! type=\"hidden\")|select)\b[^>]*>", body)
    assert first and "data-quick-exit" in first.group(0)


def test_an_outcome_with_the_support_note_has_two_exit_links(client):
    answers = EARLY + "&injury=prefer_not_to_say&history=none&scan=yes&after_sex=no"
    response = client.post(
        "/step", content=answers + "&pattern=once_stopped&nav=stay", headers=FORM
    )
    assert response.context["level"].id == "urgent"
    assert len(exit_links(response.text)) == 2


def test_other_pages_have_no_exit_link(client):
    response = client.post(
        "/step", content=EARLY + "&step=history&injury=no&nav=stay", headers=FORM
    )
    assert exit_links(response.text) == []

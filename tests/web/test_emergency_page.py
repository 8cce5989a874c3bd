"""A calmer emergency page: only the answers given, then why the questions
stopped. The clinician summary keeps every row, saying which were not asked."""

from __future__ import annotations

import re

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
STOPPED = "We stopped the questions because this needs help now."


def outcome(client, answers: str, lang: str = "en", extra: str = ""):
    body = f"{answers}&lang={lang}&region=AU{extra}"
    return client.post("/step", content=body, headers=FORM)


def reader_summary(html: str) -> str:
    return html.split('id="summary-title"', 1)[1].split("</section>", 1)[0]


def rows(html: str) -> list[str]:
    return re.findall(r"<dt>([^<]*)</dt>", html)


def test_an_emergency_after_the_first_question_lists_only_that_answer(client):
    response = outcome(client, "danger=heavy_bleeding&step=danger&nav=continue")
    assert response.context["level"].id == "emergency"
    summary = reader_summary(response.text)
    assert len(rows(summary)) == 2  # the advice and the one answer
    assert "Not answered" not in response.text
    assert STOPPED in summary
    # The notice about skipped questions is for lower levels, where it matters.
    assert "You did not answer all the questions" not in response.text


def test_an_emergency_later_lists_the_answers_given(client):
    answers = "danger=none&weeks=24_to_36&amount=light&clots=no&symptoms=fluid"
    response = outcome(client, answers + "&step=symptoms&nav=continue")
    assert response.context["level"].id == "emergency"
    summary = reader_summary(response.text)
    assert len(rows(summary)) == 1 + 5
    assert "Not answered" not in summary
    assert STOPPED in summary


def test_other_levels_keep_every_row_and_no_stop_line(client):
    answers = (
        "danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none"
        "&injury=prefer_not_to_say&history=none&scan=yes&after_sex=no&pattern=once_stopped"
    )
    response = outcome(client, answers + "&nav=stay")
    assert response.context["level"].id == "urgent"
    assert STOPPED not in response.text


def test_the_clinician_summary_keeps_every_row_with_not_asked(client):
    response = outcome(client, "danger=heavy_bleeding&step=danger&nav=continue", lang="es")
    assert response.context["level"].id == "emergency"
    asked = response.context["summary"]
    assert len(asked) > 1
    english = response.text.split('data-summary-lang="en"', 1)[1].split("</section>", 1)[0]
    assert len(rows(english)) == 1 + len(asked)
    assert english.count("<em>Not asked</em>") == len(asked) - 1
    # The reader's own summary (in Spanish) lists only the answer given.
    assert len(rows(reader_summary(response.text))) == 2

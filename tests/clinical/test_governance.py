"""Clinical governance: /rules, the Markdown, the flow picture and versioning all
agree with the data the engine runs on."""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from pathlib import Path

import pytest

from widget.__main__ import main
from widget.clinical import content, governance, regions
from widget.clinical.conditions import Always
from widget.clinical.content import Level
from widget.clinical.governance import (
    content_fingerprint,
    deciding_question,
    dot_hash,
    flow_dot,
    markdown,
    numbers_are_fresh,
    read_changelog,
    review_document,
    svg_source_hash,
)

ROOT = Path(__file__).resolve().parents[2]
HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def rules_page(app):
    from starlette.testclient import TestClient

    response = TestClient(app).get("/rules?lang=en&region=AU")
    assert response.status_code == 200
    return response


def page_text(response) -> str:
    return html.unescape(response.text)


def test_rules_page_is_a_full_page_with_the_emergency_number(rules_page):
    assert rules_page.template.name == "rules.html"
    assert rules_page.text.startswith("<!doctype html>")
    assert "<title>Rules for clinical review</title>" in rules_page.text
    assert 'href="tel:000"' in rules_page.text


def test_rules_page_as_an_htmx_partial_is_only_the_widget_area(client):
    response = client.get("/rules", headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<title>Rules for clinical review</title>" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_each_rule_on_the_page_shows_the_level_the_engine_gives_it(rules_page):
    shown = dict(re.findall(r'id="rule-(\w+)" data-level="(\w+)"', rules_page.text))
    assert shown == {rule.id: rule.level.id for rule in content.RULES}


def test_the_page_shows_every_question_option_rule_note_and_number(rules_page):
    text = page_text(rules_page)
    document = review_document()
    for question in content.QUESTIONS:
        assert f'id="question-{question.id}"' in rules_page.text
        for option in question.options:
            assert f"<code>{option.id}</code> {option.label}" in text
    for question in document.questions:
        assert question.asked_when in text
        if question.conditional:
            assert f"Exactly: {question.asked_when_exact}" in text
    for rule in document.rules:
        for words in (rule.condition, rule.contract, rule.evidence, rule.reason):
            assert words in text, words
    for note in document.notes:
        assert f'id="note-{note.id}"' in rules_page.text
        assert note.when in text and note.text in text
    for region in regions.REGIONS:
        section = text.split(f'id="region-{region.code}"')[1].split("</section>")[0]
        assert region.emergency.display in section
        for phone in region.phones():
            assert phone.display in section
            assert phone.source.name in section


def test_the_page_shows_every_sign_reason_stage_and_care_model(rules_page):
    text = page_text(rules_page)
    document = review_document()
    for sign in (*document.emergency_signs, *document.urgent_signs):
        item = text.split(f'id="sign-{sign.id}"')[1].split("</li>")[0]
        assert sign.text in item and sign.when in item, sign.id
    assert "before the question that decides rule E2" in text
    for rule in document.rules:
        for when, told in rule.reasons:
            assert when in text and told in text, rule.id
        for sign in rule.signs:
            assert f'href="#sign-{sign}"' in rules_page.text
    for question in document.questions:
        for option in question.options:
            if option.offered_when:
                assert f"Offered: {option.offered_when}" in text, option.id
        for hint in question.stage_hints:
            assert hint.text in text and hint.when in text
    for model in document.care_models:
        section = text.split(f'id="care-{model.id}"')[1].split("</section>")[0]
        for row in model.advice:
            assert row.heading in section and row.action in section, (model.id, row.level)
            if row.action_from_24_weeks:
                assert row.action_from_24_weeks in section
    md = markdown()
    for model in content.CARE_MODELS:
        assert f"### `{model.id}`" in md
    for sign in content.SIGNS:
        assert f"| `{sign.id}` |" in md


def test_the_page_shows_version_review_date_check_date_and_fingerprint(rules_page):
    text = page_text(rules_page)
    assert content.CONTENT_VERSION in text
    assert f'datetime="{content.CONTENT_REVIEWED}"' in text
    assert f'datetime="{regions.NUMBERS_CHECKED}"' in text
    assert content_fingerprint() in text


def test_the_page_shows_the_flow_picture_served_as_svg(rules_page, client):
    assert '<img class="rules-flow" src="/rules/flow.svg" alt="' in rules_page.text
    picture = client.get("/rules/flow.svg")
    assert picture.status_code == 200
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert "img-src 'self'" in rules_page.headers["content-security-policy"]


def test_the_markdown_has_the_same_content_as_the_page(rules_page):
    text = page_text(rules_page)
    md = markdown()
    document = review_document()
    shared = [
        document.version,
        document.reviewed,
        document.numbers_checked,
        document.fingerprint,
        *(q.title for q in document.questions),
        *(q.asked_when for q in document.questions),
        *(q.asked_when_exact for q in document.questions if q.conditional),
        *(o.id for q in document.questions for o in q.options),
        *(o.hint for q in document.questions for o in q.options if o.hint),
        *(r.condition for r in document.rules),
        *(r.evidence for r in document.rules),
        *(n.when for n in document.notes),
        *(r.emergency.display for r in document.regions),
    ]
    for item in shared:
        assert item in md, item
        assert item in text or item in rules_page.text, item
    for rule in document.rules:
        assert re.search(rf"^\| {rule.id} \|.*\| `{rule.level.id}` \|", md, re.MULTILINE), rule.id


def test_the_rules_command_prints_markdown_dot_and_fingerprint(capsys):
    assert main(["rules", "--format", "md"]) == 0
    assert capsys.readouterr().out == markdown()
    assert main(["rules", "--format", "dot"]) == 0
    assert capsys.readouterr().out == flow_dot()
    assert main(["rules", "--format", "fingerprint"]) == 0
    assert capsys.readouterr().out.strip() == content_fingerprint()


def test_conditions_in_words_say_that_not_answered_is_not_reassuring():
    words = governance.Words()
    u8 = words.rule_condition(content.RULES_BY_ID["U8"])
    assert "Scan showed pregnancy in the womb: anything but “Yes”, or not answered" in u8
    assert "“Less than 6 weeks”" in u8
    assert "no rule other than S1 matched" in words.rule_condition(content.RULES_BY_ID["R1"])


def test_every_question_asked_only_sometimes_says_when_in_words():
    for question in content.QUESTIONS:
        conditional = not isinstance(question.asked_when, Always)
        assert bool(question.asked_when_words) == conditional, question.id


# --- The flow picture ---------------------------------------------------------


def test_the_graph_draws_each_rule_reaching_its_level_at_its_deciding_question():
    dot = flow_dot()
    for rule in content.RULES:
        source = deciding_question(rule)
        origin = f"q_{source}" if source else "advice"
        assert f"{origin} -> rule_{rule.id} " in dot
        assert f"rule_{rule.id} -> level_{rule.level.id} " in dot


def test_the_graph_has_the_questions_in_order_and_the_asked_when_conditions():
    dot = flow_dot()
    chain = ["start", *(f"q_{q.id}" for q in content.QUESTIONS), "advice"]
    for before, after in itertools.pairwise(chain):
        assert f"  {before} -> {after} [weight=10];" in dot
    for question in content.QUESTIONS:
        if not isinstance(question.asked_when, Always):
            assert "asked when: " in dot.split(f"q_{question.id} [label=")[1].split("\n")[0]


def test_the_committed_flow_svg_is_rendered_from_the_current_graph():
    svg = (ROOT / "docs" / "flow.svg").read_text(encoding="utf-8")
    assert svg_source_hash(svg) == dot_hash(flow_dot()), (
        "docs/flow.svg is stale: the rules or questions changed. Run `make docs` and commit it."
    )
    for rule in content.RULES:
        assert f"{rule.id}: " in svg
    for question in content.QUESTIONS:
        assert f". {question.id} (" in svg


def test_render_svg_marks_the_svg_with_the_hash_of_its_source(monkeypatch):
    fake = '<?xml version="1.0"?>\n<svg width="1"></svg>\n'

    def fake_run(args, **kwargs):
        assert kwargs["input"] == "digraph {}"
        return type("Done", (), {"stdout": fake})()

    monkeypatch.setattr(governance.shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(governance.subprocess, "run", fake_run)
    svg = governance.render_svg("digraph {}")
    assert svg_source_hash(svg) == dot_hash("digraph {}")
    assert svg.index("dot-source-sha256") < svg.index("<svg")


# --- Versioning -----------------------------------------------------------------


def changelog():
    return read_changelog((ROOT / "CONTENT_CHANGELOG.md").read_text(encoding="utf-8"))


def test_the_newest_changelog_entry_is_the_current_version_and_review_date():
    newest = changelog()[0]
    assert (newest.version, newest.date) == (content.CONTENT_VERSION, content.CONTENT_REVIEWED)


def test_the_rules_have_not_changed_without_a_version_bump():
    newest = changelog()[0]
    assert newest.fingerprint == content_fingerprint(), (
        "The clinical content changed but CONTENT_VERSION was not bumped. Bump "
        "CONTENT_VERSION and CONTENT_REVIEWED in widget/clinical/content.py and add a "
        "CONTENT_CHANGELOG.md entry (reason, source) with the fingerprint from "
        "`python -m widget rules --format fingerprint`."
    )


def test_every_changelog_entry_has_a_reason_a_source_and_a_newer_version_on_top():
    entries = changelog()
    assert entries
    for entry in entries:
        assert "Reason:" in entry.body and "Source:" in entry.body, entry.version
        assert entry.fingerprint, entry.version
    versions = [tuple(int(part) for part in entry.version.split(".")) for entry in entries]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)


@pytest.mark.parametrize(
    ("target", "name", "change"),
    [
        (content, "RULES", lambda rules: (dataclasses.replace(rules[0], level=Level.URGENT),)),
        (content, "NOTES", lambda notes: notes[1:]),
        (content, "QUESTIONS", lambda qs: (dataclasses.replace(qs[0], title="Changed?"), *qs[1:])),
        (content, "SIGNS", lambda signs: signs[1:]),
        (content, "SIGNS", lambda ss: (dataclasses.replace(ss[0], when_not_asked=False), *ss[1:])),
        (content, "CARE_MODELS", lambda models: models[:1]),
        (content, "DEFAULT_CARE_MODEL", lambda _: "hospital_obgyn"),
        (regions, "REGIONS", lambda rs: (dataclasses.replace(rs[0], emergency=rs[1].emergency),)),
        (regions, "NUMBERS_CHECKED", lambda _: "2026-11-21"),
    ],
)
def test_any_change_to_the_content_changes_the_fingerprint(monkeypatch, target, name, change):
    before = content_fingerprint()
    monkeypatch.setattr(target, name, change(getattr(target, name)))
    assert content_fingerprint() != before


def test_the_phone_numbers_were_checked_within_a_year_of_the_content_review():
    assert numbers_are_fresh(content.CONTENT_REVIEWED, regions.NUMBERS_CHECKED), (
        f"regions.NUMBERS_CHECKED ({regions.NUMBERS_CHECKED}) is more than a year older than "
        f"CONTENT_REVIEWED ({content.CONTENT_REVIEWED}): check every number again."
    )


def test_every_tel_link_dials_the_number_shown():
    for region in regions.REGIONS:
        for phone in region.phones():
            assert re.sub(r"[^0-9*]", "", phone.display) == phone.dial, (region.code, phone)


def test_numbers_older_than_a_year_are_stale():
    assert numbers_are_fresh("2026-11-27", "2025-11-27")
    assert not numbers_are_fresh("2026-11-27", "2025-11-26")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_no_placeholder_reaches_the_rules_page_unfilled(client, lang):
    """The advice for a reader whose region is not known names the common
    numbers; the page shows them, not the placeholder."""
    text = page_text(client.get(f"/rules?lang={lang}"))
    assert "%(" not in text and "{{" not in text
    assert "112, 911, 999, 000" in text

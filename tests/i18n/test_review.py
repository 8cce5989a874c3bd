"""Per-string clinical sign-off: how it is recorded, voided, applied and shown."""

from __future__ import annotations

import io
import json
import shutil
import textwrap

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from jinja2 import Environment
from starlette.testclient import TestClient

from widget.clinical import content
from widget.i18n import review_note, signoff
from widget.i18n.locales import (
    SHIPPED,
    SOURCE_LOCALE,
    catalog_path,
    read_catalog,
    template_path,
)
from widget.i18n.tools import cli, review
from widget.web.app import Settings, create_app

NOTE_CLASS = 'class="translation-note"'


def _catalog(tmp_path, entries: str, header: str = ""):
    path = tmp_path / "messages.po"
    path.write_text(
        header
        + textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=utf-8\\n"

            """
        )
        + textwrap.dedent(entries),
        encoding="utf-8",
    )
    return path


def _signed(tmp_path, msgstr="Appelez la maternité maintenant", role="midwife", declare=True):
    message = Catalog().add("Call your maternity unit now", msgstr)
    digest = signoff.entry_hash(message)
    header = "# Review: midwife 2026-12-01 Sage-femme, langue maternelle française\n"
    return _catalog(
        tmp_path,
        f"""\
        # Reviewed-By: {role} 2026-12-01 {digest}
        msgid "Call your maternity unit now"
        msgstr "{msgstr}"
        """,
        header if declare else "",
    )


def test_the_hash_covers_the_english_the_translation_and_the_context():
    catalog = Catalog()
    base = signoff.entry_hash(catalog.add("Call now", "Appelez maintenant"))
    assert signoff.entry_hash(catalog.add("Call now", "Appelez maintenant")) == base
    assert signoff.entry_hash(catalog.add("Call now!", "Appelez maintenant")) != base
    assert signoff.entry_hash(catalog.add("Call now", "Appelez demain")) != base
    assert signoff.entry_hash(catalog.add("Call now", "Appelez maintenant", context="x")) != base


def test_a_valid_sign_off_counts(tmp_path):
    catalog = read_catalog(_signed(tmp_path), "fr")
    assert signoff.signed_off_keys(catalog) == {("Call your maternity unit now", None)}
    (reviewer,) = signoff.reviewers(catalog)
    assert (reviewer.role, reviewer.date) == ("midwife", "2026-12-01")


def test_a_changed_translation_voids_the_sign_off(tmp_path):
    path = _signed(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("maintenant", "demain"), encoding="utf-8"
    )
    assert signoff.signed_off_keys(read_catalog(path, "fr")) == frozenset()


def test_a_sign_off_by_an_undeclared_reviewer_does_not_count(tmp_path):
    assert signoff.signed_off_keys(read_catalog(_signed(tmp_path, declare=False), "fr")) == set()
    other = tmp_path / "other"
    other.mkdir()
    assert signoff.signed_off_keys(read_catalog(_signed(other, role="nurse"), "fr")) == set()


def test_changed_english_makes_the_entry_fuzzy_and_voids_the_sign_off(tmp_path):
    catalog = read_catalog(_signed(tmp_path), "fr")
    template = Catalog()
    template.add("Call your maternity unit now, day or night")
    catalog.update(template)  # what `pybabel update` does (msgmerge does the same)
    (message,) = [m for m in catalog if m.id]
    assert message.fuzzy and signoff.sign_off_of(message) is not None  # the comment is kept…
    assert signoff.signed_off_keys(catalog) == frozenset()  # …but no longer counts


def test_an_update_with_unchanged_english_keeps_the_sign_off(tmp_path):
    catalog = read_catalog(_signed(tmp_path), "fr")
    template = Catalog()
    template.add("Call your maternity unit now")
    catalog.update(template)
    assert signoff.signed_off_keys(catalog) == {("Call your maternity unit now", None)}


def _pack_json(path, code="fr", decision="approved", **entry):
    catalog = read_catalog(path, code)
    (message,) = [m for m in catalog if m.id]
    return {
        "locale": code,
        "reviewer": {"role": "midwife", "date": "2026-12-02", "who": "Sage-femme, Lyon"},
        "entries": [
            {
                "msgid": message.id,
                "context": None,
                "hash": signoff.entry_hash(message),
                "decision": decision,
                "back_translation": "Call the maternity now",
                **entry,
            }
        ],
    }


def test_applying_a_review_signs_off_the_approved_strings_and_declares_the_reviewer(tmp_path):
    path = _catalog(
        tmp_path,
        """\
        msgid "Call your maternity unit now"
        msgstr "Appelez la maternité maintenant"
        """,
    )
    result = review.apply_review(path, _pack_json(path), "fr")
    assert result.signed == ["Call your maternity unit now"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Review: midwife 2026-12-02 Sage-femme, Lyon\n")
    assert "# Back-translation: Call the maternity now" in text
    assert signoff.signed_off_keys(read_catalog(path, "fr")) == {
        ("Call your maternity unit now", None)
    }


def test_a_review_of_a_string_that_changed_since_the_pack_is_not_applied(tmp_path):
    path = _catalog(
        tmp_path,
        """\
        msgid "Call your maternity unit now"
        msgstr "Appelez la maternité maintenant"
        """,
    )
    stale = _pack_json(path, hash="0" * 16)
    result = review.apply_review(path, stale, "fr")
    assert result.stale == ["Call your maternity unit now"] and result.signed == []
    assert signoff.signed_off_keys(read_catalog(path, "fr")) == frozenset()
    change = review.apply_review(path, _pack_json(path, decision="change", comment="say SA"), "fr")
    assert change.changes_requested == [("Call your maternity unit now", "say SA")]
    assert signoff.signed_off_keys(read_catalog(path, "fr")) == frozenset()


def test_applying_a_review_needs_a_role_a_date_and_the_right_language(tmp_path):
    path = _catalog(tmp_path, 'msgid "Continue"\nmsgstr "Continuer"\n')
    good = _pack_json(path)
    for broken in (
        {**good, "locale": "es"},
        {**good, "reviewer": {**good["reviewer"], "role": "Dr Smith!"}},
        {**good, "reviewer": {**good["reviewer"], "date": "yesterday"}},
        {**good, "reviewer": {**good["reviewer"], "who": " "}},
    ):
        with pytest.raises(ValueError):
            review.apply_review(path, broken, "fr")


def test_applying_a_review_to_a_real_catalog_changes_only_the_signed_entry(tmp_path):
    path = tmp_path / "messages.po"
    shutil.copy(catalog_path("zh_Hans"), path)
    before = path.read_text(encoding="utf-8").splitlines()
    catalog = read_catalog(path, "zh_Hans")
    message = catalog.get("Call your maternity unit now")
    assert message is not None
    pack = {
        "locale": "zh_Hans",
        "reviewer": {"role": "midwife", "date": "2026-12-02", "who": "Test only"},
        "entries": [
            {"msgid": message.id, "hash": signoff.entry_hash(message), "decision": "approved"}
        ],
    }
    review.apply_review(path, pack, "zh_Hans")
    after = path.read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == [
        "# Review: midwife 2026-12-02 Test only",
        f"# Reviewed-By: midwife 2026-12-02 {signoff.entry_hash(message)}",
    ]
    assert len(after) == len(before) + 2


def test_the_cli_applies_an_exported_review(tmp_path, monkeypatch, capsys):
    path = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    _catalog(path.parent, 'msgid "Continue"\nmsgstr "Continuer"\n')
    monkeypatch.setattr(
        cli, "catalog_path", lambda code: tmp_path / code / "LC_MESSAGES" / "messages.po"
    )
    export = tmp_path / "review.json"
    export.write_text(json.dumps(_pack_json(path)), encoding="utf-8")
    assert cli.main(["apply-review", str(export)]) == 0
    assert "signed off 1 string(s)" in capsys.readouterr().out
    export.write_text(json.dumps({**_pack_json(path), "locale": "xx"}), encoding="utf-8")
    assert cli.main(["apply-review", str(export)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    export.write_text("[1, 2", encoding="utf-8")
    assert cli.main(["apply-review", str(export)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_the_status_counts_translated_signed_and_waiting():
    status = review.language_status("zh_Hans")
    assert status.total == len([m for m in read_catalog(template_path()) if m.id])
    assert status.translated == status.total
    assert status.signed == len(signoff.signed_off("zh_Hans"))
    assert status.waiting == status.translated - status.signed
    critical = review.safety_critical()
    assert len(status.critical_not_signed) == len(
        [text for text in critical if (text, None) not in signoff.signed_off("zh_Hans")]
    )
    report = review.status_report(["zh_Hans"])
    assert "zh_Hans" in report and "safety-critical strings not signed off" in report


def test_every_safety_critical_string_is_in_the_template():
    english = {m.id for m in read_catalog(template_path()) if m.id}
    critical = review.safety_critical()
    assert set(critical) <= english
    assert set(content.LEVEL_NAMES.values()) <= set(critical)
    assert all(question.title in critical for question in content.QUESTIONS)


# -- the note on pages -------------------------------------------------------------------


def test_the_note_is_read_from_the_banner_template_and_is_a_message():
    english = {m.id for m in read_catalog(template_path()) if m.id}
    assert review_note.note_message().startswith("This translation has not yet been checked")
    assert review_note.note_message() in english
    assert review_note.NOT_ANSWERED in english


def test_a_banner_without_one_note_between_the_markers_is_an_error():
    note = (
        "{{ review_note[0] }}<p>{% trans %}Not checked yet.{% endtrans %}</p>{{ review_note[1] }}"
    )
    assert review_note.note_between_the_markers(f"<header>{note}</header>") == "Not checked yet."
    for broken in (
        "<p>{% trans %}Not checked yet.{% endtrans %}</p>",  # no markers
        note.replace("{% trans %}Not checked yet.{% endtrans %}", "Not checked yet."),
        note.replace("</p>", "</p><p>{% trans %}Call now{% endtrans %}</p>"),
    ):
        with pytest.raises(ValueError, match="one message between"):
            review_note.note_between_the_markers(broken)


def test_a_page_rendered_through_the_tracking_translations_is_translated():
    catalog = Catalog(locale="de")  # two plural forms
    catalog.add("Start now", "Jetzt starten")
    catalog.add(("%(num)s question", "%(num)s questions"), ("%(num)s Frage", "%(num)s Fragen"))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    tracked = review_note.TrackingTranslations("de", Translations(fp=buffer))
    environment = Environment(extensions=["jinja2.ext.i18n"])
    environment.install_gettext_translations(tracked, newstyle=True)  # as rendering.py does
    template = environment.from_string(
        "{% trans %}Start now{% endtrans %}|"
        "{% trans num=2 %}{{ num }} question{% pluralize %}{{ num }} questions{% endtrans %}"
    )
    with review_note.recording() as shown:
        assert template.render() == "Jetzt starten|2 Fragen"
    assert shown == {("de", ("Start now", None)), ("de", ("%(num)s question", None))}


def _everything_signed(code: str) -> frozenset[signoff.MessageKey]:
    return frozenset((m.id, m.context) for m in read_catalog(template_path()) if m.id)


def _client(monkeypatch, signed):
    monkeypatch.setattr(review_note, "signed_off", signed)
    return TestClient(create_app(Settings(default_region="AU", debug=False)))


def test_no_page_says_not_checked_when_every_string_on_it_is_signed_off(monkeypatch):
    client = _client(monkeypatch, _everything_signed)
    for code in SHIPPED:
        assert NOTE_CLASS not in client.get(f"/?lang={code}").text, code
        page = client.post("/step", data={"lang": code, "step": "danger", "nav": "stay"})
        assert NOTE_CLASS not in page.text, code


def test_a_page_says_not_checked_when_one_string_on_it_is_not_signed_off(monkeypatch):
    question = content.QUESTIONS_BY_ID["weeks"]

    def all_but_the_weeks_question(code: str) -> frozenset[signoff.MessageKey]:
        return _everything_signed(code) - {(question.title, None)}

    client = _client(monkeypatch, all_but_the_weeks_question)
    for code in ("zh_Hans", "ar"):
        assert NOTE_CLASS not in client.get(f"/?lang={code}").text
        danger = client.post("/step", data={"lang": code, "step": "danger", "nav": "stay"})
        assert NOTE_CLASS not in danger.text
        weeks = client.post(
            "/step", data={"lang": code, "danger": "none", "step": "weeks", "nav": "stay"}
        )
        assert weeks.status_code == 200 and NOTE_CLASS in weeks.text
    english = client.post(
        "/step", data={"lang": "en", "danger": "none", "step": "weeks", "nav": "stay"}
    )
    assert NOTE_CLASS not in english.text


def test_an_answer_label_filled_into_the_summary_counts_as_shown(monkeypatch):
    question = content.QUESTIONS_BY_ID["danger"]
    label = question.options[0].label

    def all_but_one_label(code: str) -> frozenset[signoff.MessageKey]:
        return _everything_signed(code) - {(label, None)}

    shown: review_note.Shown = set()
    html = "\x00a:danger\x00"
    monkeypatch.setattr(review_note, "signed_off", _everything_signed)
    assert review_note.unsigned(html, shown, "fr") == []
    monkeypatch.setattr(review_note, "signed_off", all_but_one_label)
    assert review_note.unsigned(html, shown, "fr") == [("fr", (label, None))]
    assert review_note.unsigned(html, shown, SOURCE_LOCALE) == []


def test_pages_in_a_language_with_no_sign_off_say_not_checked_and_english_does_not():
    client = TestClient(create_app(Settings(default_region="AU", debug=False)))
    assert NOTE_CLASS not in client.get("/?lang=en").text
    for code in SHIPPED:
        page = client.get(f"/?lang={code}").text
        if code == SOURCE_LOCALE or signoff.review_state(read_catalog(catalog_path(code))) == (
            signoff.REVIEWED
        ):
            assert NOTE_CLASS not in page, code
        elif not signoff.signed_off(code):
            assert NOTE_CLASS in page, code

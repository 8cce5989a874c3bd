"""The translator workflow's gates: what `make test` refuses."""

from __future__ import annotations

import textwrap

from babel.messages.catalog import Catalog

from widget.i18n import locales as i18n
from widget.i18n.locales import read_catalog, template_path
from widget.i18n.pseudo import pseudo_catalog
from widget.i18n.tools import catalogs
from widget.i18n.tools.catalogs import check_catalog


def test_the_message_template_is_not_stale():
    assert catalogs.template_is_current(), (
        "locales/messages.pot is stale: run `make translations` (or the extract command)"
    )


def test_every_shipped_catalog_is_complete_unfuzzy_and_consistent():
    reports = {report.code: report for report in catalogs.reports(i18n.SHIPPED)}
    assert set(i18n.SHIPPED) - {"en"} <= set(reports)
    problems = [problem for report in reports.values() for problem in report.problems]
    assert problems == []
    for code in i18n.SHIPPED[1:]:
        assert reports[code].complete and reports[code].percent == 100.0


def test_every_catalog_belongs_to_a_known_locale():
    assert set(catalogs.catalog_codes()) <= set(i18n.KNOWN_LOCALES)


def _template() -> Catalog:
    template = Catalog(locale="en")
    template.add("Call %(number)s now", flags=["python-format"])
    template.add("Continue")
    template.add(("%(num)s question", "%(num)s questions"), flags=["python-format"])
    template.add("Read <strong>this</strong>")
    return template


def _po(tmp_path, body, header_comment=""):
    path = tmp_path / "messages.po"
    header = header_comment + textwrap.dedent(
        """\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=utf-8\\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\\n"

        """
    )
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
    #, python-format
    msgid "Call %(number)s now"
    msgstr "Appelez le %(number)s maintenant"

    msgid "Continue"
    msgstr "Continuer"

    #, python-format
    msgid "%(num)s question"
    msgid_plural "%(num)s questions"
    msgstr[0] "une question"
    msgstr[1] "%(num)s questions"

    msgid "Read <strong>this</strong>"
    msgstr "Lisez <strong>ceci</strong>"
    """


def test_a_complete_catalog_passes_the_check(tmp_path):
    report = check_catalog(_po(tmp_path, GOOD), _template(), "fr", shipped=True)
    assert report.problems == []
    assert (report.translated, report.fuzzy, report.untranslated) == (4, 0, 0)
    assert report.review == "not-reviewed"  # no string signed off


def test_a_shipped_catalog_with_a_missing_or_empty_message_fails(tmp_path):
    body = GOOD.replace('msgstr "Continuer"', 'msgstr ""')
    report = check_catalog(_po(tmp_path, body), _template(), "fr", shipped=True)
    assert report.untranslated == 1
    assert any("untranslated" in problem for problem in report.problems)


def test_a_shipped_catalog_with_a_fuzzy_message_fails(tmp_path):
    body = GOOD.replace('msgid "Continue"', '#, fuzzy\n    msgid "Continue"')
    report = check_catalog(_po(tmp_path, body), _template(), "fr", shipped=True)
    assert report.fuzzy == 1
    assert any("fuzzy" in problem for problem in report.problems)


def test_an_unshipped_draft_may_be_incomplete_but_not_broken(tmp_path):
    draft = GOOD.replace('msgstr "Continuer"', 'msgstr ""')
    report = check_catalog(_po(tmp_path, draft), _template(), "fr")
    assert report.problems == [] and report.review == "not-reviewed"
    broken = GOOD.replace("Appelez le %(number)s", "Appelez le %(numero)s")
    report = check_catalog(_po(tmp_path, broken), _template(), "fr")
    assert any("placeholder" in problem for problem in report.problems)


def test_a_broken_placeholder_or_tag_fails(tmp_path):
    for broken in [
        GOOD.replace("Appelez le %(number)s", "Appelez"),
        GOOD.replace("Lisez <strong>ceci</strong>", "Lisez <em>ceci</em>"),
        GOOD.replace('msgstr[1] "%(num)s questions"', 'msgstr[1] "%(n)s questions"'),
    ]:
        report = check_catalog(_po(tmp_path, broken), _template(), "fr", shipped=True)
        assert report.problems, broken


def test_a_hand_set_review_state_header_is_refused(tmp_path):
    # The review state is per string (widget/i18n/signoff.py), never a header line.
    path = _po(tmp_path, GOOD, header_comment="# Review-State: reviewed\n")
    report = check_catalog(path, _template(), "fr", shipped=True)
    assert any("Review-State" in problem for problem in report.problems)
    assert report.review == "not-reviewed"


def test_a_shipped_locale_without_a_catalog_fails():
    reports = list(catalogs.reports(("en", "xx_NOPE")))
    assert any("xx_NOPE: shipped but has no catalog" in p for r in reports for p in r.problems)


def test_the_pseudo_catalog_translates_every_message_and_keeps_placeholders():
    template = read_catalog(template_path())
    pseudo = pseudo_catalog(read_catalog(template_path()))
    for message in template:
        if message.id:
            translated = pseudo.get(message.id)
            assert translated is not None and translated.string
            assert catalogs.message_problems(translated) == [], message.id

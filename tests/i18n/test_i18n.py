"""Locale tables and negotiation. Independent of which locales ship: the
matching logic is tested against an explicit table of every known locale."""

from __future__ import annotations

import shutil

import pytest

from widget.__main__ import main
from widget.i18n import locales as i18n
from widget.i18n.locales import (
    KNOWN_LOCALES,
    PSEUDO_LOCALE,
    available_locales,
    match_locale,
    negotiate,
    parse_accept_language,
)
from widget.web.app import create_app

ALL = tuple(info for code, info in KNOWN_LOCALES.items() if code != PSEUDO_LOCALE)
ENGLISH_ONLY = (KNOWN_LOCALES["en"],)


def test_the_eight_languages_are_known_with_their_tags_and_directions():
    assert [info.code for info in ALL] == ["en", "es", "fr", "ar", "zh_Hans", "vi", "hi", "pt_BR"]
    assert KNOWN_LOCALES["zh_Hans"].tag == "zh-Hans"
    assert KNOWN_LOCALES["pt_BR"].tag == "pt-BR"
    assert KNOWN_LOCALES["ar"].direction == "rtl"
    assert {info.direction for info in ALL if info.code != "ar"} == {"ltr"}


def test_every_shipped_code_is_known_and_english_ships_first():
    assert i18n.SHIPPED[0] == "en"
    assert set(i18n.SHIPPED) <= set(KNOWN_LOCALES) - {PSEUDO_LOCALE}


def test_the_pseudo_locale_is_available_only_in_debug():
    assert PSEUDO_LOCALE not in {info.code for info in available_locales(debug=False)}
    assert available_locales(debug=True)[-1].code == PSEUDO_LOCALE
    assert KNOWN_LOCALES[PSEUDO_LOCALE].babel.language == "en"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-CA", "fr"),
        ("zh-Hans", "zh_Hans"),
        ("zh_Hans", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh-Hans-CN", "zh_Hans"),
        ("zh", "zh_Hans"),
        ("pt", "pt_BR"),
        ("pt-BR", "pt_BR"),
        ("pt_BR", "pt_BR"),
        ("ar-EG", "ar"),
        ("hi-IN", "hi"),
        ("en-GB", "en"),
    ],
)
def test_lang_accepts_bcp47_posix_and_aliases(value, expected):
    found = match_locale(value, ALL)
    assert found is not None and found.code == expected


@pytest.mark.parametrize(
    "value",
    ["", None, "x", "de", "klingon-language-tag", "fr;drop", "../etc", "fr\n", "e" * 300],
)
def test_unknown_or_malformed_lang_matches_nothing(value):
    assert match_locale(value, ALL) is None


def test_a_locale_that_is_not_shipped_is_not_matched():
    assert match_locale("fr", ENGLISH_ONLY) is None
    assert match_locale("en-AU", ENGLISH_ONLY) == KNOWN_LOCALES["en"]


def test_negotiation_order_is_explicit_then_partner_then_accept_language_then_english():
    def code(*args):
        return negotiate(*args, ALL).code

    assert code("ar", "fr", "es") == "ar"
    assert code(None, "fr", "es") == "fr"
    assert code("bogus!", "nope", "es-MX,fr;q=0.5") == "es"
    assert code(None, None, "de-DE,de;q=0.9") == "en"
    assert code(None, None, None) == "en"


def test_accept_language_uses_quality_and_aliases():
    assert negotiate(None, None, "de;q=1, zh-CN;q=0.8, fr;q=0.5", ALL).code == "zh_Hans"
    assert negotiate(None, None, "fr;q=0.2, pt;q=0.9", ALL).code == "pt_BR"
    assert negotiate(None, None, "*, vi;q=0", ALL).code == "en"
    assert parse_accept_language("a;q=x, es;q=0.5, hi") == ["hi", "es"]


def test_negotiation_falls_back_to_english_when_only_english_ships():
    assert negotiate("fr", None, "fr", ENGLISH_ONLY).code == "en"


# --- a shipped language without its catalog ------------------------------------------


@pytest.fixture
def without_french(tmp_path, monkeypatch):
    """A locales folder where every shipped catalog but French's is present."""
    shutil.copytree(i18n.locales_dir(), tmp_path / "locales")
    shutil.rmtree(tmp_path / "locales" / "fr")
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path / "locales")
    i18n.load_translations.cache_clear()
    yield tmp_path / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    i18n.load_translations.cache_clear()  # the real catalogs again for the other tests


def test_a_shipped_language_without_its_catalog_is_never_served_in_english(without_french):
    assert i18n.missing_catalogs() == [
        f"fr is shipped (SHIPPED in widget/i18n/locales.py) but its catalog {without_french}"
        " is missing"
    ]
    with pytest.raises(i18n.CatalogMissing, match="fr is shipped"):
        i18n.load_translations("fr")
    assert i18n.load_translations("es").gettext("Start now") != "Start now"
    with pytest.raises(i18n.CatalogMissing, match="fr is shipped"):
        create_app()  # any server: uvicorn, gunicorn, the tests


def test_the_server_stops_at_start_with_a_clear_message(without_french, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: pytest.fail("it served"))
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", "1"])
    assert str(stopped.value) == (
        f"error: fr is shipped (SHIPPED in widget/i18n/locales.py) but its catalog "
        f"{without_french} is missing"
    )
    assert "Serving" not in capsys.readouterr().out


def test_every_shipped_catalog_is_there():
    assert i18n.missing_catalogs() == []

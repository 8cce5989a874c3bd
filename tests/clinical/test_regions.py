"""The region data (TRIAGE.md "Region data"): every number sourced and dated,
the police for danger from a person, advice lines only where they fit, a care
model per region, and the languages read there checked against CLDR."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.core import Locale, get_global

from widget.clinical import regions
from widget.clinical.content import Level
from widget.i18n.locales import LOCALES

SHIPPED_LANGUAGES = {info.babel.language for info in LOCALES}
CLDR = get_global("territory_languages")
# Issue 20's list of countries with many readers of a shipped language
# (Mozambique is left out: no number could be checked, docs/regions.md).
ISSUE_20_COUNTRIES = set(
    [
        "EG",
        "JO",
        "LB",
        "IQ",
        "MA",
        "KW",
        "QA",
        "DZ",
        "TN",
        "OM",
        "BH",
        "AR",
        "CO",
        "CL",
        "PE",
        "VE",
        "EC",
        "GT",
        "CU",
        "BO",
        "DO",
        "HN",
        "PY",
        "SV",
        "NI",
        "CR",
        "PA",
        "UY",
        "PT",
        "AO",
        "BE",
        "CH",
        "LU",
        "SN",
        "CI",
        "CM",
        "CA",
        "SG",
        "MY",
        "TW",
        "HK",
        "IN",
        "NG",
        "KE",
        "GH",
        "PK",
        "PH",
    ]
)
ORIGINAL_19 = set(
    [
        "AU",
        "NZ",
        "GB",
        "IE",
        "US",
        "CA",
        "FR",
        "DE",
        "ES",
        "IN",
        "PH",
        "ZA",
        "MX",
        "BR",
        "CN",
        "VN",
        "SA",
        "AE",
        "EU",
    ]
)

# The second review (2026-12-03): every other country the rule covers whose
# ambulance number could be found on a stored page (docs/regions.md).
SECOND_REVIEW = set(
    [
        "TZ",
        "UG",
        "JM",
        "SL",
        "LR",
        "BW",
        "TT",
        "PG",
        "SZ",
        "NA",
        "SS",
        "GY",
        "FJ",
        "MT",
        "PR",
        "SY",
        "PS",
        "IL",
        "YE",
        "SO",
        "HT",
        "ML",
        "GN",
        "BJ",
        "TG",
        "RW",
        "CF",
        "GA",
        "MG",
        "MU",
        "RE",
        "IT",
        "TL",
        "MO",
    ]
)
# Covered by the rule (a shipped language official in CLDR, 500,000 people or
# more) but left out: no ambulance number on any stored page, or only
# conflicting or dead ones. docs/regions.md says why for each.
LEFT_OUT = set(
    [
        "MZ",
        "SD",
        "LY",
        "MR",
        "TD",
        "DJ",
        "KM",
        "ER",
        "EH",
        "CD",
        "BF",
        "NE",
        "BI",
        "CG",
        "GQ",
        "GW",
        "CV",
        "SB",
        "GM",
        "LS",
        "MW",
        "ZM",
        "ZW",
    ]
)
# Parts of a listed country, with its numbers: readers there choose that country.
PART_OF = {"IC": "ES", "EA": "ES"}
# Where a shipped language is official but fewer than 500,000 people live
# (UN population estimates): the rule's "many readers" is not met.
SMALL = set(
    [
        "AS",
        "AI",
        "AG",
        "BS",
        "BB",
        "BZ",
        "BM",
        "IO",
        "VG",
        "KY",
        "CX",
        "CC",
        "CK",
        "DG",
        "DM",
        "FK",
        "PF",
        "GF",
        "GI",
        "GD",
        "GP",
        "GU",
        "GG",
        "IM",
        "JE",
        "KI",
        "MH",
        "MQ",
        "YT",
        "FM",
        "MC",
        "MS",
        "NR",
        "NC",
        "NU",
        "NF",
        "MP",
        "PW",
        "PN",
        "WS",
        "CQ",
        "SC",
        "SX",
        "GS",
        "BL",
        "SH",
        "KN",
        "LC",
        "MF",
        "PM",
        "VC",
        "ST",
        "TK",
        "TO",
        "TC",
        "TV",
        "UM",
        "VI",
        "VU",
        "WF",
    ]
)

ALL = regions.REGIONS


def cldr_official(code: str) -> set[str]:
    """The shipped languages CLDR marks official (or de facto, or regional) there."""
    return {
        name.split("_")[0]
        for name, info in CLDR.get(code, {}).items()
        if name.split("_")[0] in SHIPPED_LANGUAGES and info["official_status"]
    }


def test_every_territory_the_rule_covers_is_listed_or_left_out_with_a_reason():
    covered = {code for code in CLDR if cldr_official(code)}
    listed = set(regions.REGIONS_BY_CODE)
    accounted = listed | LEFT_OUT | set(PART_OF) | SMALL
    assert covered <= accounted, sorted(covered - accounted)
    assert listed >= SECOND_REVIEW
    assert not listed & (LEFT_OUT | set(PART_OF) | SMALL)
    assert set(PART_OF.values()) <= listed
    # Nothing is accounted for twice or without being covered.
    assert not LEFT_OUT & SMALL and (LEFT_OUT | SMALL | set(PART_OF)) <= covered


def test_the_countries_left_out_are_named_in_the_docs():
    docs = (Path(__file__).parents[2] / "docs" / "regions.md").read_text(encoding="utf-8")
    docs = " ".join(docs.split())  # names may wrap across lines
    english = Locale.parse("en").territories
    for code in LEFT_OUT | set(PART_OF):
        assert english[code] in docs, (code, english[code])


def test_every_country_of_issue_20_and_the_original_table_is_listed():
    assert set(regions.REGIONS_BY_CODE) >= ISSUE_20_COUNTRIES | ORIGINAL_19 | SECOND_REVIEW
    assert len(regions.REGIONS_BY_CODE) == len(ALL)  # no code twice


@pytest.mark.parametrize("region", ALL, ids=lambda r: r.code)
def test_every_number_and_care_model_has_a_source_and_a_check_date(region):
    for source in region.sources():
        assert source.name.strip(), region.code
        checked = date.fromisoformat(source.checked)
        assert date(2026, 1, 1) <= checked <= date(2026, 12, 31), (region.code, source)


@pytest.mark.parametrize("region", ALL, ids=lambda r: r.code)
def test_an_unchecked_number_says_so_and_a_checked_one_names_a_page_or_publication(region):
    for phone in region.phones():
        if phone.source.verified:
            assert "http" in phone.source.name or phone.source.name[0].isupper(), phone
        else:
            assert "not" in phone.source.name.casefold(), phone  # "not checked", "not found"


def test_a_weakly_sourced_number_is_not_checked_and_names_the_page_it_comes_from():
    weak = [p for r in ALL for p in r.phones() if p.source.name.startswith("Weak source")]
    assert weak  # e.g. Somalia's 999 (Mogadishu only)
    for phone in weak:
        assert not phone.source.verified and "http" in phone.source.name, phone


def test_the_numbers_checked_date_is_the_oldest_check():
    dates = [s.checked for r in ALL for s in r.sources()]
    assert min(dates) == regions.NUMBERS_CHECKED


@pytest.mark.parametrize("region", ALL, ids=lambda r: r.code)
def test_the_care_model_is_one_whose_words_content_declares(region):
    assert region.care_model.id == region.services


def test_china_india_and_vietnam_go_to_a_hospital_obstetrics_department():
    for code in ("CN", "IN", "VN"):
        assert regions.REGIONS_BY_CODE[code].services == regions.HOSPITAL_OBGYN
    assert regions.REGIONS_BY_CODE["GB"].services == regions.MATERNITY_UNIT


def test_danger_from_a_person_is_the_police_never_a_named_ambulance_service():
    assert regions.REGIONS_BY_CODE["FR"].police.display == "17"
    assert regions.REGIONS_BY_CODE["BR"].police.display == "190"
    for region in ALL:
        if region.police and region.emergency.name:  # a named ambulance service (SAMU)
            assert region.police.dial != region.emergency.dial, region.code


def test_the_family_violence_lines_of_issue_20_are_listed():
    lines = {r.code: r.family_violence.display for r in ALL if r.family_violence}
    assert lines["FR"] == "3919" and lines["BR"] == "180" and lines["ES"] == "016"


@pytest.mark.parametrize("region", ALL, ids=lambda r: r.code)
def test_no_advice_line_is_offered_on_the_emergency_or_no_need_to_call_page(region):
    for line in region.advice:
        assert line.levels and line.levels <= {Level.URGENT, Level.SOON}, line
        assert line.why.strip()
        for level in Level:
            assert (line in region.advice_for(level)) == (level in line.levels)


def test_the_out_of_hours_gp_lines_fit_only_the_today_page():
    for code in ("FR", "DE"):
        (line,) = regions.REGIONS_BY_CODE[code].advice
        assert line.phone.display == "116 117" and line.levels == {Level.SOON}


@pytest.mark.parametrize("region", ALL, ids=lambda r: r.code)
def test_the_languages_read_there_agree_with_cldr(region):
    # CLDR lists script variants apart (zh and zh_Hant, en and en_Shaw): merge them.
    official: set[str] = set()
    percent: dict[str, float] = {}
    for name, info in CLDR.get(region.code, {}).items():
        lang = name.split("_")[0]
        if lang in SHIPPED_LANGUAGES:
            percent[lang] = max(percent.get(lang, 0.0), info["population_percent"])
            if info["official_status"]:
                official.add(lang)
    assert official <= set(region.languages), region.code  # none forgotten
    for lang in region.languages:
        assert lang in SHIPPED_LANGUAGES
        # A language we add beyond CLDR's official ones is read by a large share.
        assert lang in official or percent[lang] >= 10, (region.code, lang)


def test_regions_for_a_language_are_the_ones_that_list_it():
    assert [r.code for r in regions.regions_for_language("pt")] == ["PT", "BR", "AO", "TL", "MO"]
    assert {r.code for r in regions.regions_for_language("zh")} == {
        "CN",
        "SG",
        "MY",
        "TW",
        "HK",
        "MO",
    }
    assert {r.code for r in regions.regions_for_language("hi")} == {"IN", "FJ"}
    assert regions.regions_for_language("xx") == ()

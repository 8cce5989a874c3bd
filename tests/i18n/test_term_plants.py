"""Term checks that can fail (issue 23): plant a banned or reserved term, or
drop an approved one, in a copy of a catalog and see the check fail.

- ``PLANTS``: chosen errors, several per language, in safety strings: a
  reserved or never term planted in a string of a *different* concept (the
  reason for period-like bleeding, the cramps answer, the Today level
  word…), or an approved term dropped from a string that needs it (the
  routine heading), in the forms a translator would write (inflected, with
  an Arabic prefix, without the Hindi nukta). Each runs
  ``quality.catalog_problems``, what ``make check-catalogs`` and
  ``make test`` run, on a copy of the whole catalog.
- The sweep, data-driven over every termbase: every reserved or never term,
  planted in every safety string whose English does not use its concept,
  must fail (a stem planted with one more letter); every approved
  alternative must count on its own, and every message whose English uses
  the concept must fail once its approved terms are taken out. A term or
  entry that cannot fail is a test failure naming it. The sweep runs
  ``termbase.term_problems`` (the term part of the same check) on a catalog
  of the one planted message, so that it stays fast.

A finding of the committed catalog (one a translator has still to fix) is
left out of every comparison: each test shows that its plant, and nothing
else, makes the check fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest
from babel.messages.catalog import Catalog

from widget.clinical import content
from widget.i18n.locales import (
    SHIPPED,
    SOURCE_LOCALE,
    catalog_path,
    forms,
    read_catalog,
    template_path,
)
from widget.i18n.tools import quality, review, termbase

TRANSLATED = [code for code in SHIPPED if code != SOURCE_LOCALE]
DROPPED = "needs"  # the check's word for an approved term missing


def _reason(rule_id: str) -> str:
    return content.RULES_BY_ID[rule_id].reason


PERIOD_LIKE_REASON = _reason("U3")
PERIOD_LIKE = "Like a period, or more"
GETS_HEAVIER = "the bleeding gets heavier, or you pass clots"
CRAMPS = "Cramps or mild tummy pain"
CRAMPS_SIGN = "you get cramps, or pain on one side"
ONE_SIDED_PAIN = "Pain low down on one side"
SHOULDER = "Pain in the tip of your shoulder"
TODAY = content.LEVEL_NAMES[content.Level.SOON]
ROUTINE_HEADING = "Tell your midwife at your next appointment"
URGENT_HEADING = "Call your maternity unit now"
SHOW_LABEL = content.QUESTIONS_BY_ID["show"].summary_label
SHOW_NO = content.QUESTIONS_BY_ID["show"].option("no").label
SPOTTING = "Spotting"
LIGHT = "Light bleeding"
FAINT_SIGN = "you faint, or feel very dizzy, cold and clammy"
WEEKS_37 = "37 weeks or more"


@dataclass(frozen=True)
class Plant:
    code: str
    id: str  # ASCII, for pytest
    what: str  # what is planted where, in the language's own words
    english: str  # the message whose translation is replaced
    translation: str  # the copy with the plant
    concept: str  # the entry whose check must fail
    term: str  # the planted term as the termbase writes it, or DROPPED


PLANTS = [
    # French
    Plant(
        "fr",
        "fr-abondant-in-sign-gets-heavier",
        "fr: 'abondant' (heavy bleeding) planted in the urgent sign 'the bleeding gets heavier'",
        GETS_HEAVIER,
        "le saignement devient abondant, ou vous perdez des caillots",
        "heavy_bleeding",
        "abond*",
    ),
    Plant(
        "fr",
        "fr-abondamment-in-period-like-reason",
        "fr: 'abondamment' (heavy bleeding, adverb) planted in the period-like bleeding reason",
        PERIOD_LIKE_REASON,
        "Saigner abondamment, comme des règles ou plus, doit être vérifié tout de suite.",
        "heavy_bleeding",
        "abond*",
    ),
    Plant(
        "fr",
        "fr-forte-douleur-in-cramps-answer",
        "fr: 'forte douleur' (severe pain) planted in the cramps answer",
        CRAMPS,
        "Crampes ou forte douleur au ventre",
        "severe_pain",
        "forte douleur",
    ),
    Plant(
        "fr",
        "fr-sans-attendre-in-today-level",
        "fr: 'sans attendre' (the urgent level word) planted in the Today level word",
        TODAY,
        "Aujourd’hui, sans attendre",
        "urgent_level",
        "sans attendre",
    ),
    Plant(
        "fr",
        "fr-SG-in-37-weeks-answer",
        "fr: 'SG' (never: weeks counted from conception) planted in the answer '37 weeks or more'",
        WEEKS_37,
        "37 SG ou plus",
        "never",
        "SG",
    ),
    Plant(
        "fr",
        "fr-sage-femme-dropped-from-routine-heading",
        "fr: 'sage-femme' (midwife) dropped from the routine heading",
        ROUTINE_HEADING,
        "Parlez-en à votre médecin au prochain rendez-vous",
        "midwife",
        DROPPED,
    ),
    # Spanish
    Plant(
        "es",
        "es-abundante-in-period-like-answer",
        "es: 'abundante' (heavy bleeding) planted in the answer 'Like a period, or more'",
        PERIOD_LIKE,
        "Abundante, como una regla, o más",
        "heavy_bleeding",
        "abundante",
    ),
    Plant(
        "es",
        "es-abundantes-in-sign-gets-heavier",
        "es: 'abundantes' (heavy bleeding, plural) planted in the urgent sign 'gets heavier'",
        GETS_HEAVIER,
        "el sangrado aumenta, o expulsas coágulos abundantes",
        "heavy_bleeding",
        "abundantes",
    ),
    Plant(
        "es",
        "es-dolor-fuerte-in-one-sided-pain-answer",
        "es: 'dolor fuerte' (severe pain) planted in the answer 'Pain low down on one side'",
        ONE_SIDED_PAIN,
        "Dolor fuerte en la parte baja de la barriga, en un solo lado",
        "severe_pain",
        "dolor fuerte",
    ),
    Plant(
        "es",
        "es-sin-esperar-in-today-level",
        "es: 'sin esperar' (the urgent level word) planted in the Today level word",
        TODAY,
        "Hoy, sin esperar",
        "urgent_level",
        "sin esperar",
    ),
    Plant(
        "es",
        "es-personal-sanitario-in-shoulder-answer",
        "es: 'personal sanitario' (never: in Mexico a 'sanitario' is a toilet) planted in the "
        "shoulder-tip pain answer",
        SHOULDER,
        "Dolor en la punta del hombro: avisa al personal sanitario",
        "never",
        "personal sanitario",
    ),
    Plant(
        "es",
        "es-partera-dropped-from-routine-heading",
        "es: 'partera' dropped from the routine heading ('matrona' alone)",
        ROUTINE_HEADING,
        "Coméntalo a tu matrona, o a tu médico, en tu próxima cita",
        "midwife",
        DROPPED,
    ),
    # Brazilian Portuguese
    Plant(
        "pt_BR",
        "pt_BR-intensa-in-period-like-reason",
        "pt_BR: 'intensa' (heavy bleeding, feminine) planted in the period-like bleeding reason",
        PERIOD_LIKE_REASON,
        "Perda intensa, como uma menstruação, ou mais, deve ser avaliada imediatamente.",
        "heavy_bleeding",
        "intensa",
    ),
    Plant(
        "pt_BR",
        "pt_BR-intenso-in-sign-gets-heavier",
        "pt_BR: 'intenso' (heavy bleeding) planted in the urgent sign 'the bleeding gets heavier'",
        GETS_HEAVIER,
        "o sangramento ficar mais intenso, ou saírem coágulos",
        "heavy_bleeding",
        "intenso",
    ),
    Plant(
        "pt_BR",
        "pt_BR-dor-forte-in-cramps-answer",
        "pt_BR: 'dor forte' (severe pain) planted in the cramps answer",
        CRAMPS,
        "Cólicas ou dor forte na barriga",
        "severe_pain",
        "dor forte",
    ),
    Plant(
        "pt_BR",
        "pt_BR-sem-esperar-in-today-level",
        "pt_BR: 'sem esperar' (the urgent level word) planted in the Today level word",
        TODAY,
        "Hoje, sem esperar",
        "urgent_level",
        "sem esperar",
    ),
    Plant(
        "pt_BR",
        "pt_BR-rajadas-in-show-no-answer",
        "pt_BR: 'rajadas' (never: reads as gusts) planted in the show question's 'no' answer",
        SHOW_NO,
        "Não, ou estou vendo rajadas de sangue vermelho vivo",
        "never",
        "rajadas",
    ),
    Plant(
        "pt_BR",
        "pt_BR-enfermeira-obstetra-dropped-from-routine-heading",
        "pt_BR: 'enfermeira obstetra' (midwife) dropped from the routine heading",
        ROUTINE_HEADING,
        "Conte ao médico na próxima consulta do pré-natal",
        "midwife",
        DROPPED,
    ),
    # Simplified Chinese
    Plant(
        "zh_Hans",
        "zh-jian-hong-in-spotting-answer",
        "zh_Hans: '见红' (never: any bleeding) planted in the answer 'Spotting'",
        SPOTTING,
        "点滴出血（见红）",
        "never",
        "见红",
    ),
    Plant(
        "zh_Hans",
        "zh-da-liang-chu-xue-in-period-like-answer",
        "zh_Hans: '大量出血' (heavy bleeding) planted in the answer 'Like a period, or more'",
        PERIOD_LIKE,
        "像月经一样大量出血，或更多",
        "heavy_bleeding",
        "大量出血",
    ),
    Plant(
        "zh_Hans",
        "zh-ju-lie-teng-tong-in-one-sided-pain-answer",
        "zh_Hans: '剧烈疼痛' (severe pain) planted in the answer 'Pain low down on one side'",
        ONE_SIDED_PAIN,
        "下腹一侧剧烈疼痛",
        "severe_pain",
        "剧烈疼痛",
    ),
    Plant(
        "zh_Hans",
        "zh-chou-tong-dropped-from-cramps-sign",
        "zh_Hans: '抽痛' (cramps) dropped from the cramps sign, only 痛 left",
        CRAMPS_SIGN,
        "肚子痛，或一侧疼痛",
        "cramps",
        DROPPED,
    ),
    Plant(
        "zh_Hans",
        "zh-urgent-level-word-in-today-level",
        "zh_Hans: '立即联系妇产科' (the urgent level word) planted in the Today level word",
        TODAY,
        "今天立即联系妇产科",
        "urgent_level",
        "立即联系妇产科",
    ),
    Plant(
        "zh_Hans",
        "zh-zui-jin-ji-in-urgent-heading",
        "zh_Hans: '最紧急' (never: the banner's 紧急 again) planted in the urgent heading",
        URGENT_HEADING,
        "最紧急：现在就打电话给医院产科",
        "never",
        "最紧急",
    ),
    # Vietnamese
    Plant(
        "vi",
        "vi-o-at-in-period-like-reason",
        "vi: 'ồ ạt' (heavy bleeding) planted in the reason for period-like bleeding",
        PERIOD_LIKE_REASON,
        "Ra máu ồ ạt như khi có kinh, hoặc hơn thế, cần được kiểm tra ngay.",
        "heavy_bleeding",
        "ồ ạt",
    ),
    Plant(
        "vi",
        "vi-du-doi-in-cramps-answer",
        "vi: 'dữ dội' (severe pain) planted in the cramps answer",
        CRAMPS,
        "Đau quặn dữ dội hoặc đau bụng nhẹ",
        "severe_pain",
        "dữ dội",
    ),
    Plant(
        "vi",
        "vi-khan-cap-in-urgent-heading",
        "vi: 'khẩn cấp' (never: sounds like cấp cứu) planted in the urgent heading",
        URGENT_HEADING,
        "Khẩn cấp: gọi ngay cho khoa sản nơi bạn khám thai",
        "never",
        "khẩn cấp",
    ),
    Plant(
        "vi",
        "vi-rat-met-in-faint-sign",
        "vi: 'rất mệt' (never: very tired) planted in the emergency sign 'you faint'",
        FAINT_SIGN,
        "bạn bị ngất, hoặc thấy rất mệt, người lạnh và vã mồ hôi",
        "never",
        "rất mệt",
    ),
    Plant(
        "vi",
        "vi-ngay-bay-gio-in-today-level",
        "vi: 'ngay bây giờ' (the urgent level word) planted in the Today level word",
        TODAY,
        "Trong hôm nay, ngay bây giờ",
        "urgent_level",
        "ngay bây giờ",
    ),
    Plant(
        "vi",
        "vi-nu-ho-sinh-dropped-from-routine-heading",
        "vi: 'nữ hộ sinh' (midwife) dropped from the routine heading",
        ROUTINE_HEADING,
        "Báo cho bác sĩ vào lần khám tới",
        "midwife",
        DROPPED,
    ),
    # Hindi
    Plant(
        "hi",
        "hi-heavy-bleeding-in-period-like-reason",
        "hi: 'बहुत ज़्यादा खून' (heavy bleeding) planted in the reason for period-like bleeding",
        PERIOD_LIKE_REASON,
        "पीरियड जैसा, या उससे भी बहुत ज़्यादा खून आए, तो तुरंत जाँच करानी चाहिए।",
        "heavy_bleeding",
        "बहुत ज़्यादा खून",
    ),
    Plant(
        "hi",
        "hi-heavy-bleeding-without-nukta-in-sign-gets-heavier",
        "hi: 'बहुत ज्यादा खून' (heavy bleeding, no nukta) planted in the urgent sign 'gets heavier'",
        GETS_HEAVIER,
        "बहुत ज्यादा खून आने लगे, या थक्के निकलें",
        "heavy_bleeding",
        "बहुत ज़्यादा खून",
    ),
    Plant(
        "hi",
        "hi-sho-alone-in-show-summary-label",
        "hi: 'शो' alone in the show summary label (the mucus-plug words dropped)",
        SHOW_LABEL,
        "'शो' जैसा (बलगम, ताज़ा लाल खून नहीं)",
        "show",
        DROPPED,
    ),
    Plant(
        "hi",
        "hi-tez-dard-in-cramps-answer",
        "hi: 'तेज़ दर्द' (severe pain) planted in the cramps answer",
        CRAMPS,
        "ऐंठन या पेट में तेज़ दर्द",
        "severe_pain",
        "तेज़ दर्द",
    ),
    Plant(
        "hi",
        "hi-dai-in-routine-heading",
        "hi: 'दाई' (never: a traditional birth attendant) planted in the routine heading",
        ROUTINE_HEADING,
        "अगली जाँच पर अपने डॉक्टर या दाई को बताएँ",
        "never",
        "दाई",
    ),
    Plant(
        "hi",
        "hi-sho-in-light-bleeding-answer",
        "hi: 'शो' (the show) planted in the answer 'Light bleeding'",
        LIGHT,
        "हल्का खून आना ('शो')",
        "show",
        "शो",
    ),
    # Arabic
    Plant(
        "ar",
        "ar-bi-ghazara-in-sign-gets-heavier",
        "ar: 'بغزارة' (heavily, with the prefix ب) planted in the urgent sign 'gets heavier'",
        GETS_HEAVIER,
        "زاد النزيف بغزارة، أو نزلت منكِ جلطات",
        "heavy_bleeding",
        "غزار*",
    ),
    Plant(
        "ar",
        "ar-ghazira-in-period-like-answer",
        "ar: 'غزيرة' (heavy, feminine) planted in the answer 'Like a period, or more'",
        PERIOD_LIKE,
        "كمية غزيرة مثل الدورة الشهرية أو أكثر",
        "heavy_bleeding",
        "غزير*",
    ),
    Plant(
        "ar",
        "ar-alam-shadid-in-cramps-sign",
        "ar: 'بألم شديد' (severe pain, with the prefix ب) planted in the cramps sign",
        CRAMPS_SIGN,
        "شعرتِ بتقلصات، أو بألم شديد في جهة واحدة",
        "severe_pain",
        "ألم شديد",
    ),
    Plant(
        "ar",
        "ar-ajil-in-urgent-heading",
        "ar: 'بشكل عاجل' (never: urgent) planted in the urgent heading",
        URGENT_HEADING,
        "اتصلي بقسم النساء والولادة الآن بشكل عاجل",
        "never",
        "عاجل*",
    ),
    Plant(
        "ar",
        "ar-duna-intizar-in-today-level",
        "ar: 'دون انتظار' (the urgent level word) planted in the Today level word",
        TODAY,
        "اليوم دون انتظار",
        "urgent_level",
        "دون انتظار",
    ),
    Plant(
        "ar",
        "ar-tazajan-in-show-no-answer",
        "ar: 'طازجًا' (never: a food word, with tanween) planted in the show question's 'no' answer",
        SHOW_NO,
        "لا، أو أرى دمًا أحمر طازجًا",
        "never",
        "طازج*",
    ),
]


@cache
def _committed_problems(code: str) -> frozenset[str]:
    return frozenset(quality.catalog_problems(read_catalog(catalog_path(code), code), code))


def _entry(code: str, concept: str) -> termbase.Entry:
    (entry,) = [e for e in termbase.load(termbase.termbase_path(code)) if e.concept == concept]
    return entry


def test_every_language_has_several_plants_and_each_plant_is_in_another_concepts_string():
    for code in TRANSLATED:
        assert len([p for p in PLANTS if p.code == code]) >= 5, code
    critical = review.safety_critical()
    for plant in PLANTS:
        assert plant.english in critical, plant.what
        entry = _entry(plant.code, plant.concept)
        if plant.term == DROPPED:
            assert entry.in_english(plant.english), plant.what  # the check is about it
        else:
            assert plant.term in entry.reserved, plant.what
            assert not entry.in_english(plant.english), plant.what  # another concept's string


@pytest.mark.parametrize("plant", PLANTS, ids=[p.id for p in PLANTS])
def test_a_planted_or_dropped_term_fails_the_catalog_check(plant):
    catalog = read_catalog(catalog_path(plant.code), plant.code)
    message = catalog.get(plant.english)
    assert message is not None and message.string, plant.what
    assert message.string != plant.translation, plant.what
    message.string = plant.translation
    added = [
        p
        for p in quality.catalog_problems(catalog, plant.code)
        if p not in _committed_problems(plant.code)
    ]
    if plant.term == DROPPED:
        wanted = f"{plant.code}: {plant.concept}: {plant.english[:70]!r} {DROPPED} "
    else:
        wanted = f"{plant.code}: {plant.concept}: {plant.term!r} "
    assert any(p.startswith(wanted) for p in added), f"{plant.what}: not caught; found {added}"


# -- the sweep: every term of every termbase -----------------------------------------------


def _entries(code: str) -> list[termbase.Entry]:
    return [e for e in termbase.load(termbase.termbase_path(code)) if e.kind in ("term", "action")]


def _pairs(code: str) -> list[tuple[str, str]]:
    """(English, translation) of every translated message of the committed catalog."""
    catalog = read_catalog(catalog_path(code), code)
    return [
        (forms(m.id)[0], forms(m.string)[0])
        for m in catalog
        if m.id and m.string and forms(m.string)[0]
    ]


def _term_problems(code: str, entries: list[termbase.Entry], english: str, text: str) -> list[str]:
    catalog = Catalog(locale=code)
    catalog.add(english, text)
    return termbase.term_problems(catalog, entries, code)


def _plant(text: str, term: str, code: str) -> str:
    """``text`` with ``term`` added as a word of its own; a stem (``abond*``)
    with one more letter (its first, ``abonda``): a stem matches longer words."""
    word = term.removesuffix("*")
    if term.endswith("*"):
        word += word[0]
    return f"{text}{word}" if code in termbase.NO_WORD_BOUNDARIES else f"{text} {word}"


def _without(text: str, entry: termbase.Entry, code: str) -> str:
    """``text`` (folded) with every approved term of ``entry`` taken out."""
    text = termbase.fold(text, code)
    for term in {t for alternative in entry.target for t in alternative}:
        while spans := termbase.find_term(text, term, code):
            for start, end in reversed(spans):
                text = f"{text[:start]}…{text[end:]}"
            text = termbase.fold(text, code)
    return text


@pytest.mark.parametrize("code", TRANSLATED)
def test_danger_sign_words_are_reserved_and_specific(code):
    """The words of heavy bleeding and severe pain are reserved in every
    language, and every language lists words never to use. Where a concept
    reserves its words, each approved term on its own is one of them: a
    generic word (beaucoup, mucho, muito, 非常多, बहुत ज़्यादा) cannot be
    reserved (every amount has it), so it cannot be approved alone either."""
    entries = {e.concept: e for e in _entries(code)}
    for concept in ("heavy_bleeding", "severe_pain", "never"):
        assert entries[concept].reserved, f"{code}: {concept}: nothing reserved"
    for entry in entries.values():
        if not entry.reserved:
            continue
        for alternative in entry.target:
            if len(alternative) == 1:
                assert alternative[0] in entry.reserved, (
                    f"{code}: {entry.concept}: the approved {alternative[0]!r} is not reserved:"
                    " a word that belongs to the concept only, or with + to another"
                )


def test_every_concept_s_english_is_in_the_template():
    """A source that no English message matches could never fail."""
    english = [forms(m.id)[0] for m in read_catalog(template_path()) if m.id]
    for entry in _entries(TRANSLATED[0]):
        if entry.source:
            assert any(entry.in_english(text) for text in english), entry.concept


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_reserved_term_planted_in_another_concept_s_safety_string_fails(code):
    entries = _entries(code)
    critical = review.safety_critical()
    translations = dict(_pairs(code))
    cannot_fail = []
    for entry in entries:
        for term in entry.reserved:
            hosts = [e for e in critical if e in translations and not entry.in_english(e)]
            assert hosts, (code, entry.concept)
            missed = []
            for english in hosts:
                planted = _plant(translations[english], term, code)
                found = _term_problems(code, entries, english, planted)
                if not any(p.startswith(f"{code}: {entry.concept}: {term!r} ") for p in found):
                    missed.append(f"{critical[english]} ({english[:40]!r})")
            if missed:
                cannot_fail.append(
                    f"{code}: {entry.concept}: the reserved term {term!r} planted in"
                    f" {len(missed)} of {len(hosts)} safety strings is not caught, for"
                    f" example in {missed[0]}"
                )
    assert not cannot_fail, "\n".join(cannot_fail)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_approved_term_counts_and_dropping_it_fails(code):
    entries = _entries(code)
    pairs = _pairs(code)
    cannot_fail = []
    for entry in entries:
        if not entry.target:
            continue
        uses = [(english, text) for english, text in pairs if entry.in_english(english)]
        assert uses, f"{code}: {entry.concept}: no English message uses it"
        needs = f"{code}: {entry.concept}: "
        # Each message about the concept fails once its approved terms are out.
        for english, text in uses:
            stripped = _without(text, entry, code)
            found = _term_problems(code, entries, english, stripped)
            if not any(p.startswith(needs) and f" {DROPPED} " in p for p in found):
                cannot_fail.append(
                    f"{needs}dropping its approved terms from {english[:50]!r} is not"
                    f" caught: {stripped[:60]!r}"
                )
        # Each approved alternative, alone, is what makes it pass.
        english, text = uses[0]
        stripped = _without(text, entry, code)
        for alternative in entry.target:
            with_it = stripped
            for term in alternative:
                with_it = _plant(with_it, term, code)
            found = _term_problems(code, entries, english, with_it)
            if any(p.startswith(needs) and f" {DROPPED} " in p for p in found):
                cannot_fail.append(
                    f"{needs}the approved {' + '.join(alternative)!r} does not count in"
                    f" {with_it[:60]!r}"
                )
    assert not cannot_fail, "\n".join(cannot_fail)

"""How a termbase term matches a translation (``termbase.find_term``), as
``docs/translating.md`` says: whole words unless a ``*`` stem, after folding
case, spaces and apostrophes; Hindi vowel signs inside the word, Hindi
nukta and chandrabindu folded; Arabic prefixes, short vowels and alef forms;
Chinese anywhere."""

from __future__ import annotations

import pytest

from widget.i18n.tools import termbase


@pytest.mark.parametrize(
    ("code", "term", "text", "matches"),
    [
        # A term is a whole word: its inflections are listed, or it is a stem.
        ("fr", "fort", "une forte douleur", False),
        ("fr", "fort*", "une forte douleur", True),
        ("pt_BR", "intenso", "dor intensa", False),
        ("pt_BR", "intensa", "dor intensa", True),
        ("pt_BR", "intenso", "Sangramento intenso.", True),
        ("es", "abundante", "sangrado abundantes", False),
        # A stem matches words that start with it, never inside a word.
        ("fr", "abond*", "Saigner abondamment", True),
        ("fr", "abond*", "surabondant", False),
        ("fr", "urgence", "les urgences", False),
        # Words of several terms; case, spaces (no-break too) and apostrophes fold.
        ("fr", "sans attendre", "Sans  attendre", True),
        ("fr", "72 heures", "dans les 72\u00a0heures", True),
        ("fr", "aujourd'hui", "Consultez aujourd’hui", True),
        ("fr", "n'attendez pas", "N’attendez pas", True),
        ("fr", "urgence", "le numéro d’urgence", True),
        ("es", "matrona", "tu matrona o partera", True),
        # Hindi: vowel signs belong to the word; nukta and chandrabindu fold.
        ("hi", "कल", "म्यूकस प्लग निकल सकता है", False),
        ("hi", "कल", "कल तक इंतज़ार न करें", True),
        ("hi", "शो", "शोर", False),
        ("hi", "शो", "जिसे 'शो' भी कहते हैं", True),
        ("hi", "बहुत ज़्यादा खून", "बहुत ज्यादा खून आना", True),
        ("hi", "गाड़ी न चलाएँ", "खुद गाड़ी न चलाएं", True),
        # Arabic: prefixes joined to the word; short vowels, shadda and alef forms fold.
        ("ar", "قابلة", "اتصلي بالقابلة", True),
        ("ar", "قابلة", "للقابلة أو الطبيب", True),
        ("ar", "قابلة", "موعد المقابلة", False),
        ("ar", "غزير*", "النزيف الغزيرة", True),
        ("ar", "غزير*", "أصبح النزيف غزيرًا", True),
        ("ar", "فورًا", "اتصلي فوراً", True),
        ("ar", "أحمر فاتح*", "دم احمر فاتحاً", True),
        ("ar", "شد", "شدّ في البطن", True),
        ("ar", "شد", "ألم شديد", False),
        # Chinese has no spaces: anywhere, so a short term matches inside longer words.
        ("zh_Hans", "痛", "肚子一阵阵抽痛", True),
        ("zh_Hans", "抽痛", "肚子剧烈疼痛", False),
        ("zh_Hans", "黏液栓", "宫颈黏液栓脱落", True),
        # Vietnamese: syllables are words; tones are letters.
        ("vi", "gò", "Bụng gò cứng", True),
        ("vi", "gò", "gồ ghề", False),
        ("vi", "đêm", "kể cả khi đang nửa đêm", True),
    ],
)
def test_how_a_term_matches(code, term, text, matches):
    assert termbase.has_term(text, term, code) is matches


def test_a_stem_match_runs_to_the_end_of_the_word():
    folded = termbase.fold("Saigner abondamment.", "fr")
    ((start, end),) = termbase.find_term("Saigner abondamment.", "abond*", "fr")
    assert folded[start:end] == "abondamment"


def test_an_alternative_needs_all_its_terms():
    assert termbase.has_alternative(
        "Appelez votre maternité maintenant", ("maternité", "maintenant"), "fr"
    )
    assert not termbase.has_alternative(
        "Appelez votre maternité", ("maternité", "maintenant"), "fr"
    )


@pytest.mark.parametrize(
    "bad",
    ["ab*c", "*", "a + b"],
)
def test_a_termbase_with_a_term_that_is_not_a_term_is_refused(tmp_path, bad):
    path = tmp_path / "termbase.csv"
    path.write_text(
        f"concept,kind,source,target,reserved,note\nheavy_bleeding,term,heavy,abondant,{bad},\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not a term"):
        termbase.load(path)

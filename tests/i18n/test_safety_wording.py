"""Wording that a reader acts on, in every shipped language (issue 12, section 1).

Three things no placeholder check can see, each of which a translation review
found wrong:

- the "show" question must say what a show is on the screen where "yes" is
  chosen (the only answer that can lower the advice), not only in its hint,
  and without a word that also means any bleeding in pregnancy (zh "见红");
- the urgent level word must not sound like the emergency banner or the
  emergency level word (fr "Urgent" / "Urgence", zh "紧急" under
  "紧急情况请拨打", vi "Khẩn cấp" / "Cấp cứu");
- every safety-critical message carries a translator comment (`#.`) in the
  template and in every catalog.
"""

from __future__ import annotations

import re

import pytest

from widget.clinical import content
from widget.clinical.content import Level
from widget.i18n import locales as i18n
from widget.i18n.locales import read_catalog, template_path

LANGUAGES = [code for code in i18n.SHIPPED if code != "en"]
SHOW = content.QUESTIONS_BY_ID["show"]
SHOW_YES = SHOW.option("yes").label
SHOW_NO = SHOW.option("no").label
BANNER = "In an emergency, call %(number)s"

# What the show question must say in each language: the mucus plug, that there
# is no fresh (bright) red blood (the "yes" answer repeats it), and the words for
# fresh red blood (the "no" answer names them).
SHOW_WORDS = {
    "en": ("mucus", "no fresh red blood", "fresh red blood"),
    "fr": ("bouchon muqueux", "sans sang rouge vif", "sang rouge vif"),
    "es": ("tapón mucoso", "sin sangre roja fresca", "sangre roja fresca"),
    "pt_BR": ("tampão mucoso", "sem sangue vermelho vivo", "sangue vermelho vivo"),
    "ar": ("السدادة المخاطية", "من غير دم أحمر فاتح أو قانٍ", "أحمر فاتح"),
    "zh_Hans": ("黏液栓", "没有鲜红色的血", "鲜红色的血"),
    "vi": ("nút nhầy", "không có máu đỏ tươi", "máu đỏ tươi"),
    "hi": ("म्यूकस प्लग", "ताज़ा (चमकीला) लाल खून नहीं", "ताज़ा लाल खून"),
}
# Words that also mean "any bleeding in pregnancy" to lay readers: never in the
# show question, its answers, its summary label or the reason it gives.
SHOW_AMBIGUOUS = {"zh_Hans": ("见红",)}


def catalog(code):
    return read_catalog(i18n.catalog_path(code), code)


def translate(code, msgid):
    if code == "en":
        return msgid
    message = catalog(code).get(msgid)
    assert message is not None and message.string, (code, msgid)
    return message.string


def test_every_shipped_language_has_show_words():
    assert set(SHOW_WORDS) == set(i18n.SHIPPED)


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_the_show_question_itself_says_what_a_show_is(code):
    plug, no_red_blood, red_blood = SHOW_WORDS[code]
    title = translate(code, SHOW.title)
    assert plug in title and no_red_blood in title, title
    # The answer that lowers the advice repeats it; "no" names fresh red blood.
    assert no_red_blood in translate(code, SHOW_YES)
    assert red_blood in translate(code, SHOW_NO)


@pytest.mark.parametrize("code", sorted(SHOW_AMBIGUOUS))
def test_the_show_is_not_named_with_a_word_for_any_bleeding(code):
    rule = content.RULES_BY_ID[content.ROUTINE_RULE]
    messages = [SHOW.title, SHOW.hint, SHOW.summary_label, SHOW_YES, SHOW_NO, rule.reason]
    for msgid in messages:
        text = translate(code, msgid)
        for word in SHOW_AMBIGUOUS[code]:
            assert word not in text, (msgid, text)


def _stems(code, text):
    """Comparable word stems: Han characters one by one, Vietnamese syllables
    whole, other words by their first five letters (Arabic without "ال")."""
    text = re.sub(r"%\([a-z_]+\)s", " ", text).lower()
    if code == "zh_Hans":
        return {char for char in text if "\u4e00" <= char <= "\u9fff"}
    words = [word for word in re.split(r"[\s\W]+", text) if len(word) >= 3]
    if code == "vi":
        return set(words)
    if code == "ar":
        words = [re.sub(r"^(بال|ال)", "", word) for word in words]
    return {word[:5] for word in words}


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_the_level_words_differ_and_urgent_does_not_sound_like_emergency(code):
    words = {level: translate(code, name) for level, name in content.LEVEL_NAMES.items()}
    assert len(set(words.values())) == 4, words
    urgent = _stems(code, words[Level.URGENT])
    emergency = _stems(code, words[Level.EMERGENCY]) | _stems(code, translate(code, BANNER))
    assert not urgent & emergency, (words[Level.URGENT], urgent & emergency)


def safety_critical_msgids():
    """The messages a reader acts on: every question title and option of the
    danger and show questions, the weeks question and its options, the level
    words, every rule reason, every advice note and every "call sooner if" sign,
    and the action sentences of the templates."""
    msgids = set(content.LEVEL_NAMES.values())
    for question in content.QUESTIONS:
        msgids.add(question.title)
    for question_id in ("danger", "weeks", "show"):
        question = content.QUESTIONS_BY_ID[question_id]
        msgids |= {option.label for option in question.options if option.id != content.NONE}
        msgids |= {option.hint for option in question.options if option.hint}
    msgids.add(SHOW.hint)
    msgids |= {rule.reason for rule in content.RULES}
    msgids |= {note.text for note in content.NOTES}
    msgids |= set(content.EMERGENCY_SIGNS) | set(content.URGENT_SIGNS)
    msgids |= {
        BANNER,
        "Call %(number)s now",
        "Call your maternity unit now",
        "Get seen today",
        "Tell your midwife at your next appointment",
        "From what you have told us, call your maternity unit now",
        "Call %(number)s now if:",
        "Call your maternity unit now if:",
        "You do not need to call now. Tell your midwife about it at your next appointment.",
        "Contact your doctor, midwife or early pregnancy unit today, and ask to be seen "
        "within 24 hours.",
    }
    msgids.discard("I'm not sure")  # shared by several questions: not specific to one
    return sorted(msgids)


def test_every_safety_critical_message_has_a_translator_comment():
    template = read_catalog(template_path())
    missing = [
        msgid
        for msgid in safety_critical_msgids()
        if template.get(msgid) is None or not template.get(msgid).auto_comments
    ]
    assert missing == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_keeps_the_translator_comments(code):
    translations = catalog(code)
    for msgid in safety_critical_msgids():
        assert translations.get(msgid).auto_comments, (code, msgid)

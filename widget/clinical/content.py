"""The clinical content, declared once as data.

This module is the code form of ``shared/clinical/TRIAGE.md``: question ids,
option ids, "asked when" conditions, the options offered at each stage of
pregnancy, rules, levels, advice notes, the "call now if" signs, and what the
advice of each level tells the reader to do (per care model). Everything else
(engine, pages, rules page, flow graph, FHIR export, translation review) reads
it. Reader-facing strings are marked with ``N_`` so Babel extracts them; they
are translated when shown.

Change nothing here without changing CONTENT_VERSION and CONTENT_CHANGELOG.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum
from functools import cached_property
from typing import Literal

from widget.clinical.conditions import ALWAYS, Answers, Condition, all_, any_, is_
from widget.clinical.conditions import Not as not_


def N_(message: str) -> str:
    """Mark a string for translation without translating it (gettext idiom)."""
    return message


CONTENT_VERSION = "1.1.0"
CONTENT_REVIEWED = "2026-12-03"


class Level(IntEnum):
    """Advice levels, ordered so that ``max()`` gives the most urgent."""

    ROUTINE = 1
    SOON = 2
    URGENT = 3
    EMERGENCY = 4

    @property
    def id(self) -> str:
        return self.name.lower()


def urgent_or_worse(level: Level | None) -> bool:
    """The one test of "urgent or worse" (the reader must act now): the urgent
    banner, the jump to the advice and the FHIR download of an unfinished
    check all ask it. ``None`` (no level certain yet) is not."""
    return level is not None and level >= Level.URGENT


LEVEL_NAMES: dict[Level, str] = {
    # Translators: Level word, shown small under the outcome heading, in the
    # page title, the summary and on the rules page. The reader must call the
    # emergency number now. Must be a different word from the three other level
    # words (it may be the word of the banner 'In an emergency, call ...': same
    # action).
    Level.EMERGENCY: N_("Emergency"),
    # Translators: Level word, shown small under the outcome heading, in the
    # page title, the summary and on the rules page. The reader must call the
    # maternity unit now, without waiting. Must not share a word or word stem
    # with the Emergency level word or the banner 'In an emergency, call ...'
    # (in some languages 'urgent' sounds like 'emergency'): a word for 'without
    # waiting' is fine. Keep 'now'.
    Level.URGENT: N_("Urgent"),
    # Translators: Level word, shown on the rules page and in FHIR records.
    # The reader must be seen today (within 24 hours). Keep 'today'; must not
    # sound like 'now' or like the other level words.
    Level.SOON: N_("Today"),
    # Translators: Level word, shown on the rules page and in FHIR records.
    # The reader does not need to call now and tells the midwife at the next
    # visit. Keep 'next appointment'.
    Level.ROUTINE: N_("At your next appointment"),
}


# ---------------------------------------------------------------------------
# Stages of pregnancy: which options, signs, notes and contacts fit the weeks
# ---------------------------------------------------------------------------

WEEKS = ("under_6", "6_to_11", "12_to_23", "24_to_36", "37_plus", "unknown")
EARLY_WEEKS = ("under_6", "6_to_11", "unknown")
FROM_24_WEEKS = is_("weeks", "24_to_36", "37_plus")


def unless_weeks(*weeks: str) -> Condition:
    """Not at these weeks. With the weeks not known (``unknown``, or not
    answered) it holds: everything is offered and shown then."""
    return not_(is_("weeks", *weeks))


# 20 weeks falls inside "12 to 23", so that range counts as from 20 weeks.
FROM_20_WEEKS_OR_UNKNOWN = unless_weeks("under_6", "6_to_11")
FROM_24_WEEKS_OR_UNKNOWN = unless_weeks("under_6", "6_to_11", "12_to_23")
UNDER_12_WEEKS_OR_UNKNOWN = unless_weeks("12_to_23", "24_to_36", "37_plus")
UNDER_24_WEEKS_OR_UNKNOWN = unless_weeks("24_to_36", "37_plus")

# Words for the rules page (and the FHIR export): when an option, sign or note
# that fits only some weeks is offered or shown.
FROM_20_WORDS = N_(
    "From 12 weeks (the answer '12 to 23 weeks' includes 20 weeks), or when the weeks are not "
    "known."
)
FROM_24_WORDS = N_("From 24 weeks, or when the weeks are not known.")
UNDER_12_WORDS = N_("Before 12 weeks, or when the weeks are not known.")


# eq=False: questions, options, rules and notes are compared by identity (each
# is declared once), which keeps the engine's lookups cheap.
@dataclass(frozen=True, eq=False)
class Option:
    id: str
    label: str
    hint: str = ""
    # Offered only when this holds (the weeks answered); the answer is still
    # valid, and kept, when it no longer fits (a worse answer is never dropped).
    offered_when: Condition = ALWAYS
    offered_when_words: str = ""


@dataclass(frozen=True, eq=False)
class StageHint:
    """A hint sentence that fits only some answers (the weeks): shown after the
    question's hint when ``when`` holds."""

    when: Condition
    text: str
    when_words: str


class Validity(Enum):
    """What a form's values for one question are (``Question.check``)."""

    VALID = "valid"
    # "None of these" ticked with other boxes: a reader's slip, shown as an
    # error on the question on screen.
    NONE_WITH_OTHERS = "none with others"
    # Something no real form sends: unknown or repeated values, two radios.
    INVALID = "invalid"


@dataclass(frozen=True, eq=False)
class Question:
    id: str
    kind: Literal["radio", "checkbox"]
    title: str
    summary_label: str
    options: tuple[Option, ...]
    hint: str = ""
    asked_when: Condition = ALWAYS
    # Words for the rules page: when the question is asked.
    asked_when_words: str = ""
    stage_hints: tuple[StageHint, ...] = ()

    @cached_property
    def option_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def offered(self, answers: Answers) -> tuple[Option, ...]:
        """The options a reader is offered with these answers (the weeks)."""
        return tuple(option for option in self.options if option.offered_when.holds(answers))

    def hints(self, answers: Answers) -> tuple[str, ...]:
        """The hint, then the stage hints that fit these answers."""
        found = [self.hint] if self.hint else []
        return (*found, *(hint.text for hint in self.stage_hints if hint.when.holds(answers)))

    def check(self, values: Sequence[str]) -> Validity:
        """Whether a form's values for this question are an answer. The one
        place that says which answers are valid (the flow's form reader and the
        web's salvage of a broken form both ask it)."""
        picked = frozenset(values)
        if not values or len(picked) != len(values) or not picked <= self.option_ids:
            return Validity.INVALID
        if self.kind == "radio" and len(picked) > 1:
            return Validity.INVALID
        if NONE in picked and len(picked) > 1:
            return Validity.NONE_WITH_OTHERS
        return Validity.VALID


NONE = "none"  # the exclusive "none of these" option of checkbox questions

# The show question (12) is asked from 37 weeks when the bleeding is spotting.
SHOW_ASKED = all_(is_("weeks", "37_plus"), is_("amount", "spotting"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="danger",
        kind="checkbox",
        # Translators: Question 1, the danger signs: the first question. Keep
        # 'now' and 'since the bleeding started': a sign that has passed (a faint
        # 30 minutes ago) still counts.
        title=N_("Do you have any of these now, or have you had them since the bleeding started?"),
        hint=N_("Select all that apply. If you are answering for someone else, answer for them."),
        summary_label=N_("Danger signs"),
        options=(
            Option(
                "heavy_bleeding",
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Use the
                # word for heavy bleeding only here and in the 'call the emergency number
                # if' signs.
                N_("Heavy bleeding"),
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Keep 'an
                # hour or less' and the size of the clots in both units.
                N_(
                    "Soaking a pad in an hour or less, blood running down your legs, "
                    "or clots bigger than about 2.5 cm (1 inch)."
                ),
            ),
            Option(
                "severe_pain",
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Use the
                # same word for severe pain everywhere.
                N_("Severe pain in your tummy"),
                # Translators: Danger sign hint (question 1). It must tell severe pain
                # (emergency) from a mild ache (question 5, 'cramps or mild tummy pain':
                # call now). Keep 'cannot stand or talk' and 'a mild ache ... is not this'.
                N_(
                    "Strong, sudden or sharp pain, or pain so bad you cannot stand or talk. "
                    "A mild ache, even one that does not go away, is not this: you can tell "
                    "us about it later."
                ),
            ),
            Option(
                "shoulder_pain",
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms).
                # Shoulder-tip pain can mean internal bleeding.
                N_("Pain in the tip of your shoulder"),
                # Translators: Danger sign hint (question 1): where the shoulder tip is.
                N_("Where your shoulder ends and your arm begins."),
            ),
            Option(
                "faint",
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Only
                # fainting and feeling faint or very dizzy: not 'unwell' or 'ill', which
                # readers with morning sickness or tiredness would tick.
                N_("Fainting, or feeling faint or very dizzy"),
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Keep
                # 'even if you feel fine now': a faint that has passed still counts.
                N_(
                    "You fainted (even if you feel fine now), or you feel very dizzy or faint, "
                    "look pale, or feel cold and clammy."
                ),
            ),
            Option(
                "sepsis",
                # Translators: Danger sign (question 1): signs of a serious infection
                # (sepsis). Ticking it sends the reader to the emergency advice at once.
                # Keep 'high temperature' together with shivering, confusion or fast
                # breathing: a mild fever alone is question 5 ('call now').
                N_("A high temperature with shivering, confusion or fast breathing"),
                # Translators: Danger sign hint (question 1), sepsis. Keep 'high
                # temperature' and 'very ill' together.
                N_("Or a high temperature and you feel very ill."),
            ),
            Option(NONE, N_("No, none of these")),
        ),
    ),
    Question(
        id="weeks",
        kind="radio",
        # Translators: Question 2. Ask 'how many weeks', not 'which week are you
        # in'. The answer sets the level: from 12 weeks any bleeding means 'call
        # now'. Where weeks are counted two ways, say weeks counted from the last
        # period.
        title=N_("How many weeks pregnant are you?"),
        # Translators: Question 2 hint. Keep 'from the first day of your last
        # period'.
        hint=N_("Count from the first day of your last period. A rough guess is fine."),
        summary_label=N_("Weeks pregnant"),
        options=(
            # Translators: Question 2 option. Keep the numbers; the ranges must not
            # overlap.
            Option("under_6", N_("Less than 6 weeks")),
            # Translators: Question 2 option (weeks from the last period). Keep the
            # numbers exactly; the ranges must not overlap.
            Option("6_to_11", N_("6 to 11 weeks")),
            # Translators: Question 2 option (weeks from the last period). Keep the
            # numbers exactly; the ranges must not overlap. From 12 weeks any bleeding
            # means 'call now'.
            Option("12_to_23", N_("12 to 23 weeks")),
            # Translators: Question 2 option (weeks from the last period). Keep the
            # numbers exactly; the ranges must not overlap.
            Option("24_to_36", N_("24 to 36 weeks")),
            # Translators: Question 2 option. Keep the number 37 and 'or more'.
            Option("37_plus", N_("37 weeks or more")),
            # Translators: Question 2 option. Never a reassuring answer: it keeps the
            # advice safe.
            Option("unknown", N_("I'm not sure, or I'm not sure I'm pregnant")),
        ),
    ),
    Question(
        id="amount",
        kind="radio",
        # Translators: Question 3, amount of bleeding. 'Like a period, or more'
        # leads to 'call now': keep the three amounts clearly ordered.
        title=N_("How much are you bleeding?"),
        # Translators: Question 3 hint. Keep 'the most'.
        hint=N_("Think of the most blood you have seen."),
        stage_hints=(
            StageHint(
                is_("weeks", "37_plus"),
                # Translators: Question 3 hint, added from 37 weeks only: a reader who saw
                # only a show (mucus with streaks) answers the smallest amount. Same words
                # for the mucus as the show question.
                N_("If you only saw sticky mucus with pink or brown streaks, choose Spotting."),
                # Translators: On the rules page: when the hint above is shown.
                N_("From 37 weeks."),
            ),
        ),
        summary_label=N_("Amount of bleeding"),
        options=(
            Option(
                "spotting",
                # Translators: Question 3 option: the smallest amount (a few spots). Do not
                # use the word for heavy bleeding.
                N_("Spotting"),
                # Translators: Question 3 hint of 'Spotting'.
                N_("A few spots or streaks, for example only when you wipe."),
            ),
            Option(
                "light",
                # Translators: Question 3 option: less than a period. Do not use the word
                # for heavy bleeding (reserved for the danger sign).
                N_("Light bleeding"),
                # Translators: Question 3 hint of 'Light bleeding'. Keep 'less than a
                # period'.
                N_("Enough to stain a panty liner or pad, but less than a period."),
            ),
            # Translators: Question 3 option: leads to 'call your maternity unit now'.
            # Do not use the word for heavy bleeding (reserved for the danger sign).
            Option("period_like", N_("Like a period, or more")),
        ),
    ),
    Question(
        id="clots",
        kind="radio",
        # Translators: Question 4. 'Yes' or 'not sure' leads to 'call now'.
        title=N_("Have you passed any clots or tissue?"),
        # Translators: Question 4 hint.
        hint=N_("Clots are lumps of blood. Tissue may look grey or pink."),
        stage_hints=(
            StageHint(
                SHOW_ASKED,
                # Translators: Question 4 hint, added from 37 weeks only. A show (the
                # mucus plug) is not tissue. Same words for a show as question 12.
                N_(
                    "A show (sticky, jelly-like mucus that may have pink or brown streaks) "
                    "is not tissue. You will be asked about a show later."
                ),
                N_("From 37 weeks, when the bleeding is spotting (the show question is asked)."),
            ),
        ),
        summary_label=N_("Clots or tissue"),
        options=(
            Option("yes", N_("Yes")),
            Option("no", N_("No")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="symptoms",
        kind="checkbox",
        # Translators: Question 5, other symptoms: each ticked box leads to 'call
        # your maternity unit now'.
        title=N_("Do you have any of these as well?"),
        hint=N_("Select all that apply."),
        summary_label=N_("Other symptoms"),
        options=(
            Option(
                "cramps",
                # Translators: Question 5 option: use the everyday words for
                # period-like cramps, not a clinical term and not the word for severe
                # pain.
                N_("Cramps or mild tummy pain"),
                # Translators: Question 5 hint of the cramps option. Question 1 sends a
                # mild ache that does not go away here: keep both.
                N_("Like period pain, or a mild ache that does not go away."),
            ),
            # Translators: Question 5 option: possible ectopic pregnancy. Not the word
            # for severe pain.
            Option("one_sided_pain", N_("Pain low down on one side")),
            Option(
                "contractions",
                # Translators: Question 5 option: contractions in everyday words.
                N_("Tightenings that come and go"),
                # Translators: Question 5 hint of the contractions option.
                N_("Regular tightening of your bump, or new backache or pressure low down."),
                offered_when=FROM_20_WEEKS_OR_UNKNOWN,
                offered_when_words=FROM_20_WORDS,
            ),
            # Translators: Question 5 option: waters breaking. With more than spotting
            # it leads to the emergency advice.
            Option("fluid", N_("A gush or trickle of fluid from your vagina")),
            # Translators: Question 5 option: signs of infection.
            Option("fever", N_("Fever, chills or smelly discharge")),
            Option(
                "bowel_bladder_pain",
                # Translators: Question 5 option, before 12 weeks: pain when opening the
                # bowels or passing urine (a sign of ectopic pregnancy). Plain everyday
                # words, not clinical ones.
                N_("Pain when you poo or pee"),
                offered_when=UNDER_12_WEEKS_OR_UNKNOWN,
                offered_when_words=UNDER_12_WORDS,
            ),
            Option(NONE, N_("No, none of these")),
        ),
    ),
    Question(
        id="movements",
        kind="radio",
        # Translators: Question 6, asked from 24 weeks. 'Moving less' or 'not sure'
        # leads to 'call now'.
        title=N_("Is your baby moving as usual?"),
        hint=N_("Think of your baby's usual pattern of kicks and movements."),
        summary_label=N_("Baby's movements"),
        asked_when=is_("weeks", "24_to_36", "37_plus"),
        asked_when_words=N_("Asked from 24 weeks."),
        options=(
            Option("as_usual", N_("Yes, as usual")),
            # Translators: Question 6 option: leads to 'call now'.
            Option("less_or_different", N_("Moving less, or differently")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="injury",
        kind="radio",
        # Translators: Question 7. 'Yes' leads to the emergency advice; 'rather not
        # say' to 'call now'. Blame-free; the reader may be hurt by someone at
        # home.
        title=N_("Has anything hit or hurt your tummy recently?"),
        # Translators: Question 7 hint. Keep 'Your answer is not stored' (it is
        # true and matters for safety).
        hint=N_(
            "For example a fall, a knock or blow, a car accident, or someone hurting you. "
            "Your answer is not stored."
        ),
        summary_label=N_("Injury to the tummy"),
        options=(
            Option("yes", N_("Yes")),
            Option("no", N_("No")),
            # Translators: Question 7 option: accepted without judgement; leads to
            # 'call now' and the support line.
            Option("prefer_not_to_say", N_("I'd rather not say")),
        ),
    ),
    Question(
        id="history",
        kind="checkbox",
        # Translators: Question 8, health history.
        title=N_("Do any of these apply to you?"),
        hint=N_("Select all that apply."),
        summary_label=N_("Health history"),
        options=(
            Option(
                "low_placenta",
                # Translators: Question 8 option: with bleeding it leads to 'call now' or
                # the emergency advice.
                N_("You were told your placenta is low"),
                # Translators: Question 8 hint. Keep the medical names so the reader
                # recognises what she was told. Vasa praevia is NOT another name for it
                # (it is the next option).
                N_("Also called a low-lying placenta or placenta praevia."),
            ),
            Option(
                "vasa_praevia",
                # Translators: Question 8 option: vasa praevia. With any bleeding it leads
                # to the emergency advice. The baby's blood vessels, not the placenta.
                N_(
                    "You were told your baby's blood vessels lie over or near your cervix "
                    "(the opening of your womb)"
                ),
                # Translators: Question 8 hint of vasa praevia. Keep the medical name and
                # that it is not the same as a low placenta.
                N_("Also called vasa praevia. It is not the same as a low placenta."),
            ),
            Option("avoid_sex", N_("You were told to avoid sex in this pregnancy")),
            Option(
                "cervical_stitch",
                N_("You have a stitch in your cervix"),
                # Translators: Question 8 hint of the cervical stitch: its medical name.
                N_("Also called cerclage."),
            ),
            Option(
                "ectopic_risk",
                N_("A higher chance of an ectopic pregnancy"),
                N_(
                    "You had an ectopic pregnancy or surgery on your tubes before, "
                    "this is an IVF pregnancy, or you have a coil (IUD) in place."
                ),
                offered_when=UNDER_12_WEEKS_OR_UNKNOWN,
                offered_when_words=UNDER_12_WORDS,
            ),
            # Translators: Question 8 option: a pregnancy that ended on its own. Where
            # the everyday word for miscarriage also means an abortion (as in zh and
            # hi), use words for a pregnancy lost on its own.
            Option(
                "previous_miscarriage",
                N_("You have had a miscarriage before (a pregnancy that ended on its own)"),
            ),
            Option(
                "rh_negative",
                # Translators: Question 8 option: Rh-negative (rhesus negative); use the
                # same term as in the anti-D note.
                N_("Your blood group is Rh-negative"),
                # Translators: Question 8 hint. Same term as in the anti-D note.
                N_("Also called rhesus negative, for example O negative."),
            ),
            # Translators: Question 8 option: the reader does not know her blood group
            # (she may be Rh-negative).
            Option("rh_unknown", N_("You do not know your blood group")),
            Option(NONE, N_("None of these")),
        ),
    ),
    Question(
        id="scan",
        kind="radio",
        # Translators: Question 9, before 12 weeks. Only 'yes' rules out an ectopic
        # pregnancy.
        title=N_("Has a scan shown that the pregnancy is in your womb?"),
        hint=N_("Your first scan usually shows this."),
        summary_label=N_("Scan showed pregnancy in the womb"),
        asked_when=is_("weeks", *EARLY_WEEKS),
        asked_when_words=N_("Asked before 12 weeks, or when the weeks are not known."),
        options=(
            Option("yes", N_("Yes")),
            # Translators: Question 9 option: keeps the ectopic check on ('yet' = no
            # scan so far).
            Option("no", N_("No, or I have not had a scan yet")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="after_sex",
        kind="radio",
        # Translators: Question 10. Plain, blame-free words for sex.
        title=N_("Did the bleeding start during or soon after sex?"),
        summary_label=N_("Started during or after sex"),
        options=(
            Option("yes", N_("Yes")),
            Option("no", N_("No")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="pattern",
        kind="radio",
        # Translators: Question 11.
        title=N_("Is the bleeding still happening?"),
        # Translators: Question 11 hint, for a reader who is not sure. Same words as
        # the option 'It is still happening'.
        hint=N_("If you are not sure, choose 'It is still happening'."),
        summary_label=N_("Bleeding now"),
        options=(
            Option("once_stopped", N_("It happened once and has stopped")),
            Option("continuing", N_("It is still happening")),
            Option("keeps_coming_back", N_("It stops and then comes back")),
        ),
    ),
    Question(
        id="show",
        kind="radio",
        # Translators: Question 12, the 'show' (asked from 37 weeks with spotting
        # only). 'Yes' is the only answer in the whole check that can LOWER the
        # advice (to 'at your next appointment'). Do not use a word that also means
        # any bleeding in pregnancy (as 见红 does in everyday Chinese) without the
        # description. The question itself must say what a show is: the mucus plug,
        # sticky jelly-like mucus, perhaps pink or brown streaks, NO fresh red
        # blood.
        title=N_(
            "Is it a 'show' (the mucus plug): sticky, jelly-like mucus that may have pink "
            "or brown streaks, with no fresh red blood?"
        ),
        # Translators: Question 12, the 'show' (asked from 37 weeks with spotting
        # only). 'Yes' is the only answer in the whole check that can LOWER the
        # advice (to 'at your next appointment'). Do not use a word that also means
        # any bleeding in pregnancy (as 见红 does in everyday Chinese) without the
        # description. Keep 'fresh red blood is not a show' and 'answer No'.
        hint=N_(
            "A show can come away when your body is getting ready for labour. Fresh red "
            "blood is not a show: if you see any, answer No."
        ),
        # Translators: Question 12, the 'show' (asked from 37 weeks with spotting
        # only). 'Yes' is the only answer in the whole check that can LOWER the
        # advice (to 'at your next appointment'). Do not use a word that also means
        # any bleeding in pregnancy (as 见红 does in everyday Chinese) without the
        # description. Summary label read by the midwife.
        summary_label=N_("Looks like a show (mucus plug, no fresh red blood)"),
        asked_when=SHOW_ASKED,
        asked_when_words=N_("Asked from 37 weeks, when the bleeding is spotting."),
        options=(
            Option(
                "yes",
                # Translators: Question 12, the 'show' (asked from 37 weeks with spotting
                # only). 'Yes' is the only answer in the whole check that can LOWER the
                # advice (to 'at your next appointment'). Do not use a word that also means
                # any bleeding in pregnancy (as 见红 does in everyday Chinese) without the
                # description. This option lowers the advice: keep 'no fresh red blood'.
                N_("Yes: sticky mucus, perhaps pink or brown streaks, no fresh red blood"),
            ),
            # Translators: Question 12, the 'show' (asked from 37 weeks with spotting
            # only). 'Yes' is the only answer in the whole check that can LOWER the
            # advice (to 'at your next appointment'). Do not use a word that also means
            # any bleeding in pregnancy (as 见红 does in everyday Chinese) without the
            # description. Keeps the advice at 'call now'.
            Option("no", N_("No, or I can see fresh red blood")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
)

QUESTIONS_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Reason:
    """Words for 'Why we say this' that fit only some answers (a stage of
    pregnancy, or the option the reader ticked)."""

    when: Condition
    text: str


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    level: Level
    when: Condition
    # Plain words for the reader: why this answer leads to this advice. Shown
    # when none of ``reasons`` holds.
    reason: str
    # For clinician reviewers: the condition in words and the evidence.
    condition_words: str
    evidence: str
    # Words that name what the reader told us, or fit her stage: every one
    # whose condition holds is shown instead of ``reason``.
    reasons: tuple[Reason, ...] = ()
    # Emergency rules: the ids of the "call the emergency number now if" signs
    # that say, in plain words, what makes this rule match. An outcome reached
    # before the rule's questions were asked lists them (triage.assess).
    signs: tuple[str, ...] = ()

    def reasons_for(self, answers: Answers) -> tuple[str, ...]:
        fitting = tuple(reason.text for reason in self.reasons if reason.when.holds(answers))
        return fitting or (self.reason,)


BLEEDING_MORE_THAN_SPOTTING = is_("amount", "light", "period_like")
# U8: an ectopic pregnancy is not ruled out. Also what makes the reassurance
# "most bleeding does not mean you will lose your baby" not fit (NOTES).
ECTOPIC_NOT_RULED_OUT = all_(
    is_("history", "ectopic_risk"),
    is_("weeks", *EARLY_WEEKS),
    not_(is_("scan", "yes")),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "E1",
        Level.EMERGENCY,
        is_("danger", "heavy_bleeding", "severe_pain", "shoulder_pain", "faint"),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: keep 'straight away'. Same words for the danger signs
        # as question 1.
        N_(
            "You told us about a danger sign. Heavy bleeding, severe pain in your tummy, "
            "pain in the tip of the shoulder or fainting can mean serious bleeding that "
            "needs help straight away."
        ),
        "danger has any of heavy_bleeding, severe_pain, shoulder_pain, faint",
        "NHS GG&C; Pregnancy, Birth and Baby; HSE Ireland",
        signs=("heavy_bleeding", "severe_pain", "shoulder_pain", "faint"),
    ),
    Rule(
        "E2",
        Level.EMERGENCY,
        is_("injury", "yes"),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: keep 'in hospital straight away'.
        N_(
            "Something hit or hurt your tummy. Bleeding after an injury must be checked "
            "in hospital straight away."
        ),
        "injury = yes",
        "Mayo Clinic, falling during pregnancy; raisingchildren.net.au",
        signs=("injury",),
    ),
    Rule(
        "E3",
        Level.EMERGENCY,
        all_(
            is_("symptoms", "fluid"),
            BLEEDING_MORE_THAN_SPOTTING,
            is_("weeks", "24_to_36", "37_plus", "unknown"),
        ),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: waters breaking with bleeding. Keep 'straight away'.
        N_(
            "You have bleeding and a gush or trickle of fluid. Your waters may have broken. "
            "With bleeding, this needs help straight away."
        ),
        "symptoms has fluid, amount is light or period_like, and weeks is 24_to_36, 37_plus "
        "or unknown (under 24 weeks this is urgent through U1/U5)",
        "NHS Healthier Together (vasa praevia); RCOG, waters breaking early",
        signs=("fluid_with_bleeding",),
    ),
    Rule(
        "E4",
        Level.EMERGENCY,
        all_(is_("history", "low_placenta"), BLEEDING_MORE_THAN_SPOTTING),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice; the heavy-bleeding word is right here (it names the
        # danger).
        N_(
            "You were told your placenta is low. Bleeding from a low placenta can suddenly "
            "become very heavy."
        ),
        "history has low_placenta and amount is light or period_like",
        "RCOG and NHS, placenta praevia",
        signs=("low_placenta_bleeding",),
    ),
    Rule(
        "E5",
        Level.EMERGENCY,
        is_("history", "vasa_praevia"),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: known vasa praevia with any bleeding or fluid. Keep
        # 'straight away'; say it gently (the baby may be bleeding).
        N_(
            "You were told your baby's blood vessels lie over or near your cervix (the "
            "opening of your womb): vasa praevia. With any bleeding or fluid, the blood may "
            "come from your baby, so this needs help straight away."
        ),
        "history has vasa_praevia (any bleeding, or fluid)",
        "RCOG Green-top Guideline 27b, vasa praevia",
        signs=("vasa_praevia",),
    ),
    Rule(
        "E6",
        Level.EMERGENCY,
        is_("danger", "sepsis"),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: signs of sepsis. Keep 'straight away'.
        N_(
            "A high temperature with shivering, confusion or fast breathing can be a sign of "
            "a serious infection (sepsis). It needs help straight away."
        ),
        "danger has sepsis",
        "NHS GG&C; UKHSA sepsis advice",
        signs=("sepsis",),
    ),
    Rule(
        "U1",
        Level.URGENT,
        is_("weeks", "12_to_23", "24_to_36"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # your maternity unit now' advice. Keep 12 and 'straight away'.
        N_(
            "From 12 weeks of pregnancy, any bleeding should be checked by a doctor or "
            "midwife straight away."
        ),
        "weeks is 12_to_23 or 24_to_36",
        "Safer Pregnancy (Sands); Tommy's; Safer Care Victoria (APH from 20 weeks); "
        "RCOG GTG63 (from 24 weeks): the earlier, safer threshold is used",
    ),
    Rule(
        "U2",
        Level.URGENT,
        all_(
            is_("weeks", "37_plus"),
            not_(all_(is_("show", "yes"), is_("amount", "spotting"))),
        ),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice. 'Fresh bleeding' = fresh red blood (not a food word).
        N_(
            "From 37 weeks, fresh bleeding should be checked straight away. It can be a sign "
            "that labour is starting, or of a problem with the placenta."
        ),
        "weeks is 37_plus, unless show = yes and amount = spotting",
        "NHS maternity booklets",
    ),
    Rule(
        "U3",
        Level.URGENT,
        is_("amount", "period_like"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice (not emergency): do not use the word reserved for the danger
        # sign heavy bleeding; say 'like a period'.
        N_("Bleeding like a period, or more, should be checked straight away."),
        "amount = period_like",
        "ACOG",
    ),
    Rule(
        "U4",
        Level.URGENT,
        is_("clots", "yes", "not_sure"),
        # Translators: Reason shown under 'Why we say this' on the outcome, before
        # 24 weeks. 'Call now' advice.
        N_(
            "Clots or tissue (or not being sure) can be a sign of a miscarriage. "
            "It should be checked straight away."
        ),
        "clots is yes or not_sure",
        "Early pregnancy unit, same day",
        reasons=(
            Reason(
                FROM_24_WEEKS,
                # Translators: Reason shown under 'Why we say this' on the outcome, from
                # 24 weeks (no word for miscarriage here). 'Call now' advice.
                N_("Passing clots, or not being sure if you did, should be checked straight away."),
            ),
        ),
    ),
    Rule(
        "U5",
        Level.URGENT,
        is_("symptoms", "cramps", "one_sided_pain", "contractions", "fluid", "fever"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice.
        N_(
            "Bleeding together with pain, tightenings, fluid or a fever should be checked "
            "straight away."
        ),
        "symptoms has any of cramps, one_sided_pain, contractions, fluid, fever",
        "NICE NG126; NCT; NHS GG&C",
        reasons=(
            Reason(
                is_("symptoms", "cramps", "one_sided_pain"),
                # Translators: Reason shown under 'Why we say this' on the outcome
                # (cramps or pain on one side). 'Call now' advice.
                N_("Bleeding with pain should be checked straight away."),
            ),
            Reason(
                is_("symptoms", "contractions"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice. Same word for tightenings as question 5.
                N_("Bleeding with tightenings should be checked straight away."),
            ),
            Reason(
                is_("symptoms", "fluid"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice.
                N_(
                    "Bleeding with a gush or trickle of fluid should be checked straight away. "
                    "Your waters may have broken."
                ),
            ),
            Reason(
                is_("symptoms", "fever"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice.
                N_(
                    "Bleeding with a fever, chills or smelly discharge should be checked "
                    "straight away. It can be a sign of an infection."
                ),
            ),
        ),
    ),
    Rule(
        "U6",
        Level.URGENT,
        is_("movements", "less_or_different", "not_sure"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice. Keep the negation 'Do not wait until tomorrow'.
        N_(
            "A change in your baby's movements, or not being sure, should be checked "
            "straight away. Do not wait until tomorrow."
        ),
        "movements is less_or_different or not_sure",
        "NHS, reduced fetal movements",
    ),
    Rule(
        "U7",
        Level.URGENT,
        is_("history", "low_placenta", "avoid_sex", "cervical_stitch"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice.
        N_(
            "You were given a special warning in this pregnancy. Any bleeding should be "
            "checked straight away."
        ),
        "history has any of low_placenta, avoid_sex, cervical_stitch",
        "RCOG placenta praevia leaflet",
        reasons=(
            Reason(
                is_("history", "low_placenta"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice.
                N_(
                    "You were told your placenta is low. Any bleeding should be checked "
                    "straight away."
                ),
            ),
            Reason(
                is_("history", "avoid_sex"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice.
                N_(
                    "You were told to avoid sex in this pregnancy. Any bleeding should be "
                    "checked straight away."
                ),
            ),
            Reason(
                is_("history", "cervical_stitch"),
                # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
                # now' advice.
                N_(
                    "You have a stitch in your cervix. Any bleeding should be checked "
                    "straight away."
                ),
            ),
        ),
    ),
    Rule(
        "U8",
        Level.URGENT,
        ECTOPIC_NOT_RULED_OUT,
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice. Keep 'only a scan can rule this out'.
        N_(
            "You have a higher chance of an ectopic pregnancy (a pregnancy outside the womb), "
            "and a scan has not yet shown the pregnancy in the womb. Only a scan can rule "
            "this out."
        ),
        "history has ectopic_risk, weeks is under_6, 6_to_11 or unknown, and scan is not yes",
        "NICE NG126; NHS Scotland triage",
    ),
    Rule(
        "U9",
        Level.URGENT,
        is_("injury", "prefer_not_to_say"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice. Keep 'now'; no judgement.
        N_(
            "You would rather not say if anything hurt your tummy. That is fine. "
            "To be safe, please get checked now."
        ),
        "injury = prefer_not_to_say",
        "Safety first",
    ),
    Rule(
        "U10",
        Level.URGENT,
        is_("symptoms", "bowel_bladder_pain"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice. Same words as question 5 for pain when you poo or pee.
        N_(
            "Pain when you poo or pee, with bleeding early in pregnancy, can be a sign of an "
            "ectopic pregnancy (a pregnancy outside the womb). It should be checked straight "
            "away."
        ),
        "symptoms has bowel_bladder_pain",
        "NICE NG126 §1.3 (atypical symptoms of ectopic pregnancy)",
    ),
    Rule(
        "S1",
        Level.SOON,
        ALWAYS,
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Get
        # seen today' advice. Reassure without saying it is fine.
        N_(
            "Any bleeding in pregnancy should be checked by a doctor or midwife. Most "
            "bleeding does not mean something is wrong, but it still needs checking."
        ),
        "any bleeding not matched above",
        "Tommy's; NICE QS69; BellyBelly",
    ),
    Rule(
        "R1",
        Level.ROUTINE,
        all_(is_("weeks", "37_plus"), is_("show", "yes"), is_("amount", "spotting")),
        # Translators: Reason shown under 'Why we say this' on the outcome. The
        # only 'at your next appointment' reason. Use the same words for a show as
        # question 12.
        N_(
            "A show is a normal sign that your body is getting ready for labour. "
            "On its own, it does not need a call."
        ),
        "weeks = 37_plus, show = yes, amount = spotting, and nothing above matched",
        "NHS maternity booklets",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
EMERGENCY_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.level == Level.EMERGENCY)

# S1 is the floor for any bleeding; R1 can only lower the level to routine when
# nothing else (S1 aside) matched. The engine implements exactly this.
FLOOR_RULE = "S1"
ROUTINE_RULE = "R1"


# ---------------------------------------------------------------------------
# Advice notes
# ---------------------------------------------------------------------------

ALL_LEVELS = frozenset(Level)
BELOW_EMERGENCY = frozenset({Level.URGENT, Level.SOON, Level.ROUTINE})
NOT_ROUTINE = frozenset({Level.EMERGENCY, Level.URGENT, Level.SOON})
CALL_OR_TODAY = frozenset({Level.URGENT, Level.SOON})


@dataclass(frozen=True, eq=False)
class Note:
    """Advice shown inside the outcome when ``when`` holds, at the ``levels``
    it fits."""

    id: str
    when: Condition
    text: str
    when_words: str
    levels: frozenset[Level] = ALL_LEVELS
    # Notes that carry the region's support line are rendered with it.
    uses_support_line: bool = False
    # Shown under the action at the top of the outcome, not under "Things to know".
    lead: bool = False
    # A reassuring note: not shown while an emergency rule may still match
    # through questions the reader was not asked (she went to the advice early).
    reassures: bool = False
    # Also shown, below emergency, when a question its condition depends on was
    # not asked (the reader went to the advice early): support a skipped
    # question might have called for.
    when_not_asked: bool = False


# Where "most bleeding does not mean you will lose your baby" does not fit: a
# possible ectopic pregnancy (TRIAGE.md U8, or pain on one side or when you poo
# or pee before 12 weeks), and at term.
POSSIBLE_ECTOPIC = any_(
    ECTOPIC_NOT_RULED_OUT,
    all_(is_("symptoms", "one_sided_pain", "bowel_bladder_pain"), UNDER_12_WEEKS_OR_UNKNOWN),
)
REDUCED_MOVEMENTS = is_("movements", "less_or_different", "not_sure")

NOTES: tuple[Note, ...] = (
    Note(
        "reassurance",
        not_(any_(POSSIBLE_ECTOPIC, is_("weeks", "37_plus"))),
        # Translators: Reassurance under the advice (call now, or today). Keep both
        # sentences: it reassures AND says it still needs checking.
        N_(
            "Most bleeding in pregnancy does not mean you will lose your baby. "
            "It still needs checking."
        ),
        "not a possible ectopic pregnancy (U8's condition, or one-sided pain or pain when you "
        "poo or pee before 12 weeks or with the weeks not known), and not from 37 weeks; not "
        "while a question not asked could still make it an emergency",
        levels=CALL_OR_TODAY,
        lead=True,
        reassures=True,
    ),
    Note(
        "rh_negative_anti_d",
        all_(
            is_("history", "rh_negative"),
            is_("weeks", "12_to_23", "24_to_36", "37_plus", "unknown"),
        ),
        # Translators: Advice note on the outcome page (any level). Keep 'anti-D',
        # '72 hours' and that the 72 hours count from when the bleeding started.
        N_(
            "Tell them your blood group is Rh-negative. You may need an injection called "
            "anti-D, ideally within 72 hours of the bleeding starting."
        ),
        "rh_negative and weeks from 12 (or not known); not with a show (no 72 hours then)",
        levels=NOT_ROUTINE,
    ),
    Note(
        "rh_negative_early",
        all_(is_("history", "rh_negative"), is_("weeks", "under_6", "6_to_11")),
        # Translators: Advice note on the outcome page (any level). Before 12
        # weeks: no anti-D promise.
        N_("Mention that your blood group is Rh-negative."),
        "rh_negative and weeks under 12",
    ),
    Note(
        "rh_negative_show",
        is_("history", "rh_negative"),
        # Translators: Advice note on the 'next appointment' outcome (a show from 37
        # weeks): no anti-D promise.
        N_("Mention that your blood group is Rh-negative."),
        "rh_negative, with a show (a show is not a sensitising event: no anti-D urgency)",
        levels=frozenset({Level.ROUTINE}),
    ),
    Note(
        "rh_unknown",
        all_(
            is_("history", "rh_unknown"),
            is_("weeks", "12_to_23", "24_to_36", "37_plus", "unknown"),
        ),
        # Translators: Advice note on the outcome page. Keep 'anti-D', '72 hours'
        # and that they count from when the bleeding started. Same term
        # Rh-negative as the anti-D note.
        N_(
            "Ask about your blood group when you call or are seen. If it is Rh-negative, you "
            "may need an injection called anti-D, ideally within 72 hours of the bleeding "
            "starting."
        ),
        "rh_unknown and weeks from 12 (or not known); not with a show",
        levels=NOT_ROUTINE,
    ),
    Note(
        "rh_unknown_show",
        is_("history", "rh_unknown"),
        # Translators: Advice note on the 'next appointment' outcome (a show).
        N_("Ask your midwife about your blood group at your next appointment."),
        "rh_unknown, with a show",
        levels=frozenset({Level.ROUTINE}),
    ),
    Note(
        "after_sex",
        all_(is_("after_sex", "yes"), not_(REDUCED_MOVEMENTS)),
        # Translators: Advice note on the outcome page (any level). Keep the
        # negations: sex does not harm the baby, the bleeding is not your fault;
        # 'avoid sex until you have been checked'.
        N_(
            "Bleeding after sex is common in pregnancy. The neck of the womb (the cervix) has "
            "more blood vessels now, so it can bleed more easily. Sex does not harm the baby, "
            "and the bleeding is not your fault. Avoid sex until you have been checked. "
            "Later, a water-based lubricant can help."
        ),
        "after_sex = yes, and the baby is not moving less (or not sure); call now or today",
        levels=CALL_OR_TODAY,
    ),
    Note(
        "after_sex_movements",
        all_(is_("after_sex", "yes"), REDUCED_MOVEMENTS),
        # Translators: Advice note on the outcome page, beside a change in the
        # baby's movements (so it does not say sex does not harm the baby). Keep
        # 'not your fault' and 'avoid sex until you have been checked'.
        N_(
            "Bleeding after sex is common in pregnancy. The neck of the womb (the cervix) has "
            "more blood vessels now, so it can bleed more easily. The bleeding is not your "
            "fault. Avoid sex until you have been checked."
        ),
        "after_sex = yes and movements is less_or_different or not_sure; call now or today",
        levels=CALL_OR_TODAY,
    ),
    Note(
        "after_sex_show",
        is_("after_sex", "yes"),
        # Translators: Advice note on the 'next appointment' outcome (a show after
        # sex). Keep the negations: sex does not harm the baby, the bleeding is not
        # your fault.
        N_(
            "Bleeding after sex is common in pregnancy. The neck of the womb (the cervix) has "
            "more blood vessels now, so it can bleed more easily. Sex does not harm the baby, "
            "and the bleeding is not your fault."
        ),
        "after_sex = yes, with a show",
        levels=frozenset({Level.ROUTINE}),
    ),
    Note(
        "after_sex_recurring",
        all_(is_("after_sex", "yes"), is_("pattern", "keeps_coming_back")),
        # Translators: Advice note on the outcome page (any level).
        N_(
            "If you bleed every time after sex, ask for an appointment to have your cervix checked."
        ),
        "after_sex = yes and pattern = keeps_coming_back",
        levels=BELOW_EMERGENCY,
    ),
    Note(
        "previous_miscarriage",
        all_(is_("history", "previous_miscarriage"), UNDER_24_WEEKS_OR_UNKNOWN),
        # Translators: Advice note on the outcome page (any level), before 24
        # weeks. Kind words; use the name of a service that exists for the reader.
        N_(
            "Bleeding can be very frightening if you have lost a pregnancy before. Early "
            "pregnancy units are there for you, and they see many people who have had a loss."
        ),
        "previous_miscarriage, before 24 weeks (or weeks not known)",
    ),
    Note(
        "previous_miscarriage_late",
        all_(is_("history", "previous_miscarriage"), FROM_24_WEEKS),
        # Translators: Advice note on the outcome page, from 24 weeks (no early
        # pregnancy unit then). Kind words.
        N_(
            "Bleeding can be very frightening if you have lost a pregnancy before. Tell your "
            "maternity team about it: they are there for you."
        ),
        "previous_miscarriage, from 24 weeks",
    ),
    Note(
        "injury_support",
        is_("injury", "yes", "prefer_not_to_say"),
        # Translators: Advice note on the outcome page (any level). Family
        # violence. Keep both 'you are not alone' and 'it is not your fault'; no
        # judgement.
        N_(
            "If someone is hurting you, you are not alone and it is not your fault. "
            "You can get free, private support."
        ),
        "injury is yes or prefer_not_to_say, or not asked (the reader went to the advice early)",
        uses_support_line=True,
        when_not_asked=True,
    ),
    Note(
        "weeks_unknown",
        is_("weeks", "unknown"),
        # Translators: Advice note on the outcome page (any level). Keep 'get care
        # now' for bleeding with pain.
        N_(
            "If you have not done a pregnancy test, one can help. If you might be pregnant and "
            "have bleeding with pain, get care now."
        ),
        "weeks = unknown",
    ),
    Note(
        "while_waiting",
        ALWAYS,
        # Translators: Advice note on the 'get seen today' outcome. Keep the
        # negations (not tampons, avoid sex).
        N_(
            "While you wait: use pads, not tampons or menstrual cups. Note the colour and "
            "amount of blood, and any clots. Keep a used pad to show your midwife or doctor. "
            "Avoid sex until you have been checked."
        ),
        "level is soon",
        levels=frozenset({Level.SOON}),
    ),
    Note(
        "while_waiting_show",
        ALWAYS,
        # Translators: Advice note on the 'next appointment' outcome (a show).
        # Keep 'not tampons or menstrual cups'.
        N_("Until your appointment, use pads, not tampons or menstrual cups."),
        "level is routine (a show)",
        levels=frozenset({Level.ROUTINE}),
    ),
)

NOTES_BY_ID: dict[str, Note] = {note.id: note for note in NOTES}


# ---------------------------------------------------------------------------
# "Call now if" signs
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Sign:
    """A sign listed on the outcome under "Call <emergency number> now if:"
    (``level`` emergency) or "Call your maternity unit now if:" (``level``
    urgent), at every outcome level below ``level``."""

    id: str
    level: Level
    text: str
    # Listed only when this holds (the weeks it fits).
    shown_when: Condition = ALWAYS
    shown_when_words: str = ""
    # Listed only at these outcome levels (default: every level below ``level``).
    only_at: frozenset[Level] = frozenset()
    # A sign of questions not asked: listed (under a heading of its own) only
    # when an emergency rule that names it (``Rule.signs``) may still match
    # through questions the reader was not asked (she jumped to the advice),
    # whatever ``shown_when`` says; in the usual list only where
    # ``also_listed_when`` holds.
    when_not_asked: bool = False
    also_listed_when: Condition | None = None

    @property
    def listed_at(self) -> frozenset[Level]:
        return self.only_at or frozenset(level for level in Level if level < self.level)


SIGNS: tuple[Sign, ...] = (
    # The signs of emergency rules whose questions were not asked (listed first).
    Sign(
        "injury",
        Level.EMERGENCY,
        # Translators: 'Call now if' sign (a list item under 'Call [emergency
        # number] now if:'), shown when the reader went to the advice before the
        # injury question. Keep it as strong as the English; blame-free.
        N_(
            "something hit or hurt your tummy: a fall, a knock or blow, a car accident, or "
            "someone hurting you"
        ),
        when_not_asked=True,
        # A reader who would rather not say keeps the sign, to decide in private.
        also_listed_when=is_("injury", "prefer_not_to_say"),
    ),
    Sign(
        "low_placenta_bleeding",
        Level.EMERGENCY,
        # Translators: 'Call now if' sign under 'Call [emergency number] now if:',
        # shown when the reader went to the advice before being asked. Same words
        # as the history question.
        N_("you were told your placenta is low, and you are bleeding more than a few spots"),
        when_not_asked=True,
    ),
    Sign(
        "vasa_praevia",
        Level.EMERGENCY,
        # Translators: 'Call now if' sign under 'Call [emergency number] now if:',
        # shown when the reader went to the advice before being asked. Same words
        # as the history question.
        N_(
            "you were told your baby's blood vessels lie over or near your cervix (the opening "
            "of your womb): vasa praevia"
        ),
        when_not_asked=True,
    ),
    Sign(
        "fluid_with_bleeding",
        Level.EMERGENCY,
        # Translators: 'Call now if' sign under 'Call [emergency number] now if:',
        # shown when the reader went to the advice before being asked.
        N_(
            "you have a gush or trickle of fluid from your vagina, and more than a few spots "
            "of blood"
        ),
        when_not_asked=True,
    ),
    # Listed on every outcome below emergency.
    Sign(
        "heavy_bleeding",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:'. Keep it as strong as the English. Heavy-
        # bleeding word belongs here. Keep 'an hour or less' and the size of the
        # clots in both units.
        N_(
            "the bleeding gets heavy: soaking a pad in an hour or less, blood running down "
            "your legs, or clots bigger than about 2.5 cm (1 inch)"
        ),
    ),
    Sign(
        "severe_pain",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:'. Keep it as strong as the English. Same word
        # for severe pain as in question 1.
        N_("you have severe or sudden pain in your tummy"),
    ),
    Sign(
        "hard_tummy",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:' (from 20 weeks). Keep 'does not ease'.
        N_("your bump stays hard and painful, and the pain does not ease"),
        shown_when=FROM_20_WEEKS_OR_UNKNOWN,
        shown_when_words=FROM_20_WORDS,
    ),
    Sign(
        "shoulder_pain",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:'. Keep it as strong as the English.
        N_("you have pain in the tip of your shoulder"),
    ),
    Sign(
        "faint",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:'. Keep it as strong as the English.
        N_("you faint, or feel very dizzy, cold and clammy"),
    ),
    Sign(
        "sepsis",
        Level.EMERGENCY,
        # Translators: 'Call sooner if' sign, a list item under the heading 'Call
        # [emergency number] now if:'. Keep 'high temperature' with shivering or
        # confusion.
        N_("you have a high temperature with shivering or confusion"),
    ),
    # Listed on the outcomes below urgent ("today", "next appointment").
    Sign(
        "fresh_red_blood",
        Level.URGENT,
        # Translators: 'Call sooner if' sign under 'Call your maternity unit now
        # if:' on the 'next appointment' outcome (a show). 'Fresh red blood' as in
        # question 12.
        N_("you see any fresh red blood"),
        only_at=frozenset({Level.ROUTINE}),
    ),
    Sign(
        "heavier_or_clots",
        Level.URGENT,
        # Translators: 'Call sooner if' sign, a list item under 'Call your
        # maternity unit now if:'. Not the emergency heavy-bleeding word: 'heavier
        # than now'.
        N_("the bleeding gets heavier, or you pass clots"),
    ),
    Sign(
        "cramps_or_one_sided",
        Level.URGENT,
        # Translators: 'Call sooner if' sign, a list item under 'Call your
        # maternity unit now if:'. Everyday word for cramps.
        N_("you get cramps, or pain on one side"),
    ),
    Sign(
        "fluid",
        Level.URGENT,
        # Translators: 'Call sooner if' sign, a list item under 'Call your
        # maternity unit now if:'.
        N_("fluid leaks from your vagina"),
    ),
    Sign(
        "fever",
        Level.URGENT,
        # Translators: 'Call sooner if' sign, a list item under 'Call your
        # maternity unit now if:'.
        N_("you get a fever or feel shivery"),
    ),
    Sign(
        "movements",
        Level.URGENT,
        # Translators: 'Call sooner if' sign, a list item under 'Call your
        # maternity unit now if:' (from 24 weeks).
        N_("your baby moves less than usual"),
        shown_when=FROM_24_WEEKS_OR_UNKNOWN,
        shown_when_words=FROM_24_WORDS,
    ),
)

SIGNS_BY_ID: dict[str, Sign] = {sign.id: sign for sign in SIGNS}
# The messages of the two lists (read by the translation review tools).
EMERGENCY_SIGNS: tuple[str, ...] = tuple(s.text for s in SIGNS if s.level == Level.EMERGENCY)
URGENT_SIGNS: tuple[str, ...] = tuple(s.text for s in SIGNS if s.level == Level.URGENT)


# ---------------------------------------------------------------------------
# What each level tells the reader to do, per care model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Numbered:
    """Words that name the region's emergency number (``%(number)s``), and the
    words for a reader whose region is not known."""

    text: str
    no_region: str


AdviceWords = str | Numbered


@dataclass(frozen=True, eq=False)
class Advice:
    """What the outcome of one level tells the reader to do."""

    level: Level
    # The outcome's heading, page title and the advice in the summary.
    heading: AdviceWords
    # The first sentences under the heading: the action first.
    action: AdviceWords
    # The action from 24 weeks, where ``action`` names an early pregnancy unit.
    action_from_24_weeks: str = ""
    # The level word goes beside the heading unless the heading says the timing
    # already ("Get seen today", not "Get seen today – Today").
    shows_level_word: bool = True
    # The heading of the list of signs for which to do this now, on outcomes
    # below this level ("Call your maternity unit now if:").
    now_if: AdviceWords = ""
    # Emergency: the heading of the signs of the questions the reader skipped
    # (she went to the advice early), above the ``now_if`` list.
    now_if_not_asked: AdviceWords = ""
    # Urgent: the banner at the top of every later question once the answers
    # mean this level, and the words under it.
    banner_title: str = ""
    banner_text: str = ""

    def action_for(self, from_24_weeks: bool) -> AdviceWords:
        return (
            self.action_from_24_weeks
            if from_24_weeks and self.action_from_24_weeks
            else self.action
        )


EMERGENCY_ADVICE = Advice(
    Level.EMERGENCY,
    heading=Numbered(
        # Translators: The name of the emergency advice: the big outcome heading,
        # page title, summary. The reader must call the emergency number (%(number)s,
        # e.g. 000) now. Keep 'now'. Must be clearly different from 'Call your
        # maternity unit now'.
        N_("Call %(number)s now"),
        # Translators: The name of the emergency advice when the region is not
        # known (outcome heading, title, summary). Keep 'emergency number' and 'now'.
        N_("Call your local emergency number now"),
    ),
    action=Numbered(
        # Translators: Emergency advice, first sentence under the heading. The
        # reader must call an ambulance now or go to the emergency department. Keep
        # 'now' and the negation 'Do not drive yourself'.
        N_(
            "Call %(number)s for an ambulance now, or go to the nearest emergency department. "
            "Do not drive yourself."
        ),
        # Translators: Emergency advice when the region is not known; %(numbers)s
        # is a list such as '112, 911, 999 or 000'. Keep 'now' and 'Do not drive
        # yourself'.
        N_(
            "Call your local emergency number (for example %(numbers)s) for an ambulance "
            "now, or go to the nearest emergency department. Do not drive yourself."
        ),
    ),
    now_if=Numbered(
        # Translators: Heading of the emergency 'call sooner if' list on every
        # non-emergency outcome; the signs below finish the sentence. Keep 'now'.
        N_("Call %(number)s now if:"),
        # Translators: Heading of the emergency 'call sooner if' list when the
        # region is not known; %(numbers)s is a list such as '112, 911, 999 or
        # 000'. Keep 'emergency number' and 'now'.
        N_("Call your local emergency number (for example %(numbers)s) now if:"),
    ),
    now_if_not_asked=Numbered(
        # Translators: Heading over the signs we did not ask about, on an advice
        # reached by skipping questions ('See what to do now'); the signs below
        # finish it. Same words as the emergency advice ('Call %(number)s for an
        # ambulance now…'): these signs need the emergency number, not the
        # maternity unit. Keep 'now'.
        N_(
            "We did not ask you about these. Call %(number)s for an ambulance now if any of "
            "them is true:"
        ),
        # Translators: The same heading when the region is not known; %(numbers)s is
        # a list such as '112, 911, 999 or 000'. Keep 'now'.
        N_(
            "We did not ask you about these. Call your local emergency number (for example "
            "%(numbers)s) for an ambulance now if any of them is true:"
        ),
    ),
)

ROUTINE_ADVICE = Advice(
    Level.ROUTINE,
    # Translators: The name of the routine advice: the big outcome heading, page
    # title, summary. No call needed now; the reader tells her midwife at the
    # next visit. Use the same word for midwife as everywhere else.
    heading=N_("Tell your midwife at your next appointment"),
    # Translators: Routine advice (only after a show from 37 weeks). Keep the
    # negation exactly: no call is needed NOW; tell the midwife at the next
    # appointment.
    action=N_("You do not need to call now. Tell your midwife about it at your next appointment."),
    shows_level_word=False,
)

# Translators: The name of the 'today' advice: the big outcome heading, page
# title, summary. The reader must be seen by a doctor or midwife today (within
# 24 hours). Keep 'today'; not 'now'.
_GET_SEEN_TODAY = N_("Get seen today")


@dataclass(frozen=True, eq=False)
class CareModel:
    """Who a reader contacts for "urgent" and "today" where she lives: the
    words change, the level and the time words ("now", "today") do not."""

    id: str
    description: str  # for reviewers
    source: str
    urgent: Advice
    soon: Advice

    def advice(self, level: Level) -> Advice:
        return {
            Level.EMERGENCY: EMERGENCY_ADVICE,
            Level.URGENT: self.urgent,
            Level.SOON: self.soon,
            Level.ROUTINE: ROUTINE_ADVICE,
        }[level]


# The care models' ids: regions.py names one per region.
MATERNITY_UNIT = "maternity_unit"
HOSPITAL_OBGYN = "hospital_obgyn"

CARE_MODELS: tuple[CareModel, ...] = (
    CareModel(
        MATERNITY_UNIT,
        "A maternity unit (labour ward or maternity triage), an early pregnancy unit before "
        "about 16 to 20 weeks, a named midwife and a family doctor: the UK, Ireland, "
        "Australia, New Zealand and similar services. The default.",
        "TRIAGE.md advice levels; NHS, HSE, Pregnancy, Birth and Baby",
        urgent=Advice(
            Level.URGENT,
            # Translators: The name of the urgent advice: the big outcome heading,
            # page title, summary. The reader must phone the maternity unit (the
            # hospital's maternity / labour ward) now, not an ambulance. Keep 'now'.
            # Must not use the word of the emergency banner or the Emergency level.
            heading=N_("Call your maternity unit now"),
            # Translators: Urgent advice, first sentence under the heading 'Call your
            # maternity unit now'. Name services the reader can really phone in your
            # country (maternity unit = the hospital maternity / labour ward; early
            # pregnancy unit = where early pregnancy bleeding is seen, e.g. gynaecology
            # and obstetrics emergency). Keep 'now', the negations 'Do not wait for
            # an appointment or until tomorrow', 'even if it is the middle of the
            # night', and the fallback to the emergency department.
            action=N_(
                "Call your maternity unit, early pregnancy unit, midwife or doctor now. Do not "
                "wait for an appointment or until tomorrow, even if it is the middle of the "
                "night. If you cannot reach them, go to the emergency department."
            ),
            # Translators: Urgent advice from 24 weeks (no early pregnancy unit then),
            # first sentence under the heading 'Call your maternity unit now'. Keep
            # 'now', the negations 'Do not wait for an appointment or until
            # tomorrow', 'even if it is the middle of the night', and the fallback to
            # the emergency department.
            action_from_24_weeks=N_(
                "Call your maternity unit, midwife or doctor now. Do not wait for an "
                "appointment or until tomorrow, even if it is the middle of the night. If you "
                "cannot reach them, go to the emergency department."
            ),
            # Translators: Heading of the maternity-unit 'call sooner if' list on 'today'
            # and 'next appointment' outcomes. Same words for maternity unit as the urgent
            # heading; keep 'now'.
            now_if=N_("Call your maternity unit now if:"),
            # Translators: Banner at the top of every later question once the answers
            # mean 'call your maternity unit now'. Keep 'now'; same words as the heading
            # 'Call your maternity unit now'; must not sound like the emergency banner.
            banner_title=N_("From what you have told us, call your maternity unit now"),
            # Translators: Under the urgent banner. Keep the negation 'Do not wait' and
            # 'even if it is the middle of the night'.
            banner_text=N_(
                "Do not wait for an appointment, even if it is the middle of the night. You "
                "can answer the rest of the questions to get notes for the call."
            ),
        ),
        soon=Advice(
            Level.SOON,
            heading=_GET_SEEN_TODAY,
            # Translators: 'Get seen today' advice. Keep 'today' and '24 hours'; name
            # services that exist for the reader.
            action=N_(
                "Contact your doctor, midwife or early pregnancy unit today, and ask to be seen "
                "within 24 hours."
            ),
            shows_level_word=False,
        ),
    ),
    CareModel(
        HOSPITAL_OBGYN,
        "Readers go in person to a hospital's obstetrics and gynaecology emergency department, "
        "and many have no maternity unit or midwife yet at 6 weeks: China, India, Vietnam "
        "and others.",
        "Issue 20 (reader stories in zh, hi and vi); to be confirmed for each region by a "
        "clinician there",
        urgent=Advice(
            Level.URGENT,
            # Translators: The name of the urgent advice where readers go in person to
            # a hospital's obstetrics and gynaecology (OB/GYN) emergency department
            # (e.g. zh 妇产科急诊). Keep 'now'. Must not sound like calling an
            # ambulance or use the word of the Emergency level or banner if you can
            # avoid it.
            heading=N_("Go to a hospital's obstetrics and gynaecology emergency department now"),
            # Translators: Urgent advice, first sentences under that heading. Keep
            # 'now', the negations 'Do not wait for an appointment or until
            # tomorrow', 'even if it is the middle of the night', and the fallback to
            # the emergency number.
            action=N_(
                "Go in person to a hospital's obstetrics and gynaecology emergency department "
                "now. Do not wait for an appointment or until tomorrow, even if it is the "
                "middle of the night. If you cannot get there, call the emergency number."
            ),
            # Translators: Heading of the 'call sooner if' list on 'today' and 'next
            # appointment' outcomes where readers go to a hospital's obstetrics and
            # gynaecology emergency department. Keep 'now'.
            now_if=N_("Go to a hospital's obstetrics and gynaecology emergency department now if:"),
            # Translators: Banner at the top of every later question once the answers
            # mean 'go to the obstetrics and gynaecology emergency department now'.
            # Keep 'now'; must not sound like the emergency banner.
            banner_title=N_(
                "From what you have told us, go to a hospital's obstetrics and gynaecology "
                "emergency department now"
            ),
            # Translators: Under that banner. Keep the negation 'Do not wait' and 'even
            # if it is the middle of the night'.
            banner_text=N_(
                "Do not wait for an appointment, even if it is the middle of the night. You "
                "can answer the rest of the questions to get notes to show the doctor."
            ),
        ),
        soon=Advice(
            Level.SOON,
            heading=_GET_SEEN_TODAY,
            # Translators: 'Get seen today' advice where readers go to a hospital's
            # obstetrics and gynaecology department in person. Keep 'today'.
            action=N_(
                "Go to a hospital's obstetrics and gynaecology department today, to be seen by "
                "a doctor."
            ),
            shows_level_word=False,
        ),
    ),
)

CARE_MODELS_BY_ID: dict[str, CareModel] = {model.id: model for model in CARE_MODELS}
DEFAULT_CARE_MODEL = MATERNITY_UNIT


def advice_messages() -> Iterator[tuple[str, str]]:
    """Every message of the advice per level (headings, actions, list headings,
    banners), with where it is shown: the safety-critical words the translation
    review must know."""
    seen: set[str] = set()
    for model in CARE_MODELS:
        for level in sorted(Level, reverse=True):
            advice = model.advice(level)
            fields: Mapping[str, AdviceWords] = {
                "heading": advice.heading,
                "action": advice.action,
                "action from 24 weeks": advice.action_from_24_weeks,
                "'call now if' list heading": advice.now_if,
                "'call now if' heading of the signs not asked": advice.now_if_not_asked,
                "banner on later questions": advice.banner_title,
                "text under the banner": advice.banner_text,
            }
            for what, words in fields.items():
                texts = (words.text, words.no_region) if isinstance(words, Numbered) else (words,)
                for text in texts:
                    if text and text not in seen:
                        seen.add(text)
                        yield text, f"{level.id} advice: {what} ({model.id})"


# Shown on every outcome (TRIAGE.md "Sources").
SOURCES: tuple[str, ...] = (
    N_("NHS Greater Glasgow and Clyde: seeking emergency help in pregnancy"),
    N_("NHS Healthier Together: bleeding in pregnancy"),
    N_("HSE Ireland: ectopic pregnancy"),
    N_("Pregnancy, Birth and Baby, and healthdirect (Australia)"),
    N_("Safer Care Victoria: antepartum haemorrhage guideline"),
    N_("RCOG: antepartum haemorrhage guideline and patient leaflets"),
    # Translators: A source under 'Where this advice comes from'.
    N_("RCOG: vasa praevia guideline (Green-top Guideline 27b)"),
    N_("NICE: ectopic pregnancy and miscarriage (NG126, QS69)"),
    # Translators: A source under 'Where this advice comes from'.
    N_("UK Health Security Agency and NHS: sepsis"),
    N_("Tommy's, and Safer Pregnancy (Sands): bleeding in pregnancy"),
    N_("Association of Early Pregnancy Units: sex in pregnancy"),
    N_("ACOG: sex during pregnancy"),
    N_("NCT and NHS maternity booklets: signs of labour and a show"),
    N_("Mayo Clinic and raisingchildren.net.au: falls and injuries in pregnancy"),
)

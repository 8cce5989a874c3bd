"""The clinical content, declared once as data.

This module is the code form of ``shared/clinical/TRIAGE.md``: question ids,
option ids, "asked when" conditions, rules, levels, advice notes. Everything
else (engine, pages, rules page, flow graph) reads it. Reader-facing strings
are marked with ``N_`` so Babel extracts them; they are translated when shown.

Change nothing here without changing CONTENT_VERSION and CONTENT_CHANGELOG.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property
from typing import Literal

from widget.clinical.conditions import ALWAYS, Condition, all_, is_
from widget.clinical.conditions import Not as not_


def N_(message: str) -> str:
    """Mark a string for translation without translating it (gettext idiom)."""
    return message


CONTENT_VERSION = "1.0.1"
CONTENT_REVIEWED = "2026-12-01"


class Level(IntEnum):
    """Advice levels, ordered so that ``max()`` gives the most urgent."""

    ROUTINE = 1
    SOON = 2
    URGENT = 3
    EMERGENCY = 4

    @property
    def id(self) -> str:
        return self.name.lower()


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
    # Translators: Level word, shown small under the outcome heading, in the
    # page title, the summary and on the rules page. The reader must be seen
    # today (within 24 hours). Keep 'today'; must not sound like 'now' or like
    # the other level words.
    Level.SOON: N_("Today"),
    # Translators: Level word, shown small under the outcome heading, in the
    # page title, the summary and on the rules page. The reader does not need
    # to call now and tells the midwife at the next visit. Keep 'next
    # appointment'.
    Level.ROUTINE: N_("At your next appointment"),
}


# eq=False: questions, options, rules and notes are compared by identity (each
# is declared once), which keeps the engine's lookups cheap.
@dataclass(frozen=True, eq=False)
class Option:
    id: str
    label: str
    hint: str = ""


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

    @cached_property
    def option_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


NONE = "none"  # the exclusive "none of these" option of checkbox questions

EARLY_WEEKS = ("under_6", "6_to_11", "unknown")

QUESTIONS: tuple[Question, ...] = (
    Question(
        id="danger",
        kind="checkbox",
        # Translators: Question 1, the danger signs: the first question. Keep
        # 'right now'.
        title=N_("Do you have any of these right now?"),
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
                # hour or less'.
                N_(
                    "Soaking a pad in an hour or less, blood running down your legs, "
                    "or large clots."
                ),
            ),
            Option(
                "severe_pain",
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms). Use the
                # same word for severe pain everywhere.
                N_("Bad pain in your tummy"),
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms).
                N_("Pain that is strong, sudden or sharp, or that does not stop."),
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
                # is reserved for this sign (do not reuse it for milder symptoms). 'Very
                # unwell' means seriously ill, not tired (tiredness is common in pregnancy
                # and must not be ticked by mistake).
                N_("Fainting or feeling very unwell"),
                # Translators: Danger sign (question 1). Ticking it sends the reader to the
                # emergency advice at once. Keep it as strong as the English; its key word
                # is reserved for this sign (do not reuse it for milder symptoms).
                N_(
                    "You fainted, or you feel very dizzy or faint, look pale, "
                    "or feel cold and clammy."
                ),
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
            # Translators: Question 5 option: use the everyday words for period-like
            # cramps, not a clinical term and not the word for severe pain.
            Option("cramps", N_("Cramps or mild tummy pain"), N_("Like period pain.")),
            # Translators: Question 5 option: possible ectopic pregnancy. Not the word
            # for severe pain.
            Option("one_sided_pain", N_("Pain low down on one side")),
            Option(
                "contractions",
                # Translators: Question 5 option: contractions in everyday words.
                N_("Tightenings that come and go"),
                # Translators: Question 5 hint of the contractions option.
                N_("Regular tightening of your bump, backache, or pressure low down."),
            ),
            # Translators: Question 5 option: waters breaking. With more than spotting
            # it leads to the emergency advice.
            Option("fluid", N_("A gush or trickle of fluid from your vagina")),
            # Translators: Question 5 option: signs of infection.
            Option("fever", N_("Fever, chills or smelly discharge")),
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
                # recognises what she was told.
                N_("Also called a low-lying placenta, placenta praevia or vasa praevia."),
            ),
            Option("avoid_sex", N_("You were told to avoid sex in this pregnancy")),
            Option(
                "cervical_stitch",
                N_("You have a stitch in your cervix"),
                N_("Also called a cervical stitch or cerclage."),
            ),
            Option(
                "ectopic_risk",
                N_("A higher chance of an ectopic pregnancy"),
                N_(
                    "You had an ectopic pregnancy or surgery on your tubes before, "
                    "this is an IVF pregnancy, or you have a coil (IUD) in place."
                ),
            ),
            Option("previous_miscarriage", N_("You have had a miscarriage before")),
            Option(
                "rh_negative",
                # Translators: Question 8 option: Rh-negative (rhesus negative); use the
                # same term as in the anti-D note.
                N_("Your blood group is Rh-negative"),
                # Translators: Question 8 hint. Same term as in the anti-D note.
                N_("Also called rhesus negative, for example O negative."),
            ),
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
        asked_when=all_(is_("weeks", "37_plus"), is_("amount", "spotting")),
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


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    level: Level
    when: Condition
    # Plain words for the reader: why this answer leads to this advice.
    reason: str
    # For clinician reviewers: the condition in words and the evidence.
    condition_words: str
    evidence: str


BLEEDING_MORE_THAN_SPOTTING = is_("amount", "light", "period_like")

RULES: tuple[Rule, ...] = (
    Rule(
        "E1",
        Level.EMERGENCY,
        is_("danger", "heavy_bleeding", "severe_pain", "shoulder_pain", "faint"),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: keep 'straight away'.
        N_(
            "You told us about a danger sign. Heavy bleeding, bad tummy pain, pain in the "
            "tip of the shoulder or feeling faint can mean serious bleeding that needs "
            "help straight away."
        ),
        "danger has any of heavy_bleeding, severe_pain, shoulder_pain, faint",
        "NHS GG&C; Pregnancy, Birth and Baby; HSE Ireland",
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
    ),
    Rule(
        "E3",
        Level.EMERGENCY,
        all_(is_("symptoms", "fluid"), BLEEDING_MORE_THAN_SPOTTING),
        # Translators: Reason shown under 'Why we say this' on the outcome.
        # Emergency advice: waters breaking with bleeding. Keep 'straight away'.
        N_(
            "You have bleeding and a gush or trickle of fluid. Your waters may have broken. "
            "With bleeding, this needs help straight away."
        ),
        "symptoms has fluid and amount is light or period_like",
        "NHS Healthier Together (vasa praevia); RCOG, waters breaking early",
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
    ),
    Rule(
        "U1",
        Level.URGENT,
        is_("weeks", "12_to_23", "24_to_36"),
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # your maternity unit now' advice. Keep 12 and 'straight away'.
        N_(
            "From 12 weeks of pregnancy, any bleeding should be checked by your maternity "
            "team straight away."
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
        # Translators: Reason shown under 'Why we say this' on the outcome. 'Call
        # now' advice.
        N_(
            "Clots or tissue (or not being sure) can be a sign of a miscarriage. "
            "It should be checked straight away."
        ),
        "clots is yes or not_sure",
        "Early pregnancy unit, same day",
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
    ),
    Rule(
        "U8",
        Level.URGENT,
        all_(
            is_("history", "ectopic_risk"),
            is_("weeks", *EARLY_WEEKS),
            not_(is_("scan", "yes")),
        ),
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

# S1 is the floor for any bleeding; R1 can only lower the level to routine when
# nothing else (S1 aside) matched. The engine implements exactly this.
FLOOR_RULE = "S1"
ROUTINE_RULE = "R1"


@dataclass(frozen=True, eq=False)
class Note:
    """Advice shown inside the outcome when ``when`` holds (at any level unless
    ``levels`` restricts it)."""

    id: str
    when: Condition
    text: str
    when_words: str
    levels: frozenset[Level] = field(default_factory=lambda: frozenset(Level))
    # Notes that carry the region's support line are rendered with it.
    uses_support_line: bool = False


NOTES: tuple[Note, ...] = (
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
        "rh_negative and weeks from 12 (or not known)",
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
        "after_sex",
        is_("after_sex", "yes"),
        # Translators: Advice note on the outcome page (any level). Keep the
        # negations: sex does not harm the baby, the bleeding is not your fault;
        # 'avoid sex until you have been checked'.
        N_(
            "Bleeding after sex is common in pregnancy. The neck of the womb (the cervix) has "
            "more blood vessels now, so it can bleed more easily. Sex does not harm the baby, "
            "and the bleeding is not your fault. Avoid sex until you have been checked. "
            "Later, a water-based lubricant can help."
        ),
        "after_sex = yes",
    ),
    Note(
        "after_sex_recurring",
        all_(is_("after_sex", "yes"), is_("pattern", "keeps_coming_back")),
        # Translators: Advice note on the outcome page (any level).
        N_(
            "If you bleed every time after sex, ask for an appointment to have your cervix checked."
        ),
        "after_sex = yes and pattern = keeps_coming_back",
    ),
    Note(
        "previous_miscarriage",
        is_("history", "previous_miscarriage"),
        # Translators: Advice note on the outcome page (any level). Kind words; use
        # the name of a service that exists for the reader.
        N_(
            "Bleeding can be very frightening if you have lost a pregnancy before. Early "
            "pregnancy units are there for you, and they see many people who have had a loss."
        ),
        "previous_miscarriage",
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
        "injury is yes or prefer_not_to_say",
        uses_support_line=True,
    ),
    Note(
        "weeks_unknown",
        is_("weeks", "unknown"),
        # Translators: Advice note on the outcome page (any level). Keep 'get care
        # now' for bleeding with pain.
        N_(
            "If you are not sure you are pregnant, a pregnancy test can help. If you might be "
            "pregnant and have bleeding with pain, get care now."
        ),
        "weeks = unknown",
    ),
    Note(
        "while_waiting",
        ALWAYS,
        # Translators: Advice note on the outcome page (any level). Shown with
        # 'today' and 'next appointment' advice. Keep the negations (not tampons,
        # avoid sex).
        N_(
            "While you wait: use pads, not tampons or menstrual cups. Note the colour and "
            "amount of blood, and any clots. Keep a used pad to show your midwife or doctor. "
            "Avoid sex until you have been checked."
        ),
        "level is soon or routine",
        levels=frozenset({Level.SOON, Level.ROUTINE}),
    ),
)

NOTES_BY_ID: dict[str, Note] = {note.id: note for note in NOTES}

# "Call sooner if…" lists. Emergency signs are shown at every level below
# emergency; the urgent signs at the levels below urgent.
EMERGENCY_SIGNS: tuple[str, ...] = (
    # Translators: 'Call sooner if' sign, a list item under the heading 'Call
    # [emergency number] now if:'. Keep it as strong as the English. Heavy-
    # bleeding word belongs here. Keep 'an hour or less'.
    N_("the bleeding gets heavy: soaking a pad in an hour or less"),
    # Translators: 'Call sooner if' sign, a list item under the heading 'Call
    # [emergency number] now if:'. Keep it as strong as the English. Same word
    # for severe pain as in question 1.
    N_("you have strong, sudden or constant pain in your tummy"),
    # Translators: 'Call sooner if' sign, a list item under the heading 'Call
    # [emergency number] now if:'. Keep it as strong as the English.
    N_("you have pain in the tip of your shoulder"),
    # Translators: 'Call sooner if' sign, a list item under the heading 'Call
    # [emergency number] now if:'. Keep it as strong as the English.
    N_("you faint, or feel very dizzy, cold and clammy"),
)
URGENT_SIGNS: tuple[str, ...] = (
    # Translators: 'Call sooner if' sign, a list item under 'Call your
    # maternity unit now if:'. Not the emergency heavy-bleeding word: 'heavier
    # than now'.
    N_("the bleeding gets heavier, or you pass clots"),
    # Translators: 'Call sooner if' sign, a list item under 'Call your
    # maternity unit now if:'. Everyday word for cramps.
    N_("you get cramps, or pain on one side"),
    # Translators: 'Call sooner if' sign, a list item under 'Call your
    # maternity unit now if:'.
    N_("fluid leaks from your vagina"),
    # Translators: 'Call sooner if' sign, a list item under 'Call your
    # maternity unit now if:'.
    N_("you get a fever or feel shivery"),
    # Translators: 'Call sooner if' sign, a list item under 'Call your
    # maternity unit now if:'.
    N_("your baby moves less than usual"),
)

# Shown on every outcome (TRIAGE.md "Sources").
SOURCES: tuple[str, ...] = (
    N_("NHS Greater Glasgow and Clyde: seeking emergency help in pregnancy"),
    N_("NHS Healthier Together: bleeding in pregnancy"),
    N_("HSE Ireland: ectopic pregnancy"),
    N_("Pregnancy, Birth and Baby, and healthdirect (Australia)"),
    N_("Safer Care Victoria: antepartum haemorrhage guideline"),
    N_("RCOG: antepartum haemorrhage guideline and patient leaflets"),
    N_("NICE: ectopic pregnancy and miscarriage (NG126, QS69)"),
    N_("Tommy's, and Safer Pregnancy (Sands): bleeding in pregnancy"),
    N_("Association of Early Pregnancy Units: sex in pregnancy"),
    N_("ACOG: sex during pregnancy"),
    N_("NCT and NHS maternity booklets: signs of labour and a show"),
    N_("Mayo Clinic and raisingchildren.net.au: falls and injuries in pregnancy"),
)

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


CONTENT_VERSION = "1.0.0"
CONTENT_REVIEWED = "2026-11-27"


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
    Level.EMERGENCY: N_("Emergency"),
    Level.URGENT: N_("Urgent"),
    Level.SOON: N_("Today"),
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
        title=N_("Do you have any of these right now?"),
        hint=N_("Select all that apply. If you are answering for someone else, answer for them."),
        summary_label=N_("Danger signs"),
        options=(
            Option(
                "heavy_bleeding",
                N_("Heavy bleeding"),
                N_(
                    "Soaking a pad in an hour or less, blood running down your legs, "
                    "or large clots."
                ),
            ),
            Option(
                "severe_pain",
                N_("Bad pain in your tummy"),
                N_("Pain that is strong, sudden or sharp, or that does not stop."),
            ),
            Option(
                "shoulder_pain",
                N_("Pain in the tip of your shoulder"),
                N_("Where your shoulder ends and your arm begins."),
            ),
            Option(
                "faint",
                N_("Fainting or feeling very unwell"),
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
        title=N_("How many weeks pregnant are you?"),
        hint=N_("Count from the first day of your last period. A rough guess is fine."),
        summary_label=N_("Weeks pregnant"),
        options=(
            Option("under_6", N_("Less than 6 weeks")),
            Option("6_to_11", N_("6 to 11 weeks")),
            Option("12_to_23", N_("12 to 23 weeks")),
            Option("24_to_36", N_("24 to 36 weeks")),
            Option("37_plus", N_("37 weeks or more")),
            Option("unknown", N_("I'm not sure, or I'm not sure I'm pregnant")),
        ),
    ),
    Question(
        id="amount",
        kind="radio",
        title=N_("How much are you bleeding?"),
        hint=N_("Think of the most blood you have seen."),
        summary_label=N_("Amount of bleeding"),
        options=(
            Option(
                "spotting",
                N_("Spotting"),
                N_("A few spots or streaks, for example only when you wipe."),
            ),
            Option(
                "light",
                N_("Light bleeding"),
                N_("Enough to stain a panty liner or pad, but less than a period."),
            ),
            Option("period_like", N_("Like a period, or more")),
        ),
    ),
    Question(
        id="clots",
        kind="radio",
        title=N_("Have you passed any clots or tissue?"),
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
        title=N_("Do you have any of these as well?"),
        hint=N_("Select all that apply."),
        summary_label=N_("Other symptoms"),
        options=(
            Option("cramps", N_("Cramps or mild tummy pain"), N_("Like period pain.")),
            Option("one_sided_pain", N_("Pain low down on one side")),
            Option(
                "contractions",
                N_("Tightenings that come and go"),
                N_("Regular tightening of your bump, backache, or pressure low down."),
            ),
            Option("fluid", N_("A gush or trickle of fluid from your vagina")),
            Option("fever", N_("Fever, chills or smelly discharge")),
            Option(NONE, N_("No, none of these")),
        ),
    ),
    Question(
        id="movements",
        kind="radio",
        title=N_("Is your baby moving as usual?"),
        hint=N_("Think of your baby's usual pattern of kicks and movements."),
        summary_label=N_("Baby's movements"),
        asked_when=is_("weeks", "24_to_36", "37_plus"),
        asked_when_words=N_("Asked from 24 weeks."),
        options=(
            Option("as_usual", N_("Yes, as usual")),
            Option("less_or_different", N_("Moving less, or differently")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="injury",
        kind="radio",
        title=N_("Has anything hit or hurt your tummy recently?"),
        hint=N_(
            "For example a fall, a knock or blow, a car accident, or someone hurting you. "
            "Your answer is not stored."
        ),
        summary_label=N_("Injury to the tummy"),
        options=(
            Option("yes", N_("Yes")),
            Option("no", N_("No")),
            Option("prefer_not_to_say", N_("I'd rather not say")),
        ),
    ),
    Question(
        id="history",
        kind="checkbox",
        title=N_("Do any of these apply to you?"),
        hint=N_("Select all that apply."),
        summary_label=N_("Health history"),
        options=(
            Option(
                "low_placenta",
                N_("You were told your placenta is low"),
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
                N_("Your blood group is Rh-negative"),
                N_("Also called rhesus negative, for example O negative."),
            ),
            Option(NONE, N_("None of these")),
        ),
    ),
    Question(
        id="scan",
        kind="radio",
        title=N_("Has a scan shown that the pregnancy is in your womb?"),
        hint=N_("Your first scan usually shows this."),
        summary_label=N_("Scan showed pregnancy in the womb"),
        asked_when=is_("weeks", *EARLY_WEEKS),
        asked_when_words=N_("Asked before 12 weeks, or when the weeks are not known."),
        options=(
            Option("yes", N_("Yes")),
            Option("no", N_("No, or I have not had a scan yet")),
            Option("not_sure", N_("I'm not sure")),
        ),
    ),
    Question(
        id="after_sex",
        kind="radio",
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
        title=N_("Does it look like a 'show'?"),
        hint=N_(
            "A show is sticky, jelly-like mucus with pink or brown streaks and no fresh "
            "red blood. It can happen when your body is getting ready for labour."
        ),
        summary_label=N_("Looks like a show"),
        asked_when=all_(is_("weeks", "37_plus"), is_("amount", "spotting")),
        asked_when_words=N_("Asked from 37 weeks, when the bleeding is spotting."),
        options=(
            Option("yes", N_("Yes, it looks like a show")),
            Option("no", N_("No")),
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
        N_("Bleeding as heavy as a period should be checked straight away."),
        "amount = period_like",
        "ACOG",
    ),
    Rule(
        "U4",
        Level.URGENT,
        is_("clots", "yes", "not_sure"),
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
        N_(
            "Tell them your blood group is Rh-negative. You may need an injection called "
            "anti-D, ideally within 72 hours of the bleeding starting."
        ),
        "rh_negative and weeks from 12 (or not known)",
    ),
    Note(
        "rh_negative_early",
        all_(is_("history", "rh_negative"), is_("weeks", "under_6", "6_to_11")),
        N_("Mention that your blood group is Rh-negative."),
        "rh_negative and weeks under 12",
    ),
    Note(
        "after_sex",
        is_("after_sex", "yes"),
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
        N_(
            "If you bleed every time after sex, ask for an appointment to have your cervix checked."
        ),
        "after_sex = yes and pattern = keeps_coming_back",
    ),
    Note(
        "previous_miscarriage",
        is_("history", "previous_miscarriage"),
        N_(
            "Bleeding can be very frightening if you have lost a pregnancy before. Early "
            "pregnancy units are there for you, and they see many people who have had a loss."
        ),
        "previous_miscarriage",
    ),
    Note(
        "injury_support",
        is_("injury", "yes", "prefer_not_to_say"),
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
        N_(
            "If you are not sure you are pregnant, a pregnancy test can help. If you might be "
            "pregnant and have bleeding with pain, get care now."
        ),
        "weeks = unknown",
    ),
    Note(
        "while_waiting",
        ALWAYS,
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
    N_("the bleeding gets heavy: soaking a pad in an hour or less"),
    N_("you have strong, sudden or constant pain in your tummy"),
    N_("you have pain in the tip of your shoulder"),
    N_("you faint, or feel very dizzy, cold and clammy"),
)
URGENT_SIGNS: tuple[str, ...] = (
    N_("the bleeding gets heavier, or you pass clots"),
    N_("you get cramps, or pain on one side"),
    N_("fluid leaks from your vagina"),
    N_("you get a fever or feel shivery"),
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

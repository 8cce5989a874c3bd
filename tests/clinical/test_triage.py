"""The engine against TRIAGE.md: rule by rule, exhaustively, and by property."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.oracle import expected_level
from widget.clinical.content import (
    NONE,
    NOTES_BY_ID,
    QUESTIONS,
    QUESTIONS_BY_ID,
    RULES,
    RULES_BY_ID,
    Level,
)
from widget.clinical.triage import assess, certain_level, pending, prune

# A calm baseline: early pregnancy, spotting, nothing else.
CALM = {
    "danger": frozenset({"none"}),
    "weeks": frozenset({"6_to_11"}),
    "amount": frozenset({"spotting"}),
    "clots": frozenset({"no"}),
    "symptoms": frozenset({"none"}),
    "injury": frozenset({"no"}),
    "history": frozenset({"none"}),
    "scan": frozenset({"yes"}),
    "after_sex": frozenset({"yes"}),
    "pattern": frozenset({"once_stopped"}),
}


def with_(**changes: str | tuple[str, ...]) -> dict[str, frozenset[str]]:
    answers = dict(CALM)
    for question, value in changes.items():
        answers[question] = frozenset({value} if isinstance(value, str) else value)
    return prune(answers)


def test_calm_baseline_is_soon_not_routine():
    outcome = assess(CALM)
    assert outcome.level == Level.SOON
    assert outcome.rule_ids == ("S1",)


# One row per rule of the table: answers that match it alone, and its level.
RULE_ROWS = [
    ("E1", with_(danger="heavy_bleeding"), Level.EMERGENCY),
    ("E1", with_(danger="severe_pain"), Level.EMERGENCY),
    ("E1", with_(danger="shoulder_pain"), Level.EMERGENCY),
    ("E1", with_(danger="faint"), Level.EMERGENCY),
    ("E2", with_(injury="yes"), Level.EMERGENCY),
    ("E3", with_(symptoms="fluid", amount="light", weeks="24_to_36"), Level.EMERGENCY),
    ("E3", with_(symptoms="fluid", amount="period_like", weeks="37_plus"), Level.EMERGENCY),
    ("E3", with_(symptoms="fluid", amount="light", weeks="unknown"), Level.EMERGENCY),
    ("E4", with_(history="low_placenta", amount="light"), Level.EMERGENCY),
    ("E4", with_(history="low_placenta", amount="period_like"), Level.EMERGENCY),
    ("E5", with_(history="vasa_praevia"), Level.EMERGENCY),
    ("E5", with_(history="vasa_praevia", weeks="24_to_36"), Level.EMERGENCY),
    ("E6", with_(danger="sepsis"), Level.EMERGENCY),
    ("U1", with_(weeks="12_to_23"), Level.URGENT),
    ("U1", with_(weeks="24_to_36", movements="as_usual"), Level.URGENT),
    ("U2", with_(weeks="37_plus", movements="as_usual", show="no"), Level.URGENT),
    ("U2", with_(weeks="37_plus", movements="as_usual", amount="light"), Level.URGENT),
    ("U3", with_(amount="period_like"), Level.URGENT),
    ("U4", with_(clots="yes"), Level.URGENT),
    ("U4", with_(clots="not_sure"), Level.URGENT),
    ("U5", with_(symptoms="cramps"), Level.URGENT),
    ("U5", with_(symptoms="one_sided_pain"), Level.URGENT),
    ("U5", with_(symptoms="contractions"), Level.URGENT),
    ("U5", with_(symptoms="fluid"), Level.URGENT),
    ("U5", with_(symptoms="fever"), Level.URGENT),
    ("U7", with_(history="low_placenta"), Level.URGENT),
    ("U7", with_(history="avoid_sex"), Level.URGENT),
    ("U7", with_(history="cervical_stitch"), Level.URGENT),
    ("U8", with_(history="ectopic_risk", scan="no"), Level.URGENT),
    ("U8", with_(history="ectopic_risk", scan="not_sure"), Level.URGENT),
    ("U8", with_(history="ectopic_risk", weeks="unknown", scan="no"), Level.URGENT),
    ("U9", with_(injury="prefer_not_to_say"), Level.URGENT),
    ("U10", with_(symptoms="bowel_bladder_pain"), Level.URGENT),
    ("R1", with_(weeks="37_plus", movements="as_usual", show="yes"), Level.ROUTINE),
]


@pytest.mark.parametrize(("rule_id", "answers", "level"), RULE_ROWS)
def test_each_rule_reaches_its_level(rule_id, answers, level):
    outcome = assess(answers)
    assert outcome.level == level
    assert rule_id in outcome.rule_ids


def test_every_rule_has_a_row():
    assert {row[0] for row in RULE_ROWS} | {"S1", "U6"} == {rule.id for rule in RULES}


def test_u6_reduced_movements_is_urgent_even_with_a_show():
    answers = with_(weeks="37_plus", movements="less_or_different", show="yes")
    outcome = assess(answers)
    assert outcome.level == Level.URGENT
    assert outcome.rule_ids == ("U6",)


def test_e3_fluid_with_bleeding_is_an_emergency_from_24_weeks_only():
    for weeks in ("under_6", "6_to_11", "12_to_23"):
        outcome = assess(with_(symptoms="fluid", amount="light", weeks=weeks))
        assert outcome.level == Level.URGENT and "E3" not in outcome.rule_ids, weeks
        assert "U5" in outcome.rule_ids
    for weeks in ("24_to_36", "37_plus", "unknown"):
        assert "E3" in assess(with_(symptoms="fluid", amount="light", weeks=weeks)).rule_ids


def test_u8_does_not_apply_once_a_scan_showed_the_pregnancy_in_the_womb():
    assert assess(with_(history="ectopic_risk", scan="yes")).level == Level.SOON


@pytest.mark.parametrize(
    "flags",
    [
        combo
        for size in range(1, 6)
        for combo in itertools.combinations(
            ["heavy_bleeding", "severe_pain", "shoulder_pain", "faint", "sepsis"], size
        )
    ],
)
def test_every_combination_of_red_flags_is_an_emergency(flags):
    assert assess(with_(danger=flags)).level == Level.EMERGENCY
    # ...and is known as soon as the first question is answered.
    assert certain_level({"danger": frozenset(flags)}) == Level.EMERGENCY


def test_nothing_answered_is_not_reassuring():
    assert assess({}).level == Level.SOON


def test_a_show_not_answered_is_not_treated_as_a_show():
    answers = with_(weeks="37_plus", movements="as_usual")
    assert "show" not in answers
    assert assess(answers).level == Level.URGENT


RADIO_QUESTIONS = [q for q in QUESTIONS if q.kind == "radio"]


def test_exhaustive_over_every_radio_answer_against_the_table():
    """Every combination of radio answers (39,366), checkboxes at their calm value."""
    base = {"danger": frozenset({NONE}), "symptoms": frozenset({NONE})}
    base["history"] = frozenset({NONE})
    count = 0
    for values in itertools.product(*(q.options for q in RADIO_QUESTIONS)):
        answers = dict(base)
        for question, option in zip(RADIO_QUESTIONS, values, strict=True):
            answers[question.id] = frozenset({option.id})
        answers = prune(answers)
        assert assess(answers).level.id == expected_level(answers), answers
        count += 1
    assert count == 6 * 3**8


def checkbox_answer(question_id: str) -> st.SearchStrategy[frozenset[str]]:
    options = sorted(QUESTIONS_BY_ID[question_id].option_ids - {NONE})
    return st.one_of(
        st.just(frozenset({NONE})),
        st.frozensets(st.sampled_from(options), min_size=1),
    )


def answer_strategy(question_id: str) -> st.SearchStrategy[frozenset[str]]:
    question = QUESTIONS_BY_ID[question_id]
    if question.kind == "checkbox":
        return checkbox_answer(question_id)
    return st.sampled_from(sorted(question.option_ids)).map(lambda o: frozenset({o}))


# Any subset of questions answered (unanswered = not reported), then pruned.
any_answers = st.fixed_dictionaries(
    {},
    optional={question.id: answer_strategy(question.id) for question in QUESTIONS},
).map(prune)


@settings(max_examples=examples(1500), deadline=None)
@given(any_answers)
def test_engine_matches_the_table_for_any_answers(answers):
    assert assess(answers).level.id == expected_level(answers)


@settings(max_examples=examples(1000), deadline=None)
@given(any_answers, st.sampled_from([q for q in QUESTIONS if q.kind == "checkbox"]), st.data())
def test_ticking_another_box_never_lowers_the_level(answers, question, data):
    before = assess(answers).level
    extra = data.draw(st.sampled_from(sorted(question.option_ids - {NONE})))
    current = answers.get(question.id, frozenset()) - {NONE}
    worse = dict(answers)
    worse[question.id] = current | {extra}
    worse = prune(worse)
    assert assess(worse).level >= before


# For radio questions, options from least to most worrying where that order is clear.
WORRY_ORDER = {
    "amount": ["spotting", "light", "period_like"],
    "clots": ["no", "not_sure", "yes"],
    "movements": ["as_usual", "not_sure", "less_or_different"],
    "injury": ["no", "prefer_not_to_say", "yes"],
    "scan": ["yes", "not_sure", "no"],
    "show": ["yes", "not_sure", "no"],
}


@settings(max_examples=examples(1000), deadline=None)
@given(any_answers, st.sampled_from(sorted(WORRY_ORDER)), st.data())
def test_a_more_worrying_answer_never_lowers_the_level(answers, question_id, data):
    order = WORRY_ORDER[question_id]
    low = data.draw(st.integers(0, len(order) - 2))
    high = data.draw(st.integers(low + 1, len(order) - 1))
    calmer = prune({**answers, question_id: frozenset({order[low]})})
    worse = prune({**answers, question_id: frozenset({order[high]})})
    if question_id in calmer and question_id in worse:
        assert assess(worse).level >= assess(calmer).level


@settings(max_examples=examples(1000), deadline=None)
@given(any_answers, st.data())
def test_the_level_announced_early_is_never_taken_back(answers, data):
    """certain_level is a promise: completing the answers never goes below it."""
    promised = certain_level(answers)
    completed = dict(answers)
    for question in QUESTIONS:
        if question.id in pending(completed):
            completed[question.id] = data.draw(answer_strategy(question.id))
    completed = prune(completed)
    if promised is not None:
        assert assess(completed).level >= promised


def test_rh_negative_note_depends_on_weeks():
    late = assess(with_(history="rh_negative", weeks="12_to_23"))
    early = assess(with_(history="rh_negative", weeks="6_to_11"))
    assert "rh_negative_anti_d" in late.note_ids
    assert "rh_negative_early" in early.note_ids
    assert "rh_negative_anti_d" not in early.note_ids


SHOW = {"weeks": "37_plus", "movements": "as_usual", "show": "yes"}


def test_the_show_outcome_has_no_72_hour_anti_d_urgency():
    show = assess(with_(history="rh_negative", **SHOW))
    assert show.level == Level.ROUTINE
    assert "rh_negative_show" in show.note_ids and "rh_negative_anti_d" not in show.note_ids
    unknown = assess(with_(history="rh_unknown", **SHOW))
    assert "rh_unknown_show" in unknown.note_ids and "rh_unknown" not in unknown.note_ids
    texts = " ".join(NOTES_BY_ID[n].text for n in (*show.note_ids, *unknown.note_ids))
    assert "72 hours" not in texts


def test_rh_unknown_asks_about_the_blood_group_from_12_weeks():
    assert "rh_unknown" in assess(with_(history="rh_unknown", weeks="12_to_23")).note_ids
    assert "rh_unknown" in assess(with_(history="rh_unknown", weeks="unknown")).note_ids
    assert not {"rh_unknown", "rh_unknown_show"} & set(
        assess(with_(history="rh_unknown")).note_ids  # 6 to 11 weeks
    )


def test_the_show_outcome_says_one_thing_and_to_call_for_fresh_red_blood():
    show = assess(with_(after_sex="yes", **SHOW))
    assert show.level == Level.ROUTINE
    texts = " ".join(NOTES_BY_ID[n].text for n in show.note_ids)
    for contradiction in ("still needs checking", "Keep a used pad", "until you have been checked"):
        assert contradiction not in texts, contradiction
    assert show.urgent_signs[0] == "fresh_red_blood"


def test_the_reassurance_does_not_sit_beside_a_possible_ectopic_pregnancy_or_at_term():
    assert "reassurance" in assess(CALM).note_ids
    for answers in (
        with_(history="ectopic_risk", scan="no"),
        with_(symptoms="one_sided_pain"),
        with_(symptoms="bowel_bladder_pain"),
        with_(symptoms="one_sided_pain", weeks="unknown", scan="yes"),
        with_(weeks="37_plus", movements="as_usual", amount="light"),
    ):
        assert "reassurance" not in assess(answers).note_ids, answers
    # Not answered is not reassuring: before the symptoms question at 6 to 11
    # weeks an ectopic pregnancy may still be possible, so no reassurance yet.
    jumped = assess({"danger": frozenset({"none"}), "weeks": frozenset({"6_to_11"})})
    assert "reassurance" not in jumped.note_ids


def test_sex_does_not_harm_the_baby_is_not_said_beside_reduced_movements():
    answers = with_(after_sex="yes", weeks="24_to_36", movements="less_or_different")
    notes = assess(answers).note_ids
    assert "after_sex_movements" in notes and "after_sex" not in notes
    assert "does not harm the baby" not in NOTES_BY_ID["after_sex_movements"].text


def test_no_early_pregnancy_unit_from_24_weeks():
    late = assess(with_(history="previous_miscarriage", weeks="24_to_36", movements="as_usual"))
    assert late.from_24_weeks
    assert "previous_miscarriage_late" in late.note_ids
    assert "early pregnancy unit" not in NOTES_BY_ID["previous_miscarriage_late"].text.lower()
    assert not assess(with_(history="previous_miscarriage")).from_24_weeks


def test_signs_fit_the_weeks():
    early = assess(CALM)
    assert "movements" not in early.urgent_signs and "hard_tummy" not in early.emergency_signs
    at_16 = assess(with_(weeks="12_to_23"))  # 20 weeks falls in 12 to 23
    assert "hard_tummy" in at_16.emergency_signs
    unknown = assess(with_(weeks="unknown", scan="yes"))
    assert "movements" in unknown.urgent_signs and "hard_tummy" in unknown.emergency_signs


def test_reasons_name_what_she_told_us_and_fit_the_stage():
    placenta = assess(with_(history="low_placenta"))
    assert placenta.reasons[0].startswith("You were told your placenta is low.")
    both = assess(with_(history=("avoid_sex", "cervical_stitch")))
    assert [r.split(".")[0] for r in both.reasons] == [
        "You were told to avoid sex in this pregnancy",
        "You have a stitch in your cervix",
    ]
    early_clots = assess(with_(clots="not_sure"))
    assert "miscarriage" in early_clots.reasons[0]
    term_clots = assess(with_(clots="not_sure", **SHOW))
    assert term_clots.rule_ids == ("U4",)
    assert not any("miscarriage" in reason for reason in term_clots.reasons)
    at_30 = assess(with_(clots="yes", weeks="24_to_36", movements="as_usual"))
    assert not any("miscarriage" in reason for reason in at_30.reasons)
    early = assess(with_(symptoms="cramps"))
    assert early.reasons == ("Bleeding with pain should be checked straight away.",)


def test_after_sex_notes():
    assert "after_sex" in assess(with_(after_sex="yes")).note_ids
    recurring = assess(with_(after_sex="yes", pattern="keeps_coming_back"))
    assert "after_sex_recurring" in recurring.note_ids
    assert "after_sex" not in assess(with_(after_sex="no")).note_ids


def test_injury_support_note_for_yes_and_prefer_not_to_say():
    assert "injury_support" in assess(with_(injury="yes")).note_ids
    assert "injury_support" in assess(with_(injury="prefer_not_to_say")).note_ids
    assert "injury_support" not in assess(CALM).note_ids


def test_waiting_advice_only_for_soon_and_routine():
    assert "while_waiting" in assess(CALM).note_ids
    assert "while_waiting" not in assess(with_(clots="yes")).note_ids
    assert "while_waiting_show" in assess(with_(**SHOW)).note_ids


def test_questions_not_asked_are_dropped_when_weeks_change():
    answers = with_(weeks="24_to_36", movements="as_usual")
    assert "movements" in answers and "scan" not in answers
    back_early = prune({**answers, "weeks": frozenset({"6_to_11"})})
    assert "movements" not in back_early


def test_why_we_say_this_gives_only_the_reasons_of_the_level_reached():
    """An emergency with urgent rules matching too: no urgent reason (one names
    the maternity team) under 'call the emergency number'."""
    answers = {
        "danger": frozenset({"none"}),
        "weeks": frozenset({"24_to_36"}),
        "amount": frozenset({"light"}),
        "symptoms": frozenset({"fluid"}),
    }
    outcome = assess(answers)
    assert outcome.level == Level.EMERGENCY
    assert {"E3", "U1", "U5"} <= set(outcome.rule_ids)
    assert outcome.reasons == RULES_BY_ID["E3"].reasons_for(answers)
    urgent = [RULES_BY_ID[rule_id].reasons_for(answers) for rule_id in ("U1", "U5")]
    assert not {text for texts in urgent for text in texts} & set(outcome.reasons)


def test_from_37_weeks_the_amount_question_says_mucus_streaks_are_spotting():
    amount = QUESTIONS_BY_ID["amount"]
    hint = "If you only saw sticky mucus with pink or brown streaks, choose Spotting."
    assert hint in amount.hints({"weeks": frozenset({"37_plus"})})
    assert hint not in amount.hints({"weeks": frozenset({"24_to_36"})})

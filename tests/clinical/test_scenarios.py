"""The clinical scenarios (tests/clinical/scenarios.toml) and the scenario runner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widget.__main__ import main
from widget.clinical.content import RULES
from widget.clinical.scenarios import (
    Case,
    CaseError,
    ScenarioFileError,
    load_cases,
    load_file,
    parse_pairs,
    run_case,
    walk,
)

SCENARIOS = Path(__file__).with_name("scenarios.toml")
CASES = load_file(SCENARIOS)

CALM_EARLY = {
    "danger": "none",
    "weeks": "6_to_11",
    "amount": "spotting",
    "clots": "no",
    "symptoms": "none",
    "injury": "no",
    "history": "none",
    "scan": "yes",
    "after_sex": "no",
    "pattern": "once_stopped",
}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_scenario_reaches_the_expected_advice(case):
    result = run_case(case)
    assert result.passed, result.problems


def test_the_file_has_at_least_40_cases_each_with_a_story_and_a_reason_citing_a_rule():
    assert len(CASES) >= 40
    for case in CASES:
        assert case.story, case.id
        assert re.search(r"\b[ERSU]\d+\b", case.reason), case.id


def test_every_rule_is_reached_by_some_scenario():
    matched = {
        rule_id
        for case in CASES
        for rule_id in walk(
            {q: frozenset([v] if isinstance(v, str) else v) for q, v in case.answers_raw.items()}
        ).outcome.rule_ids
    }
    assert {rule.id for rule in RULES} <= matched


def test_every_level_is_expected_by_some_scenario():
    assert {case.expect for case in CASES} == {"emergency", "urgent", "soon", "routine"}


def case(answers, expect, **extra):
    return Case(id="t", answers_raw=answers, expect=expect, **extra)


def test_a_wrong_expected_level_fails_with_the_reason():
    result = run_case(case(CALM_EARLY, "routine"))
    assert not result.passed
    assert result.got == "soon"
    assert "expected routine, got soon" in result.problems[0]


def test_wrong_expected_notes_fail():
    result = run_case(case(CALM_EARLY, "soon", notes=("after_sex",)))
    assert not result.passed
    assert "expected notes [after_sex], got [reassurance, while_waiting]" in result.problems[0]


def test_wrong_expected_signs_fail_and_unknown_signs_are_an_error():
    wrong = run_case(case(CALM_EARLY, "soon", signs=("injury",)))
    assert not wrong.passed
    assert "expected signs [injury], got [" in wrong.problems[0]
    assert "movements" not in wrong.problems[0]  # no baby movements at 6 to 11 weeks
    unknown = run_case(case(CALM_EARLY, "soon", signs=("bleeding",)))
    assert unknown.got == "error" and "unknown sign 'bleeding'" in unknown.problems[0]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({**CALM_EARLY, "weeks": "12_to_24"}, "unknown answer '12_to_24' for weeks"),
        ({**CALM_EARLY, "bleeding": "yes"}, "unknown question 'bleeding'"),
        ({**CALM_EARLY, "weeks": ["6_to_11", "under_6"]}, "weeks takes one answer"),
        ({**CALM_EARLY, "danger": ["none", "faint"]}, "'none' cannot be ticked"),
        ({**CALM_EARLY, "movements": "as_usual"}, "movements is not asked"),
        ({k: v for k, v in CALM_EARLY.items() if k != "pattern"}, "asks 'pattern' next"),
    ],
)
def test_a_case_the_widget_could_never_see_is_an_error(answers, message):
    result = run_case(case(answers, "soon"))
    assert not result.passed and result.got == "error"
    assert message in result.problems[0]


def test_an_emergency_answer_stops_the_walk_and_later_answers_are_not_reached():
    answers = {**CALM_EARLY, "danger": "heavy_bleeding", "history": "rh_negative"}
    result = run_case(case(answers, "emergency", notes=()))
    assert result.passed
    assert "not reached" in result.info[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[case]\n", "not valid TOML"),
        ("title = 'x'\n", "unknown top-level keys"),
        ("[[case]]\nid='a'\nexpect='soon'\n", "missing 'answers'"),
        ("[[case]]\nid='a'\nanswers={}\nexpect='soon'\nexpected='x'\n", "unknown keys expected"),
    ],
)
def test_a_malformed_file_is_a_clear_error(text, message):
    with pytest.raises(ScenarioFileError, match=message):
        load_cases(text)


def test_the_scenarios_command_exits_0_when_all_pass(capsys):
    assert main(["scenarios", str(SCENARIOS)]) == 0
    out = capsys.readouterr().out
    assert f"{len(CASES)} cases: {len(CASES)} passed, 0 failed" in out


def test_the_scenarios_command_exits_1_and_shows_the_failure(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[case]]\nid = "term-show-is-urgent?"\nexpect = "urgent"\n'
        'answers = { danger = "none", weeks = "37_plus", amount = "spotting", clots = "no", '
        'symptoms = "none", movements = "as_usual", injury = "no", history = "none", '
        'after_sex = "no", pattern = "once_stopped", show = "yes" }\n'
    )
    assert main(["scenarios", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "expected urgent, got routine (rules R1)" in out


def test_the_scenarios_command_exits_2_for_an_unreadable_file(tmp_path, capsys):
    assert main(["scenarios", str(tmp_path / "missing.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_assess_prints_level_rules_and_notes(capsys):
    code = main(["assess", "danger=none", "weeks=12_to_23", "amount=spotting", "after_sex=yes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "level: urgent" in out
    assert "U1 (urgent)" in out
    assert "notes: after_sex, injury_support" in out  # no reassurance: E2, E5 still possible
    assert "not answered" in out and "clots" in out
    # The questions not answered could still make it an emergency: say which, and the signs.
    assert "could still match" in out and "E2, E5" in out
    assert "before anything else, if: injury, vasa_praevia" in out
    assert "call the emergency number now if: heavy_bleeding" in out


def test_assess_takes_several_ticks_for_a_checkbox_question(capsys):
    assert main(["assess", "danger=heavy_bleeding,faint"]) == 0
    assert "level: emergency" in capsys.readouterr().out


def test_assess_rejects_an_unknown_id_with_a_clear_message(capsys):
    assert main(["assess", "weeks=twelve"]) == 2
    err = capsys.readouterr().err
    assert "unknown answer 'twelve' for weeks" in err
    assert "12_to_23" in err


def test_assess_rejects_words_without_an_equals_sign():
    with pytest.raises(CaseError, match="expected question=answer"):
        parse_pairs(["weeks"])

"""The hazard log (docs/clinical-safety.md) names only tests that exist.

Each control in the log is "verified by" tests written as
`tests/path.py::test_name`; a `::test_name` alone continues the file named
before it in the same table cell, and a `[case]` suffix names one
parametrised case. If a test is renamed or deleted, the log would claim a
control nobody checks any more: these tests fail instead.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from widget.i18n.locales import SHIPPED, SOURCE_LOCALE, locales_dir, read_catalog
from widget.i18n.signoff import REVIEWED, review_state

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "clinical-safety.md"

# `tests/x.py`, `tests/x.py::name`, `tests/x.py::name[case]` or `::name[case]`.
_REFERENCE = re.compile(r"`(?P<file>tests/[\w/]+\.py)?(?:::(?P<name>\w+)(?:\[[^\]`]*\])?)?`")


def references(text: str) -> list[tuple[str, str | None, str]]:
    """(file, function or None, where) for every test reference in ``text``.

    A table row is split into cells; anything else is one cell per line.
    """
    found: list[tuple[str, str | None, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.strip().strip("|").split("|") if line.startswith("|") else [line]
        for cell in cells:
            current: str | None = None
            for match in _REFERENCE.finditer(cell):
                file, name = match["file"], match["name"]
                if file is None and name is None:
                    continue  # some other `code`
                where = f"line {number}: {match[0]}"
                if file is not None:
                    current = file
                if current is None:
                    raise AssertionError(f"{where} continues no file in its cell")
                found.append((current, name, where))
    return found


@cache
def defined_functions(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )


def missing(text: str) -> list[str]:
    problems = []
    for file, name, where in references(text):
        path = ROOT / file
        if not path.is_file():
            problems.append(f"{where}: no file {file}")
        elif name is not None and name not in defined_functions(path):
            problems.append(f"{where}: no function {name} in {file}")
    return problems


def hazards(text: str) -> dict[str, str]:
    """Each "## Hn. title" section of the log, by its heading."""
    parts = re.split(r"^## (.*)$", text, flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return {title: body for title, body in sections.items() if re.match(r"H\d+\. ", title)}


@pytest.fixture(scope="module")
def log() -> str:
    return LOG.read_text(encoding="utf-8")


def test_every_test_the_log_names_exists(log):
    named = references(log)
    assert len(named) > 50, "the log should name the tests behind its controls"
    assert missing(log) == []


def test_the_checker_catches_a_bogus_file_or_function():
    text = (
        "| Verified by | `tests/clinical/test_triage.py::test_no_such_test_exists`, "
        "`::also_missing`; "
        "`tests/test_nowhere.py::test_anything` |\n"
        "| Verified by | `::test_exhaustive_over_every_radio_answer_against_the_table` |\n"
    )
    assert missing(text[: text.index("\n") + 1]) == [
        "line 1: `tests/clinical/test_triage.py::test_no_such_test_exists`: "
        "no function test_no_such_test_exists in tests/clinical/test_triage.py",
        "line 1: `::also_missing`: no function also_missing in tests/clinical/test_triage.py",
        "line 1: `tests/test_nowhere.py::test_anything`: no file tests/test_nowhere.py",
    ]
    with pytest.raises(AssertionError, match="continues no file"):
        references(text)


def test_a_continuation_and_a_parametrised_case_resolve_to_the_file_before():
    text = (
        "| x | `tests/browser/test_journeys.py::test_a_reader_completes_the_questions[no-js]`"
        " and `[js]`, `::test_with_javascript_focus_moves_to_the_new_question_and_title_updates` |"
    )
    assert [(file, name) for file, name, _ in references(text)] == [
        ("tests/browser/test_journeys.py", "test_a_reader_completes_the_questions"),
        (
            "tests/browser/test_journeys.py",
            "test_with_javascript_focus_moves_to_the_new_question_and_title_updates",
        ),
    ]
    assert missing(text) == []


def test_nothing_in_the_log_is_still_planned(log):
    assert not re.search(r"\bplanned\b", log, re.IGNORECASE)


def test_every_hazard_is_verified_by_some_test(log):
    sections = hazards(log)
    assert len(sections) >= 9
    for heading, body in sections.items():
        rows = [line for line in body.splitlines() if line.startswith("| Verified by |")]
        assert len(rows) == 1, heading
        assert references(rows[0]), f"{heading}: names no test"


def test_the_log_names_every_shipped_language_still_a_machine_draft(log):
    (translation,) = [body for title, body in hazards(log).items() if "translation" in title]
    for code in SHIPPED:
        if code == SOURCE_LOCALE:
            continue
        path = locales_dir() / code / "LC_MESSAGES" / "messages.po"
        if review_state(read_catalog(path, code)) != REVIEWED:
            assert f"`{code}`" in translation, f"{code} is unreviewed but not in the log"

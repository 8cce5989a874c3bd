"""`make check` selects tests by marker: whatever starts Chromium, WordPress or
Prometheus must carry its marker (tests/conftest.py refuses it otherwise); and
it runs property tests with a tenth of their examples (tests/examples.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import settings

from tests.conftest import NEEDS, missing_markers
from tests.examples import INNER_LOOP, examples

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class FakeItem:
    nodeid: str
    fixturenames: list[str]
    markers: set[str] = field(default_factory=set)

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.markers else None


def test_a_test_that_starts_a_browser_without_its_marker_is_refused():
    items = [
        FakeItem("tests/browser/test_a.py::test_marked", ["playwright", "browser"], {"browser"}),
        FakeItem("tests/web/test_b.py::test_unmarked", ["app", "playwright", "browser"]),
        FakeItem("tests/report/test_c.py::test_real", ["prometheus_binary", "tmp_path"]),
        FakeItem("tests/web/test_d.py::test_plain", ["client"]),
    ]
    assert missing_markers(items) == [
        "tests/web/test_b.py::test_unmarked uses the playwright fixture but is not marked browser",
        "tests/report/test_c.py::test_real uses the prometheus_binary fixture but is not marked "
        "prometheus",
    ]


def test_make_check_leaves_out_exactly_the_marked_tests():
    makefile = (ROOT / "Makefile").read_text()
    (expression,) = re.findall(r"^CHECK_MARKERS := (.*)$", makefile, re.MULTILINE)
    assert expression == " and ".join(f"not {marker}" for marker in NEEDS.values())
    registered = "\n".join((ROOT / "pyproject.toml").read_text().splitlines())
    for marker in NEEDS.values():
        assert f'"{marker}: ' in registered, marker


@pytest.mark.parametrize("marker", sorted(set(NEEDS.values())))
def test_every_test_module_that_needs_a_program_declares_it(marker):
    modules = {
        "browser": sorted((ROOT / "tests" / "browser").glob("test_*.py")),
        "wordpress": [ROOT / "tests" / "browser" / "test_wordpress.py"],
        "prometheus": [ROOT / "tests" / "report" / "test_report_prometheus.py"],
    }[marker]
    assert modules
    for module in modules:
        text = module.read_text()
        assert re.search(rf"^pytestmark = .*pytest\.mark\.{marker}\b", text, re.MULTILINE), module


def test_the_inner_loop_runs_a_tenth_of_each_property_tests_examples():
    before = settings.get_current_profile_name()
    try:
        settings.load_profile("default")
        assert [examples(n) for n in (5000, 1000, 150, 10)] == [5000, 1000, 150, 10]
        settings.load_profile(INNER_LOOP)
        assert [examples(n) for n in (5000, 1000, 150, 10)] == [500, 100, 20, 10]
    finally:
        settings.load_profile(before)
    guide = (ROOT / "docs" / "observability.md").read_text()
    assert "1,000 random tables" in guide and "150 whole reports" in guide
    assert "(100 and 20 in `make check`)" in guide

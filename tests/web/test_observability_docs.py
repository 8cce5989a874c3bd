"""docs/observability.md and the Grafana dashboard name only metrics the code defines."""

from __future__ import annotations

import json
import re
from pathlib import Path

from widget.web import metrics
from widget.web.routes import LABELS

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"\bbleeding_check_([a-z_]+)")
SUFFIXES = ("_total", "_bucket", "_count", "_sum")


def defined_metrics() -> set[str]:
    source = (ROOT / "widget" / "web" / "metrics.py").read_text()
    return set(re.findall(r'f"\{PREFIX\}_([a-z_]+)"', source))


def base(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def test_the_code_defines_the_metrics_the_docs_list():
    assert {"requests", "outcomes", "runs_started", "steps_reached"} <= defined_metrics()


def test_the_guide_names_only_defined_metrics():
    text = (ROOT / "docs" / "observability.md").read_text()
    named = {base(n) for n in NAME.findall(text)}
    table = {base(n) for n in re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE)}
    assert named and table
    assert named <= defined_metrics()
    assert table <= defined_metrics()


def test_the_dashboard_is_valid_json_using_only_defined_metrics():
    board = json.loads((ROOT / "docs" / "grafana" / "bleeding-check.json").read_text())
    exprs = [target["expr"] for panel in board["panels"] for target in panel["targets"]]
    named = {base(n) for expr in exprs for n in NAME.findall(expr)}
    assert len(exprs) >= 8
    assert named <= defined_metrics()


def route_matchers(text: str) -> set[str]:
    return set(re.findall(r'route=~?\\?"([^"\\]*)\\?"', text))


def test_the_guide_lists_every_route_label_and_no_other():
    text = (ROOT / "docs" / "observability.md").read_text()
    row = next(line for line in text.splitlines() if line.startswith("| `requests_total` |"))
    listed = {name for name in re.findall(r"`([^`]+)`", row) if name.startswith("/")}
    listed |= {"other"} if "`other`" in row else set()
    # The families' paths are written with "…" after the prefix: not labels.
    listed = {name for name in listed if "…" not in name}
    assert listed == {*LABELS, metrics.OTHER_ROUTE}


def test_route_matchers_in_the_guide_and_dashboard_are_labels():
    guide = (ROOT / "docs" / "observability.md").read_text()
    board = (ROOT / "docs" / "grafana" / "bleeding-check.json").read_text()
    matchers = route_matchers(guide) | route_matchers(board)
    assert matchers  # the guide's latency alert names /step
    assert matchers <= {*LABELS, metrics.OTHER_ROUTE}


def test_the_tests_and_files_the_docs_name_exist():
    """SECURITY.md and the guide name tests as evidence: each must be there."""
    source = "\n".join(path.read_text() for path in (ROOT / "tests").rglob("test_*.py"))
    defined = set(re.findall(r"^def (test_[a-z0-9_]+)\(", source, re.MULTILINE))
    for doc in ("SECURITY.md", "docs/observability.md"):
        text = (ROOT / doc).read_text()
        named = set(re.findall(r"`(test_[a-z0-9_]+)`", text))
        assert named or doc != "SECURITY.md"
        assert named <= defined, (doc, named - defined)
        for path in re.findall(r"`((?:tests|widget|docs)/[A-Za-z0-9_/.-]+)`", text):
            assert (ROOT / path).exists(), (doc, path)
    assert "test_no_suppressed_count_can_be_worked_out_from_what_is_printed" in defined

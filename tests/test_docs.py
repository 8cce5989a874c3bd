"""Docs that must not drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented():
    source = "\n".join(path.read_text() for path in (ROOT / "widget").rglob("*.py"))
    settings = set(re.findall(r"\bWIDGET_[A-Z_]+\b", source))
    assert {"WIDGET_REGION", "WIDGET_HSTS", "WIDGET_ACCESS_LOG"} <= settings
    readme = (ROOT / "README.md").read_text()
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    for setting in settings:
        assert f"| `{setting}` |" in readme, f"{setting} missing from README.md"
        assert f"| `{setting}` |" in deployment, f"{setting} missing from docs/deployment.md"


def test_every_serve_option_is_documented():
    from widget.__main__ import build_parser

    serve = build_parser()._subparsers._group_actions[0].choices["serve"]
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    for action in serve._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in deployment, f"{option} missing from docs/deployment.md"


def test_the_load_figures_are_recorded():
    deployment = (ROOT / "docs" / "deployment.md").read_text()
    rows = re.findall(r"^\| \d{4}-\d\d-\d\d \| \d+ \| 200 \| .* \| 0 \|$", deployment, re.M)
    assert rows, "record a `bench/load.py` run (200 connections, 0 errors) in docs/deployment.md"

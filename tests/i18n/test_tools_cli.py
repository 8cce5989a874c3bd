"""The one command of the translators' tools, and the make targets that call it."""

from __future__ import annotations

import re
from pathlib import Path

from widget.i18n.tools import cli

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {
    "translations": "update",
    "translation-status": "status",
    "check-catalogs": "check",
    "review-pack": "review-pack",
    "apply-review": "apply-review",
    "pseudo": "pseudo",
}


def recipes(makefile: str) -> dict[str, str]:
    """Each target's recipe, as one string."""
    found: dict[str, str] = {}
    target = None
    for line in makefile.splitlines():
        if line.startswith("\t") and target:
            found[target] += line + "\n"
        elif match := re.match(r"^([A-Za-z][\w-]*):", line):
            target = match.group(1)
            found[target] = ""
        elif not line.startswith("\t"):
            target = None
    return found


def test_every_translator_target_runs_one_command_of_the_tools():
    makefile = (ROOT / "Makefile").read_text()
    assert "I18N_TOOLS := $(BIN)/python -m widget.i18n.tools\n" in makefile
    found = recipes(makefile)
    for target, command in TARGETS.items():
        called = re.findall(r"\$\(I18N_TOOLS\) ([a-z-]+)", found[target])
        assert called == [command], (target, found[target])
    assert set(re.findall(r"-m (widget\.i18n[\w.]*)", makefile)) == {"widget.i18n.tools"}
    commands = cli.build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == {*TARGETS.values(), "extract"}  # extract: the template alone
    guide = (ROOT / "docs" / "translating.md").read_text()
    assert all(f"`make {target}" in guide for target in TARGETS)


def test_a_language_without_a_catalog_is_an_error_line(capsys):
    assert cli.main(["status", "xx"]) == 2
    assert capsys.readouterr().err == "error: no catalog for xx\n"
    assert cli.main(["review-pack", "xx"]) == 2
    assert capsys.readouterr().err == "error: no catalog for 'xx'\n"

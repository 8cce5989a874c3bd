"""No shell script or Makefile recipe feeds a command that stops reading early from a pipe.

Our scripts run under ``set -euo pipefail``. A command that exits before it
has read all of its input leaves the writer on the other side of the ``|``
writing into a closed pipe: the writer dies of SIGPIPE and, under pipefail,
the whole pipeline fails, at random, depending on how fast each side runs
(``php -m | grep -qx mysqli`` failed 74 times in 300 runs on one machine).

The rule (README.md, "Shell scripts and Makefile recipes"): to the right of
a ``|`` there is never

- ``grep`` with ``-q``/``--quiet``/``--silent``, ``-m``/``--max-count``,
  ``-l``/``-L``/``--files-with(out)-match(es)``, or with its output sent to
  ``/dev/null`` (GNU grep then stops at the first match, as with ``-q``);
- ``head``, ``read``;
- a ``sed`` script that quits (``q``, ``Q``) or an ``awk`` program that calls
  ``exit``.

Test the text instead: ``grep -q x <<<"$(command)"``, or a ``case``. The rule
holds in Makefile recipes too (make runs them without pipefail today; a
recipe copied into a script would not be).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_FOLDERS = {".git", ".venv", ".lforms", ".hypothesis", "build", "dist", "node_modules"}
SHELLS = re.compile(r"^#!.*\b(?:ba|da|k|z)?sh\b")
GREP_STOPS_EARLY = re.compile(
    r"^(?:--(?:quiet|silent|max-count(?:=.*)?|files-with(?:out)?-match(?:es)?)"
    r"|-[A-Za-z]*[qmlL].*)$"
)
SED_QUITS = re.compile(r"(?:^|[;{}\s\d$/])[qQ]\d*\s*(?:$|[;}])")
SEPARATORS = {";", "&", "&&", "||", "(", ")", "{", "}", "\n", "`", "$("}
PREFIXES = {"!", "command", "builtin", "exec", "env", "time", "sudo", "nice", "nohup"}
# A redirection to /dev/null, which file descriptor: "1", "&" (both) or another.
DEV_NULL = re.compile(r"(?<![\w>&])(\d*|&)>>?\s*/dev/null\b")
OUTPUT_TO_DEV_NULL = "__stdout_to_dev_null__"  # no shell punctuation in it


def _dev_null(match: re.Match[str]) -> str:
    return f" {OUTPUT_TO_DEV_NULL} " if match.group(1) in ("", "1", "&") else " "


def shell_files(root: Path = ROOT) -> Iterator[Path]:
    """Every shell script: ``*.sh``, or a file whose first line runs a shell."""
    for path in sorted(root.rglob("*")):
        if set(path.relative_to(root).parts) & SKIPPED_FOLDERS or not path.is_file():
            continue
        if path.suffix == ".sh":
            yield path
        elif path.suffix == "" and path.stat().st_size < 1_000_000:
            with path.open("rb") as handle:
                first = handle.readline().decode("utf-8", "replace")
            if SHELLS.match(first):
                yield path


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, line) with backslash-newline continuations joined."""
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        yield start, pending + line
        pending = ""
    if pending:
        yield start, pending


def recipe_lines(makefile: Path) -> Iterator[tuple[int, str]]:
    """The recipe lines of a Makefile (tab first), continuations joined, as the
    shell sees them (``$$`` is ``$``; the ``@``, ``-`` and ``+`` prefixes off)."""
    for number, line in _logical_lines(makefile.read_text(encoding="utf-8")):
        if line.startswith("\t"):
            yield number, line.strip().lstrip("@-+").replace("$$", "$")


def script_lines(script: Path) -> Iterator[tuple[int, str]]:
    return _logical_lines(script.read_text(encoding="utf-8", errors="replace"))


def _tokens(line: str) -> list[str]:
    line = DEV_NULL.sub(_dev_null, line).replace("$(", " $( ")
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
    lexer.commenters = "#"
    lexer.whitespace_split = True
    lexer.wordchars += "$"
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote on this line (a string that goes on): words only
        return line.split()


def _stages_after_a_pipe(tokens: list[str]) -> Iterator[list[str]]:
    """The words of every command that reads a pipe (right of a single ``|``)."""
    stage: list[str] | None = None
    for token in tokens:
        if token == "|":
            if stage:
                yield stage
            stage = []
        elif token in SEPARATORS or token in ("||", "|&"):
            if stage:
                yield stage
            stage = None
        elif stage is not None:
            stage.append(token)
    if stage:
        yield stage


def _stops_early(words: list[str]) -> str | None:
    """Why this command may stop before reading all its input, or None."""
    index = 0
    while index < len(words) and (words[index] in PREFIXES or re.match(r"^\w+=", words[index])):
        index += 1
    if index == len(words):
        return None
    command, arguments = Path(words[index]).name, words[index + 1 :]
    if command in ("grep", "egrep", "fgrep", "zgrep"):
        options = [a for a in arguments if a.startswith("-") and a != "--"]
        if any(GREP_STOPS_EARLY.match(option) for option in options):
            return f"{command} {' '.join(options)} stops at its first match"
        if OUTPUT_TO_DEV_NULL in arguments:
            return f"{command} with its output to /dev/null stops at its first match"
    if command in ("head", "read"):
        return f"{command} stops reading early"
    if command == "sed" and any(
        SED_QUITS.search(a) for a in arguments if not a.startswith("-") or a.startswith("-e")
    ):
        return "a sed script that quits stops reading early"
    if command in ("awk", "gawk", "mawk") and any(re.search(r"\bexit\b", a) for a in arguments):
        return "an awk program that exits stops reading early"
    return None


def early_exits_in_pipes(lines: Iterator[tuple[int, str]], where: str) -> list[str]:
    found = []
    for number, line in lines:
        for stage in _stages_after_a_pipe(_tokens(line)):
            why = _stops_early(stage)
            if why:
                found.append(f"{where}:{number}: {why}: {line.strip()}")
    return found


def problems(root: Path = ROOT) -> list[str]:
    found = []
    for path in shell_files(root):
        found += early_exits_in_pipes(script_lines(path), str(path.relative_to(root)))
    for makefile in [*sorted(root.glob("*/Makefile")), root / "Makefile"]:
        if makefile.is_file():
            found += early_exits_in_pipes(recipe_lines(makefile), str(makefile.relative_to(root)))
    return found


def test_no_script_or_recipe_feeds_an_early_exit_from_a_pipe():
    assert (ROOT / "scripts" / "ensure-wordpress.sh") in set(shell_files())
    assert (ROOT / ".ci" / "run") in set(shell_files())
    assert problems() == []


BAD_LINES = [
    "php -m 2>/dev/null | grep -qx mysqli || return 0",
    "php -m | grep --quiet mysqli",
    "php -m | grep -m1 mysqli",
    "php -m | grep -x mysqli >/dev/null && echo yes",
    "php -m | grep -x mysqli > /dev/null",
    "php -m | grep -x mysqli &>/dev/null",
    "php -m | sort | grep -l mysqli",
    "command -v x && php -m | head -n 1",
    "php -m | LC_ALL=C grep -qx mysqli",
    "found=$(php -m | grep -q mysqli; echo $?)",
    "php -m | sed -n '1p;q'",
    "php -m | awk '/mysqli/ {exit 0}'",
    "printf '%s\\n' a b | read first",
]
GOOD_LINES = [
    'grep -qx mysqli <<<"$(php -m 2>/dev/null)" || return 0',
    "php -m | grep -x mysqli",
    "php -m | grep -c mysqli",
    "php -m 2>/dev/null | grep -x mysqli 2>/dev/null",
    "grep -q mysqli file.txt || grep -q x other.txt",
    "php -m | sort | tail -n 1",
    "php -m | sed -n 1p",
    "echo 'a | grep -q b' # grep -q in a string or comment | head",
    "test -x php && grep -q x f",
]


def test_the_check_finds_every_early_exit_planted_in_a_script(tmp_path):
    script = tmp_path / "scripts" / "planted"
    script.parent.mkdir()
    script.write_text(
        "#!/usr/bin/env bash\nset -euo pipefail\n" + "\n".join(BAD_LINES + GOOD_LINES) + "\n"
    )
    found = problems(tmp_path)
    assert [line.split(":")[1] for line in found] == [str(n) for n in range(3, 3 + len(BAD_LINES))]
    assert all(line.startswith("scripts/planted:") for line in found)


def test_the_check_reads_makefile_recipes_with_their_continuations(tmp_path):
    (tmp_path / "Makefile").write_text(
        "# php -m | grep -q mysqli (a comment, not a recipe)\n"
        "wordpress:\n"
        "\t@test -n x && \\\n"
        "\t  php -m | grep -qx mysqli\n"
        "\tfor f in *; do echo $$f | grep -c x; done\n"
        "\t-$(BIN)/python -m tool | head\n"
    )
    (tmp_path / "install.sh").write_text("php -m | grep -q x\n")
    found = problems(tmp_path)
    assert [line.split(": ")[0:2] for line in found] == [
        ["install.sh:1", "grep -q stops at its first match"],
        ["Makefile:3", "grep -qx stops at its first match"],
        ["Makefile:6", "head stops reading early"],
    ]

"""The translator workflow: extract, status, consistency checks, pseudo-locale.

``python -m widget.i18n.catalogs extract|status|check|pseudo`` (the Makefile's
``translations``, ``translation-status``, ``check-catalogs`` and ``pseudo``).
The test suite calls the same functions, so ``make test`` fails when the
template is stale or a shipped catalog is incomplete, fuzzy or inconsistent.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from widget.i18n.locales import KNOWN_LOCALES, PSEUDO_LOCALE, SHIPPED, SOURCE_LOCALE, locales_dir

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "bleeding-check"
# One place for the extraction options; `make translations` and the staleness
# test both use it, so they cannot disagree.
# `--add-comments Translators:` keeps the `# Translators:` (Python) and
# `{# Translators: #}` (templates) comments as `#.` lines for translators.
EXTRACT_ARGS = [
    "-F",
    str(ROOT / "babel.cfg"),
    "-k",
    "N_",
    "--add-comments",
    "Translators:",
    "--no-location",
    "--sort-output",
]

_PLACEHOLDER = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)[sd]")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_STALE_REVIEW_STATE = re.compile(r"^#\s*Review-State:", re.IGNORECASE | re.MULTILINE)


def template_path() -> Path:
    return locales_dir() / "messages.pot"


def extract(output: Path, *, locations: bool = False) -> None:
    """Extract every message from widget/ and templates/ into ``output``
    (with source locations only when asked: the committed template has none)."""
    args = EXTRACT_ARGS if not locations else [a for a in EXTRACT_ARGS if a != "--no-location"]
    CommandLineInterface().run(  # type: ignore[no-untyped-call]
        [
            "pybabel",
            "-q",
            "extract",
            *args,
            f"--project={PROJECT}",
            "-o",
            str(output),
            str(ROOT),
        ]
    )


def _without_creation_date(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: .*"$', "", text, flags=re.MULTILINE)


def template_is_current(template: Path | None = None) -> bool:
    """Does the committed template match a fresh extraction (date aside)?"""
    template = template or template_path()
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "messages.pot"
        extract(fresh)
        current = template.read_text(encoding="utf-8") if template.exists() else ""
        return _without_creation_date(fresh.read_text(encoding="utf-8")) == (
            _without_creation_date(current)
        )


def catalog_codes() -> list[str]:
    """Locales with a catalog in locales/ (the generated pseudo-locale aside)."""
    return sorted(
        path.parent.parent.name
        for path in locales_dir().glob("*/LC_MESSAGES/messages.po")
        if path.parent.parent.name != PSEUDO_LOCALE
    )


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def review_state(path: Path, code: str, template: Catalog | None = None) -> str:
    """From the per-string sign-offs (``widget/i18n/review.py``): "reviewed"
    when every message is signed off, "partly-reviewed", or "not-reviewed"."""
    from widget.i18n.review import read, signed_off_keys

    source = template if template is not None else read_catalog(template_path())
    wanted = {(_forms(m.id)[0], m.context) for m in source if m.id}
    signed = signed_off_keys(read(path, code)) & wanted
    if wanted and signed == wanted:
        return "reviewed"
    return "partly-reviewed" if signed else "not-reviewed"


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _tags(text: str) -> list[str]:
    return sorted(match.group(0).split()[0].rstrip(">").lower() for match in _TAG.finditer(text))


def message_problems(message: Message) -> list[str]:
    """Placeholder and markup differences between a message and its translation."""
    sources = _forms(message.id)
    translations = [form for form in _forms(message.string) if form]
    if not translations:
        return []
    problems = []
    wanted = set().union(*(_placeholders(source) for source in sources))
    plural = len(sources) > 1
    for form in translations:
        found = _placeholders(form)
        if found - wanted:
            problems.append(f"unknown placeholder(s) {sorted(found - wanted)}")
        # A plural form may leave out the count ("one" forms often do).
        missing = wanted - found - ({"count", "num"} if plural else set())
        if missing:
            problems.append(f"missing placeholder(s) {sorted(missing)}")
        if _tags(form) != _tags(sources[-1 if plural else 0]):
            problems.append("HTML tags differ from the source")
    return problems


@dataclass
class CatalogReport:
    code: str
    shipped: bool
    review: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0 and not self.problems


def check_catalog(path: Path, template: Catalog, code: str, shipped: bool = False) -> CatalogReport:
    """Count a catalog against the template and list its problems.

    Placeholder and markup problems are always errors (they would break a
    page); missing, empty and fuzzy messages are errors only when shipped.
    """
    report = CatalogReport(code, shipped, review_state(path, code, template))
    catalog = read_catalog(path, code)
    if code not in KNOWN_LOCALES:
        report.problems.append(f"{code}: not in widget.i18n.locales.KNOWN_LOCALES")
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, source.context)
        label = _forms(source.id)[0][:60]
        if message is None or not all(_forms(message.string)):
            report.untranslated += 1
            if shipped:
                report.problems.append(f"{code}: untranslated: {label!r}")
            continue
        if message.fuzzy:
            report.fuzzy += 1
            if shipped:
                report.problems.append(f"{code}: fuzzy: {label!r}")
        else:
            report.translated += 1
        report.problems += [
            f"{code}: {problem}: {label!r}" for problem in message_problems(message)
        ]
    if _STALE_REVIEW_STATE.search(path.read_text(encoding="utf-8")):
        # The review state is per string now; a hand-set header line would mislead.
        report.problems.append(f"{code}: '# Review-State:' is no longer used (see review.py)")
    return report


def reports(shipped: Sequence[str] = SHIPPED) -> Iterator[CatalogReport]:
    template = read_catalog(template_path())
    codes = sorted(set(catalog_codes()) | (set(shipped) - {SOURCE_LOCALE}))
    for code in codes:
        path = locales_dir() / code / "LC_MESSAGES" / "messages.po"
        if not path.exists():
            report = CatalogReport(code, True, "missing")
            report.problems.append(f"{code}: shipped but has no catalog at {path}")
            yield report
            continue
        yield check_catalog(path, template, code, shipped=code in shipped)


def _status() -> int:
    from widget.i18n.review import status_report

    print(f"{'locale':<9}{'shipped':<9}{'translated':>11}{'fuzzy':>7}{'untransl.':>10}  review")
    for report in reports():
        print(
            f"{report.code:<9}{'yes' if report.shipped else 'no':<9}"
            f"{report.translated:>5} {report.percent:>4.0f}%{report.fuzzy:>7}"
            f"{report.untranslated:>10}  {report.review}"
        )
    print()
    print(status_report(catalog_codes()), end="")
    return 0


def _check() -> int:
    from widget.i18n import quality

    problems = [problem for report in reports() for problem in report.problems]
    problems += [p for code in SHIPPED if code != SOURCE_LOCALE for p in quality.problems(code)]
    if not template_is_current():
        problems.insert(0, "locales/messages.pot is stale: run `make translations`")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _extract() -> int:
    extract(template_path())
    return 0


def _pseudo() -> int:
    from widget.i18n.pseudo import write_pseudo_po

    output = locales_dir() / PSEUDO_LOCALE / "LC_MESSAGES" / "messages.po"
    write_pseudo_po(template_path(), output)
    print(f"wrote {output.relative_to(ROOT)} (generated, not committed)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widget.i18n.catalogs")
    parser.add_argument("command", choices=["extract", "status", "check", "pseudo"])
    command = parser.parse_args(argv).command
    handlers = {"extract": _extract, "status": _status, "check": _check, "pseudo": _pseudo}
    return handlers[command]()


if __name__ == "__main__":
    sys.exit(main())

"""The catalogs: extracting the template, updating the catalogs from it,
completeness and consistency, and writing the pseudo-locale for inspection.

``python -m widget.i18n.tools extract|update|check|pseudo`` (the Makefile's
``translations``, ``check-catalogs`` and ``pseudo``; ``widget/i18n/tools/__main__.py``).
The test suite calls the same functions, so ``make test`` fails when the
template is stale or a shipped catalog is incomplete, fuzzy or inconsistent.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import write_po

from widget.i18n.locales import (
    KNOWN_LOCALES,
    PSEUDO_LOCALE,
    SHIPPED,
    SOURCE_LOCALE,
    catalog_path,
    forms,
    locales_dir,
    read_catalog,
    template_path,
)
from widget.i18n.pseudo import pseudo_catalog
from widget.i18n.signoff import review_state

ROOT = Path(__file__).resolve().parents[3]
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


def update(codes: Sequence[str]) -> None:
    """``pybabel update`` each catalog from the template: new messages added,
    changed ones marked fuzzy; header and translator comments (sign-offs
    included) kept."""
    for code in codes:
        CommandLineInterface().run(  # type: ignore[no-untyped-call]
            [
                "pybabel",
                "-q",
                "update",
                "-i",
                str(template_path()),
                "-d",
                str(locales_dir()),
                "-D",
                "messages",
                "-l",
                code,
                "--ignore-pot-creation-date",
            ]
        )


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _tags(text: str) -> list[str]:
    return sorted(match.group(0).split()[0].rstrip(">").lower() for match in _TAG.finditer(text))


def message_problems(message: Message) -> list[str]:
    """Placeholder and markup differences between a message and its translation."""
    sources = forms(message.id)
    translations = [form for form in forms(message.string) if form]
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
    catalog = read_catalog(path, code)
    report = CatalogReport(code, shipped, review_state(catalog, template))
    if code not in KNOWN_LOCALES:
        report.problems.append(f"{code}: not in widget.i18n.locales.KNOWN_LOCALES")
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id, source.context)
        label = forms(source.id)[0][:60]
        if message is None or not all(forms(message.string)):
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
        report.problems.append(f"{code}: '# Review-State:' is no longer used (see signoff.py)")
    return report


def reports(shipped: Sequence[str] = SHIPPED) -> Iterator[CatalogReport]:
    template = read_catalog(template_path())
    codes = sorted(set(catalog_codes()) | (set(shipped) - {SOURCE_LOCALE}))
    for code in codes:
        path = catalog_path(code)
        if not path.exists():
            report = CatalogReport(code, True, "missing")
            report.problems.append(f"{code}: shipped but has no catalog at {path}")
            yield report
            continue
        yield check_catalog(path, template, code, shipped=code in shipped)


def pseudo_path() -> Path:
    return catalog_path(PSEUDO_LOCALE)


def write_pseudo_po(output: Path) -> None:
    """``make pseudo``: the catalog the app generates in memory, written for
    inspection or other tools."""
    catalog = pseudo_catalog(read_catalog(template_path(), SOURCE_LOCALE))
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(buffer.getvalue())

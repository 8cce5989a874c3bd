"""The translation checks beyond completeness, in one place for ``make test``
and ``make check-catalogs``: the termbase (concepts, reserved terms, action
words, distinct level names; ``termbase.py``), script hygiene
(``script.py``) and translate-toolkit's pofilter (``pofilter_gate.py``).
They run on every shipped catalog."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from widget.i18n.locales import catalog_path, read_catalog
from widget.i18n.tools import pofilter_gate, script, termbase


def catalog_problems(catalog: Catalog, code: str, termbase_file: Path | None = None) -> list[str]:
    """Termbase and script problems of a catalog (in memory)."""
    path = termbase_file or termbase.termbase_path(code)
    if not path.exists():
        return [f"{code}: no termbase at {path}"]
    return termbase.problems(catalog, code, path) + script.problems(
        catalog, code, termbase.allowed_latin(code, path)
    )


def problems(code: str) -> list[str]:
    """Every check for a language's committed catalog, pofilter included."""
    path = catalog_path(code)
    return catalog_problems(read_catalog(path, code), code) + pofilter_gate.problems(path, code)

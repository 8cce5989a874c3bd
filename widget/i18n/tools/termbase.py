"""The termbase: one reviewed glossary per language, and the checks it drives.

``locales/<code>/termbase.csv`` (UTF-8 CSV with a header row, one row per
concept; spreadsheet and glossary tools read it) has the columns:

``concept``
    the concept's id (``heavy_bleeding``, ``show``, ``now``…);
``kind``
    ``term`` (a safety concept), ``action`` (a time word or a negation the
    action sentences must keep) or ``function-words`` (short words the
    level-name check ignores, such as articles) or ``names`` (Latin words
    allowed in Arabic, Hindi and Chinese, such as ``Rh``; ``script.py``);
``source``
    where the English uses the concept: a Python regular expression, matched
    case-insensitively against each English message;
``target``
    the approved term(s) in this language, ``|`` between alternatives; an
    alternative may need several words, joined with `` + ``;
``reserved``
    terms (``|`` between them) that belong to this concept only: a
    translation whose English does not use the concept must not contain
    them (the Arabic word for "heavy" bleeding in the reason for
    period-like bleeding);
``note``
    for the translator and the reviewer.

Terms match case-insensitively at the start of a word (anywhere in Chinese and Arabic).
:func:`problems` returns every inconsistency; ``make test`` requires none.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from widget.clinical import content
from widget.clinical.content import Level
from widget.i18n.locales import forms, locales_dir

COLUMNS = ("concept", "kind", "source", "target", "reserved", "note")
KINDS = ("term", "action", "function-words", "names")
# Chinese has no spaces, and Arabic joins prefixes (و، ب، ل، ال) to words:
# there terms match anywhere.
NO_WORD_BOUNDARIES = ("zh_Hans", "ar")
_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|\{[A-Za-z_]\w*\}|<[^>]*>")

# The banner on every page names the emergency action: it may share words with
# the Emergency level word (same action), with no other level word.
EMERGENCY_BANNERS = (
    "In an emergency, call %(number)s",
    "In an emergency, call your local emergency number (for example %(numbers)s)",
)


@dataclass(frozen=True)
class Entry:
    concept: str
    kind: str
    source: str
    target: tuple[tuple[str, ...], ...]  # alternatives, each all of its words
    reserved: tuple[str, ...]
    note: str

    def in_english(self, english: str) -> bool:
        return bool(self.source) and re.search(self.source, english, re.IGNORECASE) is not None


def termbase_path(code: str) -> Path:
    return locales_dir() / code / "termbase.csv"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def load(path: Path) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: the columns must be {', '.join(COLUMNS)}")
        entries = []
        for row in reader:
            if row["kind"] not in KINDS:
                raise ValueError(f"{path}: {row['concept']}: unknown kind {row['kind']!r}")
            target = tuple(
                tuple(word.strip() for word in alternative.split(" + "))
                for alternative in _split(row["target"])
            )
            entries.append(
                Entry(
                    row["concept"],
                    row["kind"],
                    row["source"].strip(),
                    target,
                    _split(row["reserved"]),
                    row["note"].strip(),
                )
            )
    return entries


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def has_term(text: str, term: str, code: str) -> bool:
    """Whether ``term`` starts a word in ``text`` (anywhere in Chinese and Arabic)."""
    folded, wanted = _fold(text), _fold(term)
    if code in NO_WORD_BOUNDARIES:
        return wanted in folded
    return re.search(r"(?<!\w)" + re.escape(wanted), folded) is not None


def _pairs(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(English, translation) for every translated, non-fuzzy message and form."""
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        english = forms(message.id)
        for index, translation in enumerate(forms(message.string)):
            if translation:
                yield english[min(index, len(english) - 1)], translation


def _translation(catalog: Catalog, english: str) -> str:
    message: Message | None = catalog.get(english)
    return forms(message.string)[0] if message is not None and message.string else ""


def term_problems(catalog: Catalog, entries: Iterable[Entry], code: str) -> list[str]:
    """A concept's English without its approved term in the translation
    (inconsistent), or a concept's reserved term in a translation whose
    English does not use that concept."""
    found = []
    entries = [e for e in entries if e.kind in ("term", "action")]
    for english, translation in _pairs(catalog):
        for entry in entries:
            uses = entry.in_english(english)
            if (
                uses
                and entry.target
                and not any(
                    all(has_term(translation, word, code) for word in alternative)
                    for alternative in entry.target
                )
            ):
                approved = " | ".join(" + ".join(a) for a in entry.target)
                found.append(
                    f"{code}: {entry.concept}: {english[:70]!r} needs {approved!r}:"
                    f" {translation[:70]!r}"
                )
            if not uses:
                for term in entry.reserved:
                    if has_term(translation, term, code):
                        found.append(
                            f"{code}: {entry.concept}: {term!r} is reserved for"
                            f" {entry.concept}, but {english[:70]!r} is not about it:"
                            f" {translation[:70]!r}"
                        )
    return found


# -- level names -------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w+")
STEM_LENGTH = 5  # letters; "Urgence" / "Urgent" → "urgen"


def stems(text: str, code: str, function_words: frozenset[str] = frozenset()) -> set[str]:
    """Word stems for comparing level names: every pair of Chinese characters;
    otherwise each word (without digits, placeholders and function words),
    cut to its first letters (Arabic without the article and a one-letter
    prefix)."""
    text = _PLACEHOLDER.sub(" ", _fold(text))
    if code in NO_WORD_BOUNDARIES:
        found = set()
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
            found |= {run[i : i + 2] for i in range(len(run) - 1)} or {run}
        return found - function_words
    found = set()
    for word in _WORD.findall(text):
        if word.isdigit() or word in function_words:
            continue
        if code == "ar":
            word = re.sub(r"^(?:[وفبلك]?ال|[وفبلك](?=\w{4,}))", "", word)
        if code == "vi":
            found.add(word)  # one syllable is one word
            continue
        if len(word) < 3:
            continue
        found.add(word[:STEM_LENGTH])
    return found


def level_groups(catalog: Catalog) -> dict[str, list[str]]:
    """The translated level names, and the emergency banner with the Emergency level."""
    groups = {
        level.name.lower(): [_translation(catalog, name)]
        for level, name in content.LEVEL_NAMES.items()
    }
    banners = [_translation(catalog, text) for text in EMERGENCY_BANNERS]
    groups[Level.EMERGENCY.name.lower()] += banners
    return {name: [text for text in texts if text] for name, texts in groups.items()}


def level_problems(catalog: Catalog, entries: Iterable[Entry], code: str) -> list[str]:
    """No two levels (the emergency banner counts as the Emergency level) share a stem."""
    function_words = frozenset(
        _fold(word) for e in entries if e.kind == "function-words" for a in e.target for word in a
    )
    groups = level_groups(catalog)
    found = []
    names = sorted(groups)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            a = set().union(*(stems(t, code, function_words) for t in groups[first]))
            b = set().union(*(stems(t, code, function_words) for t in groups[second]))
            shared = a & b
            if shared:
                found.append(
                    f"{code}: the {first} and {second} level names share {sorted(shared)}:"
                    f" {groups[first]} / {groups[second]}"
                )
    return found


def problems(catalog: Catalog, code: str, path: Path | None = None) -> list[str]:
    entries = load(path or termbase_path(code))
    return term_problems(catalog, entries, code) + level_problems(catalog, entries, code)


def allowed_latin(code: str, path: Path | None = None) -> tuple[str, ...]:
    """The ``names`` a language's termbase allows in Latin letters."""
    path = path or termbase_path(code)
    if not path.exists():
        return ()
    return tuple(w for e in load(path) if e.kind == "names" for a in e.target for w in a)

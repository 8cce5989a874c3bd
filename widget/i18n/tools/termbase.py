"""The termbase: one reviewed glossary per language, and the checks it drives.

``locales/<code>/termbase.csv`` (UTF-8 CSV with a header row, one row per
concept; spreadsheet and glossary tools read it) has the columns:

``concept``
    the concept's id (``heavy_bleeding``, ``show``, ``urgent_level``,
    ``now``…);
``kind``
    ``term`` (a safety concept), ``action`` (a time word or a negation the
    action sentences must keep) or ``function-words`` (short words the
    level-name check ignores, such as articles) or ``names`` (Latin words
    allowed in Arabic, Hindi and Chinese, such as ``Rh``; ``script.py``);
``source``
    where the English uses the concept: a Python regular expression, matched
    case-insensitively against each English message (empty for ``never``:
    no English uses it);
``target``
    the approved term(s) in this language, ``|`` between alternatives; an
    alternative may need several terms, joined with `` + ``: a translation
    whose English uses the concept must contain one alternative whole;
``reserved``
    terms (``|`` between them) that belong to this concept only: a
    translation whose English does not use the concept must not contain
    them (the Arabic word for "heavy" bleeding in the reason for
    period-like bleeding); in ``never`` (no English), terms no translation
    may contain;
``note``
    for the translator and the reviewer.

How a term matches (:func:`find_term`), after both the text and the term
are folded (:func:`fold`: Unicode NFC, case, any run of spaces as one space,
’ as '; Arabic without short vowels, shadda and tatweel, and أ إ آ ٱ as ا;
Hindi without the nukta, and ँ as ं):

- A term is a whole word, or whole words: ``fort`` does not match
  ``forte``, and ``intenso`` does not match ``intensa``. Inflected forms are
  listed (``intenso|intensa|intensos|intensas``), or
- a term ending in ``*`` is a stem: it matches every word that starts with
  it (``abond*``: abondant, abondante, abondamment). Use a stem only where
  every word that starts with it belongs to the concept (``intens*`` would
  also match Portuguese "terapia intensiva").
- A word is a run of letters, digits and combining marks (Hindi vowel
  signs are part of the word), so ``कल`` does not match inside ``निकलना``.
- Arabic joins prefixes to the word: a term also matches after و ف ب ك ل,
  the article ال and their combinations (بال، لل، وال). Write Arabic terms
  without the article (``قابلة`` matches القابلة, للقابلة).
- Chinese has no spaces: a term matches anywhere, so it must be a word that
  nothing else contains (``抽痛`` for cramps, not ``痛``, which every pain has).

:func:`problems` returns every inconsistency; ``make check-catalogs`` and
``make test`` require none.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from widget.clinical import content
from widget.clinical.content import Level
from widget.i18n.locales import forms, locales_dir

COLUMNS = ("concept", "kind", "source", "target", "reserved", "note")
KINDS = ("term", "action", "function-words", "names")
# Chinese has no spaces: there a term matches anywhere.
NO_WORD_BOUNDARIES = ("zh_Hans",)
# Arabic prefixes joined to a word: a conjunction, a preposition, the article.
ARABIC_PREFIX = re.compile(r"[وف]?(?:[بك]?ال|لل|[بكل])?")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda…, tatweel
_ARABIC_ALEF = str.maketrans("أإآٱ", "اااا")
_HINDI = str.maketrans({"\u093c": None, "\u0901": "\u0902"})  # nukta; chandrabindu as anusvara
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
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
            reserved = _split(row["reserved"])
            for term in (*(t for a in target for t in a), *reserved):
                if not term.removesuffix("*").strip() or "*" in term[:-1] or " + " in term:
                    raise ValueError(
                        f"{path}: {row['concept']}: {term!r} is not a term (a word or words,"
                        " with * only at the end; + only between the terms of an approved"
                        " alternative)"
                    )
            entries.append(
                Entry(
                    row["concept"],
                    row["kind"],
                    row["source"].strip(),
                    target,
                    reserved,
                    row["note"].strip(),
                )
            )
    return entries


@lru_cache(maxsize=8192)
def fold(text: str, code: str = "") -> str:
    """``text`` as the checks compare it (see the module's documentation)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    text = re.sub(r"\s+", " ", text)
    if code == "ar":
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_ALEF)
    elif code == "hi":
        text = text.translate(_HINDI)
    return text


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def find_term(text: str, term: str, code: str) -> list[tuple[int, int]]:
    """Where ``term`` is in ``text``: (start, end) in ``fold(text, code)``;
    for a stem (``abond*``) to the end of the word."""
    folded = fold(text, code)
    stem = term.endswith("*")
    wanted = fold(term.removesuffix("*").strip(), code)
    found: list[tuple[int, int]] = []
    if not wanted:
        return found
    start = folded.find(wanted)
    while start != -1:
        end = start + len(wanted)
        if code in NO_WORD_BOUNDARIES:
            found.append((start, end))
        elif _starts_word(folded, start, code):
            if stem:
                while end < len(folded) and _in_word(folded[end]):
                    end += 1
                found.append((start, end))
            elif end == len(folded) or not _in_word(folded[end]):
                found.append((start, end))
        start = folded.find(wanted, start + 1)
    return found


def _starts_word(folded: str, start: int, code: str) -> bool:
    word_start = start
    while word_start > 0 and _in_word(folded[word_start - 1]):
        word_start -= 1
    if word_start == start:
        return True
    return code == "ar" and ARABIC_PREFIX.fullmatch(folded[word_start:start]) is not None


def _words(text: str) -> list[str]:
    """The words of ``text``: runs of letters, digits and combining marks."""
    words, current = [], ""
    for char in text:
        if _in_word(char):
            current += char
        elif current:
            words.append(current)
            current = ""
    return [*words, current] if current else words


def has_term(text: str, term: str, code: str) -> bool:
    """Whether ``term`` is in ``text`` (see the module's documentation)."""
    return bool(find_term(text, term, code))


def has_alternative(text: str, alternative: Iterable[str], code: str) -> bool:
    """Whether every term of one approved alternative is in ``text``."""
    return all(has_term(text, term, code) for term in alternative)


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
                and not any(has_alternative(translation, a, code) for a in entry.target)
            ):
                approved = " | ".join(" + ".join(a) for a in entry.target)
                found.append(
                    f"{code}: {entry.concept}: {english[:70]!r} needs {approved!r}:"
                    f" {translation[:70]!r}"
                )
            if not uses:
                for term in entry.reserved:
                    if not has_term(translation, term, code):
                        continue
                    if entry.source:
                        found.append(
                            f"{code}: {entry.concept}: {term!r} is reserved for"
                            f" {entry.concept}, but {english[:70]!r} is not about it:"
                            f" {translation[:70]!r}"
                        )
                    else:
                        found.append(
                            f"{code}: {entry.concept}: {term!r} must never be used:"
                            f" {english[:70]!r}: {translation[:70]!r}"
                        )
    return found


# -- level names -------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
STEM_LENGTH = 5  # letters; "Urgence" / "Urgent" → "urgen"


def stems(text: str, code: str, function_words: frozenset[str] = frozenset()) -> set[str]:
    """Word stems for comparing level names: every pair of Chinese characters;
    otherwise each word (without digits, placeholders and function words),
    cut to its first letters (Arabic without the article and a one-letter
    prefix)."""
    text = _PLACEHOLDER.sub(" ", fold(text, code))
    if code in NO_WORD_BOUNDARIES:
        found = set()
        for run in re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text):
            found |= {run[i : i + 2] for i in range(len(run) - 1)} or {run}
        return found - function_words
    found = set()
    for word in _words(text):
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
        fold(word, code)
        for e in entries
        if e.kind == "function-words"
        for a in e.target
        for word in a
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

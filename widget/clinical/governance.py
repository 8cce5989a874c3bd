"""Clinical governance: the rules put in words, drawn, and fingerprinted.

Everything here reads the one declaration of the content (``content``,
``regions``, ``conditions``); nothing restates a rule. The reviewer page
(``/rules``), ``python -m widget rules --format md`` and the flow picture are
all built from :func:`review_document` and :func:`flow_dot`, so they cannot
drift from the engine.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from babel.lists import format_list

from widget.clinical import content, regions
from widget.clinical.conditions import All, Always, AnyOf, Condition, Not
from widget.clinical.conditions import Any as AnyCondition
from widget.clinical.content import N_, Level, Question
from widget.resources import resource_dir

Gettext = Callable[[str], str]


def _identity(message: str) -> str:
    return message


def _or_list(items: Sequence[str]) -> str:
    """ "a, b, or c" in English, as Babel says it on the English /rules page."""
    return str(format_list(list(items), style="or", locale="en")) if items else ""


# ---------------------------------------------------------------------------
# Conditions in words (for clinicians: the labels the reader sees, not ids)
# ---------------------------------------------------------------------------

COND_RADIO = N_("{question}: {options}")
COND_CHECKBOX = N_("{question}: any of {options}")
COND_NOT_OPTIONS = N_("{question}: anything but {options}, or not answered")
COND_NOT = N_("not ({condition})")
COND_ALL = N_("all of: {conditions}")
COND_ANY = N_("any of: {conditions}")
COND_ALWAYS = N_("always")
COND_ALWAYS_ASKED = N_("Always asked.")
FLOOR_WORDS = N_("Any bleeding that no rule above matches: the lowest level for any bleeding.")
ROUTINE_WORDS = N_("{condition}, and no rule other than {floor} matched")
NOTE_LEVELS_WORDS = N_("{condition}; only when the advice is {levels}")
# Translators: On the rules page: when a 'call now if' sign is listed.
SIGN_NOT_ASKED_WORDS = N_(
    "Only when the reader went to the advice before the question that decides rule {rules} "
    "(so it could still match)."
)
# Translators: On the rules page: when a sign of a question not asked is also
# listed in the usual list; {condition} is a condition in words.
SIGN_ALSO_LISTED_WORDS = N_("Also listed when {condition}.")
# Translators: On the rules page: the outcome levels at which a sign is listed.
SIGN_LEVELS_WORDS = N_("Listed when the advice is {levels}.")


@dataclass(frozen=True)
class Words:
    """How to say things in one language: a gettext and an "a, b or c" list."""

    gettext: Gettext = _identity
    or_list: Callable[[Sequence[str]], str] = _or_list

    def options(self, question: Question, option_ids: Sequence[str]) -> str:
        labels = [f"“{self.gettext(question.option(o).label)}”" for o in option_ids]
        return self.or_list(labels)

    def condition(self, condition: Condition) -> str:
        _ = self.gettext
        if isinstance(condition, AnyOf):
            question = content.QUESTIONS_BY_ID[condition.question]
            template = COND_RADIO if question.kind == "radio" else COND_CHECKBOX
            return _(template).format(
                question=_(question.summary_label),
                options=self.options(question, condition.options),
            )
        if isinstance(condition, Not):
            inner = condition.inner
            if isinstance(inner, AnyOf):
                question = content.QUESTIONS_BY_ID[inner.question]
                return _(COND_NOT_OPTIONS).format(
                    question=_(question.summary_label),
                    options=self.options(question, inner.options),
                )
            return _(COND_NOT).format(condition=self.condition(inner))
        if isinstance(condition, All | AnyCondition):
            template = COND_ALL if isinstance(condition, All) else COND_ANY
            parts = "; ".join(self.condition(part) for part in condition.parts)
            return _(template).format(conditions=parts)
        if isinstance(condition, Always):
            return _(COND_ALWAYS)
        raise TypeError(f"no words for {condition!r}")

    def rule_condition(self, rule: content.Rule) -> str:
        """The rule's condition as the engine applies it (S1 and R1 are special)."""
        if rule.id == content.FLOOR_RULE:
            return self.gettext(FLOOR_WORDS)
        words = self.condition(rule.when)
        if rule.id == content.ROUTINE_RULE:
            return self.gettext(ROUTINE_WORDS).format(condition=words, floor=content.FLOOR_RULE)
        return words

    def sign_condition(self, sign: content.Sign) -> str:
        """When a "call now if" sign is listed, in words."""
        _ = self.gettext
        if sign.when_not_asked:
            rules = [rule.id for rule in content.EMERGENCY_RULES if sign.id in rule.signs]
            said = _(SIGN_NOT_ASKED_WORDS).format(rules=self.or_list(rules))
            if sign.also_listed_when is not None:
                also = self.condition(sign.also_listed_when)
                said += " " + _(SIGN_ALSO_LISTED_WORDS).format(condition=also)
            return said
        levels = [_(content.LEVEL_NAMES[level]) for level in sorted(sign.listed_at, reverse=True)]
        said = _(SIGN_LEVELS_WORDS).format(levels=self.or_list(levels))
        if sign.shown_when_words:
            said += " " + _(sign.shown_when_words)
        return said

    def note_condition(self, note: content.Note) -> str:
        words = self.condition(note.when)
        if note.levels == frozenset(Level):
            return words
        levels = [self.gettext(content.LEVEL_NAMES[level]) for level in sorted(note.levels)]
        return self.gettext(NOTE_LEVELS_WORDS).format(condition=words, levels=self.or_list(levels))


# ---------------------------------------------------------------------------
# The reviewer document: one structure behind /rules and the Markdown
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionRow:
    id: str
    label: str
    hint: str
    offered_when: str = ""  # empty: always offered


@dataclass(frozen=True)
class HintRow:
    text: str
    when: str


@dataclass(frozen=True)
class QuestionRow:
    number: int
    id: str
    kind: str
    title: str
    hint: str
    asked_when: str  # the content's own words ("Asked from 24 weeks.")
    asked_when_exact: str  # the condition the engine evaluates, in words
    conditional: bool
    options: tuple[OptionRow, ...]
    stage_hints: tuple[HintRow, ...] = ()


@dataclass(frozen=True)
class RuleRow:
    id: str
    level: Level
    level_name: str
    condition: str  # from the engine's condition, in words
    contract: str  # the TRIAGE.md wording, with ids
    evidence: str
    reason: str  # what the reader is told
    # Words that replace ``reason`` when their condition holds: (condition, text).
    reasons: tuple[tuple[str, str], ...] = ()
    # Emergency rules: the 'call now if' signs that name them.
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteRow:
    id: str
    when: str
    contract: str
    text: str
    uses_support_line: bool
    lead: bool = False


@dataclass(frozen=True)
class SignRow:
    id: str
    level: Level  # emergency: "Call <number> now if"; urgent: "Call your maternity unit now if"
    text: str
    when: str  # when it is listed, in words


@dataclass(frozen=True)
class AdviceRow:
    level: Level
    level_name: str
    heading: str
    action: str
    action_from_24_weeks: str
    now_if: str
    banner: str


@dataclass(frozen=True)
class CareModelRow:
    id: str
    description: str
    source: str
    advice: tuple[AdviceRow, ...]


@dataclass(frozen=True)
class SourceRow:
    name: str
    checked: str
    verified: bool


@dataclass(frozen=True)
class PhoneRow:
    name: str
    display: str
    dial: str
    source: SourceRow


@dataclass(frozen=True)
class AdviceLineRow:
    phone: PhoneRow
    levels: str  # the level names, "Urgent or Today"
    why: str


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    emergency: PhoneRow
    emergency_extra: str
    police: PhoneRow | None
    family_violence: PhoneRow | None
    advice: tuple[AdviceLineRow, ...]
    services: str
    services_source: SourceRow
    languages: tuple[str, ...]


@dataclass(frozen=True)
class ReviewDocument:
    version: str
    reviewed: str
    numbers_checked: str
    fingerprint: str
    levels: tuple[tuple[Level, str], ...]
    questions: tuple[QuestionRow, ...]
    rules: tuple[RuleRow, ...]
    notes: tuple[NoteRow, ...]
    regions: tuple[RegionRow, ...]
    emergency_signs: tuple[SignRow, ...]
    urgent_signs: tuple[SignRow, ...]
    care_models: tuple[CareModelRow, ...] = ()


def review_document(
    words: Words | None = None, region_name: Callable[[str], str] | None = None
) -> ReviewDocument:
    words = words or Words()
    _ = words.gettext
    name_of = region_name or (lambda code: code)

    def source(item: regions.Source) -> SourceRow:
        return SourceRow(item.name, item.checked, item.verified)

    def phone(item: regions.Phone) -> PhoneRow:
        return PhoneRow(
            _(item.name) if item.name else "", item.display, item.dial, source(item.source)
        )

    def advice(line: regions.AdviceLine) -> AdviceLineRow:
        levels = [_(content.LEVEL_NAMES[level]) for level in sorted(line.levels, reverse=True)]
        return AdviceLineRow(phone(line.phone), words.or_list(levels), line.why)

    questions = tuple(
        QuestionRow(
            number=number,
            id=question.id,
            kind=question.kind,
            title=_(question.title),
            hint=_(question.hint) if question.hint else "",
            asked_when=_(question.asked_when_words or COND_ALWAYS_ASKED),
            asked_when_exact=words.condition(question.asked_when),
            conditional=not isinstance(question.asked_when, Always),
            options=tuple(
                OptionRow(
                    option.id,
                    _(option.label),
                    _(option.hint) if option.hint else "",
                    _(option.offered_when_words) if option.offered_when_words else "",
                )
                for option in question.options
            ),
            stage_hints=tuple(
                HintRow(_(hint.text), _(hint.when_words)) for hint in question.stage_hints
            ),
        )
        for number, question in enumerate(content.QUESTIONS, start=1)
    )
    rules = tuple(
        RuleRow(
            id=rule.id,
            level=rule.level,
            level_name=_(content.LEVEL_NAMES[rule.level]),
            condition=words.rule_condition(rule),
            contract=rule.condition_words,
            evidence=rule.evidence,
            reason=_(rule.reason),
            reasons=tuple((words.condition(r.when), _(r.text)) for r in rule.reasons),
            signs=rule.signs,
        )
        for rule in content.RULES
    )
    notes = tuple(
        NoteRow(
            note.id,
            words.note_condition(note),
            note.when_words,
            _(note.text),
            note.uses_support_line,
            note.lead,
        )
        for note in content.NOTES
    )
    signs = tuple(
        SignRow(sign.id, sign.level, _(sign.text), words.sign_condition(sign))
        for sign in content.SIGNS
    )
    region_rows = tuple(
        RegionRow(
            code=region.code,
            name=name_of(region.code),
            emergency=phone(region.emergency),
            emergency_extra=_(region.emergency_extra) if region.emergency_extra else "",
            police=phone(region.police) if region.police else None,
            family_violence=phone(region.family_violence) if region.family_violence else None,
            advice=tuple(advice(line) for line in region.advice),
            services=region.services,
            services_source=source(region.services_source),
            languages=region.languages,
        )
        for region in regions.REGIONS
    )
    return ReviewDocument(
        version=content.CONTENT_VERSION,
        reviewed=content.CONTENT_REVIEWED,
        numbers_checked=regions.NUMBERS_CHECKED,
        fingerprint=content_fingerprint(),
        levels=tuple(
            (level, _(content.LEVEL_NAMES[level])) for level in sorted(Level, reverse=True)
        ),
        questions=questions,
        rules=rules,
        notes=notes,
        regions=region_rows,
        emergency_signs=tuple(sign for sign in signs if sign.level == Level.EMERGENCY),
        urgent_signs=tuple(sign for sign in signs if sign.level == Level.URGENT),
        care_models=tuple(_care_model_row(model, words) for model in content.CARE_MODELS),
    )


def _said(words: content.AdviceWords, gettext: Gettext) -> str:
    """Advice words as the rules page shows them: with a region's number as
    "[number]" (the words without a known region follow after " / ", with the
    common numbers they give)."""
    if isinstance(words, content.Numbered):
        common = ", ".join(regions.COMMON_EMERGENCY_NUMBERS)
        return (
            gettext(words.text).replace("%(number)s", "[number]")
            + " / "
            + gettext(words.no_region).replace("%(numbers)s", common)
        )
    return gettext(words) if words else ""


def _care_model_row(model: content.CareModel, words: Words) -> CareModelRow:
    _ = words.gettext
    rows = []
    for level in sorted(Level, reverse=True):
        advice = model.advice(level)
        rows.append(
            AdviceRow(
                level=level,
                level_name=_(content.LEVEL_NAMES[level]),
                heading=_said(advice.heading, _),
                action=_said(advice.action, _),
                action_from_24_weeks=_said(advice.action_from_24_weeks, _),
                now_if=" / ".join(
                    words
                    for words in (_said(advice.now_if, _), _said(advice.now_if_not_asked, _))
                    if words
                ),
                banner=_said(advice.banner_title, _),
            )
        )
    return CareModelRow(model.id, model.description, model.source, tuple(rows))


def _md(text: str) -> str:
    """Table-cell safe Markdown text."""
    return text.replace("|", "\\|").replace("\n", " ")


def _source_text(source: SourceRow) -> str:
    checked = f"checked {source.checked}" if source.verified else "NOT CHECKED"
    return f"[{checked}: {source.name}]"


def _phone_text(phone: PhoneRow) -> str:
    text = f"{phone.name} {phone.display}" if phone.name else phone.display
    return f"{text} {_source_text(phone.source)}"


def markdown(document: ReviewDocument | None = None) -> str:
    """The reviewer document as Markdown (English): the same content as /rules."""
    doc = document or review_document()
    lines = [
        "# Bleeding in pregnancy check: rules for clinical review",
        "",
        f"Content version {doc.version}, last reviewed {doc.reviewed}. "
        f"Phone numbers checked {doc.numbers_checked}.",
        f"Content fingerprint: `{doc.fingerprint}`.",
        "",
        "Generated from the same data the engine uses (`python -m widget rules --format md`).",
        "The level of the advice is the highest level of all the rules that match.",
        'A question not answered counts as "not reported", never as a reassuring answer.',
        "An emergency answer ends the questions at once.",
        "",
        "## Advice levels",
        "",
        "| level | shown to the reader as |",
        "|---|---|",
    ]
    lines += [f"| `{level.id}` | {_md(name)} |" for level, name in doc.levels]
    lines += [
        "",
        "## Questions",
        "",
        "| # | id | question | options | asked when |",
        "|---|---|---|---|---|",
    ]
    for question in doc.questions:
        options = "<br>".join(
            f"`{o.id}` {_md(o.label)}"
            + (f" ({_md(o.hint)})" if o.hint else "")
            + (f" [offered: {_md(o.offered_when)}]" if o.offered_when else "")
            for o in question.options
        )
        options += "".join(f"<br>Hint, {_md(h.when)}: {_md(h.text)}" for h in question.stage_hints)
        when = question.asked_when
        if question.conditional:
            when += f" Exactly: {question.asked_when_exact}."
        kind = "tick all that apply" if question.kind == "checkbox" else "one answer"
        lines.append(
            f"| {question.number} | `{question.id}` | {_md(question.title)} ({kind}) "
            f"| {options} | {_md(when)} |"
        )
    lines += [
        "",
        "## Rules",
        "",
        "| rule | condition | level | evidence | what the reader is told |",
        "|---|---|---|---|---|",
    ]
    for rule in doc.rules:
        told = rule.reason
        if rule.reasons:
            told = "; ".join(f"when {when}: {text}" for when, text in rule.reasons)
            told += f"; otherwise: {rule.reason}"
        if rule.signs:
            told += f" (signs: {', '.join(rule.signs)})"
        lines.append(
            f"| {rule.id} | {_md(rule.condition)} (TRIAGE.md: `{_md(rule.contract)}`) "
            f"| `{rule.level.id}` | {_md(rule.evidence)} | {_md(told)} |"
        )
    lines += ["", "## Advice notes", "", "| note | shown when | text |", "|---|---|---|"]
    for note in doc.notes:
        text = note.text + (
            " (followed by the region's family-violence line and police number)"
            if note.uses_support_line
            else ""
        )
        text += " (shown under the action, at the top)" if note.lead else ""
        lines.append(f"| `{note.id}` | {_md(note.when)} | {_md(text)} |")
    lines += ["", '## "Call sooner if" signs', ""]
    for heading, signs in (
        ("Call the emergency number now if:", doc.emergency_signs),
        ("Call the maternity unit now if (shown below the urgent level):", doc.urgent_signs),
    ):
        lines += [heading, "", "| sign | text | listed when |", "|---|---|---|"]
        lines += [f"| `{s.id}` | {_md(s.text)} | {_md(s.when)} |" for s in signs]
        lines.append("")
    lines += [
        "## What each level tells the reader to do",
        "",
        "One set of words per care model: who a reader contacts where she lives. "
        "A region names its model; the default is `maternity_unit`.",
        "",
    ]
    for model in doc.care_models:
        lines += [f"### `{model.id}`", "", f"{model.description} Source: {model.source}", ""]
        lines += ["| level | heading | action | 'now if' list heading | banner |"]
        lines += ["|---|---|---|---|---|"]
        for row in model.advice:
            action = row.action + (
                f" From 24 weeks: {row.action_from_24_weeks}" if row.action_from_24_weeks else ""
            )
            lines.append(
                f"| `{row.level.id}` | {_md(row.heading)} | {_md(action)} "
                f"| {_md(row.now_if) or '—'} | {_md(row.banner) or '—'} |"
            )
        lines.append("")
    lines += [
        "",
        f"## Phone numbers (checked {doc.numbers_checked})",
        "",
        "| region | emergency | danger from a person | family-violence line | advice lines "
        "(shown on) | care model | languages |",
        "|---|---|---|---|---|---|---|",
    ]
    for region in doc.regions:
        emergency = _phone_text(region.emergency) + (
            f" ({region.emergency_extra})" if region.emergency_extra else ""
        )
        police = _phone_text(region.police) if region.police else '— ("call the police")'
        violence = _phone_text(region.family_violence) if region.family_violence else "—"
        advice = (
            "; ".join(f"{_phone_text(a.phone)} ({a.levels}: {a.why})" for a in region.advice) or "—"
        )
        care = f"{region.services} {_source_text(region.services_source)}"
        cells = (emergency, police, violence, advice, care, ", ".join(region.languages) or "—")
        lines.append(f"| {region.code} | " + " | ".join(_md(cell) for cell in cells) + " |")
    lines += [
        "",
        "## Flow",
        "",
        "![Question order and where each rule's level is reached](flow.svg)",
        "",
        "(`docs/flow.svg`, made by `make docs` from `python -m widget rules --format dot`.)",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The flow picture (Graphviz)
# ---------------------------------------------------------------------------

LEVEL_COLOURS: dict[Level, str] = {
    Level.EMERGENCY: "#b00020",
    Level.URGENT: "#c75000",
    Level.SOON: "#1d5fa8",
    Level.ROUTINE: "#2e7d32",
}


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _wrap(text: str, width: int = 38) -> str:
    """Break a label into lines (Graphviz does not wrap)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return "\\n".join(_dot_text(line) for line in lines)


def deciding_question(rule: content.Rule) -> str | None:
    """The last question (in order) the rule reads: where its level is reached."""
    asked = rule.when.questions()
    ordered = [question.id for question in content.QUESTIONS if question.id in asked]
    return ordered[-1] if ordered else None


def flow_dot() -> str:
    """A Graphviz graph: question order, asked-when conditions, and where each
    rule's level is reached. Deterministic: its hash marks docs/flow.svg."""
    out = [
        "digraph flow {",
        '  graph [rankdir=TB, fontname="Helvetica", fontsize=12, nodesep=0.25, ranksep=0.6,',
        f'         label="Bleeding in pregnancy check: content {content.CONTENT_VERSION}, '
        f"reviewed {content.CONTENT_REVIEWED}. "
        'The advice is the highest level reached.", labelloc=t];',
        '  node [fontname="Helvetica", fontsize=10, shape=box, style=rounded];',
        '  edge [fontname="Helvetica", fontsize=9];',
        '  start [shape=oval, label="Start"];',
        "  advice [shape=oval,"
        ' label="Advice\\n(questions answered,\\nor jump to advice once urgent:'
        '\\nit names the sign of every\\nemergency rule not yet ruled out)"];',
    ]
    questions = content.QUESTIONS
    out.append("  subgraph questions {")
    for number, question in enumerate(questions, start=1):
        label = f"{number}. {question.id} ({question.kind})"
        style = "rounded"
        if not isinstance(question.asked_when, Always):
            label += "\\nasked when: " + _wrap(question.asked_when.describe(), 34)
            style = "rounded,dashed"
        out.append(f'    q_{question.id} [label="{label}", style="{style}"];')
    out.append("  }")
    chain = ["start", *(f"q_{question.id}" for question in questions), "advice"]
    for before, after in itertools.pairwise(chain):
        out.append(f"  {before} -> {after} [weight=10];")
    for index, question in enumerate(questions):
        if isinstance(question.asked_when, Always):
            continue
        before, after = chain[index], chain[index + 2]
        out.append(f'  {before} -> {after} [style=dashed, label="otherwise skip {question.id}"];')
    for level in sorted(Level, reverse=True):
        colour = LEVEL_COLOURS[level]
        extra = "\\n(the questions stop)" if level == Level.EMERGENCY else ""
        out.append(
            f'  level_{level.id} [shape=box, style="filled,bold", fillcolor="{colour}", '
            f'fontcolor=white, label="{level.id}{extra}"];'
        )
    for rule in content.RULES:
        colour = LEVEL_COLOURS[rule.level]
        if rule.id == content.FLOOR_RULE:
            condition = "no other rule matched (floor for any bleeding)"
        elif rule.id == content.ROUTINE_RULE:
            condition = rule.when.describe() + f", and nothing but {content.FLOOR_RULE} matched"
        else:
            condition = rule.when.describe()
        out.append(f'  rule_{rule.id} [color="{colour}", label="{rule.id}: {_wrap(condition)}"];')
        source = deciding_question(rule)
        origin = f"q_{source}" if source else "advice"
        out.append(f'  {origin} -> rule_{rule.id} [color="{colour}", style=dotted];')
        out.append(f'  rule_{rule.id} -> level_{rule.level.id} [color="{colour}"];')
    out.append("}")
    return "\n".join(out) + "\n"


def dot_hash(dot_source: str) -> str:
    return hashlib.sha256(dot_source.encode("utf-8")).hexdigest()


SVG_HASH_MARK = "dot-source-sha256"
_SVG_HASH = re.compile(SVG_HASH_MARK + r": ([0-9a-f]{64})")


def render_svg(dot_source: str) -> str:
    """Render with Graphviz ``dot``, marking the SVG with the hash of its source."""
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("Graphviz 'dot' is not installed (Debian package: graphviz)")
    svg = subprocess.run(
        [dot, "-Tsvg"], input=dot_source, capture_output=True, text=True, check=True
    ).stdout
    mark = f"<!-- {SVG_HASH_MARK}: {dot_hash(dot_source)} -->"
    # After the XML declaration and doctype, before the <svg> element.
    head, separator, rest = svg.partition("<svg")
    return f"{head}{mark}\n{separator}{rest}"


def svg_source_hash(svg: str) -> str | None:
    match = _SVG_HASH.search(svg)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------
# Versioning: a fingerprint of the clinical content
# ---------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"@": type(value).__name__, **fields}
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, frozenset | set):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {str(_canonical(key)): _canonical(item) for key, item in value.items()}
    if isinstance(value, str | int | bool) or value is None:
        return value
    raise TypeError(f"cannot fingerprint {value!r}")


def content_data() -> dict[str, Any]:
    """Everything that decides or words the advice, as plain data."""
    return {
        "questions": content.QUESTIONS,
        "rules": content.RULES,
        "floor_rule": content.FLOOR_RULE,
        "routine_rule": content.ROUTINE_RULE,
        "notes": content.NOTES,
        "level_names": content.LEVEL_NAMES,
        "signs": content.SIGNS,
        "care_models": content.CARE_MODELS,
        "default_care_model": content.DEFAULT_CARE_MODEL,
        "sources": content.SOURCES,
        "regions": regions.REGIONS,
        "numbers_checked": regions.NUMBERS_CHECKED,
        "common_emergency_numbers": regions.COMMON_EMERGENCY_NUMBERS,
    }


def content_fingerprint() -> str:
    canonical = json.dumps(
        _canonical(content_data()), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    fingerprint: str | None
    body: str


_ENTRY = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)\s*$", re.MULTILINE)
_FINGERPRINT = re.compile(r"^Fingerprint: `(sha256:[0-9a-f]{64})`", re.MULTILINE)


def read_changelog(text: str) -> list[ChangelogEntry]:
    """The entries of CONTENT_CHANGELOG.md, newest first (as written)."""
    headings = list(_ENTRY.finditer(text))
    entries = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        body = text[heading.end() : end]
        found = _FINGERPRINT.search(body)
        entries.append(
            ChangelogEntry(
                heading.group(1), heading.group(2), found.group(1) if found else None, body
            )
        )
    return entries


MAX_NUMBERS_AGE_DAYS = 365


def numbers_are_fresh(reviewed: str, checked: str) -> bool:
    """The phone numbers were checked at most a year before the content review."""
    return (date.fromisoformat(reviewed) - date.fromisoformat(checked)).days <= MAX_NUMBERS_AGE_DAYS


def flow_svg_path() -> Path:
    return resource_dir("docs") / "flow.svg"

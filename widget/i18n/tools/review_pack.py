"""The review pack: one self-contained HTML file per language for a clinician.

``make review-pack LANG=xx`` (``python -m widget.i18n.tools review-pack xx``)
writes ``build/review-pack/review-xx.html``. It needs no server, account or
network: styles and script are inside the file. For each message it shows
where the reader sees it (the question, the advice page or the page it
belongs to, with a link that opens it live in that language when the widget
runs at ``--base-url``), the English beside the translation, the translator
note, the termbase entries that apply, a back-translation field and a
sign-off choice. "Export" downloads the decisions as JSON, which
``make apply-review FILE=…`` records in the catalog (``review.py``); the
hash of each entry travels with it, so a decision about a string that has
changed since the pack was made is not applied.
"""

from __future__ import annotations

import html
import json
import tempfile
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from widget.clinical import content
from widget.clinical.content import Level
from widget.i18n import signoff
from widget.i18n.locales import KNOWN_LOCALES, catalog_path, forms, read_catalog
from widget.i18n.tools import review, termbase
from widget.i18n.tools.catalogs import ROOT, extract

DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # `make run`
SCENARIOS = ROOT / "tests" / "clinical" / "scenarios.toml"
ROLES = ("midwife", "obstetrician", "doctor", "nurse")

# Where the reader sees the messages of each template or module.
_FILES = {
    "templates/_banner.html": "every",
    "templates/_footer.html": "every",
    "templates/_widget.html": "every",
    "templates/_quick_exit.html": "every",
    "templates/_language_switcher.html": "every",
    "templates/start.html": "start",
    "templates/question.html": "questions",
    "templates/_urgent_banner.html": "questions",
    "widget/clinical/flow.py": "questions",
    "templates/outcome.html": "advice",
    "templates/_macros.html": "advice",
    "templates/_clinician.html": "advice",
    "templates/_clinician_summary.html": "advice",
    "widget/i18n/review_note.py": "advice",
    "widget/clinical/regions.py": "numbers",
    "templates/error.html": "errors",
    "widget/web/views/errors.py": "errors",
    "templates/rules.html": "rules",
    "widget/clinical/governance.py": "rules",
    "templates/demo.html": "partners",
    "templates/demo_iframe.html": "partners",
    "templates/_demo.html": "partners",
    "templates/_framed.html": "partners",
    "templates/embed_code.html": "partners",
    "widget/web/snippets.py": "partners",
    "widget/web/views/oembed.py": "partners",
    # The FHIR download is offered on the advice page; the Questionnaire's own
    # words are read by maternity systems' form renderers.
    "widget/web/views/fhir.py": "advice",
    "widget/clinical/fhir.py": "other",
}
SECTIONS = {
    "every": "On every page",
    "start": "Start page",
    "questions": "Question pages (every question)",
    "advice": "Advice pages (the four outcomes)",
    "numbers": "Phone numbers and services",
    "errors": "Error pages",
    "rules": "Rules page (for clinicians, /rules)",
    "partners": "Partner sites (embed and demo pages)",
    "other": "Other",
}


@dataclass
class Live:
    """A way to open a string in the running widget: a link or a form post."""

    label: str
    path: str
    fields: Sequence[tuple[str, str]] = ()


@dataclass
class Item:
    message: Message
    section: str
    where: str
    live: list[Live] = field(default_factory=list)
    critical: str = ""


@cache
def located_template() -> Catalog:
    """The template extracted with source locations (the committed one has none)."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "located.pot"
        extract(output, locations=True)
        return read_catalog(output)


def _scenarios() -> list[dict[str, object]]:
    if not SCENARIOS.exists():  # an installed package has no tests folder
        return []
    with SCENARIOS.open("rb") as handle:
        return list(tomllib.load(handle).get("case", []))


def _fields(code: str, answers: Mapping[str, object]) -> list[tuple[str, str]]:
    found = [("lang", code)]
    for question_id, value in answers.items():
        for option in value if isinstance(value, list) else [value]:
            found.append((question_id, str(option)))
    return found


def question_live(code: str, question_id: str) -> Live:
    """The question in the check: the answers before it from the first of our
    scenarios that reaches it, ``nav=stay`` on it."""
    order = [q.id for q in content.QUESTIONS]
    before = set(order[: order.index(question_id)])
    for case in _scenarios():
        answers = case.get("answers", {})
        if isinstance(answers, dict) and question_id in answers:
            earlier = {k: v for k, v in answers.items() if k in before}
            fields = [*_fields(code, earlier), ("step", question_id), ("nav", "stay")]
            return Live("open this question", "/step", fields)
    return Live("start the check", f"/?lang={code}")


def advice_live(code: str, level: Level) -> Live | None:
    """The advice page of a level: the first of our scenarios that ends there."""
    for case in _scenarios():
        answers = case.get("answers", {})
        if case.get("expect") == level.name.lower() and isinstance(answers, dict):
            last = list(answers)[-1]
            fields = [*_fields(code, answers), ("step", last), ("nav", "continue")]
            return Live(f"open the {level.name.lower()} advice", "/step", fields)
    return None


def _content_places(code: str) -> dict[str, tuple[str, str, list[Live]]]:
    """English → (section, where, live links) for the clinical content."""
    places: dict[str, tuple[str, str, list[Live]]] = {}
    rules = Live("see it on the rules page", f"/rules?lang={code}")
    for question in content.QUESTIONS:
        section = f"question:{question.id}"
        links = [
            question_live(code, question.id),
            Live("rules page", f"/rules?lang={code}#question-{question.id}"),
        ]
        places.setdefault(question.title, (section, "the question", links))
        places.setdefault(question.hint, (section, "the hint under the question", links))
        places.setdefault(question.summary_label, (section, "its name in the summary", links))
        for option in question.options:
            places.setdefault(option.label, (section, f"answer '{option.id}'", links))
            if option.hint:
                places.setdefault(option.hint, (section, f"hint of answer '{option.id}'", links))
    for level, name in content.LEVEL_NAMES.items():
        live = advice_live(code, level)
        places.setdefault(
            name, (f"level:{level.name.lower()}", "the level word", [live] if live else [])
        )
    for rule in content.RULES:
        live = advice_live(code, rule.level)
        links = [
            *([live] if live else []),
            Live("rules page", f"/rules?lang={code}#rule-{rule.id}"),
        ]
        places.setdefault(
            rule.reason,
            (f"level:{rule.level.name.lower()}", f"'Why we say this' (rule {rule.id})", links),
        )
    for note in content.NOTES:
        links = [Live("rules page", f"/rules?lang={code}#note-{note.id}")]
        places.setdefault(note.text, ("notes", f"advice note '{note.id}'", links))
    for sign in content.EMERGENCY_SIGNS:
        places.setdefault(sign, ("notes", "'call the emergency number if' sign", [rules]))
    for sign in content.URGENT_SIGNS:
        places.setdefault(sign, ("notes", "'call your maternity unit if' sign", [rules]))
    for source in content.SOURCES:
        places.setdefault(source, ("advice", "a source under 'Where this advice comes from'", []))
    for question in content.QUESTIONS:
        if question.asked_when_words:
            places.setdefault(
                question.asked_when_words,
                ("rules", f"'asked when' of question {question.id}", [rules]),
            )
    return places


def _relative(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path


def items(code: str, catalog: Catalog, located: Catalog) -> list[Item]:
    """Every message, with where it is shown; content in its reading order
    (a question, its hint, its answers), the rest in the template's order."""
    places = _content_places(code)
    order = {english: index for index, english in enumerate(places)}
    critical = review.safety_critical()
    start = Live("open the start page", f"/?lang={code}")
    found = []
    for source in located:
        if not source.id:
            continue
        english = forms(source.id)[0]
        message = catalog.get(source.id, source.context)
        if message is None:
            continue
        message.auto_comments = list(source.auto_comments)
        if english in places:
            section, where, live = places[english]
        else:
            files = [_relative(path) for path, _line in source.locations]
            kinds = [_FILES.get(path, "other") for path in files]
            section = kinds[0] if kinds else "other"
            also = sorted({SECTIONS[k] for k in kinds[1:] if k != section})
            where = critical.get(english, "") or "text in " + ", ".join(dict.fromkeys(files))
            if also:
                where += "; also: " + ", ".join(also)
            live = {
                "every": [start],
                "start": [start],
                "rules": [Live("open the rules page", f"/rules?lang={code}")],
                "questions": [question_live(code, content.QUESTIONS[0].id)],
            }.get(section, [])
            if section == "advice":
                live = [a for level in Level if (a := advice_live(code, level))]
        found.append(Item(message, section, where, list(live), critical.get(english, "")))
    return sorted(found, key=lambda item: order.get(forms(item.message.id)[0], len(order)))


def _section_order(section: str) -> tuple[int, int, str]:
    if section.startswith("question:"):
        ids = [q.id for q in content.QUESTIONS]
        return (3, ids.index(section.split(":", 1)[1]), "")
    if section.startswith("level:"):
        return (4, [lv.name.lower() for lv in Level][::-1].index(section.split(":", 1)[1]), "")
    if section == "advice":
        return (4, -1, "")
    fixed = ["every", "start", "questions", "", "", "notes", "numbers", "errors"]
    fixed += ["rules", "partners", "other"]
    return (fixed.index(section) if section in fixed else 99, 0, section)


def _section_title(section: str) -> str:
    if section.startswith("question:"):
        question = content.QUESTIONS_BY_ID[section.split(":", 1)[1]]
        number = [q.id for q in content.QUESTIONS].index(question.id) + 1
        return f"Question {number}: {question.title}"
    if section.startswith("level:"):
        level = section.split(":", 1)[1]
        return f"Advice: {level} ({content.LEVEL_NAMES[Level[level.upper()]]})"
    if section == "notes":
        return "Advice notes and 'call sooner if' signs"
    return SECTIONS.get(section, section)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _live_html(base_url: str, live: Iterable[Live]) -> str:
    parts = []
    for link in live:
        if link.fields:
            hidden = "".join(
                f'<input type="hidden" name="{_esc(k)}" value="{_esc(v)}">' for k, v in link.fields
            )
            parts.append(
                f'<form class="live" method="post" action="{_esc(base_url + link.path)}"'
                f' target="_blank">{hidden}'
                f'<button type="submit">{_esc(link.label)} ↗</button></form>'
            )
        else:
            parts.append(
                f'<a class="live" href="{_esc(base_url + link.path)}" target="_blank"'
                f' rel="noreferrer">{_esc(link.label)} ↗</a>'
            )
    return "".join(parts)


def _terms_html(
    entries: Sequence[termbase.Entry], english: str, translation: str, code: str
) -> str:
    rows = []
    for entry in entries:
        if entry.kind not in ("term", "action"):
            continue
        applies = entry.in_english(english)
        reserved = [t for t in entry.reserved if has(translation, t, code)] if not applies else []
        if not applies and not reserved:
            continue
        approved = " | ".join(" + ".join(a) for a in entry.target) or "—"
        flag = " (reserved term used here: check)" if reserved else ""
        rows.append(
            f"<li><b>{_esc(entry.concept)}</b>{_esc(flag)}: approved <q>{_esc(approved)}</q>"
            + (f"; reserved <q>{_esc(' | '.join(entry.reserved))}</q>" if entry.reserved else "")
            + (f". <span class=note>{_esc(entry.note)}</span>" if entry.note else "")
            + "</li>"
        )
    return f'<ul class="terms">{"".join(rows)}</ul>' if rows else ""


def has(text: str, term: str, code: str) -> bool:
    return termbase.has_term(text, term, code)


def render(code: str, base_url: str = DEFAULT_BASE_URL, today: date | None = None) -> str:
    info = KNOWN_LOCALES[code]
    catalog = read_catalog(catalog_path(code), code)
    located = located_template()
    declared = signoff.reviewers(catalog)
    path = termbase.termbase_path(code)
    entries = termbase.load(path) if path.exists() else []
    all_items = items(code, catalog, located)
    by_section: dict[str, list[Item]] = {}
    for item in all_items:
        by_section.setdefault(item.section, []).append(item)
    signed = sum(1 for i in all_items if signoff.is_signed_off(i.message, declared))
    critical_open = sum(
        1 for i in all_items if i.critical and not signoff.is_signed_off(i.message, declared)
    )
    base_url = base_url.rstrip("/")
    day = (today or date.today()).isoformat()
    body = []
    toc = []
    number = 0
    for section in sorted(by_section, key=_section_order):
        title = _section_title(section)
        anchor = "s-" + section.replace(":", "-")
        count = len(by_section[section])
        toc.append(f'<li><a href="#{anchor}">{_esc(title)}</a> ({count})</li>')
        body.append(
            f'<section class="group" aria-labelledby="{anchor}">'
            f'<h2 id="{anchor}">{_esc(title)}</h2>'
        )
        for item in by_section[section]:
            number += 1
            body.append(
                _item_html(
                    item, number, code, info.tag, info.direction, base_url, entries, declared
                )
            )
        body.append("</section>")
    roles = "".join(f'<option value="{r}">{r}</option>' for r in ROLES)
    reviewers_html = (
        "; ".join(f"{_esc(r.role)} {_esc(r.date)} ({_esc(r.who)})" for r in declared)
        or "none yet: every string is a draft"
    )
    return _asset("page.html").format(
        code=_esc(code),
        name=_esc(info.babel.get_display_name("en") or code),
        tag=_esc(info.tag),
        total=len(all_items),
        signed=signed,
        critical_open=critical_open,
        reviewers=reviewers_html,
        base=_esc(base_url),
        roles=roles,
        day=day,
        toc="".join(toc),
        body="\n".join(body),
        style=_asset("style.css"),
        script=_asset("script.js"),
    )


def _item_html(
    item: Item,
    number: int,
    code: str,
    tag: str,
    direction: str,
    base_url: str,
    entries: Sequence[termbase.Entry],
    declared: Sequence[signoff.Reviewer],
) -> str:
    message = item.message
    english = forms(message.id)
    translation = forms(message.string)
    key = {"msgid": english[0], "context": message.context, "hash": signoff.entry_hash(message)}
    sign_off = signoff.sign_off_of(message)
    if signoff.is_signed_off(message, declared) and sign_off:
        state = f"signed off by {sign_off.role} on {sign_off.date}"
        state_class = "signed"
    elif sign_off:
        state = "sign-off void: the English or the translation changed since"
        state_class = "void"
    else:
        state = "not yet reviewed"
        state_class = "open"
    ident = f"m{number}"
    notes = " ".join(message.auto_comments).removeprefix("Translators:").strip()
    back = review.back_translation_of(message)
    terms = _terms_html(entries, english[0], " ".join(translation), code)
    critical = (
        f'<span class="critical">safety-critical: {_esc(item.critical)}</span>'
        if item.critical
        else ""
    )
    english_html = "".join(f"<p>{_esc(e)}</p>" for e in english)
    translation_html = "".join(f"<p>{_esc(t)}</p>" for t in translation)
    return _asset("item.html").format(
        ident=ident,
        state_class=state_class,
        key=_esc(json.dumps(key, ensure_ascii=False)),
        number=number,
        where=_esc(item.where),
        critical=critical,
        state=_esc(state),
        english_html=english_html,
        translation_html=translation_html,
        tag=_esc(tag),
        direction=_esc(direction),
        code=_esc(code),
        notes=f'<p class="hint"><b>Translator note:</b> {_esc(notes)}</p>' if notes else "",
        terms=f'<div class="hint"><b>Termbase:</b>{terms}</div>' if terms else "",
        live=_live_html(base_url, item.live),
        back=_esc(back),
    )


ASSETS = Path(__file__).with_name("review_pack_assets")


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def output_path(code: str) -> Path:
    return ROOT / "build" / "review-pack" / f"review-{code}.html"

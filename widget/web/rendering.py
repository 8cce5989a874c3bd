"""Templates: one Jinja environment per shipped locale, built once at start-up.

Each environment has its catalog installed, so a request only picks an
environment; no catalog is parsed and no template compiled per request.

Pages are rendered in two stages so that one small server carries a large
site's traffic:

1. A *skeleton*: the template rendered without the reader's answers. Where a
   page needs them it prints a slot (``\\x00h:…\\x00`` for the hidden state,
   ``\\x00c:…\\x00`` for a ticked box, ``\\x00a:…\\x00`` for an answer in the
   summary). Skeletons depend only on what the view puts in the cache key (the
   language, region and partner, the question, the error…), so they are kept
   in a cache bounded in bytes (``SkeletonCache``) and rendered once.
2. The slots are filled from the answers with plain string work.

Each page kind's inputs are one frozen dataclass (a ``Page``): its fields are
the skeleton's cache key and the only inputs of its context, so the key cannot
miss an input. The answers are never in a template's context: a template that
tries to read them fails loudly (StrictUndefined), so nothing answer-dependent
can end up cached. A test renders random states in every language, with and
without a partner, an embed id and a second language, with a cold and a warm
cache, and requires identical bytes.
"""

from __future__ import annotations

import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Literal, Protocol

from babel.dates import format_date
from babel.lists import format_list
from babel.support import NullTranslations
from isal import isal_zlib
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from widget.clinical import content, regions
from widget.clinical.content import Level, Question
from widget.i18n import review_note
from widget.i18n.locales import LOCALES, SOURCE_LOCALE, LocaleInfo, load_translations
from widget.resources import resource_dir
from widget.web.headers import GZIPPED, Precompressed, accepts_gzip, page_headers
from widget.web.settings import PAGE_CACHE_BYTES

JINJA_EXTENSIONS = ["jinja2.ext.i18n", "jinja2.ext.do"]
COMPRESS_MIN_BYTES = 1400  # about one packet: smaller bodies go as they are
NOT_ANSWERED = review_note.NOT_ANSWERED  # one message, defined beside the note that counts it

Answers = Mapping[str, frozenset[str]]
_SLOT = re.compile("\x00([hcae]):([^\x00]*)\x00")

# Rendered where the embed id goes (a reader's ``embed_id``) and filled in
# like the answers, so that unique ids share one skeleton.
EMBED_SLOT = "embed-id-slot-7f3a"


def _slot(kind: str, name: str = "") -> Markup:
    return Markup(f"\x00{kind}:{name}\x00")


def hidden_slot(exclude: str | None = None) -> Markup:
    return _slot("h", exclude or "")


def checked_slot(question_id: str, option_id: str) -> Markup:
    return _slot("c", f"{question_id}.{option_id}")


def answer_slot(question_id: str, locale_code: str) -> Markup:
    """The reader's answer in words, in the language ``locale_code``."""
    return _slot("a", f"{question_id}@{locale_code}")


_QUESTION_IDS = tuple(question.id for question in content.QUESTIONS)


@lru_cache(maxsize=1024)
def _answer_inputs(question_id: str, chosen: frozenset[str]) -> bytes:
    # Ids are validated names from the content (never reader text), so no escaping is needed.
    return "".join(
        f'<input type="hidden" name="{question_id}" value="{option_id}">\n'
        for option_id in sorted(chosen)
    ).encode()


def hidden_inputs(answers: Answers, exclude: str | None = None) -> bytes:
    """The answers as hidden inputs, in question order."""
    return b"".join(
        [
            _answer_inputs(question_id, answers[question_id])
            for question_id in _QUESTION_IDS
            if question_id != exclude and question_id in answers
        ]
    )


def static_url(path: str) -> str:
    """The URL of a static file (replaced by the app with content-hashed names)."""
    return "/static/" + path


def build_environment(
    locale: LocaleInfo,
    static: Callable[[str], str] = static_url,
    translations: NullTranslations | None = None,
    locales: Sequence[LocaleInfo] = LOCALES,
) -> Environment:
    env = Environment(
        loader=FileSystemLoader(resource_dir("templates")),
        autoescape=True,
        extensions=JINJA_EXTENSIONS,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    translations = translations or load_translations(locale.code)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    babel_locale = locale.babel

    def list_of(items: list[str], style: Literal["standard", "or"] = "standard") -> str:
        return format_list(items, style=style, locale=babel_locale) if items else ""

    def long_date(iso: str) -> str:
        return format_date(date.fromisoformat(iso), format="long", locale=babel_locale)

    env.globals.update(
        static_url=static,
        locale=locale,
        locales=tuple(locales),  # the language switcher's choices
        format_list=list_of,
        format_date=long_date,
        hidden_slot=hidden_slot,
        checked_slot=checked_slot,
        # A page's answers in its own language; a second-language summary names its own.
        answer_slot=lambda question_id, code=locale.code: answer_slot(question_id, code),
        all_questions=content.QUESTIONS,
        level_names=content.LEVEL_NAMES,
        sources=content.SOURCES,
        care_model=regions.care_model_for,  # the region's advice words (content.CareModel)
        common_numbers=regions.COMMON_EMERGENCY_NUMBERS,  # shown when no region is known
        Level=Level,
    )
    return env


class _Locale:
    """What one language needs at request time: templates and slot filling."""

    def __init__(
        self, info: LocaleInfo, static: Callable[[str], str], locales: Sequence[LocaleInfo]
    ) -> None:
        translations = load_translations(info.code)
        tracked = review_note.TrackingTranslations(info.code, translations)
        self.env = build_environment(info, static, tracked, locales)
        # A page that shows any string no clinician has signed off says so
        # (templates/_banner.html; decided per page in Renderer.skeleton).
        self.env.globals["translation_draft"] = info.code != SOURCE_LOCALE
        self.env.globals["review_note"] = (review_note.BEGIN, review_note.END)
        babel_locale = info.babel
        self._not_answered = f"<em>{escape(translations.gettext(NOT_ANSWERED))}</em>".encode()
        self._labels = {
            (question.id, option.id): translations.gettext(option.label)
            for question in content.QUESTIONS
            for option in question.options
        }
        self._format_list: Callable[[list[str]], str] = lambda items: format_list(
            items, locale=babel_locale
        )

    def answer_text(self, question: Question, chosen: frozenset[str] | None) -> bytes:
        if not chosen:
            return self._not_answered
        return self._answer_words(question, chosen)

    @lru_cache(maxsize=2048)  # noqa: B019 - one _Locale per language, for the app's lifetime
    def _answer_words(self, question: Question, chosen: frozenset[str]) -> bytes:
        labels = [self._labels[question.id, o.id] for o in question.options if o.id in chosen]
        return str(escape(self._format_list(labels))).encode()


class PageResponse(Response):
    """An HTML response that, like Starlette's template responses, tells the
    test client which template and context made it."""

    media_type = "text/html"

    def __init__(
        self,
        body: bytes,
        status: int,
        headers: list[tuple[bytes, bytes]],
        template: Any,
        context: Mapping[str, Any],
    ) -> None:
        # As Response.__init__ would make them, without its per-header work.
        self.status_code = status
        self.body = body
        self.background = None
        self.raw_headers = [*headers, (b"content-length", b"%d" % len(body))]
        self.template = template
        self.context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if "http.response.debug" in scope.get("extensions", {}):
            await send(
                {
                    "type": "http.response.debug",
                    "info": {"template": self.template, "context": self.context},
                }
            )
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        await send({"type": "http.response.body", "body": self.body})


class Page(Protocol):
    """A page kind: its inputs, as one frozen dataclass whose fields are its
    skeleton's cache key and the only inputs of ``context``."""

    @property
    def template(self) -> str: ...

    @property
    def locale(self) -> LocaleInfo: ...

    @property
    def policy(self) -> str | None: ...  # its own Content-Security-Policy, else None

    def context(self, renderer: Renderer) -> Mapping[str, Any]: ...


class Renderer:
    """Renders a page in its locale, as a full page or as the htmx partial."""

    def __init__(
        self,
        locales: Sequence[LocaleInfo] = LOCALES,
        static: Callable[[str], str] = static_url,
        extra: Mapping[str, Any] | None = None,
        cache_bytes: int = PAGE_CACHE_BYTES,
    ) -> None:
        """``extra``: more template globals, installed here, once; ``cache_bytes``:
        the bound of the skeleton cache."""
        self.locales = tuple(locales)
        self._locales = {info.code: _Locale(info, static, self.locales) for info in self.locales}
        for here in self._locales.values():
            here.env.globals.update(extra or {})
        self.skeletons = SkeletonCache(cache_bytes)

    def environment(self, locale: LocaleInfo) -> Environment:
        return self._locales[locale.code].env

    def fill(
        self, locale: LocaleInfo, skeleton: Skeleton, answers: Answers, embed_id: str
    ) -> bytes:
        """The page: the skeleton's parts, with the answers (and embed id) in its slots."""
        out = []
        hidden: dict[str, bytes] = {}  # a page's forms carry the same answers
        for part in skeleton.parts:
            if isinstance(part, bytes):
                out.append(part)
                continue
            kind, name, more = part
            if kind == "h":
                if name not in hidden:
                    hidden[name] = hidden_inputs(answers, exclude=name or None)
                out.append(hidden[name])
            elif kind == "c":
                out.append(b" checked" if more in answers.get(name, ()) else b"")
            elif kind == "a":
                words = self._locales[more]
                out.append(words.answer_text(content.QUESTIONS_BY_ID[name], answers.get(name)))
            else:
                out.append(embed_id.encode())
        return b"".join(out)

    def skeleton(self, page: Page, partial: bool) -> Skeleton:
        key = (partial, page)
        cached = self.skeletons.get(key)
        if cached is not None:
            return cached
        code = page.locale.code
        template = self._locales[code].env.get_template(page.template)
        layout = "_partial.html" if partial else "_page.html"
        with review_note.recording() as shown:
            rendered = template.render({**page.context(self), "layout": layout})
        rendered = review_note.resolve(rendered, shown, code)
        skeleton = Skeleton(rendered.replace(EMBED_SLOT, "\x00e:\x00"), template)
        self.skeletons.put(key, skeleton)
        return skeleton

    def render(
        self,
        request: Request,
        page: Page,
        answers: Answers | None = None,
        status: int = 200,
        embed_id: str | None = None,
    ) -> Response:
        """The answers and ``embed_id`` never enter a skeleton: they are filled in."""
        # htmx swaps the widget area, so it wants the partial; a history
        # restore or a plain browser request wants the whole page.
        htmx = request.headers.get("hx-request") == "true"
        partial = htmx and request.headers.get("hx-history-restore-request") != "true"
        skeleton = self.skeleton(page, partial)
        headers = list(page_headers(page.locale.tag, page.policy))
        accept_encoding = request.headers.get("accept-encoding")
        if skeleton.ready is not None:
            body, gzipped = skeleton.ready.pick(accept_encoding)
        else:
            body = self.fill(page.locale, skeleton, answers or {}, embed_id or EMBED_SLOT)
            gzipped = len(body) >= COMPRESS_MIN_BYTES and accepts_gzip(accept_encoding)
            body = _gzip(body) if gzipped else body
        if gzipped:
            headers.append(GZIPPED)
        debug_context: Mapping[str, Any] = {}
        if "http.response.debug" in request.scope.get("extensions", {}):  # the test client
            debug_context = {**page.context(self), "answers": answers or {}, "request": request}
        return PageResponse(body, status, headers, skeleton.template, debug_context)


def render(
    request: Request,
    page: Page,
    *,
    answers: Answers | None = None,
    status: int = 200,
    embed_id: str | None = None,
) -> Response:
    """``page`` with the answers and the embed id filled in, by the app's renderer."""
    renderer: Renderer = request.app.state.renderer
    return renderer.render(request, page, answers, status, embed_id)


def _gzip(body: bytes) -> bytes:
    return isal_zlib.compress(body, 1, wbits=31)


Slot = tuple[str, str, str]  # kind, name, more
# Every slot once, shared by the skeletons that have it: the templates make a
# fixed set of them (questions, options, languages), and a page has dozens.
_SLOTS: dict[Slot, Slot] = {}


class Skeleton:
    """A rendered page without answers, split at its slots: ``parts`` are
    bytes (the page as it is) and ``(kind, name, more)`` slots, in order.
    Without slots (a start page) it is ``ready`` to send, compressed once.
    ``size``: the bytes it holds in memory (the bound of ``SkeletonCache``)."""

    def __init__(self, html: str, template: Any) -> None:
        self.template = template
        pieces = _SLOT.split(html)  # text, kind, name, text, kind, name, ..., text
        self.parts: list[bytes | Slot] = []
        for index in range(0, len(pieces), 3):
            if pieces[index]:
                self.parts.append(pieces[index].encode())
            if index + 1 < len(pieces):
                kind, name = pieces[index + 1], pieces[index + 2]
                name, _, more = name.partition("." if kind == "c" else "@")
                slot = (kind, name, more)
                self.parts.append(_SLOTS.setdefault(slot, slot))
        self.ready: Precompressed | None = None
        # The list and its bytes, as Python holds them (slots are shared).
        self.size = sys.getsizeof(self.parts) + sum(
            sys.getsizeof(part) for part in self.parts if isinstance(part, bytes)
        )
        if all(isinstance(part, bytes) for part in self.parts):
            body = b"".join(self.parts)  # type: ignore[arg-type]
            worth = len(body) >= COMPRESS_MIN_BYTES
            self.ready = Precompressed(body, _gzip(body) if worth else None)
            self.size += sum(sys.getsizeof(made) for made in (body, self.ready.gzipped) if made)


class SkeletonCache:
    """Skeletons by their page's inputs, the least recently used evicted first,
    never holding more than ``max_bytes`` of them (``Skeleton.size``): the
    number of distinct pages is large (languages × regions × partners ×
    outcomes), so a bound in entries would be no bound on memory."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, Skeleton] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def get(self, key: Hashable) -> Skeleton | None:
        skeleton = self._entries.get(key)
        if skeleton is not None:
            self._entries.move_to_end(key)
        return skeleton

    def put(self, key: Hashable, skeleton: Skeleton) -> None:
        """Keep ``skeleton``, evicting the least recently used until it fits
        (one larger than the whole bound is not kept)."""
        if skeleton.size > self.max_bytes:
            return
        if (old := self._entries.pop(key, None)) is not None:
            self.bytes -= old.size
        self._entries[key] = skeleton
        self.bytes += skeleton.size
        while self.bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.bytes -= evicted.size

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def keys(self) -> list[Hashable]:
        """Least recently used first."""
        return list(self._entries)

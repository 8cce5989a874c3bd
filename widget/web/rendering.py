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
   in a bounded cache and rendered once.
2. The slots are filled from the answers with plain string work.

While a skeleton renders, ``answers`` is an opaque stand-in: a template that
tries to read answers directly fails loudly (StrictUndefined / TypeError),
so nothing answer-dependent can end up cached. A test renders random states
with a cold and a warm cache and requires identical bytes.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, Literal

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
from widget.web.headers import accepts_gzip

JINJA_EXTENSIONS = ["jinja2.ext.i18n", "jinja2.ext.do"]
SKELETON_CACHE_SIZE = 4096
COMPRESS_MIN_BYTES = 1400  # about one packet: smaller bodies go as they are
NOT_ANSWERED = review_note.NOT_ANSWERED  # one message, defined beside the note that counts it

Answers = Mapping[str, frozenset[str]]
_SLOT = re.compile("\x00([hcae]):([^\x00]*)\x00")


class AnswersStandIn:
    """Stands in for the answers while a skeleton renders: it has no data, so
    a template cannot depend on answers by accident."""

    __slots__ = ()


ANSWERS_STAND_IN = AnswersStandIn()
# Rendered where the embed id goes (a reader's ``embed_id``) and filled in
# like the answers, so that unique ids share one skeleton.
EMBED_SLOT = "embed-id-slot-7f3a"


def _slot(kind: str, name: str = "") -> Markup:
    return Markup(f"\x00{kind}:{name}\x00")


def hidden_slot(exclude: str | None = None) -> Markup:
    return _slot("h", exclude or "")


def checked_slot(question_id: str, option_id: str) -> Markup:
    return _slot("c", f"{question_id}.{option_id}")


def answer_slot(question_id: str, locale_code: str = "") -> Markup:
    """The reader's answer in words; in another language when ``locale_code`` says."""
    return _slot("a", f"{question_id}@{locale_code}" if locale_code else question_id)


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
        answer_slot=answer_slot,
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


_VARY = (b"vary", b"HX-Request, Accept-Language, Accept-Encoding")
_NO_STORE = (b"cache-control", b"no-store")
_GZIP = (b"content-encoding", b"gzip")
_HTML = (b"content-type", b"text/html; charset=utf-8")


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
        self.raw_headers = [*headers, (b"content-length", b"%d" % len(body)), _HTML]
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


class Renderer:
    """Renders a template in a locale, as a full page or as the htmx partial."""

    def __init__(
        self,
        locales: Sequence[LocaleInfo] = LOCALES,
        static: Callable[[str], str] = static_url,
        cache: bool = True,
    ) -> None:
        self.locales = tuple(locales)
        self._locales = {
            locale.code: _Locale(locale, static, self.locales) for locale in self.locales
        }
        self._skeletons: OrderedDict[Hashable, Skeleton] = OrderedDict()
        self._cache = cache

    def environment(self, locale: LocaleInfo) -> Environment:
        return self._locales[locale.code].env

    def fill(
        self, locale: LocaleInfo, skeleton: Skeleton, answers: Answers, embed_id: str
    ) -> bytes:
        """The page: the skeleton's parts, with the answers (and embed id) in its slots."""
        here = self._locales[locale.code]
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
                words = self._locales.get(more, here)  # a second language's summary names its own
                out.append(words.answer_text(content.QUESTIONS_BY_ID[name], answers.get(name)))
            else:
                out.append(embed_id.encode())
        return b"".join(out)

    def skeleton(
        self,
        locale: LocaleInfo,
        name: str,
        context: Callable[[], Mapping[str, Any]],
        key: Hashable,
    ) -> Skeleton:
        full_key = (locale.code, name, key)
        cached = self._skeletons.get(full_key)
        if cached is not None:
            self._skeletons.move_to_end(full_key)
            return cached
        template = self._locales[locale.code].env.get_template(name)
        with review_note.recording() as shown:
            rendered = template.render({**context(), "answers": ANSWERS_STAND_IN})
        rendered = review_note.resolve(rendered, shown, locale.code)
        skeleton = Skeleton(rendered.replace(EMBED_SLOT, "\x00e:\x00"), template)
        if self._cache:
            self._skeletons[full_key] = skeleton
            if len(self._skeletons) > SKELETON_CACHE_SIZE:
                self._skeletons.popitem(last=False)
        return skeleton

    def render(
        self,
        request: Request,
        locale: LocaleInfo,
        name: str,
        context: Callable[[], Mapping[str, Any]],
        *,
        key: Hashable,
        answers: Answers | None = None,
        status: int = 200,
        embed_id: str | None = None,
    ) -> Response:
        """``key`` must capture everything in ``context`` the page depends on;
        the answers are passed separately and never enter a skeleton, nor does
        ``embed_id`` (which the page has as ``EMBED_SLOT``)."""
        # htmx swaps the widget area, so it wants the partial; a history
        # restore or a plain browser request wants the whole page.
        htmx = request.headers.get("hx-request") == "true"
        partial = htmx and request.headers.get("hx-history-restore-request") != "true"
        layout = "_partial.html" if partial else "_page.html"
        skeleton = self.skeleton(
            locale, name, lambda: {**context(), "layout": layout}, (partial, key)
        )
        gzip_ok = accepts_gzip(request.headers.get("accept-encoding"))
        headers = [_VARY, (b"content-language", locale.tag.encode()), _NO_STORE]
        if skeleton.body is None:
            body = self.fill(locale, skeleton, answers or {}, embed_id or EMBED_SLOT)
            if gzip_ok and len(body) >= COMPRESS_MIN_BYTES:
                body = _gzip(body)
                headers.append(_GZIP)
        elif gzip_ok and len(skeleton.body) >= COMPRESS_MIN_BYTES:
            body = skeleton.gzipped
            headers.append(_GZIP)
        else:
            body = skeleton.body
        debug_context = {"answers": answers or {}, "request": request}
        if "http.response.debug" in request.scope.get("extensions", {}):
            debug_context = {**context(), **debug_context}  # only for the test client
        return PageResponse(body, status, headers, skeleton.template, debug_context)


def _gzip(body: bytes) -> bytes:
    return isal_zlib.compress(body, 1, wbits=31)


class Skeleton:
    """A rendered page without answers, split at its slots: ``parts`` are
    bytes (the page as it is) and ``(kind, name, more)`` slots, in order."""

    def __init__(self, html: str, template: Any) -> None:
        pieces = _SLOT.split(html)  # text, kind, name, text, kind, name, ..., text
        self.parts: list[bytes | tuple[str, str, str]] = []
        for index in range(0, len(pieces), 3):
            if pieces[index]:
                self.parts.append(pieces[index].encode())
            if index + 1 < len(pieces):
                kind, name = pieces[index + 1], pieces[index + 2]
                name, _, more = name.partition("." if kind == "c" else "@")
                self.parts.append((kind, name, more))
        self.template = template
        # Ready to send when it has no slots (e.g. the start page).
        texts = [part for part in self.parts if isinstance(part, bytes)]
        self.body = b"".join(texts) if len(texts) == len(self.parts) else None

    @cached_property
    def gzipped(self) -> bytes:
        assert self.body is not None
        return _gzip(self.body)

"""Thousands of generated requests, in-process: never a 5xx, never our
planted markup reflected, never a redirect or a cookie.

Most requests are near-valid forms (real question ids, options and
navigation, the reader's context) with hostile changes mixed in, so they
reach the deep pages (questions, advice, salvage) and not only the 400s.
"""

from __future__ import annotations

import random
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.asgi_driver import Driver
from tests.examples import examples
from tests.hostile import FORM, MARKUP, REDIRECT_PARAMETERS, URLS, assert_safe_reply
from widget.clinical import content
from widget.clinical.flow import (
    NAV_BACK,
    NAV_CHANGE_PREFIX,
    NAV_FIELDS,
    NAV_START,
    NAV_STAY,
    QuestionScreen,
    advance,
    parse,
)
from widget.clinical.regions import REGIONS
from widget.web.reader import CARRIED_FIELDS

EXAMPLES = examples(5000)
PLANTED = MARKUP + URLS

QUESTION_IDS = [question.id for question in content.QUESTIONS]
OPTION_IDS = sorted({option for question in content.QUESTIONS for option in question.option_ids})
NAVS = [NAV_START, "continue", NAV_BACK, "advice", NAV_STAY] + [
    NAV_CHANGE_PREFIX + question_id for question_id in QUESTION_IDS
]
REGION_CODES = [region.code for region in REGIONS]
CONTEXT_VALUES = ["en", "fr", "ar", "zh-Hans", "other", *REGION_CODES]
FIELD_NAMES = [*QUESTION_IDS, *sorted(NAV_FIELDS), "lang", "region", "partner"]


def reader_forms(walks: int = 150) -> list[list[tuple[str, str]]]:
    """Forms real readers send: random walks through the questions, each
    step's Continue, Back, Advice and Stay, and Change from the advice."""
    rng = random.Random(20261127)
    forms: list[list[tuple[str, str]]] = []
    for _ in range(walks):
        carried = [("lang", rng.choice(CONTEXT_VALUES[:4])), ("region", rng.choice(REGION_CODES))]
        answers: dict[str, list[str]] = {}
        screen = advance(parse([("nav", NAV_START)], CARRIED_FIELDS))
        while isinstance(screen, QuestionScreen):
            question = screen.question
            options = sorted(question.option_ids)
            if question.kind == "radio":
                chosen = [rng.choice(options)]
            else:
                chosen = sorted(set(rng.sample(options, rng.randint(1, 2))))
            others = [(q, v) for q, values in answers.items() if q != question.id for v in values]
            base = carried + others + [("step", question.id)]
            forms.append([*base, ("nav", rng.choice([NAV_BACK, "advice", NAV_STAY]))])
            body = base + [(question.id, value) for value in chosen] + [("nav", "continue")]
            forms.append(body)
            answers[question.id] = chosen
            screen = advance(parse(body, CARRIED_FIELDS))
        everything = carried + [(q, v) for q, values in answers.items() for v in values]
        forms.append([*everything, ("nav", NAV_CHANGE_PREFIX + rng.choice(list(answers)))])
    return forms


READER_FORMS = reader_forms()

planted = st.sampled_from(PLANTED)
odd_text = st.one_of(
    st.text(max_size=12),  # any Unicode, control characters included
    st.builds(
        lambda text, times: text * times, st.text(min_size=1, max_size=3), st.integers(60, 150)
    ),
    st.sampled_from(["", " ", "\x00", "\u202e", "\ufeff", "%", "%FF", "../..", "1" * 300]),
)
value = st.one_of(
    st.sampled_from(OPTION_IDS + NAVS + CONTEXT_VALUES + QUESTION_IDS),
    planted,
    odd_text,
)
name = st.one_of(
    st.sampled_from(FIELD_NAMES + REDIRECT_PARAMETERS),
    st.text(max_size=12),
)


@st.composite
def near_valid_form(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A form a reader could send, then up to three hostile edits."""
    pairs = list(draw(st.sampled_from(READER_FORMS)))
    for _ in range(draw(st.integers(0, 3))):
        edit = draw(st.sampled_from(["add", "replace", "drop"]))
        if edit == "add" or not pairs:
            pairs.insert(draw(st.integers(0, len(pairs))), (draw(name), draw(value)))
        elif edit == "replace":
            index = draw(st.integers(0, len(pairs) - 1))
            pairs[index] = (pairs[index][0], draw(value))
        else:
            pairs.pop(draw(st.integers(0, len(pairs) - 1)))
    return pairs


def encode(pairs: list[tuple[str, str]]) -> bytes:
    return urlencode(pairs, errors="surrogatepass").encode("ascii")


form_pairs = st.one_of(near_valid_form(), st.lists(st.tuples(name, value), max_size=12))
body = st.one_of(
    form_pairs.map(encode),
    st.binary(max_size=300),  # invalid UTF-8, raw bytes, anything
    st.builds(lambda b, junk: b + junk, form_pairs.map(encode), st.binary(max_size=20)),
    st.integers(95, 130).map(lambda n: b"&".join([b"danger=none"] * n)),  # the field limit
    st.integers(15_000, 17_500).map(lambda n: b"a=" + b"x" * n),  # the size limit
)
content_type = st.sampled_from(
    [
        FORM[1],
        FORM[1],
        FORM[1],
        b"application/x-www-form-urlencoded; charset=utf-8",
        b"APPLICATION/X-WWW-FORM-URLENCODED",
        b"multipart/form-data; boundary=x",
        b"application/json",
        b"text/plain",
        None,
    ]
)
header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=20
)
accept_language = st.one_of(
    st.none(),
    st.sampled_from(["en", "fr-CA,fr;q=0.9,en;q=0.1", "*", "ar;q=abc", "zh-Hant-TW, q=1"]),
    planted,
    header_text,
)
path = st.one_of(
    st.sampled_from(
        [
            "/step",
            "/step",
            "/step",
            "/",
            "/healthz",
            "/embed.js",
            "/static/css/widget.css",
            "/static/vendor/htmx.min.js",
            "/static/../widget/web/app.py",
            "/static/%2e%2e/pyproject.toml",
            "/static/",
            "//evil.example/",
            "/step/",
        ]
    ),
    st.text(max_size=16).map(lambda text: "/" + quote(text, safe="/%.", errors="surrogatepass")),
)
method = st.sampled_from(["POST", "POST", "POST", "GET", "GET", "HEAD", "PUT", "OPTIONS"])


@st.composite
def request(draw: st.DrawFn) -> tuple[str, bytes, bytes, list[tuple[bytes, bytes]], bytes]:
    query_pairs = draw(st.lists(st.tuples(name, value), max_size=4))
    headers: list[tuple[bytes, bytes]] = []
    kind = draw(content_type)
    if kind is not None:
        headers.append((b"content-type", kind))
    language = draw(accept_language)
    if language is not None:
        headers.append((b"accept-language", language.encode("latin-1", errors="replace")))
    if draw(st.booleans()):
        headers.append((b"hx-request", b"true"))
        if draw(st.integers(0, 5)) == 0:
            headers.append((b"hx-history-restore-request", b"true"))
    return (
        draw(method),
        draw(path).encode("ascii"),
        encode(query_pairs),
        headers,
        draw(body),
    )


# Each planted payload with the spellings it can arrive in.
PLANTED_FORMS = [
    (payload, {payload.encode(), quote(payload).encode(), urlencode({"": payload})[1:].encode()})
    for payload in PLANTED
]


def planted_in(request: tuple[str, bytes, bytes, list[tuple[bytes, bytes]], bytes]) -> list[str]:
    _, raw_path, query, headers, body = request
    sent = b" ".join([raw_path, query, body, *(value for _, value in headers)])
    return [payload for payload, forms in PLANTED_FORMS if any(form in sent for form in forms)]


def test_generated_requests_never_fail_or_reflect(app):
    driver = Driver(app)
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(request())
    def check(generated):
        nonlocal sent
        sent += 1
        reply = driver.request(*generated)
        assert_safe_reply(reply, generated[0], planted_in(generated))

    try:
        check()
    finally:
        driver.close()
    assert sent >= EXAMPLES

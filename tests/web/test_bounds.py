"""Memory and caches are bounded in bytes: hostile headers and ids keep nothing,
and the page cache holds at most its bound in bytes.

Issue 11 section 2: the memoised reader context used to keep raw
Accept-Language text and raw query values as its key, and unique embed ids
defeated the page cache. Issue 11 section 5: ``gzip;q=0`` still got gzip.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.asgi_driver import Driver
from tests.examples import examples
from widget.i18n.locales import negotiate, parse_accept_language
from widget.web.app import Settings, create_app
from widget.web.headers import MAX_HEADERS_BYTES, accepts_gzip
from widget.web.partners import load_partners
from widget.web.reader import _reader
from widget.web.rendering import Skeleton, SkeletonCache

EXAMPLE = Path(__file__).resolve().parents[2] / "partners.example.toml"
ORIGIN = "http://localhost:8000"
FORM = (b"content-type", b"application/x-www-form-urlencoded")
GZIP = (b"accept-encoding", b"gzip")


@pytest.fixture(scope="module")
def app():
    settings = Settings(default_region="AU", debug=False, partners=load_partners(EXAMPLE))
    return create_app(settings)


@pytest.fixture(scope="module")
def driver(app):
    driver = Driver(app)
    yield driver
    driver.close()


def hostile_request(driver: Driver, n: int, size: int = 4000):
    """A request with a unique Accept-Language of ``size`` characters, and unique
    lang, region, embed id and embed origin values."""
    language = f"x{n}-" + "a" * size + ",fr;q=0.5"
    query = urlencode(
        {
            "partner": "demo",
            "lang": f"q{n}",
            "region": f"Z{n}",
            "embed": f"id{n}",
            "embed_origin": f"https://e{n}.example",
        }
    )
    return driver.request(
        "GET", b"/", query.encode(), [(b"accept-language", language.encode()), GZIP]
    )


def test_accept_language_is_read_only_up_to_256_characters_and_10_ranges():
    padded = "es;q=0.1," + " " * 300 + "fr"
    assert negotiate(None, None, padded).code == "es"
    eleven = ",".join([f"x{n}" for n in range(10)] + ["fr"])
    assert parse_accept_language(eleven) == [f"x{n}" for n in range(10)]
    assert negotiate(None, None, eleven).code == "en"


def test_the_reader_cache_never_grows_with_raw_header_or_field_text(driver):
    _reader.cache_clear()
    for n in range(200):
        reply = hostile_request(driver, n)
        assert reply.status == 200
    # Every request negotiated the same: French, unknown region, the demo partner.
    assert _reader.cache_info().currsize == 1


def test_unique_embed_ids_share_one_cached_page_and_each_gets_its_own_id(app, driver):
    skeletons = app.state.renderer.skeletons
    answers = "lang=en&region=AU&partner=demo&embed_origin=" + ORIGIN
    body = answers + "&danger=none&step=danger&nav=continue"

    def step(embed_id: str):
        return driver.request("POST", b"/step", b"", [FORM], f"{body}&embed={embed_id}".encode())

    step("warm")
    before = len(skeletons)
    for n in range(50):
        page = step(f"reader{n}").text
        assert page.count(f"reader{n}") >= 2  # the data attribute and the carried field
        assert f'data-embed-id="reader{n}"' in page
        assert "embed-id-slot" not in page
    assert len(skeletons) == before


def test_worker_memory_stays_flat_under_thousands_of_hostile_headers_and_ids(driver):
    for n in range(300):  # warm every cache that is allowed to fill
        hostile_request(driver, -n)
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for n in range(3000):
            hostile_request(driver, n)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 3,000 unique 4 KB headers are 12 MB of text: none of it may stay.
    assert after - before < 512 * 1024, f"grew by {(after - before) / 1024:.0f} KB"


@pytest.mark.parametrize(
    "headers",
    [
        [(b"accept-language", b"en," * (MAX_HEADERS_BYTES // 2))],
        [(b"x-padding-" + str(n).encode(), b"a" * 1000) for n in range(20)],
    ],
    ids=["one-huge-header", "many-headers"],
)
def test_oversized_request_headers_get_a_431_page_with_the_emergency_number(driver, headers):
    reply = driver.request("GET", b"/", b"lang=fr&region=GB", headers)
    assert reply.status == 431
    assert reply.header("content-type", "").startswith("text/html")
    assert 'href="tel:999"' in reply.text
    assert 'lang="fr"' in reply.text and "Votre navigateur a envoyé trop" in reply.text
    assert reply.header("content-security-policy")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("GZIP;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip; q=0.000", False),
        ("nogzip", False),
        ("br, gzip;q=0, *", False),
        ("identity", False),
        ("*;q=0", False),
        ("", False),
    ],
)
def test_accept_encoding_is_parsed(header, expected):
    assert accepts_gzip(header) is expected


@pytest.mark.parametrize("header", [b"gzip;q=0", b"nogzip", b"identity, gzip;q=0"])
@pytest.mark.parametrize(
    "path", [b"/", b"/embed.js", b"/static/vendor/htmx.min.js", b"/static/css/widget.css"]
)
def test_gzip_refused_by_the_reader_is_never_sent(driver, path, header):
    reply = driver.request("GET", path, b"lang=en&region=AU", [(b"accept-encoding", header)])
    assert reply.status == 200
    assert reply.header("content-encoding") is None
    gzipped = driver.request("GET", path, b"lang=en&region=AU", [GZIP])
    assert gzipped.header("content-encoding") == "gzip"


def test_an_embed_id_with_a_trailing_newline_is_not_an_embed_id(driver):
    body = (
        f"lang=en&region=AU&partner=demo&embed_origin={ORIGIN}&danger=none&step=danger&nav=continue"
    )
    good = driver.request("POST", b"/step", b"", [FORM], f"{body}&embed=abc".encode()).text
    bad = driver.request("POST", b"/step", b"", [FORM], f"{body}&embed=abc%0A".encode()).text
    assert 'data-embed-id="abc"' in good
    assert "data-embed-id" not in bad and "abc\n" not in bad


# --- the page cache is bounded in bytes (issue 24 R9) --------------------------------------


def skeleton_of(size: int) -> Skeleton:
    """A skeleton of about ``size`` bytes (a slot, so nothing is compressed)."""
    return Skeleton("x" * size + "\x00h:\x00", template=None)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 15), st.integers(1, 4000)), max_size=120))
def test_the_page_cache_never_holds_more_than_its_bound_and_evicts_the_least_recently_used(
    operations,
):
    """Against a plain model: a list, least recently used first."""
    bound = 10_000
    cache = SkeletonCache(bound)
    model: list[tuple[int, Skeleton]] = []
    for key, size in operations:
        found = cache.get(key)
        kept = dict(model)
        assert found is kept.get(key)
        if found is not None:  # a hit is now the most recently used
            model = [(k, s) for k, s in model if k != key] + [(key, found)]
        else:
            skeleton = skeleton_of(size)
            cache.put(key, skeleton)
            if skeleton.size <= bound:
                model.append((key, skeleton))
                while sum(s.size for _, s in model) > bound:
                    model.pop(0)
        assert cache.bytes == sum(s.size for _, s in model) <= bound
        assert cache.keys() == [k for k, _ in model]
        assert len(cache) == len(model)


def test_a_skeleton_s_size_is_the_memory_it_holds():
    """What the bound counts is what Python allocates for a skeleton (within 10 %)."""
    html = "".join(f"<p>{'é' * n}</p>\x00c:danger.none\x00<b>{n}</b>" for n in range(1, 60))
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        skeletons = [Skeleton(html + str(n), template=None) for n in range(200)]
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    counted = sum(skeleton.size for skeleton in skeletons)
    assert counted >= 200 * len(html.encode())
    assert 0.9 <= (after - before) / counted <= 1.1, ((after - before), counted)


def test_the_app_s_page_cache_stays_within_its_bound_under_distinct_outcome_pages():
    bound = 60_000  # about five of these outcome pages (12 KB each)
    app = create_app(Settings(default_region="AU", debug=False, page_cache_bytes=bound))
    cache = app.state.renderer.skeletons
    driver = Driver(app)
    answers = (
        "danger=none&weeks=24_to_36&amount=spotting&clots=no&symptoms=none&movements=as_usual"
        "&injury=no&history=none&after_sex=yes&pattern=once_stopped&nav=stay"
    )
    regions = ("AU", "GB", "IE", "US", "CA", "FR", "DE", "ES", "PT", "BE", "NZ", "IN")
    try:
        first = None
        for region in regions:
            body = f"lang=en&region={region}&{answers}".encode()
            reply = driver.request("POST", b"/step", b"", [FORM], body)
            assert reply.status == 200 and "data-outcome" in reply.text
            first = first or cache.keys()[-1]
            assert 0 < cache.bytes <= bound
        assert first not in cache  # the least recently used went first
        kept = cache.keys()
        oldest = kept[0][1].reader.region.code
        driver.request("POST", b"/step", b"", [FORM], f"lang=en&region={oldest}&{answers}".encode())
        assert cache.keys() == [*kept[1:], kept[0]]  # a hit: now the most recently used
    finally:
        driver.close()

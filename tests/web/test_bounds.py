"""Memory and caches are bounded in bytes: hostile headers and ids keep nothing.

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

from tests.asgi_driver import Driver
from widget.i18n.locales import negotiate, parse_accept_language
from widget.web.app import Settings, create_app
from widget.web.headers import MAX_HEADERS_BYTES, accepts_gzip
from widget.web.partners import load_partners
from widget.web.reader import _reader

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
    skeletons = app.state.renderer._skeletons
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

"""Hostile requests get a clear 4xx page: never a 500, never reflected markup.

Requests go through ``tests.asgi_driver`` so paths, queries and bodies reach
the app exactly as sent, with no client-side clean-up.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from tests.asgi_driver import Driver
from tests.hostile import FORM, MARKUP, REDIRECT_PARAMETERS, URLS, assert_safe_reply
from tests.reader import form_with_class


@pytest.fixture(scope="module")
def driver(app):
    driver = Driver(app)
    yield driver
    driver.close()


def post(driver, body: bytes, headers=None, query: bytes = b"", chunks: int = 1):
    return driver.request(
        "POST", b"/step", query, [FORM] if headers is None else headers, body, chunks
    )


START = "lang=en&region=AU&danger=none&step=weeks"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param("a=" + "x" * 20_000, 413, id="body-over-16KB"),
        pytest.param("&".join(["danger=none"] * 101), 400, id="too-many-fields"),
        pytest.param(START + "&step=amount", 400, id="repeated-step"),
        pytest.param(START + "&lang=en", 400, id="repeated-lang"),
        pytest.param(START + "&weeks=6_to_11&weeks=12_to_23", 400, id="two-radio-answers"),
        pytest.param(START + "&favourite=blue", 400, id="unknown-field"),
        pytest.param("lang=en&step=not_a_question", 400, id="unknown-step"),
        pytest.param(START + "&weeks=forty", 400, id="unknown-option"),
        pytest.param(START + "&nav=launch", 400, id="unknown-nav"),
        pytest.param(START + "&weeks=%FF%FE", 400, id="invalid-utf8-encoded"),
        pytest.param(START + "&weeks=%C3", 400, id="truncated-utf8"),
        pytest.param(START + "&weeks=" + "6" * 5000, 400, id="huge-value"),
        pytest.param(START + "&" + "w" * 5000 + "=1", 400, id="huge-name"),
        pytest.param(START + "&weeks=6_to_11%00", 400, id="nul-in-value"),
        pytest.param(START + "&weeks=%1B%5B31m", 400, id="escape-sequence"),
        pytest.param(START + "&weeks=a%0D%0ASet-Cookie:%20x=1", 400, id="header-injection"),
        pytest.param(START + "&weeks=%E2%80%AE", 400, id="bidi-override"),
    ],
)
def test_bad_bodies_get_a_clear_page(driver, body, status):
    reply = post(driver, body.encode())
    assert reply.status == status
    assert_safe_reply(reply, "POST", [])
    assert "Start again" in reply.text


def test_raw_non_ascii_bytes_are_refused(driver):
    reply = post(driver, b"lang=en&danger=\xff\xfe&step=weeks")
    assert reply.status == 400
    assert_safe_reply(reply, "POST", [])


def test_a_body_over_the_limit_is_refused_even_without_a_length(driver):
    reply = post(driver, b"a=" + b"x" * 40_000, chunks=20)
    assert reply.status == 413


@pytest.mark.parametrize("length", [b"-1", b"abc", b"99999999999999999999", b"16385"])
def test_a_bad_declared_length_is_refused(driver, length):
    reply = post(driver, b"nav=start", [FORM, (b"content-length", length)])
    assert reply.status == 413
    assert_safe_reply(reply, "POST", [])


@pytest.mark.parametrize(
    "content_type",
    [
        b"application/json",
        b"multipart/form-data; boundary=x",
        b"text/plain",
        b"text/html",
        b"application/x-www-form-urlencodedx",
        b"",
    ],
)
def test_other_content_types_are_415(driver, content_type):
    headers = [(b"content-type", content_type)] if content_type else []
    reply = post(driver, b"nav=start", headers)
    assert reply.status == 415
    assert_safe_reply(reply, "POST", [])


def test_the_form_content_type_may_name_its_charset(driver):
    headers = [(b"content-type", b"application/x-www-form-urlencoded; charset=UTF-8")]
    assert post(driver, b"lang=en&region=AU&nav=start", headers).status == 200


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", b"/step", 405),
        ("PUT", b"/step", 405),
        ("DELETE", b"/step", 405),
        ("POST", b"/", 405),
        ("PATCH", b"/healthz", 405),
        ("POST", b"/static/css/widget.css", 405),
        ("OPTIONS", b"/", 405),
    ],
)
def test_the_wrong_method_is_405_with_allow(driver, method, path, status):
    reply = driver.request(method, path, headers=[FORM], body=b"nav=start")
    assert reply.status == status
    assert reply.header("allow")
    assert_safe_reply(reply, method, [])


@pytest.mark.parametrize(
    "path",
    [
        b"/static/../widget/web/app.py",
        b"/static/%2e%2e/widget/web/app.py",
        b"/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        b"/static/..%2f..%2fpyproject.toml",
        b"/static/..%5c..%5cpyproject.toml",
        b"/static/%252e%252e/widget/web/app.py",
        b"/static/css/../../templates/_page.html",
        b"/static//etc/passwd",
        b"/static/%2fetc%2fpasswd",
        b"/static/css/widget.css%00.html",
        b"/static/" + b"a" * 5000,
        b"/static/",
        b"/static",
        b"/static/css",
        b"/../../etc/passwd",
    ],
)
def test_path_traversal_on_static_files_is_404(driver, path):
    reply = driver.request("GET", path)
    assert reply.status == 404
    assert_safe_reply(reply, "GET", [])
    for secret in ("create_app", "[project]", "root:", "{% block"):
        assert secret not in reply.text


@pytest.mark.parametrize("parameter", [*REDIRECT_PARAMETERS, "lang", "region", "partner"])
@pytest.mark.parametrize("target", URLS)
def test_no_url_parameter_redirects_or_is_echoed(driver, parameter, target):
    query = urlencode({parameter: target}).encode()
    for method, path, body in [("GET", b"/", b""), ("POST", b"/step", b"nav=start")]:
        reply = driver.request(method, path, query, [FORM], body)
        assert_safe_reply(reply, method, [target])


@pytest.mark.parametrize(
    "path", [b"//evil.example/", b"/step/", b"///evil.example", b"/%2F%2Fevil"]
)
def test_slashes_never_redirect(driver, path):
    reply = driver.request("GET", path, headers=[(b"host", b"evil.example")])
    assert reply.status == 404
    assert reply.header("location") is None


@pytest.mark.parametrize("payload", MARKUP)
@pytest.mark.parametrize("field", ["lang", "region", "partner"])
def test_markup_in_context_fields_is_never_reflected(driver, field, payload):
    query = f"{field}={quote(payload)}".encode()
    start = driver.request("GET", b"/", query)
    # lang and region are quietly ignored (see SECURITY.md); an unknown partner is a 404 page.
    assert start.status == (404 if field == "partner" else 200)
    assert_safe_reply(start, "GET", [payload])
    body = f"lang=en&nav=start&{field}={quote(payload)}".encode()
    step = post(driver, body)
    assert_safe_reply(step, "POST", [payload])
    accept = driver.request("GET", b"/nowhere", headers=[(b"accept-language", payload.encode())])
    assert accept.status == 404
    assert_safe_reply(accept, "GET", [payload])


def test_an_unknown_region_shows_the_common_numbers_not_a_guess(client):
    response = client.get("/?region=ZZ")
    assert response.context["region"] is None
    assert "your local emergency number" in response.text
    assert 'value="other" selected' in response.text
    assert "ZZ" not in response.text


def test_a_form_with_a_control_character_keeps_the_answers_it_can_read(client):
    body = "lang=en&region=AU&danger=none&weeks=6_to_11&amount=spot%00ting&step=clots"
    response = client.post("/step", content=body, headers={"content-type": FORM[1].decode()})
    assert response.status_code == 400
    salvage = form_with_class(response.text, "salvage-form")
    assert ("danger", "none") in salvage.hidden and ("weeks", "6_to_11") in salvage.hidden
    assert ("region", "AU") in salvage.hidden
    assert not any(name == "amount" for name, _ in salvage.hidden)
    assert 'href="tel:000"' in response.text  # the region the form carried


def test_an_unexpected_error_still_gets_a_kind_page_with_the_headers():
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from widget.web.app import Settings, create_app

    app = create_app(Settings(default_region="AU", debug=False, access_log=False))

    async def broken(request):
        raise RuntimeError("a bug")

    app.router.routes.append(Route("/broken", broken))
    response = TestClient(app, raise_server_exceptions=False).get("/broken?lang=en")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert 'href="tel:000"' in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_an_unexpected_error_is_logged_without_its_message(caplog):
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from widget.web.app import Settings, create_app

    app = create_app(Settings(default_region="AU", debug=False, access_log=False))

    async def broken(request):
        raise KeyError("6_to_11 heavy_bleeding")  # a message quoting answers

    app.router.routes.append(Route("/broken", broken))
    with caplog.at_level("ERROR", logger="widget.web.errors"):
        response = TestClient(app).get("/broken")
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "KeyError at " in logged and "in broken" in logged
    assert "6_to_11" not in logged and "heavy_bleeding" not in logged

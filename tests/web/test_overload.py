"""Overload is answered by us (issue 24 R2): beyond ``max_in_flight`` requests
at once in a worker, a reader gets our full 503 page (translated, the
emergency line, our headers, ``Retry-After``), with an access-log line and
``errors_total{type="overloaded"}``; ``/healthz`` and static files are never
refused. In process first, then a real server holding slow bodies."""

from __future__ import annotations

import asyncio
import html
import logging
import socket
import time
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from tests.asgi_driver import Driver
from tests.reader import form_with_class
from tests.web.test_server import scrape, start_counted_server
from widget.i18n.locales import load_translations
from widget.web.access_log import LOGGER_NAME
from widget.web.app import ALWAYS_ANSWERED, Settings, create_app
from widget.web.middleware import RETRY_AFTER_SECONDS
from widget.web.partners import load_partners
from widget.web.views.errors import ERROR_MESSAGES

ROOT = Path(__file__).resolve().parents[2]
TITLE, MESSAGE = ERROR_MESSAGES[503]
FORM = [(b"content-type", b"application/x-www-form-urlencoded"), (b"content-length", b"1000")]
SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
)


def french(text: str) -> str:
    """``text`` as the French catalog has it (English while it is untranslated)."""
    return load_translations("fr").gettext(text)


def assert_is_our_503_page(status: int, headers: dict[str, str], body: str) -> None:
    assert status == 503
    assert headers["content-type"].startswith("text/html")
    assert headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert headers["content-language"] == "fr"
    for name in SECURITY_HEADERS:
        assert headers.get(name), name
    text = html.unescape(body)
    assert 'lang="fr"' in body
    assert french(TITLE) in text and french(MESSAGE) in text
    # The emergency line, in French, with the number of the link's region (GB).
    line = text.split('id="emergency-line"', 1)[1].split("</p>", 1)[0]
    assert french("In an emergency, call %(number)s").split("%(number)s")[0].strip() in line
    assert 'href="tel:999"' in line


# --- in process ---------------------------------------------------------------------------


class Held:
    """Requests that entered the app and wait for a body that never comes."""

    def __init__(self, driver: Driver, count: int) -> None:
        self.driver = driver
        self.release = asyncio.Event()
        self.entered = 0
        self.calls = [
            asyncio.run_coroutine_threadsafe(self._post(), driver.loop) for _ in range(count)
        ]
        deadline = time.monotonic() + 5
        while self.entered < count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.entered == count

    async def _post(self) -> int:
        scope = self.driver_scope("POST", "/step", FORM)
        sent = False
        statuses: list[int] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                self.entered += 1
                return {"type": "http.request", "body": b"danger=none&", "more_body": True}
            await self.release.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await self.driver.app(scope, receive, send)
        return statuses[0]

    @staticmethod
    def driver_scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
        return {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }

    def leave(self) -> list[int]:
        self.driver.loop.call_soon_threadsafe(self.release.set)
        return [call.result(timeout=5) for call in self.calls]


@pytest.fixture
def limited():
    driver = Driver(create_app(Settings(default_region="AU", debug=False, max_in_flight=3)))
    yield driver
    driver.close()


def test_one_request_over_the_limit_gets_the_503_page_and_the_count_is_released(limited, caplog):
    held = Held(limited, 3)
    with caplog.at_level(logging.INFO):
        reply = limited.request("GET", b"/", b"lang=fr&region=GB")
        htmx = [(b"hx-request", b"true")]
        partial = limited.request("POST", b"/step", b"lang=fr&region=GB", htmx)
    assert_is_our_503_page(reply.status, dict(reply.headers), reply.text)
    assert_is_our_503_page(partial.status, dict(partial.headers), partial.text)
    assert "<html" not in partial.text  # htmx swaps the widget area: the partial
    lines = [record.getMessage() for record in caplog.records if record.name == LOGGER_NAME]
    assert [line.rsplit(" ", 1)[0] for line in lines] == ["GET / 503", "POST /step 503"]
    assert held.leave() == [499, 499, 499]
    assert limited.request("GET", b"/", b"lang=fr").status == 200


def test_a_refused_form_keeps_the_reader_s_language_partner_and_answers():
    partners = load_partners(ROOT / "partners.example.toml")
    app = create_app(Settings(default_region="AU", debug=False, partners=partners, max_in_flight=1))
    driver = Driver(app)
    origin = "http://127.0.0.1:8000"  # allowed for the demo partner
    body = (
        f"lang=fr&region=GB&partner=demo&embed=e-9&embed_origin={origin}"
        "&danger=none&weeks=12_to_23&step=amount&amount=spotting&nav=continue"
    )
    held = Held(driver, 1)
    try:
        reply = driver.request("POST", b"/step", b"", FORM[:1], body.encode())
    finally:
        held.leave()
        driver.close()
    assert_is_our_503_page(reply.status, dict(reply.headers), reply.text)
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in reply.header(
        "content-security-policy", ""
    )
    assert 'data-embed-id="e-9"' in reply.text
    form = form_with_class(reply.text, "salvage-form")  # "Go back to your answers"
    kept = [(name, value) for name, value in form.hidden if name in ("danger", "weeks", "amount")]
    assert sorted(kept) == [("amount", "spotting"), ("danger", "none"), ("weeks", "12_to_23")]
    assert ("partner", "demo") in form.hidden


def test_a_refused_form_whose_body_is_slow_is_answered_at_once_without_it(limited):
    """A refused request never waits for a slow body: it would hold the worker uncounted."""
    statuses: list[int] = []
    bodies: list[bytes] = []

    async def slow_post() -> None:
        scope = Held.driver_scope("POST", "/step", FORM)
        scope["query_string"] = b"lang=fr&region=GB"
        first = True

        async def receive() -> dict[str, Any]:
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"danger=none&", "more_body": True}
            await asyncio.sleep(30)  # the rest never comes in time
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
            elif message["type"] == "http.response.body":
                bodies.append(message.get("body", b""))

        await limited.app(scope, receive, send)

    held = Held(limited, 3)
    try:
        started = time.monotonic()
        asyncio.run_coroutine_threadsafe(slow_post(), limited.loop).result(timeout=5)
        assert time.monotonic() - started < 1
    finally:
        held.leave()
    assert statuses == [503]
    assert b"salvage-form" not in b"".join(bodies)  # nothing kept: the form was not read


@pytest.mark.parametrize("path", [b"/healthz", b"/static/css/widget.css", b"/static/js/widget.js"])
def test_the_health_check_and_static_files_are_never_refused(limited, path):
    held = Held(limited, 3)
    try:
        assert limited.request("GET", b"/", b"").status == 503
        assert limited.request("GET", path).status == 200
    finally:
        held.leave()


def test_the_paths_always_answered_are_the_health_check_and_static_files():
    assert ALWAYS_ANSWERED == ("/healthz", "/static/")


def test_requests_under_the_limit_are_answered_as_usual(limited):
    held = Held(limited, 2)
    try:
        assert limited.request("GET", b"/", b"lang=fr").status == 200
    finally:
        held.leave()


# --- a real server ------------------------------------------------------------------------


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    try:
        with urlopen(Request(url, headers=headers or {}), timeout=5) as response:
            return response.status, dict(response.headers.items()), response.read().decode()
    except HTTPError as error:
        return error.code, dict(error.headers.items()), error.read().decode()


def lower(headers: dict[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def hold(port: int) -> socket.socket:
    """A POST whose body stops after 12 of its 1,000 bytes: the app waits for the rest."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(
        b"POST /step HTTP/1.1\r\nHost: widget\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        b"danger=none&"
    )
    return sock


def overloaded_count(metrics_port: int) -> float:
    count = scrape(metrics_port, "bleeding_check_errors_total", type="overloaded")
    refused = scrape(metrics_port, "bleeding_check_requests_total", route="other", status="503")
    assert refused == count  # refused before routing: no route's label
    return count


def test_a_real_server_holding_slow_bodies_answers_our_503_page(tmp_path: Path):
    server, metrics_port = start_counted_server(tmp_path, ["--max-in-flight", "2"])
    port = int(server.base.rsplit(":", 1)[1])
    french_gb = server.base + "/?lang=fr&region=GB"
    try:
        assert fetch(french_gb)[0] == 200
        assert overloaded_count(metrics_port) == 0  # the series is there, at zero
        held = [hold(port), hold(port)]
        refused = 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # until both slow bodies are in the app
            status, headers, body = fetch(french_gb, {"Accept-Encoding": "identity"})
            if status == 503:
                refused += 1
                break
            time.sleep(0.05)
        assert_is_our_503_page(status, lower(headers), body)
        assert "server" not in lower(headers)
        assert fetch(server.base + "/healthz")[0] == 200
        assert fetch(server.base + "/static/css/widget.css")[0] == 200
        assert overloaded_count(metrics_port) == refused
        for sock in held:
            sock.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # a 503 until the server has seen them leave
            status = fetch(french_gb)[0]
            if status == 200:
                break
            assert status == 503
            refused += 1
            time.sleep(0.05)
        assert status == 200
        assert overloaded_count(metrics_port) == refused
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)
    output = server.output()
    server.log.close()
    assert output.count("INFO widget.access: GET / 503 ") == refused
    assert output.count("INFO widget.access: POST /step 499 ") == 2
    assert "Exceeded concurrency limit" not in output  # uvicorn's own limit is off
    assert "ERROR" not in output and " 500 " not in output


# --- the settings -------------------------------------------------------------------------


def test_the_limit_and_the_page_cache_bound_are_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("WIDGET_PARTNERS", raising=False)
    monkeypatch.setenv("WIDGET_MAX_IN_FLIGHT", "7")
    monkeypatch.setenv("WIDGET_PAGE_CACHE_MB", "3")
    settings = Settings.from_environment()
    assert settings.max_in_flight == 7
    assert settings.page_cache_bytes == 3 * 1024 * 1024
    assert create_app(settings).state.renderer.skeletons.max_bytes == 3 * 1024 * 1024
    monkeypatch.delenv("WIDGET_MAX_IN_FLIGHT")
    monkeypatch.delenv("WIDGET_PAGE_CACHE_MB")
    defaults = Settings.from_environment()
    assert (defaults.max_in_flight, defaults.page_cache_bytes) == (100, 24 * 1024 * 1024)


@pytest.mark.parametrize("variable", ["WIDGET_MAX_IN_FLIGHT", "WIDGET_PAGE_CACHE_MB"])
@pytest.mark.parametrize("value", ["0", "-3", "ten", "1.5", "٣"])
def test_a_bad_limit_or_bound_stops_the_server_with_a_clear_message(monkeypatch, variable, value):
    monkeypatch.delenv("WIDGET_PARTNERS", raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit, match=f"{variable}=.* must be a whole number of at least 1"):
        Settings.from_environment()

"""The server we start (``python -m widget serve``): what uvicorn is allowed
to do and to log."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.browser.conftest import Server, free_port, start_server
from widget.__main__ import build_parser, serve
from widget.web import metrics

FORWARDED = "203.0.113.77"  # a documentation address: must never reach a log


def uvicorn_settings(monkeypatch: pytest.MonkeyPatch, proxies: str | None) -> dict[str, Any]:
    import uvicorn

    captured: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: captured.update(kwargs))
    if proxies is None:
        monkeypatch.delenv("WIDGET_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("WIDGET_TRUSTED_PROXIES", proxies)
    monkeypatch.delenv("WIDGET_PARTNERS", raising=False)
    serve(build_parser().parse_args(["serve"]))
    return captured


def test_websockets_are_off_and_no_forwarded_header_is_trusted_by_default(monkeypatch):
    settings = uvicorn_settings(monkeypatch, None)
    assert settings["ws"] == "none"
    assert settings["proxy_headers"] is False
    assert settings["access_log"] is False


def test_forwarded_headers_are_trusted_only_from_the_configured_proxies(monkeypatch):
    settings = uvicorn_settings(monkeypatch, " 10.0.0.5, 10.1.0.0/16 ")
    assert settings["proxy_headers"] is True
    assert settings["forwarded_allow_ips"] == ["10.0.0.5", "10.1.0.0/16"]
    assert settings["ws"] == "none"


def start_counted_server(folder: Path, args: list[str]) -> tuple[Server, int]:
    """``python -m widget serve`` with ``args`` and metrics on a port of their own."""
    metrics_port = free_port()
    env = {"WIDGET_REGION": "AU", metrics.DIRECTORY_VARIABLE: str(folder)}
    saved = os.environ.pop(metrics.DIRECTORY_VARIABLE, None)  # a test's own folder
    try:
        server = start_server(env, args=[*args, "--metrics-port", str(metrics_port)])
    finally:
        if saved is not None:
            os.environ[metrics.DIRECTORY_VARIABLE] = saved
    return server, metrics_port


def scrape(metrics_port: int, name: str, **labels: str) -> float:
    """A sample of the server's metrics (0 when it has none)."""
    try:
        with urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except HTTPError as error:
        raise AssertionError(f"metrics: {error.code}") from error
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name and sample.labels == labels
    )


def raw_exchange(port: int, request: bytes, read: bool = True) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(request)
        if not read:
            time.sleep(0.2)
            return b""
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def test_no_log_line_carries_a_query_string_or_a_forwarded_address():
    """Hostile requests to the real server, whose whole output (uvicorn's own
    loggers and ours) is then read: WebSocket upgrades, forwarded headers, a
    body cut off mid-way, a malformed request."""
    server = start_server({"WIDGET_REGION": "AU"})
    port = int(server.base.rsplit(":", 1)[1])
    forwarded = (
        f"X-Forwarded-For: {FORWARDED}\r\nForwarded: for={FORWARDED}\r\n"
        "X-Forwarded-Proto: https\r\nConnection: close\r\n"
    ).encode()
    try:
        upgrade = raw_exchange(
            port,
            b"GET /?lang=en&canary=query-ws HTTP/1.1\r\nHost: widget\r\n"
            b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + f"X-Forwarded-For: {FORWARDED}\r\n\r\n".encode(),
        )
        assert upgrade.startswith(b"HTTP/1.1 200"), upgrade[:200]  # plain HTTP, no 101
        plain = raw_exchange(
            port,
            b"GET /?lang=en&canary=query-get HTTP/1.1\r\nHost: widget\r\n" + forwarded + b"\r\n",
        )
        assert plain.startswith(b"HTTP/1.1 200"), plain[:200]
        raw_exchange(
            port,
            b"POST /step?canary=query-post HTTP/1.1\r\nHost: widget\r\n"
            + forwarded
            + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n"
            b"danger=none&weeks=",
            read=False,
        )
        raw_exchange(port, b"GET /?canary=query-bad HTTP/1.1\r\nHost widget\r\n\r\n")
        time.sleep(0.5)
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)
    output = server.output()
    server.log.close()
    assert "GET / 200" in output  # the access log is on and was read
    for line in output.splitlines():
        assert "canary" not in line and "?" not in line, line
        assert FORWARDED not in line, line
        assert "ERROR" not in line and " 500 " not in line, line


def test_serve_gives_uvicorn_our_protocol_and_no_concurrency_limit_of_its_own(monkeypatch):
    settings = uvicorn_settings(monkeypatch, None)
    assert settings["http"] == "widget.web.protocol:HttpToolsProtocol"
    assert settings["limit_concurrency"] is None  # ours (--max-in-flight) answers first


def test_uvicorn_s_limit_must_be_above_ours(monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    monkeypatch.delenv("WIDGET_PARTNERS", raising=False)
    monkeypatch.setenv("WIDGET_MAX_IN_FLIGHT", "100")
    with pytest.raises(SystemExit, match="must be above"):
        serve(build_parser().parse_args(["serve", "--limit-concurrency", "100"]))
    ours_lower = ["serve", "--max-in-flight", "50", "--limit-concurrency", "40"]
    with pytest.raises(SystemExit, match="must be above"):
        serve(build_parser().parse_args(ours_lower))
    assert serve(build_parser().parse_args(["serve", "--limit-concurrency", "101"])) == 0


def headers_and_body(answer: bytes) -> tuple[str, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_line, headers, body


@pytest.mark.parametrize(
    "request_line",
    [
        b"BREW /?canary=query-brew HTTP/1.1",  # an unknown method: httptools refuses it
        b"GET /?canary=query-space HTTP/1.1 extra",  # a broken request line
    ],
)
def test_a_request_the_server_cannot_parse_gets_our_400_page_with_our_headers(
    request_line, tmp_path
):
    """uvicorn would answer ``400 Invalid HTTP request received.`` in plain text,
    before the app: here the app answers, through its middleware list."""
    server, metrics_port = start_counted_server(tmp_path, [])
    port = int(server.base.rsplit(":", 1)[1])
    try:
        answer = raw_exchange(port, request_line + b"\r\nHost: widget\r\n\r\n")
        assert scrape(metrics_port, "bleeding_check_errors_total", type="bad_form") == 1
        requests = "bleeding_check_requests_total"
        assert scrape(metrics_port, requests, route="other", status="400") == 1
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)
    output = server.output()
    server.log.close()
    status_line, headers, body = headers_and_body(answer)
    assert status_line == "HTTP/1.1 400 Bad Request"
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert int(headers["content-length"]) == len(body)
    assert headers["connection"] == "close"
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["permissions-policy"] and headers["cross-origin-opener-policy"]
    assert "server" not in headers
    assert b'href="tel:000"' in body  # the emergency line (WIDGET_REGION=AU)
    assert b"Invalid HTTP request" not in body
    assert "INFO widget.access: - - 400 " in output  # our line: nothing of the request
    assert "canary" not in output and "ERROR" not in output


def test_without_our_protocol_uvicorn_answers_an_unknown_method_in_plain_text(tmp_path):
    """What SECURITY.md and docs/deployment.md say of gunicorn and a bare
    ``uvicorn`` command: uvicorn's own 400, with none of our headers."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "widget.web.asgi:app", "--port", str(port)]
    command += ["--ws", "none", "--no-access-log", "--no-server-header"]
    with (tmp_path / "log").open("wb") as log:
        process = subprocess.Popen(
            command, env={**os.environ, "WIDGET_REGION": "AU"}, stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                        break
                except OSError:
                    assert time.monotonic() < deadline, "uvicorn did not start"
                    time.sleep(0.1)
            answer = raw_exchange(port, b"BREW / HTTP/1.1\r\nHost: widget\r\n\r\n")
        finally:
            process.terminate()
            process.wait(timeout=10)
    status_line, headers, body = headers_and_body(answer)
    assert status_line == "HTTP/1.1 400 Bad Request"
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert body == b"Invalid HTTP request received."
    assert "content-security-policy" not in headers
    assert "x-content-type-options" not in headers

"""The server we start (``python -m widget serve``): what uvicorn is allowed
to do and to log."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from tests.browser.conftest import start_server
from widget.__main__ import build_parser, serve

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

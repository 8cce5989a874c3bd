"""The HTTP protocol ``python -m widget serve`` gives uvicorn: uvicorn's own
httptools protocol (what uvicorn picks, as ``uvicorn[standard]`` brings
httptools), with one change.
A request uvicorn cannot parse (an unknown method, a broken request line or
header) would get uvicorn's plain-text ``400 Invalid HTTP request received.``,
written before the app is called: no security headers, no emergency number,
no log line of ours. Here the app answers it instead, through its whole
middleware list (widget.web.middleware.Unreadable): our 400 page, our
headers, an access-log line and its count. Nothing of the request is read:
it could not be parsed, so its method and path are logged as ``-``.

uvicorn calls ``send_400_response`` for such a request;
``tests/web/test_server.py`` sends some to a real server.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as HttpToolsBase

from widget.web.middleware import UNREADABLE

logger = logging.getLogger("widget.web.errors")
NOT_PARSED = "-"  # the method and path of a request that could not be parsed


class HttpToolsProtocol(HttpToolsBase):
    """uvicorn's protocol, with a request it cannot parse answered by the app."""

    def send_400_response(self, msg: str) -> None:
        answer_unreadable(self, super().send_400_response, msg)


def answer_unreadable(protocol: HttpToolsBase, plain: Any, msg: str) -> None:
    """Stop reading the connection and let the app answer; ``plain``:
    uvicorn's own answer, for the case the app could not give one."""
    if getattr(protocol, "_answering_unreadable", False):
        return
    protocol._answering_unreadable = True  # type: ignore[attr-defined]
    protocol.transport.pause_reading()
    task = protocol.loop.create_task(_answer(protocol, plain, msg))
    protocol.tasks.add(task)  # uvicorn waits for it on shutdown
    task.add_done_callback(protocol.tasks.discard)


async def _answer(protocol: HttpToolsBase, plain: Any, msg: str) -> None:
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": NOT_PARSED,
        "scheme": protocol.scheme,
        "path": NOT_PARSED,
        "raw_path": NOT_PARSED.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [],
        "server": protocol.server,
        "client": protocol.client,
        "state": protocol.app_state.copy(),
        "extensions": {UNREADABLE: {}},
    }
    start: dict[str, Any] = {}
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    try:
        await protocol.app(scope, receive, send)
    except Exception as error:  # never: widget.web.middleware.ServerErrors answers
        logger.error("unexpected error answering an unreadable request: %s", type(error).__name__)
    if protocol.transport.is_closing():
        return
    if not start:
        plain(msg)
        return
    status = start["status"]
    lines = [b"HTTP/1.1 %d %s\r\n" % (status, HTTPStatus(status).phrase.encode())]
    headers = [*protocol.server_state.default_headers, *start.get("headers", [])]
    headers.append((b"connection", b"close"))
    lines += [name + b": " + value + b"\r\n" for name, value in headers]
    protocol.transport.write(b"".join([*lines, b"\r\n", *body]))
    protocol.transport.close()

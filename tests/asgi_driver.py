"""A minimal in-process HTTP driver: calls the ASGI app directly.

Faster than a TestClient for thousands of requests, and it sends the raw
path, query and body exactly as given (no client-side normalisation), which
is what a hostile request looks like to the app.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), default)

    def header_names(self) -> set[str]:
        return {key for key, _ in self.headers}

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Driver:
    """Runs the app on its own event loop in a helper thread, so it works
    whatever loop the calling thread has (Playwright's sync API keeps one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def request(
        self,
        method: str,
        raw_path: bytes,
        query: bytes = b"",
        headers: list[tuple[bytes, bytes]] | None = None,
        body: bytes = b"",
        chunks: int = 1,
        leaves: bool = False,
    ) -> Reply:
        """``leaves``: the client goes away after sending ``body`` (more was to come)."""
        call = self._call(method, raw_path, query, headers or [], body, chunks, leaves)
        return asyncio.run_coroutine_threadsafe(call, self.loop).result()

    async def _call(
        self,
        method: str,
        raw_path: bytes,
        query: bytes,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        chunks: int,
        leaves: bool,
    ) -> Reply:
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.4"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": unquote_to_bytes(raw_path).decode("utf-8", errors="replace"),
            "raw_path": raw_path,
            "query_string": query,
            "root_path": "",
            "headers": [(b"host", b"widget.test"), *headers],
            "client": ("127.0.0.1", 50000),
            "server": ("widget.test", 80),
            "state": {},
        }
        size = max(1, -(-len(body) // max(1, chunks)))
        pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        incoming: list[Message] = [
            {"type": "http.request", "body": piece, "more_body": leaves or index < len(pieces) - 1}
            for index, piece in enumerate(pieces)
        ]
        sent: list[Message] = []

        async def receive() -> Message:
            if incoming:
                return incoming.pop(0)
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            sent.append(message)

        await self.app(scope, receive, send)
        start = next(message for message in sent if message["type"] == "http.response.start")
        return Reply(
            status=start["status"],
            headers=[
                (key.decode("latin-1").lower(), value.decode("latin-1"))
                for key, value in start.get("headers", [])
            ],
            body=b"".join(
                message.get("body", b"")
                for message in sent
                if message["type"] == "http.response.body"
            ),
        )

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

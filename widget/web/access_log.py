"""A privacy-safe access log, as pure-ASGI middleware.

One line per request: method, path (never the query string), status and
time taken. Never bodies, query strings, headers, cookies or client
addresses: the answers travel in bodies, and where a reader connects from
is none of our business. uvicorn's own access log stays off.
"""

from __future__ import annotations

import logging
import sys
import time
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOGGER_NAME = "widget.access"
MAX_PATH_CHARS = 200
LINE = "%s %s %d %.1fms"  # method, path, status, time
# Characters kept as they are; anything else (spaces, control characters,
# quotes, non-ASCII) is percent-encoded so one request is always one clean line.
_PATH_SAFE = "/-._~!$&'()*+,;=:@%"

logger = logging.getLogger(LOGGER_NAME)


def loggable_path(path: str) -> str:
    """The path as it goes in the log: encoded, one line, bounded."""
    encoded = quote(path, safe=_PATH_SAFE, errors="replace")
    return encoded if len(encoded) <= MAX_PATH_CHARS else encoded[:MAX_PATH_CHARS] + "…"


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers if the app fails before responding

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            if logger.isEnabledFor(logging.INFO):  # as logger.info, without finding the caller
                args = (scope["method"], loggable_path(scope["path"]), status, elapsed_ms)
                logger.handle(logger.makeRecord(LOGGER_NAME, logging.INFO, "", 0, LINE, args, None))


def configure_logging() -> None:
    """Send the ``widget`` loggers to stderr, once, if nothing else did.

    Called where a server imports the app (``widget.web.asgi``), so uvicorn,
    gunicorn and ``python -m widget serve`` all log the same lines.
    """
    widget_logger = logging.getLogger("widget")
    if widget_logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    widget_logger.addHandler(handler)
    widget_logger.setLevel(logging.INFO)
    widget_logger.propagate = False

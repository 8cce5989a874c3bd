"""A privacy-safe access log (told of each request by widget.web.middleware.Observe).

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

from starlette.types import Scope

LOGGER_NAME = "widget.access"
MAX_PATH_CHARS = 200
LINE = "%s %s %d %.1fms"  # method, path, status, time
# Characters kept as they are; anything else (spaces, control characters,
# quotes, non-ASCII) is percent-encoded so one request is always one clean line.
_PATH_SAFE = "/-._~!$&'()*+,;=:@%"

FORMAT, DATE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S"

logger = logging.getLogger(LOGGER_NAME)
_widget_logger = logging.getLogger("widget")
# configure_logging's handler. While it is the only one, a line is written to
# its stream as its formatter would write it, without a LogRecord (a tenth of
# a request's CPU; docs/performance.md). Any other logging set-up is used as it is.
_own: list[logging.Handler] = []
_second: tuple[int, str] = (0, "")


def loggable_path(path: str) -> str:
    """The path as it goes in the log: encoded, one line, bounded."""
    encoded = quote(path, safe=_PATH_SAFE, errors="replace")
    return encoded if len(encoded) <= MAX_PATH_CHARS else encoded[:MAX_PATH_CHARS] + "…"


def observe(scope: Scope, status: int, seconds: float) -> None:
    """One request's line (an observer of widget.web.middleware.Observe)."""
    log(scope["method"], scope["path"], status, seconds * 1000)


def log(method: str, path: str, status: int, elapsed_ms: float) -> None:
    """The line for one request."""
    if not logger.isEnabledFor(logging.INFO):
        return
    args = (method, loggable_path(path), status, elapsed_ms)
    if _own and _widget_logger.handlers == _own and not logger.handlers:
        stream = _own[0].stream  # type: ignore[attr-defined]
        stream.write(f"{_asctime()} INFO {LOGGER_NAME}: {LINE % args}\n")
        stream.flush()
    else:  # as logger.info, without finding the caller
        logger.handle(logger.makeRecord(LOGGER_NAME, logging.INFO, "", 0, LINE, args, None))


def _asctime() -> str:
    """The time as logging.Formatter writes it with DATE_FORMAT, made once a second."""
    global _second
    now = int(time.time())
    if _second[0] != now:
        _second = (now, time.strftime(DATE_FORMAT, time.localtime(now)))
    return _second[1]


def configure_logging() -> None:
    """Send the ``widget`` loggers to stderr, once, if nothing else did.

    Called where a server imports the app (``widget.web.asgi``), so uvicorn,
    gunicorn and ``python -m widget serve`` all log the same lines.
    """
    widget_logger = logging.getLogger("widget")
    if widget_logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    widget_logger.addHandler(handler)
    _own[:] = [handler]
    widget_logger.setLevel(logging.INFO)
    widget_logger.propagate = False

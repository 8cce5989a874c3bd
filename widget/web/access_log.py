"""A privacy-safe access log (written by widget.web.middleware.Edge).

One line per request: method, path (never the query string), status and
time taken. Never bodies, query strings, headers, cookies or client
addresses: the answers travel in bodies, and where a reader connects from
is none of our business. uvicorn's own access log stays off.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import quote

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


def log(method: str, path: str, status: int, elapsed_ms: float) -> None:
    """The line for one request (written by widget.web.middleware.Edge)."""
    if logger.isEnabledFor(logging.INFO):  # as logger.info, without finding the caller
        args = (method, loggable_path(path), status, elapsed_ms)
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

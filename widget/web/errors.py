"""The last line of defence: an unexpected error still gets a kind page
(widget.web.middleware.Edge), and the log says where, never what."""

from __future__ import annotations

import logging
import traceback

logger = logging.getLogger("widget.web.errors")


def describe(error: BaseException) -> str:
    """The error's type and where it happened, never its message: a message
    could quote a form value, and answers never go into logs."""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " <- ".join(
        f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in reversed(frames)
    )
    return f"{type(error).__name__} at {where}"

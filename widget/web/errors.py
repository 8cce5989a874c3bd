"""The last line of defence: an unexpected error still gets a kind page."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("widget.web.errors")


def describe(error: BaseException) -> str:
    """The error's type and where it happened, never its message: a message
    could quote a form value, and answers never go into logs."""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " <- ".join(
        f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in reversed(frames)
    )
    return f"{type(error).__name__} at {where}"


class FailSafe:
    """Answers an unexpected exception with ``page`` (our 500 page, which has
    the emergency number and goes through the security headers), and logs the
    error's type and location for the operators (not its message)."""

    def __init__(self, app: ASGIApp, page: Callable[[Request], Response]) -> None:
        self.app = app
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_and_note(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        except Exception as error:
            logger.error("unexpected error: %s", describe(error))
            if not started:
                await self.page(Request(scope))(scope, receive, send)

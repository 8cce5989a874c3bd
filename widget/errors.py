"""The last line of defence: an unexpected error still gets a kind page."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class FailSafe:
    """Answers an unexpected exception with ``page`` (our 500 page, which has
    the emergency number and goes through the security headers), then
    re-raises it so the server logs it for the operators."""

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
        except Exception:
            if not started:
                await self.page(Request(scope))(scope, receive, send)
            raise

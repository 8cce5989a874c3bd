"""Small pure-ASGI middlewares, one concern each, in the app's middleware list
(widget.web.app), outermost first: ``Observe`` (time and status, for the access
log and the metrics), ``SecurityHeaders`` (those a view did not set, with the
matched route's Cross-Origin-Resource-Policy), ``Unreadable`` (a request the
server could not parse: 400; oversized headers: 431), ``Overload`` (more
requests at once than the worker's limit: 503) and ``ServerErrors``: an
unexpected error gets our 500 page, and the log says where, never what.
Starlette's own ServerErrorMiddleware, outside them all, never sees an error:
it would answer without our headers and re-raise, and the server would log
the error's message, which could quote a form value.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from widget.web.forms import FormError, read_form
from widget.web.headers import CROSS_ORIGIN, SAME_ORIGIN, headers_too_large, security_headers

logger = logging.getLogger("widget.web.errors")
RETRY_AFTER_SECONDS = 5  # the 503 page: "Please try again in a moment"
FORM_AT_HAND_SECONDS = 0.05  # how long a refused request's form may take to be read
Observer = Callable[[Scope, int, float], None]  # (scope, status, seconds)
Handler = Callable[[Request, Exception], Awaitable[Response]]


class Observe:
    def __init__(self, app: ASGIApp, observers: Sequence[Observer]) -> None:
        self.app = app
        self.observers = tuple(observers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.observers:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if no answer starts

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting)
        finally:
            seconds = time.perf_counter() - started
            for observer in self.observers:
                observer(scope, status, seconds)


class SecurityHeaders:
    """A view may set any of these headers itself and its value wins: a partner's CSP."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app = app
        self.defaults = {
            policy: security_headers(policy, hsts) for policy in (SAME_ORIGIN, CROSS_ORIGIN)
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def adding(message: Message) -> None:
            if message["type"] == "http.response.start":
                policy = getattr(scope.get("route"), "policy", SAME_ORIGIN)  # widget.web.routes
                headers = message["headers"] = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [pair for pair in self.defaults[policy] if pair[0] not in present]
            await send(message)

        await self.app(scope, receive, adding)


# The scope extension of a request the server could not parse (an unknown
# method, a broken request line): widget.web.protocol sends it here, so that
# it gets our page, our headers, a log line and its count.
UNREADABLE = "widget.unreadable"


class Unreadable:
    """What we cannot read gets its page: a request the server could not
    parse (400) and headers over our limits (431)."""

    def __init__(self, app: ASGIApp, handler: Handler) -> None:
        self.app = app
        self.handler = handler  # the app's HTTPException handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if UNREADABLE in scope.get("extensions", {}):
            status = 400
        elif headers_too_large(scope["headers"]):
            status = 431
        else:
            await self.app(scope, receive, send)
            return
        response = await self.handler(Request(scope), HTTPException(status))
        await response(scope, receive, send)


class Overload:
    """At most ``limit`` requests in the app at once in this worker; one more
    gets the 503 page straight away, with ``Retry-After``, and with the
    reader's language, partner and answers when its form is already here
    (``form_at_hand``). Paths in ``always`` (exact, or a prefix when it ends
    in ``/``) are never refused and not counted."""

    def __init__(
        self, app: ASGIApp, limit: int, handler: Handler, always: Sequence[str] = ()
    ) -> None:
        self.app = app
        self.limit = limit
        self.handler = handler  # the app's FormError handler: a page that keeps the answers
        self.exact = frozenset(path for path in always if not path.endswith("/"))
        self.prefixes = tuple(path for path in always if path.endswith("/"))
        self.in_flight = 0  # one event loop per worker: a plain count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.always(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            request = Request(scope, receive)
            pairs = await form_at_hand(request)
            response = await self.handler(request, FormError(503, "overloaded", pairs))
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    def always(self, path: str) -> bool:
        return path in self.exact or path.startswith(self.prefixes)


async def form_at_hand(request: Request) -> list[tuple[str, str]]:
    """The form of a refused request if its body is already here (a browser
    sends it with the headers): a refused request never waits for a slow one."""
    if request.method != "POST":
        return []
    try:
        return await asyncio.wait_for(read_form(request), FORM_AT_HAND_SECONDS)
    except FormError as error:
        return error.readable
    except (TimeoutError, ClientDisconnect):
        return []


class ServerErrors:
    def __init__(self, app: ASGIApp, handler: Handler) -> None:
        self.app = app
        self.handler = handler  # the 500 page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def noting(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, noting)
        except Exception as error:
            logger.error("unexpected error: %s", describe(error))
            if not started:  # else the server closes the connection
                response = await self.handler(Request(scope), error)
                await response(scope, receive, send)


def describe(error: BaseException) -> str:
    """The error's type and where it happened, never its message: a message
    could quote a form value, and answers never go into logs."""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " <- ".join(
        f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in reversed(frames)
    )
    return f"{type(error).__name__} at {where}"

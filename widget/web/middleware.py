"""The edge of every request (one pure-ASGI layer): security headers, the
header size limit, the fail-safe 500 page, the access log.

A view may set any of these headers itself and its value wins (``setdefault``):
partner pages send their own CSP, built with ``content_security_policy`` and
that partner's ``frame-ancestors``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from widget.web import access_log, errors
from widget.web.headers import headers_too_large


def content_security_policy(frame_ancestors: tuple[str, ...] = ("'self'",)) -> str:
    """The CSP for our pages; ``frame_ancestors`` lists who may frame them.

    Nothing inline and nothing evaluated: no ``'unsafe-inline'``, no
    ``'unsafe-eval'``. htmx needs neither (see ``templates/_page.html``).
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors " + " ".join(frame_ancestors),
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

# Every powerful feature, denied to us and to anything we could ever frame.
# (Only features Chromium knows, so the browser console stays clean.)
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "storage-access",
    "usb",
    "window-management",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Cross-Origin-Resource-Policy by path. A key ending in "/" is a prefix,
# any other key an exact path; the longest match wins. Only what partner
# pages load from their own origin is "cross-origin".
RESOURCE_POLICIES: dict[str, str] = {
    "/": "same-origin",
    "/embed.js": "cross-origin",
    # The FHIR Questionnaire is public content for hospital tools (widget/web/fhir.py).
    "/fhir/Questionnaire": "cross-origin",
    "/fhir/Questionnaire/": "cross-origin",
    # Public files, the same for everyone. A sandboxed frame without
    # allow-same-origin (WordPress's oEmbed sandbox) has an opaque origin: it
    # needs them to show static/js/framed.js's fallback.
    "/static/": "cross-origin",
}

HSTS_MAX_AGE = 365 * 24 * 60 * 60
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_MAX_AGE}"


def resource_policy(path: str) -> str:
    """The Cross-Origin-Resource-Policy for a request path."""
    if path in RESOURCE_POLICIES:  # an exact key is the longest match there is
        return RESOURCE_POLICIES[path]
    best = ""
    for key in RESOURCE_POLICIES:
        matches = path == key or (key.endswith("/") and path.startswith(key))
        if matches and len(key) > len(best):
            best = key
    return RESOURCE_POLICIES.get(best, "same-origin")


_RAW_HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
_POLICIES = {
    policy: (b"cross-origin-resource-policy", policy.encode())
    for policy in ("same-origin", "cross-origin")
}


class Edge:
    """The one ASGI layer around the app, for every HTTP request:

    - refuses headers that are too large with ``too_large`` (a full 431 page);
    - adds ``SECURITY_HEADERS``, the path's CORP and, with ``hsts``, HSTS (a
      view may set any of them itself and its value wins: a partner's CSP);
    - answers an unexpected exception with ``server_error`` (our 500 page, with
      the emergency number), logging the error's type and place, never its message;
    - writes the access log line (widget.web.access_log), when ``log`` is on;
    - sends ``fast`` routes ((method, path) → ASGI app) straight to their view,
      everything else to ``app`` (the Starlette router).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        server_error: Callable[[Request], Response],
        too_large: Callable[[Request], Response],
        hsts: bool = False,
        log: bool = True,
        fast: Mapping[tuple[str, str], ASGIApp] | None = None,
    ) -> None:
        self.app = app
        self.server_error = server_error
        self.too_large = too_large
        self.log = log
        self.fast = dict(fast or {})
        hsts_header = [(b"strict-transport-security", STRICT_TRANSPORT_SECURITY.encode())]
        self.defaults = {
            policy: [*_RAW_HEADERS, corp, *(hsts_header if hsts else [])]
            for policy, corp in _POLICIES.items()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path = scope["path"]
        defaults = self.defaults[resource_policy(path)]
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message["headers"] = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in defaults if name not in present]
            await send(message)

        try:
            if headers_too_large(scope["headers"]):
                await self.too_large(Request(scope))(scope, receive, send_with_headers)
            else:
                app = self.fast.get((scope["method"], path), self.app)
                await app(scope, receive, send_with_headers)
        except Exception as error:
            errors.logger.error("unexpected error: %s", errors.describe(error))
            if not status:  # else the response had begun: the server closes the connection
                await self.server_error(Request(scope))(scope, receive, send_with_headers)
        finally:
            if self.log:
                elapsed_ms = (time.perf_counter() - started) * 1000
                access_log.log(scope["method"], path, status or 500, elapsed_ms)

"""Pure-ASGI middleware: security headers on every response.

A view may set any of these headers itself and its value wins (``setdefault``):
partner pages send their own CSP, built with ``content_security_policy`` and
that partner's ``frame-ancestors``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
    best = ""
    for key in RESOURCE_POLICIES:
        matches = path == key or (key.endswith("/") and path.startswith(key))
        if matches and len(key) > len(best):
            best = key
    return RESOURCE_POLICIES.get(best, "same-origin")


_RAW_HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS``, the path's CORP and, with ``hsts``, HSTS."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = resource_policy(scope["path"]).encode()
        defaults = [*_RAW_HEADERS, (b"cross-origin-resource-policy", policy)]
        if self.hsts:
            defaults.append((b"strict-transport-security", STRICT_TRANSPORT_SECURITY.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message["headers"] = list(message.get("headers", ()))
                # A view may set its own CSP (a partner's frame-ancestors): it wins.
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in defaults if name not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""Headers, decided here: what we read of a request's headers (each parsed and
bounded, never kept) and the headers of every response.

- Every response gets ``security_headers`` (added by ``SecurityHeaders`` in
  widget.web.middleware where the view did not set its own), with its route's
  Cross-Origin-Resource-Policy from the route table (widget.web.routes).
- A page (widget.web.rendering) gets ``page_headers``: never stored, varying
  with htmx, language and encoding, and a partner page its own
  ``frame-ancestors``.
- Bytes made once and sent as they are (static files, ``embed.js``, the FHIR
  Questionnaire, pages without answers) are a ``Precompressed``: gzip when the
  reader accepts it and it is worth it, and an ETag answered with 304.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from starlette.requests import Request
from starlette.responses import Response

MAX_HEADER_CHARS = 256  # of Accept-Encoding that we read; browsers send ~30
# Request headers larger than this, alone or together, are refused with 431.
# Browsers send 1-3 KB; nginx's default limit is 8 KB per line (docs/deployment.md).
MAX_HEADER_BYTES = 8 * 1024
MAX_HEADERS_BYTES = 16 * 1024

NO_STORE = "no-store"
PUBLIC_CACHE = "public, max-age=300"  # embed.js, themes, the FHIR Questionnaire
IMMUTABLE = "public, max-age=31536000, immutable"  # static files by content-hashed name
REVALIDATE = "public, max-age=300, must-revalidate"  # static files by plain name
SAME_ORIGIN, CROSS_ORIGIN = "same-origin", "cross-origin"  # Cross-Origin-Resource-Policy
HSTS_MAX_AGE = 365 * 24 * 60 * 60
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_MAX_AGE}"


def accepts_gzip(header: str | bytes | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110 12.5.3):
    ``gzip`` (or ``x-gzip``, or else ``*``) with a quality above 0."""
    if not header:
        return False
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    return _accepts_gzip(header[:MAX_HEADER_CHARS])


@lru_cache(maxsize=64)  # browsers send a handful of different headers
def _accepts_gzip(header: str) -> bool:
    found: dict[str, bool] = {}
    for item in header.split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        found.setdefault("gzip" if coding == "x-gzip" else coding, quality > 0)
    return found.get("gzip", found.get("*", False))


def headers_too_large(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether request headers are too large, alone or together (answered with 431)."""
    sizes = [len(name) + len(value) for name, value in headers]
    return sum(sizes) > MAX_HEADERS_BYTES or max(sizes, default=0) > MAX_HEADER_BYTES


def content_security_policy(
    frame_ancestors: tuple[str, ...] = ("'self'",), frame_src: str | None = None
) -> str:
    """The CSP for our pages; ``frame_ancestors`` lists who may frame them,
    ``frame_src`` what they may frame (only the demo pages frame anything).

    Nothing inline and nothing evaluated: no ``'unsafe-inline'``, no
    ``'unsafe-eval'``. htmx needs neither (see ``templates/_page.html``).
    """
    directives = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors " + " ".join(frame_ancestors),
    ]
    return "; ".join(directives + ([f"frame-src {frame_src}"] if frame_src else []))


CONTENT_SECURITY_POLICY = content_security_policy()
# The demo is a partner page on our own origin: it frames the widget.
DEMO_POLICY = content_security_policy(frame_src="'self'")

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
RawHeaders = list[tuple[bytes, bytes]]


def security_headers(resource_policy: str, hsts: bool) -> RawHeaders:
    """Every response's security headers, with its Cross-Origin-Resource-Policy
    (only what partner pages load from their own origin is cross-origin) and,
    when served over TLS, Strict-Transport-Security."""
    headers = {**SECURITY_HEADERS, "Cross-Origin-Resource-Policy": resource_policy}
    if hsts:
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


@cache
def page_headers(language_tag: str, policy: str | None) -> tuple[tuple[bytes, bytes], ...]:
    """A page's headers, besides its length and encoding. ``policy``: its own
    CSP (a partner's ``frame-ancestors``), else the default one is added."""
    headers = [
        (b"vary", b"HX-Request, Accept-Language, Accept-Encoding"),
        (b"content-language", language_tag.encode()),
        (b"cache-control", NO_STORE.encode()),
        (b"content-type", b"text/html; charset=utf-8"),
    ]
    return (*headers, *([(b"content-security-policy", policy.encode())] if policy else []))


def public_data_headers(cache_control: str) -> dict[str, str]:
    """Headers of public data that tools on any origin may fetch (the FHIR
    Questionnaire, oEmbed answers): any origin may read it, with no
    credentials, and caches keep it as ``cache_control`` says."""
    return {"Cache-Control": cache_control, "Access-Control-Allow-Origin": "*"}


GZIPPED = (b"content-encoding", b"gzip")


@dataclass(frozen=True)
class Precompressed:
    """Bytes made once and sent as they are: plain, gzipped where worth it,
    and an ETag for what a browser keeps."""

    body: bytes
    gzipped: bytes | None = None
    etag: str | None = None

    @classmethod
    def of(cls, body: bytes, *, compress: bool = True, etag: bool = False) -> Precompressed:
        gzipped = gzip.compress(body, 9, mtime=0) if compress else None
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"' if etag else None
        return cls(body, gzipped, tag)

    def pick(self, accept_encoding: str | None) -> tuple[bytes, bool]:
        """The bytes for a reader's Accept-Encoding, and whether they are gzipped."""
        if self.gzipped is not None and accepts_gzip(accept_encoding):
            return self.gzipped, True
        return self.body, False

    def response(self, request: Request, media_type: str, headers: Mapping[str, str]) -> Response:
        """200 with the bytes the reader accepts, or 304 when it has them already."""
        sent = {**headers, "Vary": "Accept-Encoding"}
        if self.etag is not None:
            sent["ETag"] = self.etag
            if request.headers.get("if-none-match") == self.etag:
                return Response(status_code=304, headers=sent)
        body, gzipped = self.pick(request.headers.get("accept-encoding"))
        if gzipped:
            sent["Content-Encoding"] = "gzip"
        return Response(body, media_type=media_type, headers=sent)

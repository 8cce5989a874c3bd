"""Request headers read defensively: Accept-Encoding, and a size limit.

Nothing here keeps a header: each is parsed, bounded, per request.
"""

from __future__ import annotations

MAX_HEADER_CHARS = 256  # of Accept-Encoding that we read; browsers send ~30
# Request headers larger than this, alone or together, are refused with 431.
# Browsers send 1-3 KB; nginx's default limit is 8 KB per line (docs/deployment.md).
MAX_HEADER_BYTES = 8 * 1024
MAX_HEADERS_BYTES = 16 * 1024


def accepts_gzip(header: str | bytes | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110 12.5.3):
    ``gzip`` (or ``x-gzip``, or else ``*``) with a quality above 0."""
    if not header:
        return False
    if isinstance(header, bytes):
        header = header.decode("latin-1")
    found: dict[str, bool] = {}
    for item in header[:MAX_HEADER_CHARS].split(","):
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

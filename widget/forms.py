"""Reading form bodies cheaply and defensively.

Our forms are small ``application/x-www-form-urlencoded`` bodies, so we parse
them with the standard library, with hard limits, instead of a general
multipart parser.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_BODY_BYTES = 16 * 1024
MAX_FIELDS = 100
MAX_VALUE_CHARS = 200


class FormError(Exception):
    """A body we will not read. ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def read_form(request: Request) -> list[tuple[str, str]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise FormError(415, "unsupported content type")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise FormError(413, "body too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise FormError(413, "body too large")
    return parse_body(bytes(body))


def parse_body(body: bytes) -> list[tuple[str, str]]:
    try:
        text = body.decode("ascii")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(400, "malformed body") from error
    for name, value in pairs:
        if len(name) > MAX_VALUE_CHARS or len(value) > MAX_VALUE_CHARS:
            raise FormError(400, "value too long")
        if not (name.isprintable() and value.isprintable()):
            raise FormError(400, "control characters")
    return pairs

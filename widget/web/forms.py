"""Reading form bodies cheaply and defensively.

Our forms are small ``application/x-www-form-urlencoded`` bodies, so we parse
them with the standard library, with hard limits, instead of a general
multipart parser.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote

from starlette.requests import Request

MAX_BODY_BYTES = 16 * 1024
MAX_FIELDS = 100
MAX_VALUE_CHARS = 200
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class FormError(Exception):
    """A form we cannot accept as a whole. ``status`` is the HTTP status to
    answer with; ``readable`` holds the pairs that were still clean (short,
    printable, valid UTF-8), so the error page (widget.web.views.errors) can
    keep the reader's language and the answers worth keeping; ``messages``:
    the page's (title, message) when not the status's own."""

    def __init__(
        self,
        status: int,
        reason: str,
        readable: list[tuple[str, str]] | None = None,
        messages: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.readable = readable or []
        self.messages = messages


async def read_form(request: Request) -> list[tuple[str, str]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM_CONTENT_TYPE:
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
    """What ``parse_qsl(keep_blank_values=True, errors="strict", max_num_fields=…)``
    returns, without its per-field work for the plain ids our forms send."""
    try:
        text = body.decode("ascii")
        if text.count("&") >= MAX_FIELDS:
            raise ValueError("too many fields")
        pairs = []
        for piece in text.split("&"):
            if not piece:
                continue
            name, _, value = piece.partition("=")
            if "%" in piece or "+" in piece:
                name, value = _unquote(name), _unquote(value)
            pairs.append((name, value))
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(400, "malformed body", readable_pairs(body)) from error
    if not all(_clean(name, value) for name, value in pairs):
        raise FormError(400, "value too long or with control characters", readable_pairs(body))
    return pairs


def readable_pairs(body: bytes) -> list[tuple[str, str]]:
    """The clean pairs of a body we refused: at most ``MAX_FIELDS`` of them,
    each valid UTF-8, short and printable. Everything else is dropped."""
    pairs: list[tuple[str, str]] = []
    for piece in body.split(b"&", MAX_FIELDS)[:MAX_FIELDS]:
        try:
            parsed = parse_qsl(piece.decode("ascii"), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            continue
        pairs += [(name, value) for name, value in parsed if _clean(name, value)]
    return pairs


def _unquote(text: str) -> str:
    return unquote(text.replace("+", " "), encoding="utf-8", errors="strict")


def _clean(name: str, value: str) -> bool:
    return (
        len(name) <= MAX_VALUE_CHARS
        and len(value) <= MAX_VALUE_CHARS
        and name.isprintable()
        and value.isprintable()
    )

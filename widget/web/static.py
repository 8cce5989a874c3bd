"""Static files, loaded once at start-up: content-hashed names, precompressed.

The static folder is small, so every file is read into memory when the app
starts. ``/static/css/widget.3f9a2b1c.css`` (hashed) is cached for a year as
immutable; the plain name ``/static/css/widget.css`` is served too, with an
ETag, for anything that needs a stable URL. Only names in the table are
served, so no path can reach outside the folder; a 404 or 405 is the app's
full error page.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from widget.web.headers import accepts_gzip

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=300, must-revalidate"
COMPRESSIBLE = {".css", ".js", ".svg", ".html", ".txt", ".json", ".map"}
SKIPPED_SUFFIXES = {".md"}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    gzipped: bytes | None
    media_type: str
    etag: str
    hashed_name: str


def _hashed(name: str, digest: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest[:10]}.{suffix}" if dot else f"{name}.{digest[:10]}"


def load_folder(folder: Path) -> dict[str, StaticFile]:
    files: dict[str, StaticFile] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in SKIPPED_SUFFIXES:
            continue
        name = path.relative_to(folder).as_posix()
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if media_type.startswith("text/") or media_type == "application/javascript":
            media_type += "; charset=utf-8"
        gzipped = gzip.compress(body, 9, mtime=0) if path.suffix in COMPRESSIBLE else None
        files[name] = StaticFile(
            body, gzipped, media_type, f'"{digest[:16]}"', _hashed(name, digest)
        )
    return files


class StaticFiles:
    """A tiny ASGI app serving the in-memory table."""

    def __init__(self, folder: Path) -> None:
        self.files = load_folder(folder)
        self.by_hashed_name = {f.hashed_name: (name, f) for name, f in self.files.items()}

    def url(self, name: str) -> str:
        return "/static/" + self.files[name].hashed_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # One URL per file: the path exactly as sent, no percent-encoding (our
        # names need none), so "/static/css%2fwidget.css" is a 404. Errors are
        # raised, so the app answers them with its full page (emergency line).
        raw = scope.get("raw_path")
        if raw is not None and raw != scope["path"].encode("utf-8"):
            raise HTTPException(404)
        name = scope["path"].removeprefix(scope.get("root_path", ""))
        name = name.removeprefix("/")
        hashed = self.by_hashed_name.get(name)
        if hashed is not None:
            file, cache_control = hashed[1], IMMUTABLE
        elif name in self.files:
            file, cache_control = self.files[name], REVALIDATE
        else:
            raise HTTPException(404)
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, headers={"Allow": "GET, HEAD"})
        request_headers = dict(scope["headers"])
        headers = [
            (b"content-type", file.media_type.encode()),
            (b"cache-control", cache_control.encode()),
            (b"etag", file.etag.encode()),
            (b"vary", b"Accept-Encoding"),
        ]
        if request_headers.get(b"if-none-match", b"") == file.etag.encode():
            await _respond(send, 304, headers, b"")
            return
        body = file.body
        if file.gzipped is not None and accepts_gzip(request_headers.get(b"accept-encoding")):
            body = file.gzipped
            headers.append((b"content-encoding", b"gzip"))
        if scope["method"] == "HEAD":
            headers.append((b"content-length", str(len(body)).encode()))
            await _respond(send, 200, headers, b"", length_set=True)
            return
        await _respond(send, 200, headers, body)


async def _respond(
    send: Send,
    status: int,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
    length_set: bool = False,
) -> None:
    if not length_set:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

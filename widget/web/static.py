"""Static files, loaded once at start-up: content-hashed names, precompressed.

The static folder is small, so every file is read into memory when the app
starts. ``/static/css/widget.3f9a2b1c.css`` (hashed) is cached for a year as
immutable; the plain name ``/static/css/widget.css`` is served too, with an
ETag, for anything that needs a stable URL. Only names in the table are
served, so no path can reach outside the folder; a 404 or 405 is the app's
full error page.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import NamedTuple

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from widget.web.headers import IMMUTABLE, REVALIDATE, Precompressed

COMPRESSIBLE = {".css", ".js", ".svg", ".html", ".txt", ".json", ".map"}
SKIPPED_SUFFIXES = {".md"}


class StaticFile(NamedTuple):
    file: Precompressed
    media_type: str
    hashed_name: str


def _hashed(name: str, etag: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    digest = etag.strip('"')[:10]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def load_folder(folder: Path) -> dict[str, StaticFile]:
    files: dict[str, StaticFile] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in SKIPPED_SUFFIXES:
            continue
        name = path.relative_to(folder).as_posix()
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if media_type.startswith("text/") or media_type == "application/javascript":
            media_type += "; charset=utf-8"
        compress = path.suffix in COMPRESSIBLE
        file = Precompressed.of(path.read_bytes(), compress=compress, etag=True)
        files[name] = StaticFile(file, media_type, _hashed(name, file.etag or ""))
    return files


class StaticFiles:
    """The in-memory table of the static folder."""

    def __init__(self, folder: Path) -> None:
        self.files = load_folder(folder)
        self.by_hashed_name = {f.hashed_name: f for f in self.files.values()}

    def url(self, name: str) -> str:
        return "/static/" + self.files[name].hashed_name


async def static_file(request: Request) -> Response:
    """One URL per file: the path exactly as sent, no percent-encoding (our
    names need none), so "/static/css%2fwidget.css" is a 404. Errors are
    raised, so the app answers them with its full page (emergency line)."""
    raw = request.scope.get("raw_path")
    if raw is not None and raw != request.scope["path"].encode("utf-8"):
        raise HTTPException(404)
    static: StaticFiles = request.app.state.static
    name = request.path_params["name"]
    if found := static.by_hashed_name.get(name):
        cache_control = IMMUTABLE
    elif found := static.files.get(name):
        cache_control = REVALIDATE
    else:
        raise HTTPException(404)
    return found.file.response(request, found.media_type, {"Cache-Control": cache_control})

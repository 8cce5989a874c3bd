"""Static files: vendored htmx is what VENDORED.md says; hashed names, caching, gzip."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_vendored_htmx_matches_the_recorded_checksum():
    table = (ROOT / "static" / "VENDORED.md").read_text()
    recorded = re.search(r"`vendor/htmx\.min\.js`.*?\| `([0-9a-f]{64})`", table)
    assert recorded, "VENDORED.md must record the htmx checksum"
    actual = hashlib.sha256((ROOT / "static/vendor/htmx.min.js").read_bytes()).hexdigest()
    assert actual == recorded.group(1)


def test_vendored_htmx_is_version_4():
    assert "4.0.1" in (ROOT / "static/vendor/htmx.min.js").read_text()


def test_pages_link_static_files_by_content_hashed_name(client):
    page = client.get("/").text
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert len(links) == 4  # widget.css, htmx, widget.js, framed.js
    for link in links:
        assert re.search(r"\.[0-9a-f]{10}\.(css|js)$", link), link
        response = client.get(link)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_static_files_are_served_compressed_when_asked(client):
    response = client.get("/static/vendor/htmx.min.js", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < 20_000
    assert "htmx" in response.text  # the client decompressed it


def test_plain_names_revalidate_with_an_etag(client):
    first = client.get("/static/css/widget.css")
    assert "immutable" not in first.headers["cache-control"]
    again = client.get("/static/css/widget.css", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


def test_only_files_in_the_static_folder_are_served(client):
    for path in [
        "/static/../widget/web/app.py",
        "/static/%2e%2e/pyproject.toml",
        "/static/VENDORED.md",
    ]:
        assert client.get(path).status_code == 404


def test_each_file_has_one_canonical_url(client):
    assert client.get("/static/css/widget.css").status_code == 200
    for path in [
        "/static/css%2fwidget.css",
        "/static/css%2Fwidget.css",
        "/static/static/css/widget.css",
        "/static/css/%77idget.css",
        "/static//css/widget.css",
    ]:
        assert client.get(path).status_code == 404, path


def test_static_errors_are_full_pages_with_the_emergency_line(client):
    for method, path, status in [
        ("GET", "/static/nope", 404),
        ("GET", "/static/css%2fwidget.css", 404),
        ("HEAD", "/static/nope", 404),
        ("POST", "/static/css/widget.css", 405),
        ("DELETE", "/static/vendor/htmx.min.js", 405),
    ]:
        response = client.request(method, path)
        assert response.status_code == status, (method, path)
        assert response.headers["content-type"].startswith("text/html"), (method, path)
        if method != "HEAD":
            assert 'id="emergency-line"' in response.text, (method, path)
            assert f'data-status="{status}"' in response.text
    assert client.post("/static/css/widget.css").headers["allow"] == "GET, HEAD"

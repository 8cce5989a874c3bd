"""Bytes over the wire, compressed, as a browser fetches them.

First visit to ``/?partner=demo`` (HTML + CSS + scripts), one step submission
(the htmx partial), and ``embed.js``. Run: ``python bench/weight.py``.
"""

from __future__ import annotations

import http.client
import re
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import serve, stop

BROWSER = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "en"}
TARGETS = {"first load": 25_000, "step partial": 3_000, "embed.js": 2_000}
PEERS = [
    ("Typeform embed loader (before the form loads)", "about 47 KB minified"),
    ("SurveyJS core library", "about 1.5 MB minified"),
]


def fetch(
    base: str, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, int, str]:
    """(status, compressed body bytes, bytes on the wire with the HTTP/1.1 headers, text)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(method, path, body=body or None, headers={**BROWSER, **(headers or {})})
    response = connection.getresponse()
    raw = response.read()
    head = f"HTTP/1.1 {response.status} {response.reason}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in response.getheaders()
    )
    text = raw
    if response.getheader("content-encoding") == "gzip":
        import gzip

        text = gzip.decompress(raw)
    connection.close()
    return response.status, len(raw), len(head) + 2 + len(raw), text.decode(errors="replace")


def main() -> None:
    process, base = serve("widget.web.asgi:app")
    try:
        rows: list[tuple[str, str, int, int]] = []
        status, body_size, wire, page = fetch(base, "GET", "/?partner=demo")
        if status != 200:
            raise SystemExit(f"/?partner=demo answered {status}")
        rows.append(("first load", "/?partner=demo (HTML)", body_size, wire))
        for asset in re.findall(r'<(?:link[^>]+href|script[^>]+src)="(/[^"]+)"', page):
            rows.append(("first load", asset, *fetch(base, "GET", asset)[1:3]))
        form = re.search(r'<form[^>]*class="start-form".*?</form>', page, re.S)
        assert form, "no start form"
        fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0))
        selected = re.findall(
            r'<select[^>]*name="([^"]+)".*?<option value="([^"]*)"[^>]*selected',
            form.group(0),
            re.S,
        )
        body = urlencode(fields + selected)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}
        status, body_size, wire, _ = fetch(base, "POST", "/step", body, headers)
        rows.append(("step partial", f"POST /step (htmx, status {status})", body_size, wire))
        rows.append(("embed.js", "/embed.js", *fetch(base, "GET", "/embed.js")[1:3]))

        print("body = compressed body bytes; wire = body + HTTP/1.1 status line and headers")
        print(f"{'group':14} {'resource':52} {'body':>7} {'wire':>7}")
        for group, name, size, on_wire in rows:
            print(f"{group:14} {name[:52]:52} {size:7d} {on_wire:7d}")
        print()
        for group, limit in TARGETS.items():
            total = sum(size for g, _, size, _ in rows if g == group)
            total_wire = sum(on_wire for g, _, _, on_wire in rows if g == group)
            verdict = "ok" if total <= limit else "OVER"
            print(
                f"{group:14} compressed {total:7d} bytes (wire {total_wire:7d})"
                f"  target ≤ {limit:,}: {verdict}"
            )
        print("\nPeers, as published (for comparison):")
        for name, weight in PEERS:
            print(f"  {name}: {weight}")
    finally:
        stop(process)


if __name__ == "__main__":
    main()

"""Same bytes: the app's answer to a wide, fixed set of requests, recorded and compared.

    python bench/same_bytes.py record    # before a change: writes build/same-bytes.json
    python bench/same_bytes.py compare   # after it: every difference, grouped; exit 1 if any

About 1,800 requests, generated the same way every time (no randomness): every
route and method, every shipped language, with and without a partner, an embed
id and an unknown partner, full page and htmx partial, gzip or not, every error
(400, 404, 405, 413, 415, 422, 431, 499, an unknown partner), the FHIR and
oEmbed routes, static files with and without their ETag, bodies cut off mid-way.
They are sent to the app in process (no server), built twice from the
environment: with a region, the example partners and a public URL, and with
none of them and HSTS on.

For each request it keeps the status, the headers (names in lower case,
sorted by name: the order of different fields carries no meaning, RFC 9110
5.3) and the SHA-256 of the body. What the server would not send is left out:
the body of a HEAD answer. The only time-dependent bytes (the ``authored``
time of a FHIR QuestionnaireResponse) are replaced before hashing. Python's
string hashing is fixed (``PYTHONHASHSEED=0``), so set order is too.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "build" / "same-bytes.json"
LOCALES = ("en", "es", "fr", "ar", "zh_Hans", "vi", "hi", "pt_BR")
ORIGIN = "http://127.0.0.1:8000"  # allowed for the demo partner (partners.example.toml)
PUBLIC_URL = "https://check.example"
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
FORM = ("content-type", "application/x-www-form-urlencoded")
HTMX = ("hx-request", "true")
GZIP = ("accept-encoding", "gzip, deflate, br")
VARIANTS = ((), (GZIP,), (HTMX,), (HTMX, GZIP))
CONFIGS = {
    "site": {
        "WIDGET_REGION": "AU",
        "WIDGET_PARTNERS": str(ROOT / "partners.example.toml"),
        "WIDGET_PUBLIC_URL": PUBLIC_URL,
        "WIDGET_HSTS": "0",
    },
    "bare": {
        "WIDGET_REGION": "",
        "WIDGET_PARTNERS": "",
        "WIDGET_PUBLIC_URL": "",
        "WIDGET_HSTS": "1",
    },
}
# Reader contexts a form or link carries (never answers).
CONTEXTS = {
    "plain": "region=AU",
    "embedded": f"region=GB&partner=demo&embed=r-1&embed_origin={quote(ORIGIN, safe='')}",
    "unknown": "region=other&partner=nobody",
    "bad-origin": "partner=demo&embed=r-2&embed_origin=https%3A%2F%2Fevil.example",
    "no-region": "",
}
OUTCOME = (
    "danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none&injury=no"
    "&history=none&scan=yes&after_sex=yes"
)
STEPS = {
    "start": "nav=start",
    "first": "step=danger&nav=continue&danger=none",
    "checkboxes": "step=danger&nav=continue&danger=faint&danger=severe_pain",
    "none-and-other": "step=danger&nav=continue&danger=none&danger=faint",
    "missing": "danger=none&step=weeks&nav=continue",
    "banner": "danger=none&step=weeks&nav=continue&weeks=12_to_23",
    "advice": "danger=none&weeks=12_to_23&step=amount&nav=advice",
    "back": "danger=none&weeks=6_to_11&step=amount&nav=back",
    "mid": "danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none"
    "&step=injury&nav=continue&injury=no",
    "outcome": OUTCOME + "&step=pattern&nav=continue&pattern=once_stopped",
    "summary": OUTCOME + "&pattern=once_stopped&step=pattern&nav=stay&summary_lang=fr",
    "change": OUTCOME + "&pattern=once_stopped&nav=change:clots",
    "emergency": "step=danger&nav=continue&danger=heavy_bleeding",
    "bad-state": "danger=none&weeks=forty",
    "salvage": "danger=none&weeks=6_to_11&colour=red&step=amount",
}
FHIR_BODIES = {
    "finished": OUTCOME + "&pattern=once_stopped",
    "emergency": "danger=heavy_bleeding",
    "urgent": "danger=none&weeks=12_to_23",
    "not-finished": "danger=none",
    "bad": "danger=none&weeks=forty",
    "malformed": "lang=fr&danger=none&x=%FF",
}
OEMBED_QUERIES = (
    "",
    f"url={quote(PUBLIC_URL + '/?partner=demo&lang=fr', safe='')}",
    f"url={quote(PUBLIC_URL + '/?partner=demo', safe='')}&format=json&maxwidth=300",
    f"url={quote(PUBLIC_URL + '/?partner=demo&lang=xx', safe='')}&maxheight=2000",
    f"url={quote(PUBLIC_URL + '/?partner=demo', safe='')}&format=xml",
    f"url={quote(PUBLIC_URL + '/?partner=demo', safe='')}&format=yaml",
    f"url={quote(PUBLIC_URL + '/?partner=demo', safe='')}&maxwidth=0",
    f"url={quote(PUBLIC_URL + '/?partner=nobody', safe='')}",
    f"url={quote(PUBLIC_URL + '/rules?partner=demo', safe='')}",
    f"url={quote('https://elsewhere.example/?partner=demo', safe='')}",
    "url=a&url=b",
    "url=" + "x" * 2100,
)


class Request(NamedTuple):
    config: str
    method: str
    path: str
    query: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    cut: bool = False  # the client leaves after part of the body

    def key(self) -> str:
        return json.dumps(list(self), ensure_ascii=True)


def requests() -> Iterator[Request]:
    """The whole set, in a fixed order."""
    yield from pages()
    yield from steps()
    yield from every_route_and_method()
    yield from files()
    yield from fhir()
    yield from oembed()
    yield from errors()


def pages() -> Iterator[Request]:
    for config in CONFIGS:
        for lang in LOCALES:
            for name, context in CONTEXTS.items():
                if config == "bare" and name not in ("plain", "embedded"):
                    continue
                query = f"lang={lang}&{context}".rstrip("&")
                for variant in VARIANTS:
                    yield Request(config, "GET", "/", query, variant)
                if name != "bad-origin":
                    yield Request(config, "GET", "/rules", query, VARIANTS[lang in LOCALES[:4]])
                    yield Request(config, "GET", "/step", query, VARIANTS[3])
            for page in ("/demo", "/demo/iframe"):
                yield Request(config, "GET", page, f"lang={lang}", VARIANTS[1])
                yield Request(config, "GET", page, "", ((("accept-language", lang),)))
        for language in ("fr-CA,fr;q=0.9", "zh-CN", "pt", "xx, ar;q=0.1", "*"):
            yield Request(config, "GET", "/", "", (("accept-language", language),))


def steps() -> Iterator[Request]:
    index = 0
    for config in CONFIGS:
        for lang in LOCALES:
            for name, context in CONTEXTS.items():
                if name == "bad-origin" or (config == "bare" and name != "plain"):
                    continue
                carried = f"lang={lang}&{context}".rstrip("&")
                for body in STEPS.values():
                    variant = VARIANTS[index % 4]
                    index += 1
                    form = f"{carried}&{body}"
                    yield Request(config, "POST", "/step", "", (FORM, *variant), form)
    for body in STEPS.values():  # every variant for English
        for variant in VARIANTS:
            yield Request("site", "POST", "/step", "", (FORM, *variant), f"lang=en&{body}")


def every_route_and_method() -> Iterator[Request]:
    paths = (
        "/",
        "/step",
        "/healthz",
        "/rules",
        "/rules/flow.svg",
        "/embed.js",
        "/theme/demo.css",
        "/theme/nobody.css",
        "/demo",
        "/demo/iframe",
        "/oembed",
        "/fhir/Questionnaire",
        "/fhir/Questionnaire/bleeding-in-pregnancy-check",
        "/fhir/Questionnaire/other",
        "/fhir/Questionnaire/x/y",
        "/fhir/QuestionnaireResponse",
        "/static/css/widget.css",
        "/static/missing.css",
        "/static",
        "/static/",
        "/nowhere",
        "/step/",
        "/metrics",
    )
    for config in CONFIGS:
        for path in paths:
            for method in METHODS:
                body = "lang=fr&region=GB" if method == "POST" else ""
                yield Request(config, method, path, "lang=es", (FORM, GZIP), body)


def files() -> Iterator[Request]:
    import hashlib as _hashlib

    folder = ROOT / "static"
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        digest = _hashlib.sha256(path.read_bytes()).hexdigest()
        stem, dot, suffix = name.rpartition(".")
        hashed = f"{stem}.{digest[:10]}.{suffix}" if dot else name
        etag = f'"{digest[:16]}"'
        for url in (f"/static/{name}", f"/static/{hashed}"):
            for method in ("GET", "HEAD"):
                for variant in ((), (GZIP,), (("accept-encoding", "gzip;q=0"),)):
                    yield Request("site", method, url, "", variant)
            yield Request("site", "GET", url, "", (("if-none-match", etag), GZIP))
            yield Request("site", "GET", url, "", (("if-none-match", '"nope"'),))
    yield Request("site", "GET", "/static/css%2fwidget.css")
    yield Request("site", "GET", "/static/../widget/web/app.py")
    for config in CONFIGS:
        for method in ("GET", "HEAD"):
            for variant in ((), (GZIP,)):
                yield Request(config, method, "/embed.js", "", variant)
        yield Request(config, "GET", "/embed.js", "", (("if-none-match", '"nope"'),))
        for method in ("GET", "HEAD"):
            yield Request(config, method, "/theme/demo.css", "", (GZIP,))
            yield Request(config, method, "/rules/flow.svg", "", (GZIP,))
            yield Request(config, method, "/healthz")


def fhir() -> Iterator[Request]:
    for config in CONFIGS:
        for path in ("/fhir/Questionnaire", "/fhir/Questionnaire/bleeding-in-pregnancy-check"):
            for method in ("GET", "HEAD"):
                for variant in ((), (GZIP,)):
                    yield Request(config, method, path, "", variant)
        for lang in LOCALES:
            for name, body in FHIR_BODIES.items():
                context = "&partner=demo" if name == "finished" and config == "site" else ""
                yield Request(
                    config,
                    "POST",
                    "/fhir/QuestionnaireResponse",
                    "",
                    (FORM,),
                    f"lang={lang}&region=GB{context}&{body}",
                )
    site = "site"
    response = "/fhir/QuestionnaireResponse"
    embedded = f"lang=fr&partner=demo&embed=f-1&embed_origin={quote(ORIGIN, safe='')}"
    for query in ("", "lang=fr", "lang=ar&partner=demo", "partner=nobody&lang=es", embedded):
        yield Request(site, "GET", response, query)
        yield Request(site, "GET", "/fhir/Questionnaire/other", query)
        yield Request(site, "POST", response, query, (FORM,), "danger=none")
        yield Request(site, "POST", response, query, (("content-type", "text/plain"),), "x")
    yield Request(site, "POST", response, "", (FORM,), "lang=fr&partner=nobody&danger=none")
    yield Request(site, "POST", response, "", (FORM,), FHIR_BODIES["finished"] + "&partner=nobody")
    yield Request(site, "POST", response, "", (FORM,), "a=" + "x" * 20000)


def oembed() -> Iterator[Request]:
    for config in CONFIGS:
        for query in OEMBED_QUERIES:
            for method in ("GET", "HEAD"):
                yield Request(config, method, "/oembed", query)
        for method in ("POST", "PUT", "DELETE", "OPTIONS"):
            yield Request(config, method, "/oembed", OEMBED_QUERIES[1])


def errors() -> Iterator[Request]:
    site = "site"
    huge = (("accept-language", "en," * 9000),)
    many = tuple((f"x-padding-{n}", "a" * 1000) for n in range(20))
    for path in ("/", "/step", "/embed.js", "/static/css/widget.css", "/fhir/Questionnaire/x",
                 "/oembed", "/nowhere"):  # fmt: skip
        for headers in (huge, many):
            method = "POST" if path == "/step" else "GET"
            yield Request(site, method, path, "lang=fr&region=GB", headers)
    bodies = {
        "json": ((("content-type", "application/json"),), "{}"),
        "large": ((FORM,), "a=" + "x" * 20_000),
        "declared-large": ((FORM, ("content-length", "99999")), "lang=fr"),
        "malformed": ((FORM,), "lang=fr&region=GB&danger=none&weeks=%FF"),
        "control": ((FORM,), "lang=ar&danger=none&x=%01"),
        "unknown-partner": ((FORM,), "lang=es&partner=nobody&danger=none&step=weeks&nav=continue"),
        "unknown-and-bad": ((FORM,), "lang=es&partner=nobody&weeks=forty"),
        "no-lang": ((FORM,), "danger=none&weeks=forty"),
    }
    for query in ("", "lang=fr&region=GB", "partner=nobody", "lang=vi&partner=demo"):
        for headers, body in bodies.values():
            yield Request(site, "POST", "/step", query, headers, body)
            yield Request(site, "POST", "/step", query, (*headers, HTMX), body)
    for path, body in (
        ("/step", "lang=en&danger=none&weeks="),
        ("/fhir/QuestionnaireResponse", "lang=en&danger=no"),
        ("/oembed", "x=1"),
        ("/", "x=1"),
    ):
        yield Request(site, "POST" if path != "/" else "GET", path, "", (FORM,), body, cut=True)
    for method in ("FOO", "TRACE", "CONNECT"):
        yield Request(site, method, "/")
        yield Request(site, method, "/step")


async def call(app: Any, request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    body = request.body.encode()
    headers = [(b"host", b"widget.test")]
    headers += [(name.encode(), value.encode("latin-1")) for name, value in request.headers]
    if request.method in ("POST", "PUT", "PATCH") and not any(
        name == "content-length" for name, _ in request.headers
    ):
        declared = len(body) + (1000 if request.cut else 0)
        headers.append((b"content-length", str(declared).encode()))
    path = request.path.replace("%2f", "/")  # as a server decodes it; raw_path keeps it
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": path,
        "raw_path": request.path.encode(),
        "query_string": request.query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("widget.test", 80),
        "state": {},
    }
    incoming = [{"type": "http.request", "body": body, "more_body": request.cut}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return 0, [], b""
    names = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in start["headers"]]
    out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], names, out


AUTHORED = re.compile(rb'"authored": "[^"]*"')


def answer(status: int, headers: list[tuple[str, str]], body: bytes, method: str) -> dict[str, Any]:
    if method == "HEAD":
        body = b""  # the server sends no body to HEAD
    body = AUTHORED.sub(b'"authored": "(time)"', body)
    return {
        "status": status,
        "headers": [list(pair) for pair in sorted(headers, key=lambda pair: pair[0])],
        "body": hashlib.sha256(body).hexdigest()[:20],
        "length": len(body),
    }


def run_all() -> dict[str, dict[str, Any]]:
    import logging

    from widget.web.app import create_app

    logging.getLogger("widget").setLevel(logging.CRITICAL)  # the set includes a 500 or two
    os.environ["WIDGET_ACCESS_LOG"] = "0"
    os.environ.pop("WIDGET_METRICS", None)
    apps = {}
    for name, environment in CONFIGS.items():
        os.environ.update(environment)
        apps[name] = create_app()
    results: dict[str, dict[str, Any]] = {}

    async def everything() -> None:
        for request in requests():
            status, headers, body = await call(apps[request.config], request)
            results[request.key()] = answer(status, headers, body, request.method)

    asyncio.run(everything())
    return results


def compare(before: dict[str, Any], after: dict[str, Any]) -> int:
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            groups["only " + ("after" if key in after else "before")].append(key)
            continue
        old, new = before[key], after[key]
        if old == new:
            continue
        what = []
        if old["status"] != new["status"]:
            what.append(f"status {old['status']} -> {new['status']}")
        old_headers = _by_name(old["headers"])
        new_headers = _by_name(new["headers"])
        for name in sorted(set(old_headers) | set(new_headers)):
            if old_headers.get(name) != new_headers.get(name):
                what.append(f"{name}: {old_headers.get(name)} -> {new_headers.get(name)}")
        if old["body"] != new["body"]:
            what.append(f"body ({old['length']} -> {new['length']} bytes)")
        groups["; ".join(what)].append(key)
    differing = sum(len(keys) for keys in groups.values())
    print(f"{len(after)} requests, {differing} differ")
    for what, keys in sorted(groups.items(), key=lambda item: -len(item[1])):
        print(f"\n{len(keys)} x {_short(what)}")
        for key in keys[:4]:
            print("   ", _short(" ".join(str(part) for part in json.loads(key) if part)))
        if len(keys) > 4:
            print(f"    … and {len(keys) - 4} more")
    return 1 if differing else 0


def _by_name(headers: list[list[str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for name, value in headers:
        found[name].append(value)
    return {name: ", ".join(values) for name, values in found.items()}  # type: ignore[misc]


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # the same set order on every run
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    results = run_all()
    if args.action == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(results, indent=0, sort_keys=True))
        print(f"{len(results)} requests recorded in {args.file}")
        return 0
    return compare(json.loads(args.file.read_text()), results)


if __name__ == "__main__":
    sys.exit(main())

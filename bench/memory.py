"""Memory of one worker under distinct outcome pages (issue 24 R9), and what the
page cache's bound costs in hits.

    .venv/bin/python bench/memory.py                    # in process: RSS, cache bytes and entries
    .venv/bin/python bench/memory.py --server           # a real worker: its RSS
    .venv/bin/python bench/memory.py --hit-rates        # hit rates of bounds, on two traffic mixes

The load: valid outcome pages no worker has seen before, drawn without
repetition from every shipped language × every region (and "somewhere
else") × both layouts (full page, htmx partial) × ``--shapes`` outcome
shapes (the answers that make distinct outcome pages, found by walking the
real flow with random answers from a fixed seed). Each is the ``POST /step``
a browser sends for the last question.

In process (the default) it builds the app from the environment
(``WIDGET_PAGE_CACHE_MB`` sets the bound), warms it (the start page and one
outcome page in every language, both layouts), then sends ``--requests``
of them and prints the process's resident memory (VmRSS, and its peak
VmHWM) before and after, and the cache's bytes and entries.

``--server`` starts ``python -m widget serve`` (one worker: the server
process is the worker), warms it the same way over HTTP, sends the same
requests on 4 keep-alive connections and prints the worker's VmRSS and
VmHWM from /proc before and after (the cache is not visible from outside).

``--hit-rates [RUNS]`` drives three mixes of RUNS whole runs (the start page,
one page per question, the outcome; the answers random as in bench/load.py,
half of the runs as htmx partials) in process, records every page the
renderer is asked for with its skeleton's size, and replays that sequence
through least-recently-used caches with several bounds, in bytes and in
entries (the bound before was 4,096 entries): "one site" is English in one
region; "every language, one region" spreads the runs over every language
in GB; "every language and region" over every language and region.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from subprocess import DEVNULL
from typing import Any
from urllib.parse import urlencode
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))

from asgi_driver import call

from widget.clinical import content
from widget.clinical.flow import OutcomeScreen, QuestionScreen, advance, parse
from widget.clinical.regions import REGIONS_BY_CODE
from widget.clinical.triage import asked_questions
from widget.i18n.locales import LOCALES
from widget.web.reader import CARRIED_FIELDS, NO_REGION

ROOT = Path(__file__).resolve().parent.parent
REGIONS = (*REGIONS_BY_CODE, NO_REGION)
FORM = {"content-type": "application/x-www-form-urlencoded"}
HTMX = {"hx-request": "true"}
Pairs = list[tuple[str, str]]
Request = tuple[str, str, bytes, bool]  # method, path, body, htmx


def walk(rng: random.Random, calm: bool = False) -> Iterator[tuple[Pairs, Any]]:
    """One reader's run through the real flow, random answers: each step's form
    pairs (lang and region left out) and the screen it leads to. ``calm``: no
    red flag nine times in ten, as in bench/load.py."""
    answers: dict[str, list[str]] = {}
    body: Pairs = [("nav", "start")]
    while True:
        screen = advance(parse(body, CARRIED_FIELDS))
        yield body, screen
        if not isinstance(screen, QuestionScreen):
            return
        question = screen.question
        options = sorted(question.option_ids)
        others = [option for option in options if option != content.NONE]
        if question.kind == "radio":
            chosen = [rng.choice(options)]
        elif (calm and question.id == "danger" and rng.random() < 0.9) or not others:
            chosen = [content.NONE]
        elif rng.random() < 0.5:
            chosen = [content.NONE] if content.NONE in options else [rng.choice(others)]
        else:
            chosen = sorted(rng.sample(others, min(rng.choice((1, 1, 2)), len(others))))
        answers[question.id] = chosen
        hidden = [(q, v) for q, values in answers.items() if q != question.id for v in values]
        body = [*hidden, ("step", question.id), *[(question.id, v) for v in chosen]]
        body.append(("nav", "continue"))


def outcome_shapes(count: int, seed: int = 1) -> list[Pairs]:
    """The last step's form of ``count`` runs with distinct outcome pages."""
    rng = random.Random(seed)
    shapes: dict[Hashable, Pairs] = {}
    for _ in range(count * 200):
        *_, (body, screen) = walk(rng)
        assert isinstance(screen, OutcomeScreen)
        shapes.setdefault((screen.outcome, asked_questions(screen.answers)), body)
        if len(shapes) == count:
            return list(shapes.values())
    raise SystemExit(f"only {len(shapes)} distinct outcome shapes found")


def distinct_pages(shapes: list[Pairs], count: int, seed: int = 2) -> list[tuple[bytes, bool]]:
    """``count`` different outcome requests (body, htmx), in a fixed random order."""
    space = len(LOCALES) * len(REGIONS) * 2 * len(shapes)
    if count > space:
        raise SystemExit(f"--requests: at most {space} distinct pages")
    picked = random.Random(seed).sample(range(space), count)
    requests = []
    for index in picked:
        index, shape = divmod(index, len(shapes))
        index, htmx = divmod(index, 2)
        locale, region = divmod(index, len(REGIONS))
        carried = [("lang", LOCALES[locale].code), ("region", REGIONS[region])]
        requests.append((urlencode([*carried, *shapes[shape]]).encode(), bool(htmx)))
    return requests


def warm_up(shapes: list[Pairs]) -> list[Request]:
    """Every language's start page and one outcome page, both layouts."""
    requests = []
    for info in LOCALES:
        for htmx in (False, True):
            requests.append(("GET", f"/?lang={info.code}&region=AU", b"", htmx))
            body = urlencode([("lang", info.code), ("region", "AU"), *shapes[0]]).encode()
            requests.append(("POST", "/step", body, htmx))
    return requests


def memory(pid: int | str = "self") -> tuple[float, float]:
    """VmRSS and VmHWM (the peak) of a process, in MB (2**20 bytes)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def in_process(shapes: list[Pairs], pages: list[tuple[bytes, bool]]) -> None:
    os.environ.setdefault("WIDGET_ACCESS_LOG", "0")
    from widget.web.app import create_app

    app = create_app()
    cache = app.state.renderer.skeletons

    async def run(requests: list[Request]) -> None:
        for method, path, body, htmx in requests:
            headers = {**FORM, **(HTMX if htmx else {}), "accept-encoding": "gzip"}
            status, _, _ = await call(app, method, path, body, headers)
            assert status == 200, (status, path, body)

    asyncio.run(run(warm_up(shapes)))
    before = memory()
    started = time.perf_counter()
    asyncio.run(run([("POST", "/step", body, htmx) for body, htmx in pages]))
    seconds = time.perf_counter() - started
    after = memory()
    print(f"bound:    {cache.max_bytes / 2**20:.0f} MB (WIDGET_PAGE_CACHE_MB)")
    print(f"requests: {len(pages)} distinct outcome pages in {seconds:.0f} s")
    print(f"RSS:      {before[0]:.1f} MB before, {after[0]:.1f} MB after (peak {after[1]:.1f} MB)")
    print(f"cache:    {cache.bytes / 2**20:.1f} MB in {len(cache)} entries")


def over_http(shapes: list[Pairs], pages: list[tuple[bytes, bool]]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "widget", "serve", "--port", str(port)]
    env = {**os.environ, "WIDGET_ACCESS_LOG": "0"}
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=DEVNULL, stderr=DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
        asyncio.run(send_all(port, warm_up(shapes), 1))
        before = memory(server.pid)
        started = time.perf_counter()
        asyncio.run(send_all(port, [("POST", "/step", body, htmx) for body, htmx in pages], 4))
        seconds = time.perf_counter() - started
        after = memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=15)
    bound = os.environ.get("WIDGET_PAGE_CACHE_MB") or "default"
    print(f"server:   python -m widget serve (1 worker), WIDGET_PAGE_CACHE_MB {bound}")
    print(f"requests: {len(pages)} distinct outcome pages in {seconds:.0f} s")
    print(f"RSS:      {before[0]:.1f} MB before, {after[0]:.1f} MB after (peak {after[1]:.1f} MB)")


async def send_all(port: int, requests: list[Request], connections: int) -> None:
    queue = list(reversed(requests))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while queue:
            method, path, body, htmx = queue.pop()
            lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Accept-Encoding: gzip"]
            lines += ["HX-Request: true"] if htmx else []
            lines += [f"Content-Type: {FORM['content-type']}", f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            assert status == 200, (status, path, body)
        writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))


# --- hit rates ----------------------------------------------------------------------------


MIXES = {
    "one site": (("en",), ("AU",)),
    "every language, one region": (tuple(info.code for info in LOCALES), ("GB",)),
    "every language and region": (tuple(info.code for info in LOCALES), REGIONS),
}


def runs(count: int, mix: str, seed: int = 3) -> list[Request]:
    """``count`` whole runs: the start page, then each step's POST."""
    rng = random.Random(seed)
    languages, regions = MIXES[mix]
    requests = []
    for _ in range(count):
        carried = [("lang", rng.choice(languages)), ("region", rng.choice(regions))]
        htmx = rng.random() < 0.5
        requests.append(("GET", "/?" + urlencode(carried), b"", False))
        for body, _ in walk(rng, calm=True):
            requests.append(("POST", "/step", urlencode([*carried, *body]).encode(), htmx))
    return requests


def asked_for(requests: list[Request]) -> list[tuple[Hashable, int]]:
    """Every page the renderer was asked for, with its skeleton's size."""
    os.environ.setdefault("WIDGET_ACCESS_LOG", "0")
    from widget.web.app import create_app
    from widget.web.rendering import Renderer

    app = create_app()
    renderer: Renderer = app.state.renderer
    seen: list[tuple[Hashable, int]] = []
    skeleton: Callable[..., Any] = renderer.skeleton

    def recording(page: Any, partial: bool) -> Any:
        made = skeleton(page, partial)
        seen.append(((partial, page), made.size))
        return made

    renderer.skeleton = recording  # type: ignore[method-assign]

    async def run() -> None:
        for method, path, body, htmx in requests:
            headers = {**FORM, **(HTMX if htmx else {})}
            status, _, _ = await call(app, method, path, body, headers)
            assert status == 200, (status, path)

    asyncio.run(run())
    return seen


def hit_rate(seen: list[tuple[Hashable, int]], max_bytes: float, max_entries: float) -> float:
    cache: OrderedDict[Hashable, int] = OrderedDict()
    held = hits = 0
    for key, size in seen:
        if key in cache:
            hits += 1
            cache.move_to_end(key)
            continue
        cache[key] = size
        held += size
        while held > max_bytes or len(cache) > max_entries:
            held -= cache.popitem(last=False)[1]
    return hits / len(seen)


def hit_rates(count: int) -> None:
    bounds = [(f"{mb} MB", mb * 2**20, float("inf")) for mb in (8, 16, 24, 32, 48, 64)]
    bounds += [("4,096 entries", float("inf"), 4096), ("no bound", float("inf"), float("inf"))]
    print(f"{count} whole runs per mix; hit rate of the page cache (pages found / pages asked)")
    print("| bound | " + " | ".join(MIXES) + " |")
    print("|---|" + "---|" * len(MIXES))
    mixes = {mix: asked_for(runs(count, mix)) for mix in MIXES}
    for name, max_bytes, max_entries in bounds:
        rates = [f"{hit_rate(seen, max_bytes, max_entries):.1%}" for seen in mixes.values()]
        print(f"| {name} | " + " | ".join(rates) + " |")
    for mix, seen in mixes.items():
        distinct = dict(seen)
        mb = sum(distinct.values()) / 2**20
        print(f"{mix}: {len(seen)} pages asked, {len(distinct)} distinct ({mb:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10000, help="distinct outcome pages")
    parser.add_argument("--shapes", type=int, default=500, help="distinct outcome shapes")
    parser.add_argument("--server", action="store_true", help="a real worker instead")
    parser.add_argument("--hit-rates", type=int, nargs="?", const=3000, metavar="RUNS")
    args = parser.parse_args()
    if args.hit_rates:
        hit_rates(args.hit_rates)
        return
    shapes = outcome_shapes(args.shapes)
    pages = distinct_pages(shapes, args.requests)
    (over_http if args.server else in_process)(shapes, pages)


if __name__ == "__main__":
    main()

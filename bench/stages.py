"""Where one request's time goes, by stage, in process (no network).

    .venv/bin/python bench/stages.py            # µs per request in each stage

Wraps the hot path's functions with timers (perf_counter_ns; each wrapper
adds about half a microsecond) and runs the workloads of
``bench/throughput.py`` through the ASGI app, the access log on (writing to
/dev/null). Stages nest: ``render`` includes ``fill`` and ``gzip``; the
``whole request`` line is the wall time per request, wrappers included.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("WIDGET_REGION", "AU")
os.environ.setdefault(
    "WIDGET_PARTNERS", str(Path(__file__).resolve().parent.parent / "partners.example.toml")
)

from asgi_driver import call
from throughput import WORKLOADS

from widget.web import access_log, rendering
from widget.web import app as web_app
from widget.web.views import questionnaire

STAGES: list[tuple[Any, str, str]] = [
    (questionnaire, "read_form", "reading and splitting the form"),
    (questionnaire, "reader_of", "reader context (language, region, partner)"),
    (questionnaire, "parse", "flow: checking the answers"),
    (questionnaire, "advance", "flow: the next screen (rules, certain level)"),
    (rendering.Renderer, "render", "render (skeleton, fill, gzip, headers)"),
    (rendering.Renderer, "fill", "… filling the answers in"),
    (rendering, "_gzip", "… gzip"),
    (rendering.PageResponse, "__call__", "sending the response"),
    (access_log, "log", "access log line"),
]
spent: collections.Counter[str] = collections.Counter()


def timed(owner: Any, name: str, label: str) -> None:
    original = getattr(owner, name, None)
    if original is None:  # an older version of the code, for a before/after table
        return
    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter_ns()
            try:
                return await original(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter_ns() - started

    else:

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter_ns()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter_ns() - started

    setattr(owner, name, wrapper)


def main() -> None:
    access_log.configure_logging()
    logging.getLogger("widget").handlers[0].stream = open(os.devnull, "w")  # type: ignore[attr-defined]  # noqa: SIM115
    for owner, name, label in STAGES:
        timed(owner, name, label)
    app = web_app.create_app()
    gc.freeze()  # as widget/web/asgi.py does
    requests = 5000
    for workload, (request, _target) in WORKLOADS.items():
        headers, body = dict(request.headers), request.body.encode()

        async def loop(n: int) -> None:
            for _ in range(n):
                await call(app, request.method, request.path, body, headers)  # noqa: B023

        asyncio.run(loop(500))  # warm the caches
        best: dict[str, float] = {}
        for _ in range(3):  # the best of three, per stage
            spent.clear()
            started = time.perf_counter_ns()
            asyncio.run(loop(requests))
            spent["whole request"] = time.perf_counter_ns() - started
            for label, total in spent.items():
                best[label] = min(best.get(label, float("inf")), total / requests / 1000)
        print(workload)
        for label in ["whole request", *(label for _, _, label in STAGES)]:
            if label in best:
                print(f"  {label:46} {best[label]:6.1f} µs")


if __name__ == "__main__":
    main()

"""Where one request's time goes, in process (no network, no server).

    .venv/bin/python bench/inprocess.py            # µs per request for each workload
    .venv/bin/python bench/inprocess.py --cprofile "step partial"   # the top functions

Calls the ASGI app directly (``bench/asgi_driver.py``) with the same requests
as ``bench/throughput.py``, the access log on (writing to /dev/null).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("WIDGET_REGION", "AU")
os.environ.setdefault(
    "WIDGET_PARTNERS", str(Path(__file__).resolve().parent.parent / "partners.example.toml")
)

from asgi_driver import call
from throughput import WORKLOADS

from widget.web.access_log import configure_logging
from widget.web.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--cprofile", metavar="WORKLOAD", help="profile one workload (a prefix)")
    args = parser.parse_args()
    configure_logging()
    logging.getLogger("widget").handlers[0].stream = open(os.devnull, "w")  # type: ignore[attr-defined]  # noqa: SIM115
    app = create_app()

    async def loop(method: str, path: str, body: bytes, headers: dict[str, str], n: int) -> None:
        for _ in range(n):
            status, _, _ = await call(app, method, path, body, headers)
            assert status == 200, status

    for name, (request, _target) in WORKLOADS.items():
        if args.cprofile and not name.startswith(args.cprofile):
            continue
        headers = dict(request.headers)
        body = request.body.encode()
        run = loop(request.method, request.path, body, headers, 200)
        asyncio.run(run)  # warm the caches
        if args.cprofile:
            profiler = cProfile.Profile()
            profiler.enable()
            asyncio.run(loop(request.method, request.path, body, headers, args.requests))
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "tottime"))
            stats.print_stats(int(os.environ.get("TOP", "25")))
            continue
        runs = []
        for _ in range(3):  # CPU time of this process: stable on a busy machine; best of 3
            started = time.process_time()
            asyncio.run(loop(request.method, request.path, body, headers, args.requests))
            runs.append((time.process_time() - started) / args.requests * 1e6)
        print(f"{name:28} {min(runs):7.1f} µs CPU/request")


if __name__ == "__main__":
    main()

"""Throughput of the real app against the floor and the bare framework, in one run.

Starts, on loopback, (a) the real app and (b) a bare Starlette app returning a
fixed PlainTextResponse, under the same uvicorn settings and one worker each,
and for each workload (c) the floor: a raw ASGI app, no framework, sending
the app's own response to that request (same status, headers and bytes,
made ready once: bench/same_response_app.py), so the floor is what the server
costs to carry our headers and bytes. Drives all three with the same load,
alternating, after a warm-up run each (the first request of a kind renders
its page skeleton: ~100 ms, which would otherwise land in p99). Prints
requests/s, the server process's CPU microseconds per request (user + system
time from /proc, which stays stable on a busy machine), p50, p99, and the
ratios of the app to the floor and to bare Starlette, each by requests/s and
by CPU (the floor's and bare's CPU ÷ the app's), measured in the same run.
Our access log is on, as deployed (to /dev/null; --no-access-log measures
without it). Run: `python bench/throughput.py` (options: --seconds,
--connections, --rounds, --server uvicorn|granian, and --before DIR: another
checkout's app, e.g. `git worktree add /tmp/before <commit>`, measured in the
same rounds, with the CPU ratio of this app to it).

Uses wrk (Debian: `apt-get install wrk`) when installed, else a slower
Python load generator that makes the ratios less trustworthy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from urllib.request import Request as UrlRequest
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import Request, Result, run
from server import serve, stop

FORM = ("Content-Type", "application/x-www-form-urlencoded")
GZIP = ("Accept-Encoding", "gzip")

MID_FLOW = (
    "lang=en&region=AU&danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none"
    "&step=injury&nav=continue&injury=no"
)
OUTCOME = (
    "lang=en&region=AU&danger=none&weeks=6_to_11&amount=spotting&clots=no&symptoms=none"
    "&injury=no&history=none&scan=yes&after_sex=yes&step=pattern&nav=continue"
    "&pattern=once_stopped"
)

WORKLOADS = {
    "start page (full, GET /)": (Request("GET", "/?lang=en&region=AU", headers=(GZIP,)), 0.5),
    "step partial (htmx POST)": (
        Request("POST", "/step", MID_FLOW, headers=(FORM, GZIP, ("HX-Request", "true"))),
        0.4,
    ),
    "outcome page (full POST)": (Request("POST", "/step", OUTCOME, headers=(FORM, GZIP)), 0.3),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-access-log", action="store_true", help="switch our access log off")
    parser.add_argument("--server", choices=["uvicorn", "granian"], default="uvicorn")
    parser.add_argument("--before", type=Path, help="a checkout to compare with, same rounds")
    args = parser.parse_args()

    # Our access log writes one line per request to stderr, which goes to
    # /dev/null here: the cost of formatting and writing the line is measured.
    log = "0" if args.no_access_log else "1"
    app, app_base = serve("widget.web.asgi:app", env={"WIDGET_ACCESS_LOG": log}, server=args.server)
    bare, bare_base = serve("bare_app:app", server=args.server)
    earlier = earlier_base = None
    if args.before:
        env = {
            "WIDGET_ACCESS_LOG": log,
            "WIDGET_PARTNERS": str(args.before / "partners.example.toml"),
        }
        earlier, earlier_base = serve(
            "widget.web.asgi:app", env=env, server=args.server, root=args.before
        )
    try:
        print(f"{args.connections} connections, {args.seconds:g} s per run, {args.rounds} rounds, "
              f"one {args.server} worker each, alternating app/floor/bare; best round kept; "
              f"access log {'off' if args.no_access_log else 'on'}")  # fmt: skip
        print(f"{'workload':28} {'':>6} {'req/s':>9} {'CPU µs/req':>10} {'p50 ms':>8} "
              f"{'p99 ms':>8} {'errors':>6}  {'÷ floor (req/s, CPU)':>20}"
              f"  {'÷ bare (req/s, CPU)':>19}")  # fmt: skip
        for name, (request, target) in WORKLOADS.items():
            floor, floor_base = serve_response_of(app_base, request, args.server)
            servers = [
                ("app", app, app_base),
                ("floor", floor, floor_base),
                ("bare", bare, bare_base),
            ]
            if earlier is not None:
                servers.insert(1, ("before", earlier, earlier_base))
            for _, _, base in servers:
                run(base, request, 1, args.connections)  # warm-up, not counted
            best: dict[str, tuple[Result, float]] = {}
            for round_ in range(
                args.rounds
            ):  # every other round in reverse: no server always first
                for label, process, base in servers if round_ % 2 == 0 else servers[::-1]:
                    before = cpu_seconds(process.pid)
                    result = run(base, request, args.seconds, args.connections)
                    cpu = (cpu_seconds(process.pid) - before) / max(result.requests, 1) * 1e6
                    if (
                        label not in best
                        or result.requests_per_second > best[label][0].requests_per_second
                    ):
                        best[label] = (result, cpu)
            stop(floor)
            rows = [("app", ("floor", "bare")), ("floor", ("bare",)), ("bare", ())]
            if earlier is not None:
                rows.insert(1, ("before", ("floor", "bare")))
            for label, against in rows:
                r, cpu = best[label]
                ratios = {
                    other: f"{r.requests_per_second / best[other][0].requests_per_second:5.2f}, "
                    f"{best[other][1] / cpu:5.2f}"
                    for other in against
                }
                tail = f"  {ratios.get('floor', ''):>20}  {ratios.get('bare', ''):>19}"
                tail += f"  (target ÷ bare ≥ {target})" if label == "app" else ""
                if label == "app" and earlier is not None:
                    tail += f"  CPU app ÷ before {cpu / best['before'][1]:.2f}"
                print(f"{name:28} {label:>6} {r.requests_per_second:9.0f} {cpu:10.0f} "
                      f"{r.p50_ms:8.2f} {r.p99_ms:8.2f} {r.errors:6d}{tail}")  # fmt: skip
        print(f"load generator: {best['app'][0].tool}; p99 target ≤ 20 ms at 50 connections")
    finally:
        for process in (app, bare, earlier):
            if process is not None:
                stop(process)


def serve_response_of(base: str, request: Request, server: str):  # type: ignore[no-untyped-def]
    """Start bench/same_response_app.py sending the app's response to ``request``."""
    asked = UrlRequest(base + request.path, data=request.body.encode() or None,
                       headers=dict(request.headers), method=request.method)  # fmt: skip
    with urlopen(asked) as response:
        saved = {"status": response.status, "headers": list(response.headers.items()),
                 "body": response.read().hex()}  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(saved, file)
    return serve("same_response_app:app", env={"BENCH_RESPONSE": file.name}, server=server)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children
    (granian serves from a worker process), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    children = " ".join(p.read_text() for p in Path(f"/proc/{pid}/task").glob("*/children"))
    own = ticks / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children.split())


if __name__ == "__main__":
    main()

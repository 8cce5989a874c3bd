"""Throughput of the real app against the bare framework, in one run.

Starts, on loopback, (a) the real app and (b) a bare Starlette app returning a
fixed PlainTextResponse, under the same uvicorn settings and one worker each,
and drives both with the same load, alternating. Prints requests/s, p50, p99
and the ratio app ÷ bare for three workloads. Run: `python bench/throughput.py`
(options: --seconds, --connections, --rounds).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    "start page (full, GET /)": (Request("GET", "/?lang=en&region=AU", headers=(GZIP,)), 0.35),
    "step partial (htmx POST)": (
        Request("POST", "/step", MID_FLOW, headers=(FORM, GZIP, ("HX-Request", "true"))),
        0.5,
    ),
    "outcome page (full POST)": (Request("POST", "/step", OUTCOME, headers=(FORM, GZIP)), 0.35),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--access-log", action="store_true", help="keep our access log on")
    args = parser.parse_args()

    # The access log (one line per request to stderr) is switched off, as
    # uvicorn's own is for both apps: this measures the request path itself.
    log = "1" if args.access_log else "0"
    app, app_base = serve("widget.web.asgi:app", env={"WIDGET_ACCESS_LOG": log})
    bare, bare_base = serve("bare_app:app")
    try:
        print(f"{args.connections} connections, {args.seconds:g} s per run, {args.rounds} rounds, "
              "one uvicorn worker each, alternating app/bare; best round kept")  # fmt: skip
        print(f"{'workload':28} {'target':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'errors':>6}  ratio (target)")  # fmt: skip
        for name, (request, target) in WORKLOADS.items():
            best: dict[str, Result] = {}
            for _ in range(args.rounds):
                for label, base in (("app", app_base), ("bare", bare_base)):
                    result = run(base, request, args.seconds, args.connections)
                    if (
                        label not in best
                        or result.requests_per_second > best[label].requests_per_second
                    ):
                        best[label] = result
            ratio = best["app"].requests_per_second / best["bare"].requests_per_second
            for label in ("app", "bare"):
                r = best[label]
                tail = f"  {ratio:.2f} (≥ {target})" if label == "app" else ""
                print(f"{name:28} {label:>6} {r.requests_per_second:9.0f} {r.p50_ms:8.2f} "
                      f"{r.p99_ms:8.2f} {r.errors:6d}{tail}")  # fmt: skip
        print(f"load generator: {best['app'].tool}; p99 target < 20 ms at 50 connections")
    finally:
        stop(app)
        stop(bare)


if __name__ == "__main__":
    main()

"""Throughput of the real app against the bare framework, in one run.

Starts, on loopback, (a) the real app and (b) a bare Starlette app returning a
fixed PlainTextResponse, under the same uvicorn settings and one worker each,
and drives both with the same load, alternating. Prints requests/s, p50, p99
and the ratio app ÷ bare for three workloads. Run: `python bench/throughput.py`
(options: --seconds, --connections, --rounds).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import Request, Result, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(app: str, extra_path: str | None = None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "WIDGET_REGION": "AU"}
    if extra_path:
        env["PYTHONPATH"] = extra_path + os.pathsep + env.get("PYTHONPATH", "")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", app,
            "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--no-access-log", "--log-level", "warning",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urlopen(base + "/healthz", timeout=1):
                return process, base
        except OSError as error:
            if getattr(error, "code", None) == 200 or "HTTP Error" in str(error):
                return process, base
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{app} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    app, app_base = serve("widget.asgi:app")
    bare, bare_base = serve("bare_app:app", str(Path(__file__).resolve().parent))
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
                    if label not in best or result.requests_per_second > best[label].requests_per_second:
                        best[label] = result
            ratio = best["app"].requests_per_second / best["bare"].requests_per_second
            for label in ("app", "bare"):
                r = best[label]
                tail = f"  {ratio:.2f} (≥ {target})" if label == "app" else ""
                print(f"{name:28} {label:>6} {r.requests_per_second:9.0f} {r.p50_ms:8.2f} "
                      f"{r.p99_ms:8.2f} {r.errors:6d}{tail}")  # fmt: skip
        print(f"load generator: {best['app'].tool}; p99 target < 20 ms at 50 connections")
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()

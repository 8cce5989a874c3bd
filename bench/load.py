"""Load test: the real server on loopback, many readers doing full runs.

    .venv/bin/python bench/load.py --workers 2 --connections 200 --duration 30

Starts ``python -m widget serve --workers N`` on a free 127.0.0.1 port, then
opens ``--connections`` keep-alive connections. Each one plays readers
through whole questionnaires (GET the start page, POST /step with the
hidden state a browser would send, to the advice), half of them as htmx
partial requests, and checks every answer: status 200 and the expected
next question or outcome on the page. Prints throughput, latency
percentiles and the error count; exits 1 if any request failed.
Not part of ``make test`` (run it with ``make load``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlencode
from urllib.request import urlopen

from widget.clinical import content
from widget.clinical.flow import OutcomeScreen, QuestionScreen, advance, parse
from widget.web.reader import CARRIED_FIELDS

MAX_DURATION = 60.0
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    body: bytes
    expect: bytes  # must appear in the answer


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runs: int = 0


def scenario(rng: random.Random) -> list[Step]:
    """One reader's run: random answers, bodies exactly as the forms send them."""
    carried = [("lang", "en"), ("region", "AU")]
    steps = [Step("GET", "/?" + urlencode(carried), b"", b'name="nav" value="start"')]
    body = [*carried, ("nav", "start")]
    answers: dict[str, list[str]] = {}
    while True:
        screen = advance(parse(body, CARRIED_FIELDS))
        if isinstance(screen, QuestionScreen):
            expect = f'name="step" value="{screen.question.id}"'
        elif isinstance(screen, OutcomeScreen):
            expect = f'data-outcome="{screen.outcome.level.id}"'
        else:
            raise AssertionError(f"unexpected screen {screen}")
        steps.append(Step("POST", "/step", urlencode(body).encode(), expect.encode()))
        if not isinstance(screen, QuestionScreen):
            return steps
        question = screen.question
        options = sorted(question.option_ids)
        if question.id == "danger" and rng.random() < 0.9:
            chosen = [content.NONE]  # most readers have no red flag
        elif question.kind == "radio":
            chosen = [rng.choice(options)]
        else:
            chosen = [rng.choice([o for o in options if o != content.NONE] or options)]
        answers[question.id] = chosen
        hidden = [(q, v) for q, values in answers.items() if q != question.id for v in values]
        body = [
            *carried,
            *hidden,
            ("step", question.id),
            *[(question.id, value) for value in chosen],
            ("nav", "continue"),
        ]


async def send(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, step: Step, htmx: bool
) -> tuple[int, bytes]:
    lines = [f"{step.method} {step.path} HTTP/1.1", "Host: 127.0.0.1"]
    if htmx:
        lines.append("HX-Request: true")
    if step.method == "POST":
        lines += ["Content-Type: application/x-www-form-urlencoded"]
    lines += [f"Content-Length: {len(step.body)}", "", ""]
    writer.write("\r\n".join(lines).encode() + step.body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return status, await reader.readexactly(length)


async def reader_loop(
    port: int, deadline: float, seed: int, scenarios: list[list[Step]], results: Results
) -> None:
    rng = random.Random(seed)
    htmx = seed % 2 == 0
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while time.monotonic() < deadline:
        for step in rng.choice(scenarios):
            if time.monotonic() >= deadline:
                break
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", port)
                status, body = await send(*connection, step, htmx)
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as error:
                results.errors.append(f"{step.method} {step.path}: {error!r}")
                connection = None
                break
            results.latencies.append(time.perf_counter() - started)
            if status != 200 or step.expect not in body:
                results.errors.append(f"{step.method} {step.path}: {status}")
                break
        else:
            results.runs += 1
    if connection is not None:
        connection[1].close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(workers: int, port: int, log: IO[bytes]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "widget", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "WIDGET_REGION": "AU"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def run_load(port: int, connections: int, duration: float) -> tuple[Results, float]:
    rng = random.Random(7)
    scenarios = [scenario(rng) for _ in range(200)]
    results = Results()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(reader_loop(port, deadline, seed, scenarios, results) for seed in range(connections))
    )
    return results, time.monotonic() - started


def fast_loop() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop for the client when it is there (it comes with uvicorn[standard])."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30.0, help=f"seconds, ≤ {MAX_DURATION}")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be between 0 and {MAX_DURATION} seconds")

    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="widget-load-", suffix=".log") as log:
        process = start_server(args.workers, port, log)
        try:
            with asyncio.Runner(loop_factory=fast_loop()) as runner:
                results, elapsed = runner.run(run_load(port, args.connections, args.duration))
        finally:
            process.terminate()
            process.wait(timeout=15)
        requests = len(results.latencies)
        print(f"server:      python -m widget serve --workers {args.workers} (127.0.0.1)")
        print(f"connections: {args.connections}, duration {elapsed:.1f} s")
        print(f"requests:    {requests} ({requests / elapsed:.0f} per second)")
        print(f"full runs:   {results.runs} ({results.runs / elapsed:.1f} per second)")
        print(
            "latency:     "
            f"p50 {percentile(results.latencies, 0.50) * 1000:.1f} ms, "
            f"p99 {percentile(results.latencies, 0.99) * 1000:.1f} ms, "
            f"max {max(results.latencies, default=0) * 1000:.1f} ms"
        )
        print(f"errors:      {len(results.errors)}")
        for error in results.errors[:10]:
            print(f"  {error}")
        if results.errors:
            log.seek(0)
            print(log.read().decode(errors="replace")[-3000:])
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())

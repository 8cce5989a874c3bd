"""Load generation for the benchmarks: wrk where installed, else a bounded
asyncio generator (HTTP/1.1 keep-alive, one request in flight per connection)."""

from __future__ import annotations

import asyncio
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str
    requests: int = 0


def run(base: str, request: Request, seconds: float, connections: int) -> Result:
    if shutil.which("wrk"):
        return _wrk(base, request, seconds, connections)
    return asyncio.run(_python(base, request, seconds, connections))


def _lua(request: Request) -> str:
    lines = [f'wrk.method = "{request.method}"']
    if request.body:
        lines.append(f'wrk.body = "{request.body}"')
    for name, value in request.headers:
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    lines.append(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("P50 %f\\nP99 %f\\nERR %d\\n", latency:percentile(50),'
        " latency:percentile(99), summary.errors.status + summary.errors.connect +"
        " summary.errors.read + summary.errors.write + summary.errors.timeout))\nend"
    )
    return "\n".join(lines)


def _wrk(base: str, request: Request, seconds: float, connections: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_lua(request))
        script.flush()
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{int(seconds)}s",
                "-s",
                script.name,
                base + request.path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = float(re.search(r"P50 ([\d.]+)", output).group(1)) / 1000  # type: ignore[union-attr]
    p99 = float(re.search(r"P99 ([\d.]+)", output).group(1)) / 1000  # type: ignore[union-attr]
    errors = int(re.search(r"ERR (\d+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return Result(rps, p50, p99, errors, "wrk", total)


async def _python(base: str, request: Request, seconds: float, connections: int) -> Result:
    host, port = base.removeprefix("http://").split(":")
    head = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}:{port}"]
    head += [f"{name}: {value}" for name, value in request.headers]
    body = request.body.encode()
    if request.method == "POST":
        head.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(head) + "\r\n\r\n").encode() + body
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.monotonic() < deadline:
            started = time.perf_counter()
            writer.write(raw)
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not status_line.split()[1].startswith(b"2"):
                errors += 1
        writer.close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.monotonic() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100)
    return Result(
        len(latencies) / elapsed,
        quantiles[49] * 1000,
        quantiles[98] * 1000,
        errors,
        "python",
        len(latencies),
    )

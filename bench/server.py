"""Start an ASGI app under uvicorn on a free loopback port, for the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(
    app: str,
    workers: int = 1,
    env: dict[str, str] | None = None,
    server: str = "uvicorn",
    root: Path = ROOT,
) -> tuple[subprocess.Popen[bytes], str]:
    """``server``: "uvicorn" (as deployed) or "granian" (pip install granian), for comparison;
    ``root``: the checkout whose code it serves. The server's stderr (our access log) goes
    to /dev/null."""
    port = free_port()
    environment = {**os.environ, "WIDGET_REGION": "AU", **(env or {})}
    environment["PYTHONPATH"] = str(BENCH) + os.pathsep + environment.get("PYTHONPATH", "")
    environment.setdefault("WIDGET_PARTNERS", str(ROOT / "partners.example.toml"))
    environment.setdefault("WIDGET_ACCESS_LOG", "0")  # keep the figures readable
    if server == "granian":
        # granian serves from a worker process: /proc of the parent shows no CPU.
        command = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--workers", str(workers), "--no-ws"]
        command += ["--log-level", "warning", app]
    else:
        command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port"]
        command += [str(port), "--workers", str(workers), "--no-access-log"]
        command += ["--log-level", "warning", "--ws", "none"]
    process = subprocess.Popen(command, env=environment, cwd=root, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(base + "/healthz", timeout=1):
                return process, base
        except HTTPError:
            return process, base  # the bare app answers, with any status
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{app} did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)

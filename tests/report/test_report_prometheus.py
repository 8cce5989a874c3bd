"""The partner report where operators make it: our server with two workers and
metrics on, Debian's Prometheus scraping the metrics port every second, readers'
runs through HTTP, then ``python -m widget report`` against that Prometheus.

``make test`` installs Debian's ``prometheus`` (``make prometheus``); without
it this test fails, it is never skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode
from urllib.request import urlopen

import httpx2
import pytest

from tests.reader import forms_in, question_form, submit
from tests.report.disclosure import check_printed, parse_csv
from tests.stories import CALM
from widget.report import tables
from widget.web.partners import load_partners

ROOT = Path(__file__).resolve().parents[2]
PARTNERS_FILE = ROOT / "partners.example.toml"
EMERGENCY = {"danger": ["heavy_bleeding"]}

pytestmark = pytest.mark.prometheus


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], seconds: float, log: IO[bytes]) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except OSError:
            found = None
        if found:
            return found
        time.sleep(0.1)
    log.seek(0)
    raise AssertionError(f"{what} within {seconds} s; log:\n{log.read().decode(errors='replace')}")


def start(command: list[str], env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def prometheus_binary() -> str:
    found = shutil.which("prometheus")
    if found is None:
        pytest.fail("Debian's prometheus is missing: run `make prometheus` (installs it as root)")
    return found


def query(base: str, promql: str) -> list[Any]:
    with urlopen(f"{base}/api/v1/query?" + urlencode({"query": promql}), timeout=5) as response:
        body = json.loads(response.read())
    assert body["status"] == "success", body
    result: list[Any] = body["data"]["result"]
    return result


def read_run(client: httpx2.Client, lang: str, answers: dict[str, list[str]]) -> str:
    """One reader on partner demo's page, from the start to the advice; the level."""
    page = client.get("/", params={"partner": "demo", "lang": lang, "region": "AU"})
    assert page.status_code == 200
    response = submit(client, forms_in(page.text)[-1], {})
    while "data-outcome=" not in response.text:
        assert response.status_code == 200, response.text[:500]
        form = question_form(response.text)
        step = dict(form.hidden)["step"]
        response = submit(client, form, {step: answers[step]}, "continue")
    return response.text.split('data-outcome="', 1)[1].split('"', 1)[0]


@pytest.fixture
def scraped(tmp_path: Path, prometheus_binary: str) -> Iterator[tuple[str, str]]:
    """(app URL, Prometheus URL): the app with metrics on, scraped every second."""
    app_port, metrics_port, prometheus_port = free_port(), free_port(), free_port()
    folder = tmp_path / "multiproc"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIDGET_")}
    env |= {
        "WIDGET_REGION": "AU",
        "WIDGET_PARTNERS": str(PARTNERS_FILE),
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
    }
    app_log = (tmp_path / "app.log").open("w+b")
    app = start(
        [
            *(sys.executable, "-m", "widget", "serve", "--workers", "2"),
            *("--port", str(app_port), "--metrics-port", str(metrics_port)),
        ],
        env,
        app_log,
    )
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
        "scrape_configs:\n  - job_name: bleeding-check\n    static_configs:\n"
        f'      - targets: ["127.0.0.1:{metrics_port}"]\n'
    )
    prometheus_log = (tmp_path / "prometheus.log").open("w+b")
    prometheus = start(
        [
            prometheus_binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{prometheus_port}",
        ],
        env,
        prometheus_log,
    )
    base = f"http://127.0.0.1:{app_port}"
    prometheus_url = f"http://127.0.0.1:{prometheus_port}"
    try:
        wait_for("the app answers", lambda: urlopen(base + "/healthz").status == 200, 20, app_log)
        wait_for(
            "Prometheus is ready",
            lambda: urlopen(prometheus_url + "/-/ready").status == 200,
            20,
            prometheus_log,
        )
        # The zero series are scraped before any reader comes: increase() then counts from 0.
        selector = 'bleeding_check_outcomes_total{partner="demo"}'
        wait_for("a first scrape", lambda: query(prometheus_url, selector), 20, prometheus_log)
        yield base, prometheus_url
    finally:
        stop(prometheus)
        stop(app)
        app_log.close()
        prometheus_log.close()


def test_the_report_from_a_real_prometheus(scraped, tmp_path):
    base, prometheus_url = scraped
    readers = [("en", CALM)] * 12 + [("en", EMERGENCY)] * 3 + [("es", CALM)] * 2
    levels: dict[tuple[str, str], int] = {}
    with httpx2.Client(base_url=base, timeout=10) as client:
        for lang, answers in readers:
            key = (read_run(client, lang, answers), lang)
            levels[key] = levels.get(key, 0) + 1
    assert levels == {("soon", "en"): 12, ("emergency", "en"): 3, ("soon", "es"): 2}

    # Wait for a scrape that has every run, then make the report at that scrape's
    # time: no extrapolation, so increase() over the 30 days is exact.
    def last_scrape() -> float | None:
        total = query(prometheus_url, 'sum(bleeding_check_outcomes_total{partner="demo"})')
        if not total or float(total[0]["value"][1]) != len(readers):
            return None
        latest = 'max(timestamp(bleeding_check_outcomes_total{partner="demo"}))'
        stamp = query(prometheus_url, latest)
        return float(stamp[0]["value"][1])

    with (tmp_path / "prometheus.log").open("rb") as log:
        end = wait_for("a scrape with every run", last_scrape, 15, log)

    env = {k: v for k, v in os.environ.items() if not k.startswith("WIDGET_")}
    env["WIDGET_PARTNERS"] = str(PARTNERS_FILE)

    def run_report(fmt: str) -> str:
        done = subprocess.run(
            [
                *(sys.executable, "-m", "widget", "report", "--prometheus", prometheus_url),
                *("--partner", "demo", "--end", f"{end:.3f}", "--format", fmt),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    from_csv = parse_csv(run_report("csv"))
    languages = list(load_partners(PARTNERS_FILE)["demo"].locales)
    assert languages[:2] == ["en", "es"]
    others = ["<10"] * (len(languages) - 2)
    # 15 runs in English, 2 in Spanish (<10), none in the others (<10): 17 in all.
    # The <10 cells add up to 2 and can be 2 + 0 or 1 + 1 or ...: nothing more is hidden.
    assert from_csv["runs_started"] == (
        [*languages, "total"],
        [("runs_started", ["15", "<10", *others, "17"])],
    )
    columns, printed = from_csv["outcomes"]
    assert columns == [*languages, "total"]
    rows = dict(printed)
    assert rows["emergency"][:2] == ["<10", "<10"]  # 3 in English: fewer than 10
    assert rows["soon"][1:] == ["<10", *others, "14"]  # 2 in Spanish
    assert rows["total"] == ["15", "<10", *others, "17"]
    # The 12 in English is hidden: with it, 14 - 12 = 2 would equal the other
    # languages' totals (17 - 15), showing that they reached no other level.
    assert rows["soon"][0] == "x"
    inner = {(lv, lang): levels.get((lv, lang), 0) for lv in tables.LEVELS for lang in languages}
    check_printed(tables.table("outcomes", "", "", tables.LEVELS, languages, inner), printed)

    markdown = run_report("md")
    assert "| Runs started | 15 | <10 | " in markdown
    assert "# Bleeding in Pregnancy Check: partner `demo`" in markdown

"""Prometheus metrics (widget/web/metrics.py, docs/observability.md): counters
move as a run completes, no label value comes from reader input, the public
app never serves them, and several workers add up."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from tests.asgi_driver import Driver
from tests.reader import forms_in, question_form, submit
from tests.stories import CALM
from widget.clinical.content import QUESTIONS
from widget.web import metrics
from widget.web.app import Settings, create_app
from widget.web.headers import MAX_HEADERS_BYTES
from widget.web.partners import load_partners
from widget.web.routes import LABELS
from widget.web.settings import METRICS_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["<script>alert(1)</script>", "../../etc", "x" * 150, "en\r\nX: y"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """prometheus_client's multi-process folder for this test process."""
    from prometheus_client import values

    path = tmp_path_factory.mktemp("metrics")
    saved = os.environ.get(metrics.DIRECTORY_VARIABLE)
    os.environ[metrics.DIRECTORY_VARIABLE] = str(path)
    values.ValueClass = values.get_value_class()  # as if imported with the variable set
    yield path
    if saved is None:
        del os.environ[metrics.DIRECTORY_VARIABLE]
    else:
        os.environ[metrics.DIRECTORY_VARIABLE] = saved


@pytest.fixture(scope="module")
def counted(folder: Path) -> TestClient:
    partners = load_partners(ROOT / "partners.example.toml")
    return TestClient(
        create_app(Settings(default_region="AU", debug=False, partners=partners, metrics=True))
    )


def samples(text: str | None = None) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample as {(name, sorted labels): value}, added up over the folder's files."""
    from prometheus_client import generate_latest
    from prometheus_client.parser import text_string_to_metric_families

    text = text if text is not None else generate_latest(metrics.registry()).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(snapshot, name: str, **labels: str) -> float:
    return snapshot.get((name, tuple(sorted(labels.items()))), 0.0)


def run(client: TestClient, query: str = "?partner=demo&lang=en&region=AU", back: bool = False):
    """A reader's whole run, from the start page to the advice."""
    page = client.get("/" + query)
    response = submit(client, forms_in(page.text)[-1], {})
    seen: list[str] = []
    while "data-outcome=" not in response.text:
        form = question_form(response.text)
        step = dict(form.hidden)["step"]
        if step not in seen:
            seen.append(step)
        if back and len(seen) == 3:
            # Back, then Continue twice: the same questions, not counted again.
            back_form = next(f for f in forms_in(response.text) if "back-form" in f.attrs["class"])
            previous = submit(client, back_form, {}, "back")
            assert dict(question_form(previous.text).hidden)["step"] == seen[1]
            previous_step = seen[1]
            response = submit(
                client,
                question_form(previous.text),
                {previous_step: CALM[previous_step]},
                "continue",
            )
            back = False
            form = question_form(response.text)
            step = dict(form.hidden)["step"]
            assert step == seen[2]
        response = submit(client, form, {step: CALM[step]}, "continue")
    return response, len(seen)


def test_counters_move_as_a_run_completes(counted):
    before = samples()
    response, steps = run(counted)
    level = response.context["level"].id
    after = samples()

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("bleeding_check_runs_started_total", partner="demo", lang="en") == 1
    for step in range(1, steps + 2):  # the outcome is the step after the last question
        assert moved("bleeding_check_steps_reached_total", step=str(step)) == 1, step
    assert moved("bleeding_check_steps_reached_total", step=str(steps + 2)) == 0
    assert moved("bleeding_check_outcomes_total", partner="demo", level=level, lang="en") == 1
    assert moved("bleeding_check_requests_total", route="/step", status="200") == steps + 1
    assert moved("bleeding_check_requests_total", route="/", status="200") == 1
    assert moved("bleeding_check_request_duration_seconds_count", route="/step") == steps + 1
    # Switching language on the advice and going Back count nothing more.
    again = samples()
    summary = next(f for f in forms_in(response.text) if "language-form" in f.attrs["class"])
    submit(counted, summary, {}, "es")
    later = samples()
    assert value(
        later, "bleeding_check_outcomes_total", partner="demo", level=level, lang="es"
    ) == (value(again, "bleeding_check_outcomes_total", partner="demo", level=level, lang="es"))


def test_reached_minus_back_counts_each_step_once_per_run(counted):
    before = samples()
    _, steps = run(counted, back=True)
    after = samples()

    def net(snapshot, step: int) -> float:
        reached = value(snapshot, "bleeding_check_steps_reached_total", step=str(step))
        return reached - value(snapshot, "bleeding_check_steps_back_total", step=str(step))

    for step in range(1, steps + 2):
        assert net(after, step) - net(before, step) == 1, step
    assert (
        value(after, "bleeding_check_steps_back_total", step="3")
        - value(before, "bleeding_check_steps_back_total", step="3")
        == 1
    )


def test_errors_are_counted_by_type(counted):
    before = samples()
    counted.get("/nowhere")
    counted.post("/step", content="danger=bogus", headers={"content-type": "text/plain"})
    counted.post(
        "/step",
        content="danger=bogus",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    after = samples()
    for kind in ("not_found", "unsupported_form", "bad_form"):
        name = "bleeding_check_errors_total"
        assert value(after, name, type=kind) - value(before, name, type=kind) == 1, kind
    assert value(after, "bleeding_check_requests_total", route="other", status="404") >= 1


def test_a_request_refused_before_routing_counts_under_other(counted):
    """Headers too large (431) are refused before the router: no route's label."""
    requests = "bleeding_check_requests_total"
    before = value(samples(), requests, route="other", status="431")
    response = counted.get("/", headers={"accept-language": "en," * MAX_HEADERS_BYTES})
    assert response.status_code == 431
    assert value(samples(), requests, route="other", status="431") == before + 1


def test_a_client_that_leaves_mid_body_is_no_server_error(counted):
    """Anyone can do it at will: it must never raise an alert."""
    driver = Driver(counted.app)
    form = [(b"content-type", b"application/x-www-form-urlencoded"), (b"content-length", b"1000")]
    before = samples()
    try:
        for path in (b"/step", b"/fhir/QuestionnaireResponse"):
            reply = driver.request("POST", path, b"", form, b"lang=en&danger=n", leaves=True)
            assert reply.status == 499
    finally:
        driver.close()
    after = samples()
    name = "bleeding_check_errors_total"
    assert value(after, name, type="server_error") == value(before, name, type="server_error")
    for route in ("/step", "/fhir/QuestionnaireResponse"):
        requests = "bleeding_check_requests_total"
        moved = value(after, requests, route=route, status="499")
        assert moved - value(before, requests, route=route, status="499") == 1


def test_no_label_value_comes_from_reader_input(counted):
    for hostile in HOSTILE:
        counted.get("/", params={"lang": hostile, "partner": hostile, "region": hostile})
        counted.get("/", params={"lang": hostile, "partner": "demo"})
        counted.get("/static/" + hostile.replace("\r\n", ""))
        counted.get("/fhir/Questionnaire/" + hostile.replace("\r\n", ""))
        counted.get("/oembed", params={"url": hostile, "format": hostile})
        body = {"lang": hostile, "partner": "demo", "nav": "start", "region": "AU"}
        counted.post("/step", data=body)
        counted.post("/step", data={**body, "partner": hostile})
    run(counted, "?partner=demo&lang=" + "zz-hostile")
    from prometheus_client import generate_latest

    text = generate_latest(metrics.registry()).decode()
    for hostile in [*HOSTILE, "zz-hostile", "zz_hostile"]:
        assert hostile not in text
    allowed = {
        "route": {*LABELS, metrics.OTHER_ROUTE},
        "partner": {"demo", metrics.NO_PARTNER},
        "lang": {"en", "es", "fr", "ar", "zh_Hans", "vi", "hi", "pt_BR"},
        "level": {"emergency", "urgent", "soon", "routine"},
        "step": set(metrics.STEPS),
        "type": {*metrics.ERROR_TYPES.values(), "other_client_error", "other_server_error"},
    }
    for (name, labels), _ in samples(text).items():
        for label, label_value in labels:
            if label == "status":
                assert label_value.isdigit() and len(label_value) == 3
            elif label == "le":
                assert name.endswith("_bucket")
            else:
                assert label_value in allowed[label], (name, label, label_value)


def test_no_answer_question_id_address_agent_or_time_stamp_is_recorded(counted):
    reader = TestClient(
        counted.app, client=("203.0.113.77", 50123), headers={"User-Agent": "ZZ-Agent/1.0"}
    )
    run(reader, "?partner=demo&lang=en&region=AU&zzquery=1")
    from prometheus_client import generate_latest

    text = generate_latest(metrics.registry()).decode()
    assert "bleeding_check_outcomes_total{" in text
    for never in ["6_to_11", "spotting", "once_stopped", "203.0.113.77", "50123", "ZZ-Agent"]:
        assert never not in text, never  # CALM's answers, the client's address and agent
    assert "zzquery" not in text
    assert "_created" not in text  # no creation time stamps
    families = list(text_string_to_metric_families(text))
    found = [sample for family in families for sample in family.samples]
    assert found and all(sample.timestamp is None for sample in found)
    # Question ids are neither names nor label values (only step numbers are).
    words = {sample.name for sample in found} | {v for s in found for v in s.labels.values()}
    for question in QUESTIONS:
        assert not any(question.id in word for word in words), question.id


PARAMETER = re.compile(r"\{[^}]+\}")


def test_every_route_of_the_app_has_its_own_fixed_label(counted):
    """Each route counts under its label from the route table, whatever path
    the reader sent; a path no route matches is "other"."""
    labels = [route.label for route in counted.app.routes]
    assert len(set(labels)) == len(labels)
    assert set(labels) == set(LABELS) and metrics.OTHER_ROUTE not in labels
    for route in counted.app.routes:
        path = PARAMETER.sub("zz-hostile", route.path)
        method = "GET" if "GET" in route.methods else "POST"
        before = samples()
        counted.request(method, path)
        after = samples()
        name = "bleeding_check_request_duration_seconds_count"
        assert value(after, name, route=route.label) - value(before, name, route=route.label) == 1
    assert "zz-hostile" not in "".join(str(key) for key in samples())


@pytest.mark.parametrize(
    "path",
    ["/fhir/QuestionnaireResponse/x", "/fhir/Questionnaire/x/y", "/fhir", "/oembed/", "/OEMBED"],
)
def test_paths_near_a_route_are_other(counted, path):
    name = "bleeding_check_requests_total"
    before = value(samples(), name, route=metrics.OTHER_ROUTE, status="404")
    assert counted.get(path).status_code == 404
    assert value(samples(), name, route=metrics.OTHER_ROUTE, status="404") == before + 1


def test_the_public_app_never_serves_metrics(counted, client):
    assert counted.get("/metrics").status_code == 404
    assert client.get("/metrics").status_code == 404


def test_metrics_are_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv(METRICS_VARIABLE, raising=False)
    assert Settings.from_environment().metrics is False
    assert create_app(Settings(default_region="AU", debug=False)).state.metrics is None


def test_metrics_need_their_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(metrics.DIRECTORY_VARIABLE, str(tmp_path / "missing"))
    with pytest.raises(SystemExit, match="PROMETHEUS_MULTIPROC_DIR"):
        metrics.check_directory()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, ""


def listening(port: int) -> list[str]:
    """The local addresses listening on a TCP port, from the kernel's tables."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            if len(address) == 8:  # IPv4, little-endian
                address = socket.inet_ntoa(bytes.fromhex(address)[::-1])
            found.append(f"{address}:{port}")
    return found


def test_the_listening_check_reads_the_kernel_tables():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert listening(port) == [f"127.0.0.1:{port}"]
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert listening(port) == [f"0.0.0.0:{port}"]


def test_two_workers_add_up_on_a_loopback_port(tmp_path):
    port, metrics_port = free_port(), free_port()
    folder = tmp_path / "multiproc"
    folder.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder), "WIDGET_REGION": "AU"}
    env.pop(METRICS_VARIABLE, None)
    command = [sys.executable, "-m", "widget", "serve", "--port", str(port), "--workers", "2"]
    command += ["--metrics-port", str(metrics_port)]
    with (tmp_path / "log").open("wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if fetch(base + "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            sent = 1
            # Fresh connections in parallel until both workers have answered some.
            with ThreadPoolExecutor(8) as pool:
                while time.monotonic() < deadline:
                    statuses = list(pool.map(fetch, [base + "/healthz"] * 40))
                    assert {status for status, _ in statuses} == {200}
                    sent += len(statuses)
                    pids = {p.name.split("_")[-1] for p in folder.glob("counter_*.db")}
                    if len(pids) >= 2:
                        break
            assert len(pids) == 2, "both workers should have answered"
            status, text = fetch(f"http://127.0.0.1:{metrics_port}/metrics")
            assert status == 200
            scraped = samples(text)
            total = value(scraped, "bleeding_check_requests_total", route="/healthz", status="200")
            assert total == sent
            # The metrics are on their own port only, on loopback.
            assert fetch(base + "/metrics")[0] == 404
            assert listening(metrics_port) == [f"127.0.0.1:{metrics_port}"]
        finally:
            server.terminate()
            server.wait(timeout=20)

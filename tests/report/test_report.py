"""The partner report (widget/report/, docs/observability.md): every count
under 10 is `<10`, no suppressed count can be worked out from what is printed,
the PromQL it sends, and the command against a stub Prometheus (errors, no
data). tests/report/test_report_prometheus.py runs it against a real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.examples import examples
from tests.report.disclosure import check_printed, parse_csv, recoverable_cells
from widget.__main__ import main
from widget.i18n.locales import SHIPPED
from widget.report import prometheus, tables
from widget.web.partners import load_partners

ROOT = Path(__file__).resolve().parents[2]
END = datetime(2026, 6, 1, tzinfo=UTC)
PARTNERS = load_partners(ROOT / "partners.example.toml")


# --- the suppression rule ----------------------------------------------------

counts = st.one_of(st.integers(0, 12), st.integers(0, 40), st.just(0))


@st.composite
def some_tables(draw: st.DrawFn, max_rows: int = 4, max_columns: int = 4) -> tables.Table:
    rows = [f"r{i}" for i in range(draw(st.integers(1, max_rows)))]
    columns = [f"c{j}" for j in range(draw(st.integers(1, max_columns)))]
    inner = {(r, c): draw(counts) for r in rows for c in columns}
    return tables.table("t", "T", "", rows, columns, inner)


@settings(max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(some_tables())
def test_no_suppressed_count_can_be_worked_out_from_what_is_printed(t):
    printed = tables.Report("p", 30, END, (t,)).printed(t)
    check_printed(t, printed)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(counts, min_size=8, max_size=8),
    st.lists(st.lists(counts, min_size=8, max_size=8), min_size=4, max_size=4),
)
def test_a_whole_report_printed_as_csv_gives_nothing_away(runs, outcomes):
    """The real shape (4 levels by 8 languages), read back from the CSV."""
    made = tables.build(
        "demo",
        30,
        END,
        {(lang,): n for lang, n in zip(SHIPPED, runs, strict=True)},
        {
            (level, lang): n
            for level, row in zip(tables.LEVELS, outcomes, strict=True)
            for lang, n in zip(SHIPPED, row, strict=True)
        },
        PARTNERS["demo"],
    )
    parsed = parse_csv(tables.csv_text(made))
    assert set(parsed) == {"runs_started", "outcomes"}
    for t in made.tables:
        columns, printed = parsed[t.name]
        assert columns == list(t.printed_columns())
        check_printed(t, printed)


def test_the_checker_finds_a_count_worked_out_by_subtraction():
    # 3 + 12 = 15 with only the 3 hidden: the 3 is plain to see.
    columns = ["a", "b", "total"]
    truth = {("r", "a"): 3, ("r", "b"): 12, ("r", "total"): 15}
    assert recoverable_cells(columns, [("r", ["<10", "12", "15"])], truth) == [("r", "a")]
    # Two hidden counts adding up to 18 can only be 9 and 9.
    truth = {("r", "a"): 9, ("r", "b"): 9, ("r", "total"): 18}
    assert len(recoverable_cells(columns, [("r", ["<10", "<10", "18"])], truth)) == 2
    # With the total hidden too, nothing follows.
    assert recoverable_cells(columns, [("r", ["<10", "<10", "x"])], truth) == []


def test_a_lone_small_count_in_a_row_hides_a_second_one():
    t = tables.table(
        "t", "T", "", ["r"], ["a", "b", "c"], {("r", "a"): 3, ("r", "b"): 12, ("r", "c"): 20}
    )
    assert tables.suppress(t) == {
        ("r", "a"): "<10",
        ("r", "b"): "x",  # the smallest shown count that protects the 3
        ("r", "c"): "20",
        ("total", "total"): "35",
    }


def test_equal_counts_are_hidden_in_reading_order_before_totals():
    inner = {("r", "a"): 3, ("r", "b"): 12, ("r", "c"): 12}
    t = tables.table("t", "T", "", ["r"], ["a", "b", "c"], inner)
    assert [tables.suppress(t)[("r", c)] for c in "abc"] == ["<10", "x", "12"]
    # A row total of 12 ties with a cell of 12: the cell goes first.
    inner = {("r", "a"): 3, ("r", "b"): 9, ("s", "a"): 12, ("s", "b"): 12}
    t = tables.table("t", "T", "", ["r", "s"], ["a", "b"], inner)
    assert t.values[("r", "total")] == 12
    shown = tables.suppress(t)
    assert shown[("s", "a")] == "x"
    assert shown[("r", "total")] == "12"


def test_one_language_has_one_total_per_table():
    only_english = replace(PARTNERS["demo"], locales=("en",))
    made = tables.build(
        "demo", 30, END, {("en",): 25}, {("soon", "en"): 20, ("urgent", "en"): 5}, only_english
    )
    runs, outcomes = made.tables
    assert made.printed(runs) == [("runs_started", ["25", "25"])]
    assert made.printed(outcomes) == [
        ("emergency", ["<10"]),
        ("urgent", ["<10"]),
        ("soon", ["20"]),
        ("routine", ["<10"]),
        ("total", ["25"]),
    ]


def test_a_table_that_cannot_be_protected_is_an_error_not_a_print(monkeypatch):
    monkeypatch.setattr(tables, "recoverable", lambda *args: True)
    t = tables.table("t", "T", "", ["r"], ["a", "b"], {("r", "a"): 3, ("r", "b"): 12})
    with pytest.raises(tables.ReportError, match="cannot be protected"):
        tables.suppress(t)


def test_two_nines_hide_their_total():
    t = tables.table("t", "T", "", ["r"], ["a", "b"], {("r", "a"): 9, ("r", "b"): 9})
    assert tables.suppress(t)[("total", "total")] == "x"


def test_large_counts_are_all_shown():
    t = tables.table("t", "T", "", ["r", "s"], ["a", "b"], {k: 10 for k in _keys(["r", "s"])})
    assert set(tables.suppress(t).values()) == {"10", "20", "40"}


def _keys(rows: list[str]) -> list[tuple[str, str]]:
    return [(r, c) for r in rows for c in ("a", "b")]


@pytest.mark.parametrize(("raw", "whole"), [("0", 0), ("2.49", 2), ("2.5", 3), ("11.97", 12)])
def test_counts_are_rounded_halves_up(raw, whole):
    assert prometheus.whole(raw) == whole


@pytest.mark.parametrize("raw", ["NaN", "+Inf", "-1", "x", None])
def test_a_value_that_is_not_a_count_is_an_error(raw):
    with pytest.raises(tables.ReportError):
        prometheus.whole(raw)


# --- the queries -------------------------------------------------------------


def test_the_promql_asks_for_the_increase_for_one_partner():
    assert prometheus.queries("demo", 30) == {
        "runs": 'sum by (lang) (increase(bleeding_check_runs_started_total{partner="demo"}[30d]))',
        "outcomes": "sum by (level, lang) "
        '(increase(bleeding_check_outcomes_total{partner="demo"}[30d]))',
    }
    assert "[7d]" in prometheus.queries("demo", 7)["runs"]


INJECTIONS = [
    'demo"} or vector(1) or {x="',
    "demo\n",
    'demo",partner!="',
    "demo}",
    "Demo",
    "",
    "a" * 41,
    "../demo",
    "demo\\",
]


@pytest.mark.parametrize("partner", INJECTIONS)
def test_a_partner_that_is_not_a_plain_id_never_reaches_a_query(partner):
    with pytest.raises(tables.ReportError, match="not a partner id"):
        prometheus.check_partner(partner, None)
    with pytest.raises(tables.ReportError, match="not a partner id"):
        prometheus.queries(partner, 30)


def test_with_a_partner_file_the_partner_must_be_in_it():
    assert prometheus.check_partner("demo", PARTNERS) == "demo"
    assert prometheus.check_partner("none", PARTNERS) == "none"  # readers without a partner
    with pytest.raises(tables.ReportError, match="not in the partner file"):
        prometheus.check_partner("other-clinic", PARTNERS)
    assert prometheus.check_partner("other-clinic", None) == "other-clinic"


@pytest.mark.parametrize("days", [0, -1, prometheus.MAX_DAYS + 1])
def test_days_are_a_sensible_whole_number(days):
    with pytest.raises(tables.ReportError, match="--days"):
        prometheus.queries("demo", days)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2026-06-01", datetime(2026, 6, 1, tzinfo=UTC)),
        ("2026-06-01T12:30:00+02:00", datetime(2026, 6, 1, 10, 30, tzinfo=UTC)),
        ("1780272000", datetime(2026, 6, 1, tzinfo=UTC)),
        ("1780272000.5", datetime(2026, 6, 1, 0, 0, 0, 500000, tzinfo=UTC)),
    ],
)
def test_the_end_of_the_period(given, expected):
    assert prometheus.parse_end(given) == expected


# --- the command against a stub Prometheus ------------------------------------


class Stub:
    """A Prometheus stand-in: answers /api/v1/query with what the test sets."""

    def __init__(self) -> None:
        self.asked: list[dict[str, list[str]]] = []
        self.answer: Any = None
        self.status = 200
        # Full control of the answer, for a broken or hostile Prometheus.
        self.respond: Callable[[BaseHTTPRequestHandler], None] | None = None
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                stub.asked.append({"path": [parts.path], **parse_qs(parts.query)})
                if stub.respond is not None:
                    stub.respond(self)
                    return
                promql = parse_qs(parts.query).get("query", [""])[0]
                answer = stub.answer(promql) if callable(stub.answer) else stub.answer
                body = json.dumps(answer).encode()
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    yield server
    server.server.shutdown()
    server.server.server_close()


def vector(samples: list[tuple[dict[str, str], str]]) -> dict[str, Any]:
    return {
        "status": "success",
        "data": {
            "resultType": "vector",
            "result": [{"metric": m, "value": [1780272000, v]} for m, v in samples],
        },
    }


def command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "widget", "report", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("WIDGET_")},
    )


def test_the_command_prints_the_report_from_prometheus(stub):
    def answer(promql: str) -> dict[str, Any]:
        if "runs_started" in promql:
            return vector([({"lang": "en"}, "14.6"), ({"lang": "fr"}, "3")])
        return vector(
            [
                ({"level": "soon", "lang": "en"}, "11.2"),
                ({"level": "emergency", "lang": "en"}, "2"),
                ({"level": "routine", "lang": "fr"}, "1"),
            ]
        )

    stub.answer = answer
    done = command("--prometheus", stub.url, "--partner", "demo", "--end", "2026-06-01")
    assert done.returncode == 0, done.stderr
    # 15 + 3 = 18: with the 3 as <10, the 15 must go too, or 18 - 15 gives it away.
    assert "| Runs started | x | <10 | 18 |" in done.stdout
    assert "| Soon | x | <10 | 11 |" in done.stdout
    assert "The 30 days up to 2026-06-01 00:00:00 UTC." in done.stdout
    assert [ask["path"] for ask in stub.asked] == [["/api/v1/query"]] * 2
    assert {ask["time"][0] for ask in stub.asked} == {"1780272000.000"}  # one instant
    assert {ask["query"][0] for ask in stub.asked} == set(prometheus.queries("demo", 30).values())
    assert stub.url.split("//")[1] not in done.stdout and "127.0.0.1" not in done.stdout
    csv_out = command(
        "--prometheus", stub.url, "--partner", "demo", "--end", "2026-06-01", "--format", "csv"
    )
    assert csv_out.returncode == 0, csv_out.stderr
    assert "127.0.0.1" not in csv_out.stdout
    from_csv = parse_csv(csv_out.stdout)
    assert from_csv["runs_started"] == (
        ["en", "fr", "total"],
        [("runs_started", ["x", "<10", "18"])],
    )
    # The outcomes as Prometheus gave them, rounded: the printed table keeps the rules.
    truth = tables.table(
        "outcomes",
        "",
        "",
        tables.LEVELS,
        ["en", "fr"],
        {("soon", "en"): 11, ("emergency", "en"): 2, ("routine", "fr"): 1},
    )
    columns, printed = from_csv["outcomes"]
    assert columns == ["en", "fr", "total"]
    assert [row for row, _ in printed] == [*tables.LEVELS, "total"]
    check_printed(truth, printed)


def test_the_partner_file_sets_the_columns_and_refuses_other_partners(stub):
    stub.answer = lambda promql: vector(
        [({"lang": "en"}, "20")] if "runs" in promql else [({"lang": "en", "level": "soon"}, "20")]
    )
    partners = str(ROOT / "partners.example.toml")
    done = command("--prometheus", stub.url, "--partner", "demo", "--partners", partners)
    assert done.returncode == 0, done.stderr
    assert "|  | " + " | ".join(PARTNERS["demo"].locales) + " | Total |" in done.stdout
    refused = command("--prometheus", stub.url, "--partner", "clinic", "--partners", partners)
    assert refused.returncode == 2
    assert "not in the partner file" in refused.stderr
    assert len(stub.asked) == 2  # the refused one asked nothing


@pytest.mark.parametrize("partner", INJECTIONS[:4])
def test_the_command_refuses_a_hostile_partner_before_asking(stub, partner):
    done = command("--prometheus", stub.url, "--partner", partner)
    assert done.returncode == 2
    assert "not a partner id" in done.stderr
    assert stub.asked == []


def test_no_counts_is_an_error_not_an_empty_report(stub):
    stub.answer = vector([])
    done = command("--prometheus", stub.url, "--partner", "demo")
    assert done.returncode == 1
    assert "Prometheus has no counts for partner 'demo'" in done.stderr
    assert done.stdout == ""


def test_a_prometheus_error_is_shown(stub):
    stub.status = 400
    stub.answer = {"status": "error", "errorType": "bad_data", "error": "parse error at char 1"}
    done = command("--prometheus", stub.url, "--partner", "demo")
    assert done.returncode == 1
    assert "Prometheus answered 400 parse error at char 1" in done.stderr


@pytest.mark.parametrize(
    ("metric", "problem"),
    [
        ({"lang": "<script>"}, "unexpected language"),
        ({"lang": "en\n"}, "unexpected language"),
        ({"lang": "en", "level": "fine"}, "unexpected level"),
        ({"level": "soon"}, "unexpected sample"),
    ],
)
def test_an_unexpected_label_from_prometheus_is_an_error(stub, metric, problem):
    stub.answer = vector([(metric, "20")])
    done = command("--prometheus", stub.url, "--partner", "demo")
    assert done.returncode == 1
    assert problem in done.stderr
    assert done.stdout == ""


def test_prometheus_unreachable(stub):
    url = stub.url
    stub.server.shutdown()
    stub.server.server_close()
    done = command("--prometheus", url, "--partner", "demo")
    assert done.returncode == 1
    assert "cannot reach Prometheus" in done.stderr


@pytest.mark.parametrize("url", ["127.0.0.1:9090", "ftp://h", "http://h/?q=1", "http://"])
def test_the_prometheus_url_is_a_base_url(url):
    with pytest.raises(tables.ReportError, match="base URL"):
        prometheus.check_url(url)


# --- a broken or hostile Prometheus (docs/observability.md) --------------------------------
# Whatever Prometheus answers, the command prints one `error:` line (control
# characters escaped, at most a few hundred characters) and exits with 1.

SAMPLE = {"metric": {"lang": "en"}, "value": [1780272000, "20"]}


def success(*samples: Any) -> dict[str, Any]:
    return {"status": "success", "data": {"resultType": "vector", "result": list(samples)}}


def raw(body: bytes, status: int = 200, headers: tuple[tuple[str, str], ...] = ()):
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def report_in_process(stub: Stub, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.delenv("WIDGET_PARTNERS", raising=False)
    code = main(["report", "--prometheus", stub.url, "--partner", "demo", "--end", "2026-06-01"])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(code: int, out: str, err: str, expected: str) -> None:
    assert (code, out) == (1, ""), err
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert err[:-1].isprintable(), err  # no escape sequence, new line or direction override
    assert len(err) < 600, err
    assert expected in err, err


HOSTILE_BODIES = [
    # JSON that is not an object
    (b"[1, 2]", "Prometheus answered a JSON list, not an object"),
    (b'"success"', "Prometheus answered a JSON str, not an object"),
    (b"null", "Prometheus answered a JSON NoneType, not an object"),
    # not JSON at all, not UTF-8, nested beyond any parser
    (b"<html>Bad gateway</html>", "Prometheus did not answer JSON"),
    (b"\xff\xfe{}", "Prometheus did not answer JSON"),
    (b"[" * 200_000 + b"]" * 200_000, "Prometheus did not answer JSON"),
    (b"1" * 5000, "Prometheus did not answer JSON"),  # beyond Python's int digits
    # the shape of a vector answer
    (json.dumps({"status": "success"}).encode(), "Prometheus answered a null result"),
    (
        json.dumps({"status": "success", "data": {"resultType": "matrix", "result": []}}).encode(),
        "Prometheus answered a matrix result, not a vector",
    ),
    (
        json.dumps({"status": "success", "data": {"resultType": "vector", "result": {}}}).encode(),
        "Prometheus answered a vector without a list: {}",
    ),
    # a string where [time, value] belongs: never counted as its digits
    (json.dumps(success({**SAMPLE, "value": "12"})).encode(), "unexpected sample from Prometheus"),
    (json.dumps(success({**SAMPLE, "value": [1, 2, 3]})).encode(), "unexpected sample"),
    (json.dumps(success({**SAMPLE, "metric": {"lang": 5}})).encode(), "unexpected sample"),
    (json.dumps(success({**SAMPLE, "metric": "en"})).encode(), "unexpected sample"),
    (json.dumps(success(["en", "20"])).encode(), "unexpected sample"),
    # a value that is not a count
    (
        json.dumps(success({**SAMPLE, "value": [1, 20]})).encode(),
        "not a number from Prometheus: 20",
    ),
    (json.dumps(success({**SAMPLE, "value": [1, "١٢"]})).encode(), "not a number"),  # Arabic 12
    (json.dumps(success({**SAMPLE, "value": [1, " 12"]})).encode(), "not a number"),
    (json.dumps(success({**SAMPLE, "value": [1, "1e999"]})).encode(), "not a count"),
    (json.dumps(success({**SAMPLE, "value": [1, "+Inf"]})).encode(), "not a count"),
    (json.dumps(success({**SAMPLE, "value": [1, "-3"]})).encode(), "not a count"),
]


@pytest.mark.parametrize(("body", "expected"), HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_a_malformed_answer_is_one_error_line(stub, monkeypatch, capsys, body, expected):
    stub.respond = raw(body)
    assert_one_error_line(*report_in_process(stub, monkeypatch, capsys), expected)


def test_a_string_value_is_never_counted_as_its_last_digit():
    with pytest.raises(tables.ReportError, match="unexpected sample"):
        prometheus.counts([{**SAMPLE, "value": "12"}], ["lang"])
    assert prometheus.counts([{**SAMPLE, "value": [1, "12"]}], ["lang"]) == {("en",): 12}


TERMINAL_ATTACK = "bad query\x1b[2J\x1b]0;pwned\x07\r\nerror: all fine\u202egnp.exe\x00"


@pytest.mark.parametrize("status", [200, 400, 503])
def test_prometheus_text_reaches_the_terminal_escaped(stub, monkeypatch, capsys, status):
    answer = {"status": "error", "errorType": "bad_data", "error": TERMINAL_ATTACK * 40}
    stub.respond = raw(json.dumps(answer).encode(), status)
    code, out, err = report_in_process(stub, monkeypatch, capsys)
    expected = "bad query\\x1b[2J\\x1b]0;pwned\\x07\\r\\nerror: all fine\\u202egnp.exe\\x00"
    assert_one_error_line(code, out, err, expected)
    assert "characters)" in err  # cut short


def test_a_label_or_sample_is_shown_escaped_too(stub, monkeypatch, capsys):
    stub.respond = raw(json.dumps(success({**SAMPLE, "metric": {"lang": "en\x1b[31m"}})).encode())
    assert_one_error_line(
        *report_in_process(stub, monkeypatch, capsys), "unexpected language from Prometheus"
    )


@pytest.mark.parametrize("with_length", [True, False])
def test_the_body_is_read_up_to_a_bound(stub, monkeypatch, capsys, with_length):
    """200 MiB offered (with or without Content-Length): the command reads just
    over 1 MiB, says so and stops, and the stub never gets to write the rest."""
    offered = 200 << 20
    written = []
    done = threading.Event()

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if with_length:
            handler.send_header("Content-Length", str(offered))
        handler.end_headers()
        chunk = b" " * (1 << 16)
        try:
            for _ in range(offered // len(chunk)):
                handler.wfile.write(chunk)
                written.append(len(chunk))
        except OSError:
            pass
        finally:
            done.set()

    stub.respond = respond
    assert_one_error_line(
        *report_in_process(stub, monkeypatch, capsys),
        f"Prometheus's answer is longer than {prometheus.MAX_BODY_BYTES} bytes: not read",
    )
    assert done.wait(30)
    assert sum(written) < 40 << 20  # what the socket buffers took, not the 200 MiB


def test_an_answer_that_drips_in_is_given_up_at_the_deadline(stub, monkeypatch, capsys):
    monkeypatch.setattr(prometheus, "DEADLINE_SECONDS", 1)

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        try:
            for _ in range(40):  # a byte every 0.1 s: never a network timeout
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    stub.respond = respond
    started = time.monotonic()
    assert_one_error_line(
        *report_in_process(stub, monkeypatch, capsys), "Prometheus took more than 1 s to answer"
    )
    assert time.monotonic() - started < 3.5


def test_a_redirect_is_not_followed(stub, monkeypatch, capsys):
    other = Stub()
    try:
        stub.respond = raw(b"", 302, (("Location", other.url + "/api/v1/query?query=up"),))
        assert_one_error_line(
            *report_in_process(stub, monkeypatch, capsys), "Prometheus answered 302"
        )
        assert other.asked == []
    finally:
        other.server.shutdown()
        other.server.server_close()


def test_a_connection_cut_mid_answer_is_one_error_line(stub, monkeypatch, capsys):
    stub.respond = raw(b'{"status": "succ', 200, (("Content-Length", "1000"),))
    assert_one_error_line(*report_in_process(stub, monkeypatch, capsys), "Prometheus")


def test_more_languages_than_a_table_may_have_is_an_error_before_any_suppression(
    stub, monkeypatch, capsys
):
    """300 language labels made the suppression run for minutes: now at most
    MAX_CELLS counts in a table (4 levels x 50 languages), checked first."""
    codes = [f"l{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(300)]

    def answer(promql: str) -> dict[str, Any]:
        if "runs_started" in promql:
            return vector([({"lang": code}, "3") for code in codes])
        return vector([({"lang": code, "level": "soon"}, "3") for code in codes])

    stub.answer = answer
    monkeypatch.setattr(tables, "recoverable", lambda *args: pytest.fail("suppression ran"))
    assert_one_error_line(
        *report_in_process(stub, monkeypatch, capsys),
        "1 × 300 = 300 counts, more than the 200 a report table may have",
    )


def test_a_table_may_have_up_to_max_cells_counts():
    languages = [f"l{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(51)]
    assert len(tables.LEVELS) * 50 == tables.MAX_CELLS
    at_the_limit = tables.table("o", "Outcomes", "", tables.LEVELS, languages[:50], {})
    assert len(at_the_limit.values) == 200 + 4 + 50 + 1  # with the totals
    with pytest.raises(tables.ReportError, match="Outcomes: 4 × 51 = 204 counts"):
        tables.table("o", "Outcomes", "", tables.LEVELS, languages, {})


def test_the_documented_bounds_are_the_codes():
    guide = (ROOT / "docs" / "observability.md").read_text()
    assert prometheus.MAX_BODY_BYTES == 1 << 20 and "read up to\n  1 MiB" in guide
    assert f"within {prometheus.DEADLINE_SECONDS} s per query" in guide
    assert f"cut to {prometheus.MAX_SHOWN} characters" in guide
    assert f"at most {tables.MAX_CELLS} counts" in guide
    assert len(tables.LEVELS) * 50 == tables.MAX_CELLS and "4 levels × 50 languages" in guide

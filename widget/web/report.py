"""The partner report: counts from Prometheus, with small cells suppressed.

``python -m widget report --prometheus URL --partner ID [--days 30] [--end WHEN]
[--format md|csv]`` asks Prometheus's HTTP API (``/api/v1/query``) for two
tables over the period (docs/observability.md, "A partner report"):

- runs started, by language;
- outcomes (advice shown), by level and language;

rounds every count to a whole number, adds the totals up from the rounded
counts, and then suppresses:

1. every count under 10, totals included, is shown as ``<10`` (it is 0 to 9);
2. while some suppressed count could still be worked out exactly from what is
   shown (the other counts, the totals, and the knowledge that ``<10`` is 0 to
   9 and ``x`` is 10 or more), one more count is hidden as ``x``: the smallest
   shown count whose hiding stops that for the first such cell, else the
   smallest shown count in its row or column, else the smallest shown count
   (ties: inner counts in reading order, then row totals, column totals and
   the grand total), until none can be worked out. docs/observability.md
   states the rule in full.

Whether a count can be worked out is decided exactly. A table and its totals
form a flow network (rows to columns, row totals into rows, column totals out
of columns, the grand total closing the loop), so the hidden counts can change
together only around a cycle of hidden cells, by one at a time. A hidden
count can take another value if and only if it lies on such a cycle along
which each count can move one step without leaving what its mark says
(:func:`recoverable`). tests/web/test_report.py checks the result by
searching every table it makes for a second set of values, without this
theory.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from widget.clinical.content import Level
from widget.i18n.locales import SHIPPED
from widget.web.metrics import NO_PARTNER, PREFIX
from widget.web.partners import Partner, is_partner_id

SMALL = 10  # a count under this is never shown
SMALL_MARK = "<10"
HIDDEN_MARK = "x"
TOTAL = "total"
MAX_DAYS = 3660
LEVELS = tuple(level.id for level in sorted(Level, reverse=True))  # emergency first
LEVEL_NAMES = {level.id: level.name.capitalize() for level in Level}
# A language label: ours are locale codes ("en", "zh_Hans", "pt_BR").
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})?$")

Key = tuple[str, str]  # (row, column); TOTAL for a total
Node = tuple[str, str]


class ReportError(Exception):
    """The report cannot be made; the message says why."""


# --- the queries -------------------------------------------------------------


def check_partner(partner: str, configured: Mapping[str, Partner] | None) -> str:
    """The partner id, if it may go into a query: a configured partner (or
    ``none``, readers without one) when there is a partner file, else a plain
    id. Either way it is a plain id, so it cannot change the query."""
    if not is_partner_id(partner):
        raise ReportError(
            f"--partner {partner!r} is not a partner id (1-40 lower-case letters, "
            "digits or hyphens)"
        )
    if configured is not None and partner not in configured and partner != NO_PARTNER:
        known = ", ".join(sorted(configured)) or "none"
        raise ReportError(f"--partner {partner!r} is not in the partner file (partners: {known})")
    return partner


def queries(partner: str, days: int) -> dict[str, str]:
    """The PromQL of each table: the increase over ``days`` days, for one partner."""
    if not is_partner_id(partner):  # check_partner() first; never a quote or a brace
        raise ReportError(f"not a partner id: {partner!r}")
    if not (isinstance(days, int) and 1 <= days <= MAX_DAYS):
        raise ReportError(f"--days must be a whole number from 1 to {MAX_DAYS}")
    selector = f'{{partner="{partner}"}}[{days}d]'
    return {
        "runs": f"sum by (lang) (increase({PREFIX}_runs_started_total{selector}))",
        "outcomes": f"sum by (level, lang) (increase({PREFIX}_outcomes_total{selector}))",
    }


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ReportError(
            f"--prometheus {url!r}: give Prometheus's base URL, like http://127.0.0.1:9090"
        )
    return url.rstrip("/")


def instant_query(base: str, promql: str, at: float, timeout: float = 30) -> list[Any]:
    """One instant query (GET /api/v1/query); the result, a list of samples."""
    url = f"{base}/api/v1/query?" + urlencode({"query": promql, "time": f"{at:.3f}"})
    try:
        with urlopen(Request(url, headers={"Accept": "application/json"}), timeout=timeout) as r:
            body = json.loads(r.read())
    except HTTPError as error:  # Prometheus answers errors with JSON too
        try:
            message = json.loads(error.read()).get("error", "")
        except (ValueError, AttributeError):
            message = ""
        raise ReportError(f"Prometheus answered {error.code} {message}".rstrip()) from error
    except (URLError, OSError) as error:
        raise ReportError(f"cannot reach Prometheus at {base}: {error}") from error
    except ValueError as error:
        raise ReportError(f"Prometheus at {base} did not answer JSON") from error
    data = body.get("data") if isinstance(body, dict) else None
    if body.get("status") != "success" or not isinstance(data, dict):
        raise ReportError(f"Prometheus answered: {body.get('error', body)}")
    if data.get("resultType") != "vector" or not isinstance(data.get("result"), list):
        raise ReportError(f"Prometheus answered a {data.get('resultType')}, not a vector")
    result: list[Any] = data["result"]
    return result


def whole(value: Any) -> int:
    """A sample value ("12.37") rounded to the nearest whole number, halves up."""
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ReportError(f"not a number from Prometheus: {value!r}") from error
    if not math.isfinite(number) or number < 0:
        raise ReportError(f"not a count from Prometheus: {value!r}")
    return math.floor(number + 0.5)


def counts(result: Iterable[Any], labels: Sequence[str]) -> dict[tuple[str, ...], int]:
    """{label values: rounded count} from a vector result, each label checked."""
    found: dict[tuple[str, ...], int] = {}
    for sample in result:
        try:
            metric, (_, value) = sample["metric"], sample["value"]
            key = tuple(str(metric[label]) for label in labels)
        except (KeyError, TypeError, ValueError) as error:
            raise ReportError(f"unexpected sample from Prometheus: {sample!r}") from error
        for label, label_value in zip(labels, key, strict=True):
            if label == "level" and label_value not in LEVELS:
                raise ReportError(f"unexpected level from Prometheus: {label_value!r}")
            if label == "lang" and not LANGUAGE.fullmatch(label_value):
                raise ReportError(f"unexpected language from Prometheus: {label_value!r}")
        found[key] = found.get(key, 0) + whole(value)
    return found


def languages(found: Iterable[str], partner: Partner | None, nonzero: Iterable[str]) -> list[str]:
    """The columns: the partner's languages (without a partner file, the
    shipped ones Prometheus has), then any other language with a count, so
    that no count is dropped."""
    if partner is not None:
        first = list(partner.locales)
        others = set(nonzero)
    else:
        others = set(found)
        first = [code for code in SHIPPED if code in others]
    return first + sorted(others - set(first))


def parse_end(value: str | None, now: datetime | None = None) -> datetime:
    """``--end``: a date (midnight UTC), an ISO 8601 time (UTC unless it says),
    or seconds since 1970; now when not given."""
    if value is None:
        return now or datetime.now(UTC)
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", value):
            return datetime.fromtimestamp(float(value), UTC)
        when = datetime.fromisoformat(value)
    except (ValueError, OverflowError, OSError) as error:
        raise ReportError(
            f"--end {value!r}: give a date, an ISO 8601 time or a Unix time"
        ) from error
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# --- tables and suppression --------------------------------------------------


@dataclass(frozen=True)
class Table:
    """Counts in rows and columns, with the totals that are printed.

    A total column is printed when there are several columns or one row, a
    total row when there are several rows. With one row (or one column) the
    one total is the grand total."""

    name: str
    title: str
    corner: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    row_names: Mapping[str, str]
    values: Mapping[Key, int]  # every printed cell, totals included

    @property
    def full(self) -> bool:
        return len(self.rows) > 1 and len(self.columns) > 1

    def printed_rows(self) -> tuple[str, ...]:
        return (*self.rows, TOTAL) if len(self.rows) > 1 else self.rows

    def printed_columns(self) -> tuple[str, ...]:
        if len(self.columns) > 1 or len(self.rows) == 1:
            return (*self.columns, TOTAL)
        return self.columns

    def key(self, row: str, column: str) -> Key:
        """The cell printed at (row, column): one key for the grand total."""
        grand = (row == TOTAL and column == TOTAL) or (
            (row == TOTAL or column == TOTAL) and not self.full
        )
        return (TOTAL, TOTAL) if grand else (row, column)


def table(
    name: str,
    title: str,
    corner: str,
    rows: Sequence[str],
    columns: Sequence[str],
    inner: Mapping[Key, int],
    row_names: Mapping[str, str] | None = None,
) -> Table:
    """A table from its inner counts (missing ones are 0), with its totals."""
    values: dict[Key, int] = {(r, c): inner.get((r, c), 0) for r in rows for c in columns}
    full = len(rows) > 1 and len(columns) > 1
    if full:
        for r in rows:
            values[(r, TOTAL)] = sum(values[(r, c)] for c in columns)
        for c in columns:
            values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    values[(TOTAL, TOTAL)] = sum(values[(r, c)] for r in rows for c in columns)
    return Table(name, title, corner, tuple(rows), tuple(columns), row_names or {}, values)


def edges(t: Table) -> dict[Key, tuple[Node, Node]]:
    """Each printed cell as an edge (tail, head) of a flow network in which
    every node's inflow equals its outflow exactly when the totals add up."""
    source, sink = ("s", ""), ("t", "")
    found: dict[Key, tuple[Node, Node]] = {(TOTAL, TOTAL): (sink, source)}
    if not t.full:  # one row or one column: the cells side by side, and their total
        for r in t.rows:
            for c in t.columns:
                found[(r, c)] = (source, sink)
        return found
    for r in t.rows:
        found[(r, TOTAL)] = (source, ("row", r))
        for c in t.columns:
            found[(r, c)] = (("row", r), ("column", c))
    for c in t.columns:
        found[(TOTAL, c)] = (("column", c), sink)
    return found


def bounds(mark: str, value: int) -> tuple[float, float]:
    """What a reader of the report knows of a cell from its mark."""
    if mark == SMALL_MARK:
        return (0, SMALL - 1)
    if mark == HIDDEN_MARK:
        return (SMALL, math.inf)
    return (value, value)


def recoverable(
    cell: Key,
    values: Mapping[Key, int],
    network: Mapping[Key, tuple[Node, Node]],
    marks: Mapping[Key, str],
) -> bool:
    """Whether a suppressed cell's value follows from the shown cells, the
    totals and the marks: true when no cycle of suppressed cells through it
    can move by one within every cell's bounds."""
    arcs: dict[Node, set[Node]] = {}
    for other, mark in marks.items():
        if other == cell:
            continue
        tail, head = network[other]
        low, high = bounds(mark, values[other])
        if values[other] < high:  # can go up: flow tail -> head
            arcs.setdefault(tail, set()).add(head)
        if values[other] > low:  # can go down: flow head -> tail
            arcs.setdefault(head, set()).add(tail)

    def reaches(start: Node, goal: Node) -> bool:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            for following in arcs.get(node, ()):
                if following not in seen:
                    seen.add(following)
                    todo.append(following)
        return False

    tail, head = network[cell]
    low, high = bounds(marks[cell], values[cell])
    can_rise = values[cell] < high and reaches(head, tail)
    can_fall = values[cell] > low and reaches(tail, head)
    return not (can_rise or can_fall)


def suppress(t: Table) -> dict[Key, str]:
    """What is printed in each cell: the count, ``<10`` or ``x`` (module docstring)."""
    network = edges(t)
    order = {key: index for index, key in enumerate(t.values)}
    marks: dict[Key, str] = {key: SMALL_MARK for key, value in t.values.items() if value < SMALL}
    while True:
        exposed = [key for key in marks if recoverable(key, t.values, network, marks)]
        if not exposed:
            break
        target = min(exposed, key=order.__getitem__)
        shown = sorted(
            (key for key in t.values if key not in marks), key=lambda k: (t.values[k], order[k])
        )
        if not shown:
            raise ReportError(f"{t.title}: the counts cannot be protected (nothing left to hide)")
        enough = (
            key
            for key in shown
            if not recoverable(target, t.values, network, {**marks, key: HIDDEN_MARK})
        )
        touching = (key for key in shown if set(network[key]) & set(network[target]))
        marks[next(enough, None) or next(touching, shown[0])] = HIDDEN_MARK
    return {key: marks.get(key, str(value)) for key, value in t.values.items()}


# --- the report --------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    partner: str
    days: int
    end: datetime
    tables: tuple[Table, ...]

    def printed(self, t: Table) -> list[tuple[str, list[str]]]:
        shown = suppress(t)
        return [
            (row, [shown[t.key(row, column)] for column in t.printed_columns()])
            for row in t.printed_rows()
        ]


def build(
    partner: str,
    days: int,
    end: datetime,
    runs: Mapping[tuple[str, ...], int],
    outcomes: Mapping[tuple[str, ...], int],
    configured: Partner | None = None,
) -> Report:
    """The report from the rounded counts of the two queries."""
    if not runs and not outcomes:
        raise ReportError(
            f"Prometheus has no counts for partner {partner!r} in the {days} days up to "
            f"{stamp(end)}: does it scrape the metrics port, and was the partner configured?"
        )
    found = {lang for (lang,) in runs} | {lang for _, lang in outcomes}
    nonzero = {lang for (lang,), n in runs.items() if n} | {
        lang for (_, lang), n in outcomes.items() if n
    }
    columns = languages(found, configured, nonzero)
    run_table = table(
        "runs_started",
        "Runs started, by language",
        "",
        ["runs_started"],
        columns,
        {("runs_started", lang): n for (lang,), n in runs.items()},
        {"runs_started": "Runs started"},
    )
    outcome_table = table(
        "outcomes",
        "Outcomes (advice shown), by level and language",
        "Level",
        LEVELS,
        columns,
        {(level, lang): n for (level, lang), n in outcomes.items()},
        LEVEL_NAMES,
    )
    return Report(partner, days, end, (run_table, outcome_table))


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def markdown(report: Report) -> str:
    lines = [
        f"# Bleeding in Pregnancy Check: partner `{report.partner}`",
        "",
        f"The {report.days} days up to {stamp(report.end)}.",
        "",
        "Counts are rounded to whole numbers; each total is the sum of the rounded counts.",
        f"`{SMALL_MARK}` is a count from 0 to 9. `{HIDDEN_MARK}` is a count of {SMALL} or more,",
        f"hidden so that no `{SMALL_MARK}` can be worked out from the totals.",
    ]
    for t in report.tables:
        header = [t.corner, *(c if c != TOTAL else "Total" for c in t.printed_columns())]
        lines += ["", f"## {t.title}", "", "| " + " | ".join(header) + " |"]
        lines.append("|---|" + "---:|" * (len(header) - 1))
        for row, cells in report.printed(t):
            name = "Total" if row == TOTAL else t.row_names.get(row, row)
            lines.append("| " + " | ".join([name, *cells]) + " |")
    return "\n".join(lines) + "\n"


def csv_text(report: Report) -> str:
    """One CSV: table, row, then a column per language and ``total``
    (empty where a table has no such cell)."""
    columns = list(dict.fromkeys(c for t in report.tables for c in t.printed_columns()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", *columns])
    for t in report.tables:
        for row, cells in report.printed(t):
            by_column = dict(zip(t.printed_columns(), cells, strict=True))
            writer.writerow([t.name, row, *(by_column.get(c, "") for c in columns)])
    return out.getvalue()


def fetch(
    base: str,
    partner: str,
    days: int,
    end: datetime,
    configured: Partner | None = None,
) -> Report:
    """Both queries, at the same instant ``end``, made into the report."""
    promql = queries(partner, days)
    at = end.timestamp()
    runs = counts(instant_query(base, promql["runs"], at), ["lang"])
    outcomes = counts(instant_query(base, promql["outcomes"], at), ["level", "lang"])
    return build(partner, days, end, runs, outcomes, configured)

"""The partner report's tables: counts in, Markdown or CSV out, with small
cells suppressed. Pure: no I/O (Prometheus is ``prometheus.py``).

Two tables over the period (docs/observability.md, "A partner report"):

- runs started, by language;
- outcomes (advice shown), by level and language;

from counts already rounded to whole numbers; the totals are added up from
them, and then:

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
(:func:`recoverable`). tests/report/test_report.py checks the result by
searching every table it makes for a second set of values, without this
theory.

The work grows fast with the size of a table (a 4 × 100 table can take
seconds, 4 × 300 minutes), so a table has at most ``MAX_CELLS`` counts
(4 levels × 50 languages); a bigger one is an error, not a long wait.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from widget.clinical.content import Level
from widget.i18n.locales import SHIPPED
from widget.web.partners import Partner

SMALL = 10  # a count under this is never shown
SMALL_MARK = "<10"
HIDDEN_MARK = "x"
TOTAL = "total"
MAX_CELLS = 200  # counts in a table, totals aside: 4 levels x 50 languages
LEVELS = tuple(level.id for level in sorted(Level, reverse=True))  # emergency first
LEVEL_NAMES = {level.id: level.name.capitalize() for level in Level}
# A language label: ours are locale codes ("en", "zh_Hans", "pt_BR").
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})?$")

Key = tuple[str, str]  # (row, column); TOTAL for a total
Node = tuple[str, str]


class ReportError(Exception):
    """The report cannot be made; the message says why."""


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
    """A table from its inner counts (missing ones are 0), with its totals;
    more than ``MAX_CELLS`` counts is an error."""
    if len(rows) * len(columns) > MAX_CELLS:
        raise ReportError(
            f"{title}: {len(rows)} × {len(columns)} = {len(rows) * len(columns)} counts, more "
            f"than the {MAX_CELLS} a report table may have (a column per language Prometheus "
            "answered)"
        )
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

"""What a reader of a partner report can work out, found by search alone.

Independent of widget.report.tables's flow-network argument: from a printed
table (numbers, ``<10``, ``x``) and the rule that a total is the sum of its
row or column, try to find a second set of whole numbers that prints the
same. A suppressed cell for which none exists with another value is
recoverable. (``check_printed`` takes the true counts from a
``widget.report.tables.Table``; the search uses nothing of that module.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from widget.report import tables

SMALL_MARK, HIDDEN_MARK, TOTAL = "<10", "x", "total"

Printed = list[tuple[str, list[str]]]  # (row id, cells in column order)
Key = tuple[str, str]


def parse_csv(text: str) -> dict[str, tuple[list[str], Printed]]:
    """{table: (columns, printed rows)} from ``python -m widget report --format csv``."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["table", "row"], header
    tables: dict[str, tuple[list[str], Printed]] = {}
    for name, row, *cells in body:
        used = [(column, cell) for column, cell in zip(header[2:], cells, strict=True) if cell]
        columns, printed = tables.setdefault(name, ([c for c, _ in used], []))
        assert [c for c, _ in used] == columns, (name, row)
        printed.append((row, [cell for _, cell in used]))
    return tables


def sums(columns: Sequence[str], printed: Printed) -> list[tuple[list[Key], Key]]:
    """What a reader knows: each total is the sum of the other cells of its row or column."""
    rows = [row for row, _ in printed]
    inner_rows = [r for r in rows if r != TOTAL]
    inner_columns = [c for c in columns if c != TOTAL]
    found = []
    if TOTAL in columns:
        found += [([(r, c) for c in inner_columns], (r, TOTAL)) for r in rows]
    if TOTAL in rows:
        found += [([(r, c) for r in inner_rows], (TOTAL, c)) for c in columns]
    return found


def recoverable_cells(
    columns: Sequence[str], printed: Printed, truth: Mapping[Key, int]
) -> list[Key]:
    """The suppressed cells that take one value in every table printing the same."""
    shown: dict[Key, str] = {
        (row, column): cell
        for row, cells in printed
        for column, cell in zip(columns, cells, strict=True)
    }
    constraints = sums(columns, printed)
    cap = 2 * max(truth.values(), default=0) + 10  # "x" has no upper bound; any cap is sound
    domains: dict[Key, tuple[int, int]] = {}
    for key, cell in shown.items():
        if cell == SMALL_MARK:
            domains[key] = (0, 9)
        elif cell == HIDDEN_MARK:
            domains[key] = (10, cap)
        else:
            domains[key] = (int(cell), int(cell))
    hidden = [key for key, cell in shown.items() if cell in (SMALL_MARK, HIDDEN_MARK)]
    return [key for key in hidden if not _another_value(key, domains, constraints, truth)]


def _another_value(
    cell: Key,
    domains: Mapping[Key, tuple[int, int]],
    constraints: list[tuple[list[Key], Key]],
    truth: Mapping[Key, int],
) -> bool:
    """Whether some assignment within the domains meets every sum with ``cell``
    above or below its true value (bounds propagation, then depth-first search)."""
    names = [key for key, (lo, hi) in domains.items() if lo != hi]
    index = {key: i for i, key in enumerate(names)}
    # Each sum as: sum(coefficient * variable) == constant, shown cells folded in.
    equations: list[tuple[list[tuple[int, int]], int]] = []
    for parts, total in constraints:
        terms, constant = [], 0
        for coefficient, key in [*((1, p) for p in parts), (-1, total)]:
            if key in index:
                terms.append((coefficient, index[key]))
            else:
                constant -= coefficient * domains[key][0]
        if terms:
            equations.append((terms, constant))
        elif constant != 0:
            return False  # the printed numbers do not add up: nothing fits
    low = [domains[key][0] for key in names]
    high = [domains[key][1] for key in names]
    target = index[cell]
    for lo, hi in ((low[target], truth[cell] - 1), (truth[cell] + 1, high[target])):
        start_low, start_high = list(low), list(high)
        start_low[target], start_high[target] = lo, hi
        if _solve(start_low, start_high, equations, [truth[key] for key in names]):
            return True
    return False


def _propagate(low: list[int], high: list[int], equations: list) -> bool:
    """Narrow every variable's bounds until nothing changes; False if one empties."""
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            least = sum(c * (low[v] if c > 0 else high[v]) for c, v in terms)
            most = sum(c * (high[v] if c > 0 else low[v]) for c, v in terms)
            if least > constant or most < constant:
                return False
            for c, v in terms:
                own_least = c * (low[v] if c > 0 else high[v])
                own_most = c * (high[v] if c > 0 else low[v])
                # c * x == constant - rest, rest within [least - own_least, most - own_most];
                # every coefficient is 1 or -1
                a, b = constant - (most - own_most), constant - (least - own_least)
                lo, hi = (a, b) if c > 0 else (-b, -a)
                if lo > low[v]:
                    low[v], changed = lo, True
                if hi < high[v]:
                    high[v], changed = hi, True
                if low[v] > high[v]:
                    return False
    return True


def _solve(low: list[int], high: list[int], equations: list, truth: list[int]) -> bool:
    if not _propagate(low, high, equations):
        return False
    open_ = [v for v in range(len(low)) if low[v] != high[v]]
    if not open_:
        return True
    v = min(open_, key=lambda i: high[i] - low[i])  # the narrowest first
    for value in sorted(range(low[v], high[v] + 1), key=lambda x: abs(x - truth[v])):
        trial_low, trial_high = list(low), list(high)
        trial_low[v] = trial_high[v] = value
        if _solve(trial_low, trial_high, equations, truth):
            return True
    return False


def truth_of(t: tables.Table) -> dict[tuple[str, str], int]:
    """Every printed position's true value (the grand total under each of its names)."""
    return {
        (row, column): t.values[t.key(row, column)]
        for row in t.printed_rows()
        for column in t.printed_columns()
    }


def check_printed(t: tables.Table, printed: list[tuple[str, list[str]]]) -> None:
    """The rules a printed table must keep, checked from what is printed."""
    truth = truth_of(t)
    columns = list(t.printed_columns())
    for row, cells in printed:
        for column, cell in zip(columns, cells, strict=True):
            value = truth[(row, column)]
            if value < tables.SMALL:
                assert cell == tables.SMALL_MARK, (row, column, value, cell)
            elif cell != tables.HIDDEN_MARK:
                assert cell == str(value), (row, column, value, cell)
    assert recoverable_cells(columns, printed, truth) == []

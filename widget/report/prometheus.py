"""The partner report's side of Prometheus: the queries, one HTTP call each,
and the answers, which are never trusted (docs/observability.md).

Every answer is checked before a count is used; anything else is a
:class:`ReportError` (one ``error:`` line and exit code 1 from
``python -m widget report``):

- the body is read up to ``MAX_BODY_BYTES`` (a real answer is a few
  kilobytes), within ``DEADLINE_SECONDS`` in all; no redirect is followed;
- it is JSON (not nested beyond Python's limit), an object whose ``status``
  is ``success`` and whose ``data`` is a ``vector`` result;
- each sample is an object with a ``metric`` object of string labels and a
  ``value`` ``[time, "number"]``: the number a string of ASCII digits, as
  Prometheus writes it, finite and not negative;
- a level is one of ours, a language looks like a locale code
  (``tables.LANGUAGE``);
- text from Prometheus that reaches an error message is cut to
  ``MAX_SHOWN`` characters, with control and format characters (escape
  sequences, new lines, direction overrides) escaped (:func:`shown`).
"""

from __future__ import annotations

import http.client
import json
import math
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from widget.report.tables import LANGUAGE, LEVELS, Report, ReportError, build
from widget.web.metrics import NO_PARTNER, PREFIX
from widget.web.partners import Partner, is_partner_id

MAX_DAYS = 3660
MAX_BODY_BYTES = 1 << 20  # 1 MiB
DEADLINE_SECONDS = 60  # for each query, from asking to the last byte
TIMEOUT_SECONDS = 30  # for each wait on the network
MAX_SHOWN = 200  # characters of Prometheus's text in an error message
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?", re.ASCII)


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """Text from outside, fit for one terminal line: every character that is
    not printable (control and format characters, line breaks) escaped as
    ``\\x1b``, ``\\u202e``…, and at most ``limit`` characters kept."""
    text = str(text)
    kept = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit]
    )
    return kept + (f"… ({len(text)} characters)" if len(text) > limit else "")


# --- the queries -------------------------------------------------------------


def check_partner(partner: str, configured: Mapping[str, Partner] | None) -> str:
    """The partner id, if it may go into a query: a configured partner (or
    ``none``, readers without one) when there is a partner file, else a plain
    id. Either way it is a plain id, so it cannot change the query."""
    if not is_partner_id(partner):
        raise ReportError(
            f"--partner {shown(repr(partner))} is not a partner id (1-40 lower-case letters, "
            "digits or hyphens)"
        )
    if configured is not None and partner not in configured and partner != NO_PARTNER:
        known = ", ".join(sorted(configured)) or "none"
        raise ReportError(f"--partner {partner!r} is not in the partner file (partners: {known})")
    return partner


def queries(partner: str, days: int) -> dict[str, str]:
    """The PromQL of each table: the increase over ``days`` days, for one partner."""
    if not is_partner_id(partner):  # check_partner() first; never a quote or a brace
        raise ReportError(f"not a partner id: {shown(repr(partner))}")
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
            f"--prometheus {shown(repr(url))}: give Prometheus's base URL, "
            "like http://127.0.0.1:9090"
        )
    return url.rstrip("/")


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
            f"--end {shown(repr(value))}: give a date, an ISO 8601 time or a Unix time"
        ) from error
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# --- asking ------------------------------------------------------------------


class _NoRedirect(HTTPRedirectHandler):
    """A redirect is an answer like any other error: never followed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = build_opener(_NoRedirect)


class Readable(Protocol):
    def read(self, amount: int, /) -> bytes: ...


def read_bounded(stream: Readable, limit: int, deadline: float) -> bytes:
    """At most ``limit`` bytes of ``stream``, by ``deadline`` (monotonic time)."""
    read = getattr(stream, "read1", stream.read)  # one network read at a time
    chunks: list[bytes] = []
    size = 0
    while chunk := read(65536):
        size += len(chunk)
        if size > limit:
            raise ReportError(f"Prometheus's answer is longer than {limit} bytes: not read")
        if time.monotonic() > deadline:
            raise ReportError(f"Prometheus took more than {DEADLINE_SECONDS} s to answer")
        chunks.append(chunk)
    return b"".join(chunks)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:  # not UTF-8 or not JSON; nested too deep
        raise ReportError("Prometheus did not answer JSON") from error


def instant_query(base: str, promql: str, at: float) -> list[Any]:
    """One instant query (GET /api/v1/query); the result, a list of samples."""
    url = f"{base}/api/v1/query?" + urlencode({"query": promql, "time": f"{at:.3f}"})
    deadline = time.monotonic() + DEADLINE_SECONDS
    request = Request(url, headers={"Accept": "application/json"})
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            body = _json(read_bounded(response, MAX_BODY_BYTES, deadline))
    except HTTPError as error:  # Prometheus answers errors with JSON too
        text = _error_text(error, deadline)
        raise ReportError(f"Prometheus answered {error.code}{text}") from None
    except (URLError, OSError, http.client.HTTPException) as error:
        reason = error.reason if isinstance(error, URLError) else error
        raise ReportError(f"cannot reach Prometheus at {base}: {shown(reason)}") from None
    if not isinstance(body, dict):
        raise ReportError(f"Prometheus answered a JSON {type(body).__name__}, not an object")
    if body.get("status") != "success":
        raise ReportError(f"Prometheus answered an error: {_brief(body.get('error', body))}")
    data = body.get("data")
    if not isinstance(data, dict) or data.get("resultType") != "vector":
        kind = data.get("resultType") if isinstance(data, dict) else data
        raise ReportError(f"Prometheus answered a {_brief(kind)} result, not a vector")
    result = data.get("result")
    if not isinstance(result, list):
        raise ReportError(f"Prometheus answered a vector without a list: {_brief(result)}")
    return result


def _error_text(error: HTTPError, deadline: float) -> str:
    """`` `` and Prometheus's error message, when its error body has one."""
    try:
        body = _json(read_bounded(error, MAX_BODY_BYTES, deadline))
    except (ReportError, OSError, http.client.HTTPException):
        return ""
    message = body.get("error") if isinstance(body, dict) else None
    return f" {_brief(message)}" if message else ""


# --- reading the answer ------------------------------------------------------


def whole(value: object) -> int:
    """A sample's value ("12.37") rounded to the nearest whole number, halves up."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        number = float(value)
        if math.isfinite(number):  # "1e999" is not
            return math.floor(number + 0.5)
    if isinstance(value, str) and (value in ("NaN", "+Inf", "-Inf") or value.startswith("-")):
        raise ReportError(f"not a count from Prometheus: {shown(repr(value))}")
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        raise ReportError(f"not a count from Prometheus: {shown(repr(value))}")
    raise ReportError(f"not a number from Prometheus: {_brief(value)}")


def _brief(value: object) -> str:
    """A value from Prometheus's JSON for an error message: a string as it
    is, anything else as JSON; through :func:`shown`."""
    if isinstance(value, str):
        return shown(value)
    try:
        return shown(json.dumps(value))
    except (RecursionError, ValueError):
        return "a value nested too deep to show"


def counts(result: Iterable[Any], labels: Sequence[str]) -> dict[tuple[str, ...], int]:
    """{label values: rounded count} from a vector result, each sample and label checked."""
    found: dict[tuple[str, ...], int] = {}
    for sample in result:
        metric = sample.get("metric") if isinstance(sample, dict) else None
        value = sample.get("value") if isinstance(sample, dict) else None
        found_labels = [metric.get(label) for label in labels] if isinstance(metric, dict) else []
        key = tuple(label for label in found_labels if isinstance(label, str))
        if not (isinstance(value, list) and len(value) == 2) or len(key) != len(labels):
            raise ReportError(
                f"unexpected sample from Prometheus: {_brief(sample)} "
                f'(wanted {{"metric": {{{", ".join(labels)}}}, "value": [time, "number"]}})'
            )
        for label, label_value in zip(labels, key, strict=True):
            if label == "level" and label_value not in LEVELS:
                raise ReportError(f"unexpected level from Prometheus: {shown(repr(label_value))}")
            if label == "lang" and not LANGUAGE.fullmatch(label_value):
                raise ReportError(
                    f"unexpected language from Prometheus: {shown(repr(label_value))}"
                )
        found[key] = found.get(key, 0) + whole(value[1])
    return found


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

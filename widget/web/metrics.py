"""Usage counts that identify no one: Prometheus metrics (docs/observability.md).

Off unless the server is started with ``--metrics-port`` (``python -m widget
serve``), which sets ``WIDGET_METRICS=1`` and ``PROMETHEUS_MULTIPROC_DIR``
before any worker starts. Each worker then writes its counts to files in that
folder (``prometheus_client``'s multi-process mode) and the serving process
adds them up when scraped, on its own port (loopback by default), never on
the public app.

What is counted, and nothing else:

- requests by route and status, and their latency, by route;
- runs started, question steps reached (by step number) and outcomes (by
  partner, level and language);
- errors by type (named from the status code).

Every label value comes from a fixed set: our route labels (the route table,
widget.web.routes), the configured partner ids (``none`` without a partner),
the languages we serve, the four levels, step numbers up to the number of
questions. None comes from what a reader sends: an unknown partner is refused
before it is counted, a ``lang`` we do not ship was already replaced by a
language we do, a path no route matched is ``other``. No answer, question id,
client address or time stamp is kept; counts only go up, and the scrape is
the finest time there is.

The two touch points in the app are :meth:`Metrics.observe`, told of each
request by the timing middleware (widget.web.middleware.Observe), and
:meth:`Metrics.step`, where a step is answered.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.types import Scope

from widget.clinical.content import QUESTIONS, Level
from widget.clinical.flow import (
    NAV_ADVICE,
    NAV_BACK,
    NAV_CONTINUE,
    NAV_START,
    OutcomeScreen,
    QuestionScreen,
    Screen,
    Submission,
)
from widget.clinical.triage import asked_questions
from widget.web.settings import METRICS_VARIABLE

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry

    from widget.i18n.locales import LocaleInfo

DIRECTORY_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
PREFIX = "bleeding_check"
NO_PARTNER = "none"
OTHER_ROUTE = "other"  # a path no route matched
# Errors by type, named from the status our handlers answer with.
ERROR_TYPES = {
    400: "bad_form",
    404: "not_found",
    405: "method_not_allowed",
    413: "form_too_large",
    415: "unsupported_form",
    422: "answer_missing",
    500: "server_error",
    503: "overloaded",
}
# Step numbers: 1 up to one past the last question (an outcome counts as the
# step after the question it was reached from: docs/observability.md).
STEPS = tuple(str(number) for number in range(1, len(QUESTIONS) + 2))
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def error_type(status: int) -> str | None:
    if status < 400:
        return None
    return ERROR_TYPES.get(status, "other_client_error" if status < 500 else "other_server_error")


def check_directory() -> Path:
    """The multi-process folder, which must exist before any metric is made."""
    folder = os.environ.get(DIRECTORY_VARIABLE, "")
    if not folder or not Path(folder).is_dir():
        raise SystemExit(
            f"{METRICS_VARIABLE}=1 needs {DIRECTORY_VARIABLE} set to an existing folder "
            "(python -m widget serve --metrics-port does both)"
        )
    return Path(folder)


class Metrics:
    """The metrics of one worker process (multi-process mode: files in a folder)."""

    def __init__(
        self, partner_ids: Iterable[str], locales: Iterable[LocaleInfo], routes: Iterable[str]
    ) -> None:
        """``routes``: the route labels of the route table (widget.web.routes)."""
        check_directory()
        # Imported here: prometheus_client picks its multi-process value class
        # at import time, from PROMETHEUS_MULTIPROC_DIR.
        from prometheus_client import Counter, Histogram, disable_created_metrics

        disable_created_metrics()  # type: ignore[no-untyped-call]  # no creation time stamps: no time finer than the scrape
        registry = None  # multi-process values live in files, not in a registry
        self.partners = frozenset(partner_ids)
        self.languages = frozenset(info.code for info in locales)
        self.requests = Counter(
            f"{PREFIX}_requests",
            "HTTP requests, by route and status.",
            ["route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            f"{PREFIX}_request_duration_seconds",
            "Time to answer a request, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.errors = Counter(
            f"{PREFIX}_errors", "Error responses, by type.", ["type"], registry=registry
        )
        self.runs = Counter(
            f"{PREFIX}_runs_started",
            "Runs started (the first question shown), by partner and language.",
            ["partner", "lang"],
            registry=registry,
        )
        self.steps = Counter(
            f"{PREFIX}_steps_reached",
            "Runs reaching a step for the first time, by step number "
            "(an outcome counts as the step after the last question).",
            ["step"],
            registry=registry,
        )
        self.backs = Counter(
            f"{PREFIX}_steps_back",
            "Back pressed on a step not answered yet, by step number: "
            "that step will count as reached again if the reader comes forward.",
            ["step"],
            registry=registry,
        )
        self.outcomes = Counter(
            f"{PREFIX}_outcomes",
            "Outcomes shown, by partner, level and language.",
            ["partner", "level", "lang"],
            registry=registry,
        )
        self._request_children: dict[tuple[str, int], Any] = {}
        self.routes = (*routes, OTHER_ROUTE)
        self._latency_children = {route: self.latency.labels(route=route) for route in self.routes}
        # Every series that alerts look at exists from the start, at zero, so
        # "no outcomes for a partner for an hour" is visible as no increase.
        for partner in (*sorted(self.partners), NO_PARTNER):
            for lang in sorted(self.languages):
                self.runs.labels(partner=partner, lang=lang)
                for level in Level:
                    self.outcomes.labels(partner=partner, level=level.id, lang=lang)
        for step in STEPS:
            self.steps.labels(step=step)
            self.backs.labels(step=step)

    # --- requests (widget.web.middleware.Observe) ---------------------------

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        """One request: its route's label (the route that matched), status and time."""
        route = getattr(scope.get("route"), "label", OTHER_ROUTE)
        key = (route, status)
        child = self._request_children.get(key)
        if child is None:
            child = self._request_children[key] = self.requests.labels(
                route=route, status=str(status)
            )
        child.inc()
        self._latency_children[route].observe(seconds)
        kind = error_type(status)
        if kind is not None:
            self.errors.labels(type=kind).inc()

    # --- the flow (one call in widget.web.views.questionnaire) --------------

    def step(
        self, partner_id: str | None, lang: str, submission: Submission, screen: Screen
    ) -> None:
        """Count the step this submission reached.

        Only moves forward count: starting, Continue, and the jump to the
        advice; never a language switch (stay), a change from the summary
        (review) or a question shown again with an error. A question counts
        when it is shown without an answer yet, so going Back over answered
        questions and forward again counts nothing twice. Back on a question
        not answered yet is counted (``steps_back``): coming forward to it
        again counts it again, and the difference is exact."""
        if submission.review:
            return
        if submission.nav == NAV_BACK:
            if submission.step and submission.step not in submission.answers:
                self._back(submission)
            return
        if submission.nav not in (NAV_START, NAV_CONTINUE, NAV_ADVICE):
            return
        partner = partner_id if partner_id in self.partners else NO_PARTNER
        if isinstance(screen, QuestionScreen):
            if screen.error or screen.question.id == submission.step:
                return
            if screen.question.id in submission.answers:
                return  # seen before in this run (Back, then Continue)
            if screen.number == 1:
                self.runs.labels(partner=partner, lang=lang).inc()
            self._reached(screen.number)
        elif isinstance(screen, OutcomeScreen):
            asked = asked_questions(screen.answers)
            previous = next(
                (index for index, q in enumerate(asked, 1) if q.id == submission.step), None
            )
            if previous is None:
                return
            self._reached(previous + 1)
            self.outcomes.labels(partner=partner, level=screen.outcome.level.id, lang=lang).inc()

    def _back(self, submission: Submission) -> None:
        asked = asked_questions(submission.answers)
        number = next((i for i, q in enumerate(asked, 1) if q.id == submission.step), None)
        if number is not None and str(number) in STEPS:
            self.backs.labels(step=str(number)).inc()

    def _reached(self, number: int) -> None:
        step = str(number)
        if step in STEPS:
            self.steps.labels(step=step).inc()


def registry() -> CollectorRegistry:
    """A registry that adds up every worker's files, for the metrics server."""
    from prometheus_client import CollectorRegistry
    from prometheus_client.multiprocess import MultiProcessCollector

    collected = CollectorRegistry()
    MultiProcessCollector(collected, path=str(check_directory()))  # type: ignore[no-untyped-call]
    return collected


def serve_metrics(host: str, port: int) -> None:
    """Serve the added-up metrics on host:port in a background thread."""
    from prometheus_client import start_http_server

    start_http_server(port, addr=host, registry=registry())

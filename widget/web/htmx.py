"""Answers "is this an htmx request, and which kind?" in one place."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request


@dataclass(frozen=True)
class HtmxDetails:
    request: bool
    history_restore: bool

    @property
    def wants_partial(self) -> bool:
        """htmx swaps the widget area, so it wants the partial; a history
        restore or a plain browser request wants the whole page."""
        return self.request and not self.history_restore


def htmx_details(request: Request) -> HtmxDetails:
    headers = request.headers
    return HtmxDetails(
        request=headers.get("hx-request") == "true",
        history_restore=headers.get("hx-history-restore-request") == "true",
    )

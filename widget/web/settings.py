"""The server's settings: every ``WIDGET_*`` variable is read here, once, at
start-up (docs/deployment.md), and a bad value stops the server with a clear message."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from widget.clinical.regions import REGIONS_BY_CODE
from widget.i18n.locales import LocaleInfo, available_locales
from widget.web.partners import Partner, PartnerConfigError, load_partners

METRICS_VARIABLE = "WIDGET_METRICS"  # set by ``python -m widget serve --metrics-port``
MAX_IN_FLIGHT_VARIABLE = "WIDGET_MAX_IN_FLIGHT"  # set by ``python -m widget serve --max-in-flight``
# Requests one worker answers at once before it answers the 503 page
# (widget.web.middleware.Overload): far above what a worker ever holds under
# load, small enough to bound what slow clients can hold (docs/deployment.md).
MAX_IN_FLIGHT = 100
MB = 1024 * 1024
# The page skeleton cache's bound (widget.web.rendering.SkeletonCache): a
# worker stays at or under 100 MB resident however many distinct pages it
# is asked for (docs/deployment.md, bench/memory.py).
PAGE_CACHE_BYTES = 24 * MB


@dataclass(frozen=True, eq=False)  # hashed by identity: one per app
class Settings:
    default_region: str | None
    debug: bool
    partners: Mapping[str, Partner] = field(default_factory=dict)
    hsts: bool = False  # send Strict-Transport-Security (only when served over TLS)
    access_log: bool = True  # the privacy-safe access log of widget.web.access_log
    public_url: str | None = None  # our origin as partners' readers see it (oEmbed)
    metrics: bool = False  # Prometheus counts (widget.web.metrics), on with --metrics-port
    # The proxies whose X-Forwarded-* headers are believed (addresses or networks).
    trusted_proxies: tuple[str, ...] = ()
    # Requests in this worker at once before the 503 page (widget.web.middleware.Overload).
    max_in_flight: int = MAX_IN_FLIGHT
    # The bound of the page skeleton cache, in bytes (widget.web.rendering.SkeletonCache).
    page_cache_bytes: int = PAGE_CACHE_BYTES

    @cached_property
    def locales(self) -> tuple[LocaleInfo, ...]:
        """The languages served: the shipped ones, and the pseudo-locale in debug."""
        return available_locales(self.debug)

    @classmethod
    def from_environment(cls) -> Settings:
        region = os.environ.get("WIDGET_REGION", "").strip().upper() or None
        if region is not None and region not in REGIONS_BY_CODE:
            raise SystemExit(f"WIDGET_REGION={region!r} is not a known region")
        partners: dict[str, Partner] = {}
        if path := partners_file():
            try:
                partners = load_partners(path)
            except PartnerConfigError as error:
                raise SystemExit(f"WIDGET_PARTNERS={path}: {error}") from error
        public_url = os.environ.get("WIDGET_PUBLIC_URL", "").strip() or None
        if public_url and (problem := public_url_problem(public_url)):
            raise SystemExit(f"WIDGET_PUBLIC_URL={public_url!r} {problem}")
        proxies = os.environ.get("WIDGET_TRUSTED_PROXIES", "").split(",")
        max_in_flight = whole_number(MAX_IN_FLIGHT_VARIABLE, MAX_IN_FLIGHT)
        cache_mb = whole_number("WIDGET_PAGE_CACHE_MB", PAGE_CACHE_BYTES // MB)
        return cls(
            public_url=public_url,
            default_region=region,
            debug=os.environ.get("WIDGET_DEBUG") == "1",
            partners=partners,
            hsts=os.environ.get("WIDGET_HSTS") == "1",
            access_log=os.environ.get("WIDGET_ACCESS_LOG", "1") != "0",
            metrics=os.environ.get(METRICS_VARIABLE) == "1",
            trusted_proxies=tuple(item.strip() for item in proxies if item.strip()),
            max_in_flight=max_in_flight,
            page_cache_bytes=cache_mb * MB,
        )


def partners_file() -> str | None:
    """The partner configuration file named by WIDGET_PARTNERS (the server and
    the partner report both read it from here)."""
    return os.environ.get("WIDGET_PARTNERS", "").strip() or None


def whole_number(variable: str, default: int) -> int:
    """A setting that is a whole number of at least 1 (``default`` when unset)."""
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{variable}={value!r} must be a whole number of at least 1")
    return int(value)


def public_url_problem(value: str) -> str | None:
    """Why ``value`` is not an origin like https://check.example, or None."""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or f"{parts.scheme}://{parts.netloc}" != value
        or parts.username is not None
        or value.lower() != value
    ):
        return "must be the widget's public origin, like https://check.example (no path)"
    return None

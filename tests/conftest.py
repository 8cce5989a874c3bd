from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import settings
from starlette.testclient import TestClient

from tests.examples import INNER_LOOP
from widget.web.app import Settings, create_app

# `make check` (the inner loop) runs property tests with fewer examples (tests/examples.py).
settings.register_profile(INNER_LOOP, settings.get_profile("default"))

# What a test needs beyond Python, found by the fixture it uses: it must carry the
# marker, so that `make check` (-m "not browser and not wordpress and not prometheus")
# never starts Chromium, WordPress or Prometheus.
NEEDS = {"playwright": "browser", "site": "wordpress", "prometheus_binary": "prometheus"}


def missing_markers(items: Iterable[Any]) -> list[str]:
    return [
        f"{item.nodeid} uses the {fixture} fixture but is not marked {marker}"
        for item in items
        for fixture, marker in NEEDS.items()
        if fixture in item.fixturenames and item.get_closest_marker(marker) is None
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = missing_markers(items)
    if missing:
        raise pytest.UsageError("\n".join(missing))


@pytest.fixture(scope="session")
def app():
    return create_app(Settings(default_region="AU", debug=False))


@pytest.fixture
def client(app):
    return TestClient(app)

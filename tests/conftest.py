from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from widget.web.app import Settings, create_app


@pytest.fixture(scope="session")
def app():
    return create_app(Settings(default_region="AU", debug=False))


@pytest.fixture
def client(app):
    return TestClient(app)

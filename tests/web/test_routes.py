"""The route table (widget/web/routes.py): each route answers the methods it
declares and no other, and a 405 says exactly which (``Allow``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from widget.web.app import Settings, create_app
from widget.web.partners import load_partners

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
FORM = {"content-type": "application/x-www-form-urlencoded"}
PARAMETER = re.compile(r"\{([a-z_]+)(?::[a-z]+)?\}")
SAMPLE = {"partner_id": "demo", "id": "bleeding-in-pregnancy-check", "name": "css/widget.css"}


def sample_path(path: str) -> str:
    """A request path for a route's path (its parameters filled in)."""
    return PARAMETER.sub(lambda match: SAMPLE[match.group(1)], path)


@pytest.fixture(scope="module")
def partner_client() -> TestClient:
    partners = load_partners(ROOT / "partners.example.toml")
    return TestClient(create_app(Settings(default_region="AU", debug=False, partners=partners)))


def test_every_route_has_a_sample_path(partner_client):
    for route in partner_client.app.routes:
        assert "{" not in sample_path(route.path), route.path


def test_allow_lists_exactly_the_methods_that_answer(partner_client):
    """Walks every route × method: a method answers (anything but 405) exactly
    when the route table declares it, and every 405 names those methods."""
    for route in partner_client.app.routes:
        path = sample_path(route.path)
        answers = {}
        for method in METHODS:
            body = "lang=fr&region=GB&nav=start" if method == "POST" else ""
            answers[method] = partner_client.request(method, path, headers=FORM, content=body)
        answering = {method for method, response in answers.items() if response.status_code != 405}
        assert answering == set(route.methods), route.path
        for method, response in answers.items():
            if response.status_code == 405:
                assert set(response.headers["allow"].split(", ")) == answering, (route.path, method)


def test_a_405_page_keeps_the_emergency_line_and_the_reader_s_language(partner_client):
    for route in partner_client.app.routes:
        response = partner_client.delete(sample_path(route.path) + "?lang=fr&region=GB")
        assert response.status_code == 405
        if route.path == "/oembed":  # oEmbed's errors are small JSON objects
            assert response.json() == {"error": "use GET", "status": 405}
            continue
        assert response.headers["content-language"] == "fr", route.path
        assert 'href="tel:999"' in response.text, route.path


def test_labels_are_fixed_names_one_per_route(partner_client):
    labels = [route.label for route in partner_client.app.routes]
    assert len(set(labels)) == len(labels)
    for route in partner_client.app.routes:
        assert route.label == route.path or route.path.startswith(route.label + "/")

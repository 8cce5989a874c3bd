"""One set of handlers (widget/web/views/errors.py) answers every error on
every route: views raise, the handlers render the page with the emergency line."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.exceptions import HTTPException
from starlette.testclient import TestClient

from tests.asgi_driver import Driver
from widget.web.access_log import LOGGER_NAME
from widget.web.app import Settings, create_app
from widget.web.views import questionnaire

FORM = {"content-type": "application/x-www-form-urlencoded"}


def test_an_http_exception_raised_in_the_step_view_gets_its_page_not_a_500(monkeypatch, caplog):
    def refuse(submission):
        raise HTTPException(413)

    monkeypatch.setattr(questionnaire, "advance", refuse)
    client = TestClient(create_app(Settings(default_region="AU", debug=False)))
    with caplog.at_level(logging.INFO):
        response = client.post("/step?lang=fr", content="lang=en&nav=start", headers=FORM)
    assert response.status_code == 413
    assert response.headers["content-language"] == "fr"  # the query's language
    assert "Le formulaire était trop volumineux" in response.text
    assert 'href="tel:000"' in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    lines = [record.getMessage() for record in caplog.records if record.name == LOGGER_NAME]
    assert lines and lines[-1].startswith("POST /step 413 ")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", "/step", 499),
        ("POST", "/fhir/QuestionnaireResponse", 499),
        ("GET", "/", 200),  # reads no body: answers as usual
        ("POST", "/oembed", 405),  # reads no body either
    ],
)
def test_a_client_that_leaves_mid_body_is_handled_quietly_on_every_route(
    app, caplog, method, path, status
):
    """Anyone can do this at will: no error line, no 500 (no false alerts)."""
    driver = Driver(app)
    headers = [(b"content-type", FORM["content-type"].encode()), (b"content-length", b"1000")]
    # Its own loop in a thread: Playwright's sync API may keep one running here.
    try:
        with caplog.at_level(logging.INFO), ThreadPoolExecutor(1) as pool:
            call = pool.submit(
                driver.request, method, path.encode(), b"", headers, b"danger=none&weeks=", 1, True
            )
            reply = call.result()
    finally:
        driver.close()
    assert reply.status == status
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    lines = [record.getMessage() for record in caplog.records if record.name == LOGGER_NAME]
    assert len(lines) == 1
    assert lines[0].startswith(f"{method} {path} {status} "), lines
    assert " 500 " not in caplog.text

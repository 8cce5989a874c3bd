"""The access log: one clean line per request, never a query string or body."""

from __future__ import annotations

import logging

from starlette.testclient import TestClient

from widget.web.access_log import LOGGER_NAME, MAX_PATH_CHARS, loggable_path
from widget.web.app import Settings, create_app

FORM = {"content-type": "application/x-www-form-urlencoded"}


def test_a_request_is_logged_without_its_query_or_body(client, caplog):
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
        client.get("/?lang=en&region=AU&secret=canary-query")
        client.post("/step", content="danger=canary-body&nav=start", headers=FORM)
    lines = [record.getMessage() for record in caplog.records if record.name == LOGGER_NAME]
    assert lines[0].startswith("GET / 200 ") and lines[0].endswith("ms")
    assert lines[1].startswith("POST /step 400 ")
    assert "canary" not in caplog.text and "lang=" not in caplog.text


def test_paths_are_logged_on_one_bounded_line():
    assert loggable_path("/a b\r\nINFO forged") == "/a%20b%0D%0AINFO%20forged"
    assert loggable_path("/\u202e") == "/%E2%80%AE"
    assert len(loggable_path("/" + "x" * 5000)) == MAX_PATH_CHARS + 1


def test_the_access_log_can_be_turned_off(caplog, monkeypatch):
    monkeypatch.setenv("WIDGET_ACCESS_LOG", "0")
    settings = Settings.from_environment()
    assert not settings.access_log
    quiet = TestClient(create_app(settings))
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
        quiet.get("/")
    assert not [record for record in caplog.records if record.name == LOGGER_NAME]

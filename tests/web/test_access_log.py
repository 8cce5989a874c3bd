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


def test_the_server_s_own_line_is_what_logging_would_write(monkeypatch):
    """Where a server imports the app, configure_logging's handler is the only
    one, and lines are written without a LogRecord: the same line."""
    from widget.web import access_log

    widget_logger = logging.getLogger("widget")
    monkeypatch.setattr(widget_logger, "handlers", [])
    monkeypatch.setattr(widget_logger, "propagate", True)
    monkeypatch.setattr(access_log, "_own", [])
    level = widget_logger.level
    try:
        _check_the_server_s_own_line(access_log, widget_logger)
    finally:
        widget_logger.setLevel(level)  # and logging's per-logger caches are cleared


def _check_the_server_s_own_line(access_log, widget_logger):
    import io
    import time

    access_log.configure_logging()
    handler = widget_logger.handlers[0]
    handler.stream = io.StringIO()  # type: ignore[attr-defined]
    for _ in range(3):  # the same second for both lines (retried across a second's edge)
        started = int(time.time())
        access_log.log("POST", "/step x", 422, 1.25)
        record = logging.LogRecord(LOGGER_NAME, logging.INFO, "", 0, access_log.LINE, None, None)
        record.args = ("POST", "/step%20x", 422, 1.25)
        if int(record.created) == started:
            break
        handler.stream = io.StringIO()
    assert handler.stream.getvalue() == handler.format(record) + "\n"
    assert handler.stream.getvalue().endswith(" INFO widget.access: POST /step%20x 422 1.2ms\n")
    # Anyone else's handler gets every line through logging as before.
    captured: list[logging.LogRecord] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(record)

    logging.getLogger(LOGGER_NAME).addHandler(capture := Capture())
    try:
        access_log.log("GET", "/", 200, 0.5)
    finally:
        logging.getLogger(LOGGER_NAME).removeHandler(capture)
    assert [r.getMessage() for r in captured] == ["GET / 200 0.5ms"]
    assert handler.stream.getvalue().count("\n") == 2  # and, propagated, by ours once

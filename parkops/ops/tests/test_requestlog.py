"""Request ids, structured log lines and the Content-Security-Policy header."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.test import Client

from parkops.conftest import client_for
from parkops.ops.requestlog import JsonFormatter, RequestIdFilter, request_id_from


class _Collect(logging.Handler):
    """Formats each record as production does (the filter runs while the request is served)."""

    def __init__(self) -> None:
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@contextmanager
def _collected(logger: str = "parkops.request") -> Iterator[list[dict[str, object]]]:
    handler = _Collect()
    logging.getLogger(logger).addHandler(handler)
    try:
        yield handler.lines
    finally:
        logging.getLogger(logger).removeHandler(handler)


def test_it_answers_and_logs_a_fresh_request_id(alice: User) -> None:
    with _collected() as lines:
        response = client_for(alice).get("/enterprises/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = lines
    assert line["request_id"] == request_id
    assert line["user_id"] == str(alice.pk)
    assert line["message"] == "GET /enterprises/ 200"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/enterprises/", 200)
    assert isinstance(line["duration_ms"], float)


def test_it_keeps_a_proxys_well_formed_id_and_replaces_a_malformed_one(alice: User) -> None:
    client = client_for(alice)
    kept = client.get("/", headers={"X-Request-ID": "nginx-4f1c2a9b7e"})
    assert kept["X-Request-ID"] == "nginx-4f1c2a9b7e"
    replaced = client.get("/", headers={"X-Request-ID": 'bad id"\n{injected}'})
    assert replaced["X-Request-ID"] != 'bad id"\n{injected}'
    assert len(replaced["X-Request-ID"]) == 32
    assert request_id_from("short") != "short"


def test_records_of_other_loggers_carry_the_id_but_never_look_the_user_up() -> None:
    with _collected("parkops") as lines:
        response = Client().get("/accounts/login/")
    [line] = lines
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == "-"


def test_a_log_line_is_one_json_object_with_the_traceback() -> None:
    try:
        raise ValueError("坏数据")
    except ValueError:
        record = logging.LogRecord(
            "parkops.x", logging.ERROR, __file__, 1, "失败：%s", ("导入",), None
        )
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "失败：导入"
    assert entry["request_id"] == "-"
    assert entry["level"] == "ERROR"
    assert "ValueError: 坏数据" in entry["exc"]
    assert "\n" not in JsonFormatter().format(record).strip().replace("\\n", "")


def test_pages_carry_a_content_security_policy_without_inline_script(alice: User) -> None:
    policy = client_for(alice).get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy
    assert "'unsafe-inline'" not in directives["script-src"]
    assert Client().get("/accounts/login/")["Content-Security-Policy"] == policy


def test_djangos_report_of_an_error_response_carries_the_request_id(alice: User) -> None:
    with _collected("django.request") as lines:
        response = client_for(alice).get("/enterprises/999999/")
    assert response.status_code == 404
    [line] = lines
    assert line["request_id"] == response["X-Request-ID"]
    assert "request" not in line

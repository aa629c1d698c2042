"""Structured logs with request ids.

Every request gets an id: the proxy's `X-Request-ID` when it sent a well-formed one (so nginx's
`$request_id` ties its access log to ours), otherwise a fresh one. The id is answered in the
response's `X-Request-ID` header, attached to every log record written while the request is
served (by any logger, through `RequestIdFilter`), and one line per request records method,
path, status, duration and user. `JsonFormatter` writes one JSON object per line, which is what a
log collector on several app servers reads; `PARKOPS_LOG_FORMAT=text` gives a readable line.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import empty

Handler = Callable[[HttpRequest], HttpResponseBase]

HEADER = "X-Request-ID"
# A proxy's id is taken only if it looks like one: no spaces, quotes or control characters can
# reach the logs through it.
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

_request_id: ContextVar[str] = ContextVar("parkops_request_id", default="-")
_request: ContextVar[HttpRequest | None] = ContextVar("parkops_request", default=None)

access_log = logging.getLogger("parkops.request")


def current_request_id() -> str:
    """The id of the request being served, or "-" outside a request (a job, a command)."""
    return _request_id.get()


def request_id_from(header: str | None) -> str:
    if header and _WELL_FORMED.match(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Names the request, logs one line when it is answered and returns the id to the client."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_from(request.headers.get(HEADER))
        request.parkops_request_id = request_id  # type: ignore[attr-defined]
        id_token = _request_id.set(request_id)
        request_token = _request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.get_full_path(),
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _request.reset(request_token)
            _request_id.reset(id_token)


def _user_id() -> str:
    """The signed-in user's id, if the request has already looked its user up. Logging never
    triggers the session and user queries itself."""
    request = _request.get()
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    return str(user.pk) if user.is_authenticated else "-"


class RequestIdFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record, whichever logger wrote it."""

    def filter(self, record: logging.LogRecord) -> bool:
        # django.request reports an error response after the middleware has returned: its record
        # carries the request, which carries the id.
        logged = getattr(record, "request", None)
        record.request_id = getattr(logged, "parkops_request_id", None) or _request_id.get()
        record.user_id = _user_id()
        return True


# Attributes every LogRecord has; what is not among them came from `extra=` and is logged too.
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "user_id",
    "request",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request id, user,
    the record's `extra` fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "user_id": getattr(record, "user_id", "-"),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

"""The request being served, so that a signal receiver knows who acted and from where.

Set by AuditMiddleware for the length of a request; empty in commands and at migrate time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest

_current_request: ContextVar[HttpRequest | None] = ContextVar("parkops_request", default=None)


def current_request() -> HttpRequest | None:
    return _current_request.get()


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)

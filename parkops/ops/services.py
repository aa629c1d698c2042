"""Writes of the ops app: audit records."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest

from parkops.ops.choices import AuditKind
from parkops.ops.context import current_request
from parkops.ops.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: a forwarded header is the client's word unless the proxy is trusted.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    kind: AuditKind,
    request: HttpRequest | None = None,
    user: AbstractBaseUser | AnonymousUser | None = None,
    username: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Store one audit event. The request defaults to the one being served (none in commands)."""
    request = request if request is not None else current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    actor = user if isinstance(user, User) and user.is_authenticated else None
    return AuditEvent.objects.create(
        kind=kind,
        user=actor,
        username=username or (actor.get_username() if actor is not None else ""),
        ip_address=_client_ip(request),
        path=request.path[:500] if request is not None else "",
        query=request.META.get("QUERY_STRING", "") if request is not None else "",
        detail=detail or {},
    )

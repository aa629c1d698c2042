"""Pages of the ops app: the audit log, and the login page shown to a locked-out account."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from parkops.ops import selectors
from parkops.ops.filtersets import AuditEventFilterSet
from parkops.ops.tables import AuditEventTable


def lockout(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response: the login page again, saying why and for how long (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"form": AuthenticationForm(request), "locked_out": True, "cooloff_minutes": minutes}
    return render(request, "registration/login.html", context, status=429)


def audit_list(request: HttpRequest) -> HttpResponse:
    if not selectors.audit_readable_by(request.user):
        raise PermissionDenied
    filterset = AuditEventFilterSet(request.GET, queryset=selectors.audit_events())
    table = AuditEventTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": settings.PARKOPS_PAGE_SIZE}).configure(table)
    template = "registry/_results.html" if request.htmx else "ops/audit_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"filter": filterset, "table": table})

"""Pages of the ops app: the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parkops.common.pages import table_paginate
from parkops.ops import selectors
from parkops.ops.filtersets import AuditEventFilterSet
from parkops.ops.tables import AuditEventTable


def audit_list(request: HttpRequest) -> HttpResponse:
    if not selectors.audit_readable_by(request.user):
        raise PermissionDenied
    filterset = AuditEventFilterSet(request.GET, queryset=selectors.audit_events())
    table = AuditEventTable(filterset.qs)
    table_paginate(request, table)
    template = "registry/_results.html" if request.htmx else "ops/audit_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"filter": filterset, "table": table})

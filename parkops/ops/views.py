"""Pages of the ops app: the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from parkops.common.lists import list_page
from parkops.ops import selectors
from parkops.ops.filtersets import AuditEventFilterSet
from parkops.ops.tables import AuditEventTable


def audit_list(request: HttpRequest) -> HttpResponse:
    if not selectors.audit_readable_by(request.user):
        raise PermissionDenied
    filterset = AuditEventFilterSet(request.GET, queryset=selectors.audit_events())
    return list_page(request, "ops/audit_list.html", filterset, AuditEventTable(filterset.qs))

"""Operational middleware: health probes, no caching of logged-in pages, the export audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils.cache import add_never_cache_headers

from parkops.core.xlsx import XLSX_CONTENT_TYPE
from parkops.ops.choices import AuditKind
from parkops.ops.context import serving
from parkops.ops.health import readiness
from parkops.ops.services import audit_record

Handler = Callable[[HttpRequest], HttpResponseBase]


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before sessions, login, host checks and the SSL redirect.

    First in MIDDLEWARE, so a probe over plain HTTP to an internal address gets its answer, and
    /healthz never touches the database.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path_info.rstrip("/")
        if path == "/healthz":
            response: HttpResponseBase = JsonResponse({"status": "ok"})
        elif path == "/readyz":
            ready, checks = readiness()
            body = {"status": "ok" if ready else "fail", "checks": checks}
            response = JsonResponse(body, status=200 if ready else 503)
        else:
            return self.get_response(request)
        add_never_cache_headers(response)
        return response


class AuditMiddleware:
    """Keeps the request at hand for the audit receivers, and after the view:

    - a logged-in user's response is never stored by a browser or proxy (`no-store`); static
      files never get here, whitenoise answers them earlier in the chain;
    - every .xlsx response (every export and template download, page or API) is an audit event
      with its path and query string, i.e. the filters of the exported list.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with serving(request):
            response = self.get_response(request)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
            if response.status_code == 200 and _is_xlsx(response):
                audit_record(
                    kind=AuditKind.EXPORT,
                    request=request,
                    detail=_export_detail(request, response),
                )
        return response


def _is_xlsx(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == XLSX_CONTENT_TYPE


def _export_detail(request: HttpRequest, response: HttpResponseBase) -> dict[str, Any]:
    return {
        "filters": {key: request.GET.getlist(key) for key in request.GET},
        "disposition": response.get("Content-Disposition", ""),
    }

"""The department's inbox, the 通报 list and the monthly bulletin."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.xlsx import xlsx_response
from parkops.common.years import YEAR_MAX, YEAR_MIN
from parkops.service import exports, selectors
from parkops.service.bulletin import bulletin
from parkops.service.views import VIEW


@permission_required(VIEW, raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    """The open requests of the user's departments, 超期 and 临期 first."""
    rows = selectors.inbox_by_urgency(user=request.user)
    departments = list(selectors.departments_of(request.user))
    return render(request, "service/inbox.html", {"rows": rows, "departments": departments})


def _leaders_only(request: HttpRequest) -> None:
    if not selectors.reads_all_requests(request.user):
        raise PermissionDenied(_("通报和月度通报只向镇领导和园区办展示。"))


@permission_required(VIEW, raise_exception=True)
def escalated(request: HttpRequest) -> HttpResponse:
    """通报: requests overdue past the supervision days, with the department that holds them."""
    _leaders_only(request)
    return render(
        request, "service/escalated.html", {"rows": selectors.bulletin_list(user=request.user)}
    )


def _month(request: HttpRequest) -> date:
    today = timezone.localdate()
    asked = request.GET.get("month", "")
    if not asked:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in asked.split("-"))
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(asked)
        return date(year, month, 1)
    except ValueError:
        messages.warning(request, _("月份须写作 YYYY-MM，如 2025-03；已显示本月"))
        return today.replace(day=1)


@permission_required(VIEW, raise_exception=True)
def monthly(request: HttpRequest) -> HttpResponse:
    _leaders_only(request)
    month = _month(request)
    by_department, by_road = bulletin(selectors.requests_visible_to(request.user), month)
    label = f"{month:%Y-%m}"
    if request.GET.get("format") == "xlsx":
        content = exports.bulletin_xlsx(label, by_department, by_road)
        return xlsx_response(content, f"{_('诉求月度通报')}-{label}")
    context = {"month": label, "by_department": by_department, "by_road": by_road}
    return render(request, "service/monthly.html", context)

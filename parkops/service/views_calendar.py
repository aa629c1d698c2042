"""The calendar's read page: which years the working-day clock can count in."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from parkops.service.selectors_calendar import calendar_year_list


@permission_required("service.view_calendaryear", raise_exception=True)
def calendar_years(request: HttpRequest) -> HttpResponse:
    years = list(calendar_year_list())
    this_year = timezone.localdate().year
    covered = {row.year for row in years}
    context = {
        "years": years,
        "missing": [y for y in (this_year, this_year + 1) if y not in covered],
    }
    return render(request, "service/calendar_years.html", context)

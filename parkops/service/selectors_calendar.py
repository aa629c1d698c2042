"""Reads of the working-day calendar table, and the engine built from it."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from parkops.core.workdays import WorkCalendar, YearCalendar
from parkops.service.calendar import CalendarDay, CalendarYear
from parkops.service.choices import CalendarDayKind


def work_calendar() -> WorkCalendar:
    """The engine over every year in the table; a date in any other year raises
    CalendarYearMissing, which the pages and the API turn into a Chinese message."""
    years = {c.year: c for c in CalendarYear.objects.all()}
    days: dict[int, tuple[set[date], set[date]]] = {year: (set(), set()) for year in years}
    # Plain tuples: some 800 days over the years chinesecalendar covers, read on every list page.
    for year, day, kind in CalendarDay.objects.values_list("calendar_year__year", "day", "kind"):
        holidays, makeups = days[year]
        (holidays if kind == CalendarDayKind.HOLIDAY else makeups).add(day)
    return WorkCalendar(
        YearCalendar(
            year=year,
            holidays=frozenset(days[year][0]),
            makeup_workdays=frozenset(days[year][1]),
            source=years[year].source,
        )
        for year in years
    )


def calendar_year_list() -> QuerySet[CalendarYear]:
    return CalendarYear.objects.annotate(
        holiday_count=Count("days", filter=Q(days__kind=CalendarDayKind.HOLIDAY)),
        makeup_count=Count("days", filter=Q(days__kind=CalendarDayKind.MAKEUP_WORKDAY)),
    ).order_by("year")

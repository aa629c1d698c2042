"""The calendar table: seeded from chinesecalendar, read into the engine, refusing missing years."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from parkops.conftest import client_for
from parkops.core.workdays import SHANGHAI, CalendarYearMissing
from parkops.service.calendar import CalendarDay, CalendarYear
from parkops.service.choices import CalendarDayKind
from parkops.service.selectors_calendar import work_calendar

pytestmark = pytest.mark.django_db


def test_it_is_seeded_for_2024_to_2026_with_their_make_up_saturdays() -> None:
    assert {2024, 2025, 2026} <= set(CalendarYear.objects.values_list("year", flat=True))
    calendar = work_calendar()
    # 2024-02-04 (Sunday) and 2025-04-27 (Sunday) were 调休 working days; 2025-10-01 a holiday.
    assert calendar.is_working_day(date(2024, 2, 4))
    assert calendar.is_working_day(date(2025, 4, 27))
    assert not calendar.is_working_day(date(2025, 10, 1))
    assert not calendar.is_working_day(date(2026, 2, 17))  # 春节 2026


def test_it_refuses_a_year_missing_from_the_table() -> None:
    assert not CalendarYear.objects.filter(year=2027).exists()  # chinesecalendar 1.11.0
    received = datetime(2026, 12, 30, 10, tzinfo=SHANGHAI)
    with pytest.raises(CalendarYearMissing, match="没有 2027 年的节假日安排"):
        work_calendar().deadline(received, 5)


def test_a_year_the_park_office_enters_is_used_at_once() -> None:
    year = CalendarYear.objects.create(year=2027, source="国办发明电〔2026〕示例")
    CalendarDay.objects.create(calendar_year=year, day=date(2027, 1, 1), kind="holiday")
    calendar = work_calendar()
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.is_working_day(date(2027, 1, 4))


def test_a_day_outside_its_year_or_a_weekday_make_up_is_refused() -> None:
    year = CalendarYear.objects.get(year=2025)
    with pytest.raises(ValidationError, match="不在 2025 年内"):
        CalendarDay(calendar_year=year, day=date(2024, 5, 1), kind="holiday").full_clean()
    with pytest.raises(ValidationError, match="本来就上班"):
        CalendarDay(
            calendar_year=year, day=date(2025, 5, 6), kind=CalendarDayKind.MAKEUP_WORKDAY
        ).clean()


def test_the_calendar_page_lists_the_covered_years(lena: User, charlie: User) -> None:
    response = client_for(lena).get("/service/calendar/")
    assert response.status_code == 200
    assert "2026" in response.content.decode()
    assert client_for(charlie).get("/service/calendar/").status_code == 403

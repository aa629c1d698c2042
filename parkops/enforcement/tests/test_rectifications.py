"""Rectifications: overdue on the working-day calendar, escalated like requests, overdue first."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.core.workdays import Escalation
from parkops.enforcement.choices import RectificationStatus, ReinspectionResult
from parkops.enforcement.rectifications import rectification_list, rectification_of
from parkops.enforcement.tests.factories import FindingFactory
from parkops.service.selectors_calendar import work_calendar

pytestmark = pytest.mark.django_db
# Due Tuesday 30 September 2025; 1–8 October are the National Day holiday, Saturday 11 October
# a make-up working day.
DUE = date(2025, 9, 30)


@pytest.mark.parametrize(
    ("today", "status", "days", "escalation"),
    [
        (date(2025, 9, 30), RectificationStatus.OPEN, 0, Escalation.NONE),
        (date(2025, 10, 8), RectificationStatus.OVERDUE, 0, Escalation.NONE),  # holiday only
        (date(2025, 10, 9), RectificationStatus.OVERDUE, 1, Escalation.SUPERVISION),
        (date(2025, 10, 13), RectificationStatus.OVERDUE, 4, Escalation.SUPERVISION),  # 9,10,11,13
        (date(2025, 10, 14), RectificationStatus.OVERDUE, 5, Escalation.SUPERVISION),
        (date(2025, 10, 15), RectificationStatus.OVERDUE, 6, Escalation.BULLETIN),
    ],
)
def test_overdue_working_days_escalate(
    today: date, status: RectificationStatus, days: int, escalation: Escalation
) -> None:
    row = rectification_of(FindingFactory(deadline=DUE), today, work_calendar())
    assert (row.status, row.overdue_days, row.escalation) == (status, days, escalation)


def test_a_passed_reinspection_ends_it_and_a_failed_one_keeps_counting() -> None:
    calendar = work_calendar()
    done = FindingFactory(
        deadline=DUE, reinspected_on=DUE, reinspection_result=ReinspectionResult.PASSED
    )
    failed = FindingFactory(
        deadline=DUE, reinspected_on=DUE, reinspection_result=ReinspectionResult.FAILED
    )
    assert rectification_of(done, date(2025, 10, 15), calendar).status == RectificationStatus.DONE
    row = rectification_of(failed, date(2025, 10, 15), calendar)
    assert (row.status, row.overdue_days) == (RectificationStatus.FAILED, 6)


def test_a_year_without_a_calendar_counts_calendar_days() -> None:
    row = rectification_of(
        FindingFactory(deadline=date(2026, 12, 30)), date(2027, 1, 5), work_calendar()
    )
    assert (row.overdue_days, row.calendar_days) == (6, True)


def test_the_list_puts_the_most_overdue_first(alice: User) -> None:
    open_ = FindingFactory(deadline=date(2099, 1, 1))
    a_bit = FindingFactory(deadline=date(2025, 10, 14))
    long = FindingFactory(deadline=date(2025, 9, 1))
    FindingFactory()  # no deadline: nothing to rectify
    rows = rectification_list(user=alice, today=date(2025, 10, 15))
    assert [r.finding for r in rows] == [long, a_bit, open_]
    page = client_for(alice).get("/enforcement/rectifications/?status=overdue")
    assert page.status_code == 200
    assert client_for(alice).get("/enforcement/rectifications/export.xlsx").status_code == 200

"""Status rules on dates around their boundaries, and done/overdue from enterprise-year data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.execution.choices import CultivationKind, InfraStatus, ListProgress, Milestone
from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProjectMilestone,
)
from parkops.execution.selectors import (
    behind_schedule,
    cultivation_list,
    infra_list,
    project_list,
    srdi_check,
    tech_projects_started,
)
from parkops.registry.choices import DesignationKind
from parkops.registry.models import Designation, Road
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db
LISTED = date(2024, 3, 11)


def _project(target: date, **milestone: object) -> KeyProject:
    project = KeyProject.objects.create(enterprise=EnterpriseFactory(), name="新建厂房项目")
    ProjectMilestone.objects.create(
        project=project, kind=Milestone.PRODUCTION, target_date=target, **milestone
    )
    return project


@pytest.mark.parametrize(
    ("today", "status", "days_late"),
    [(date(2025, 3, 31), "on_track", 0), (date(2025, 4, 1), "late", 1)],
)
def test_a_project_is_on_track_on_its_target_date_and_late_the_day_after(
    lena: User, today: date, status: str, days_late: int
) -> None:
    _project(date(2025, 3, 31))
    [row] = project_list(user=lena, today=today)
    assert row.state is not None
    assert (row.state.status, row.state.basis, row.state.days_late) == (
        status,
        "computed",
        days_late,
    )


def test_a_project_done_on_its_target_date_is_done_on_time(lena: User) -> None:
    _project(date(2025, 3, 31), achieved_on=date(2025, 3, 31))
    [row] = project_list(user=lena, today=date(2026, 1, 1))
    assert row.state is not None
    assert (row.state.status, row.state.days_late) == ("done", 0)


def test_a_reported_state_without_a_date_is_shown_as_reported(lena: User) -> None:
    _project(date(2023, 12, 22), achieved_undated=True, reported_status="late")
    [row] = project_list(user=lena, today=date(2026, 11, 26))
    assert row.state is not None
    assert (row.state.status, row.state.basis) == ("late", "reported")


def _entry(kind: CultivationKind, planned_year: int, **fields: object) -> CultivationEntry:
    enterprise = fields.pop("enterprise", None) or EnterpriseFactory()
    return CultivationEntry.objects.create(
        kind=kind, enterprise=enterprise, planned_year=planned_year, listed_on=LISTED, **fields
    )


def _progress(lena: User, entry: CultivationEntry, today: date) -> tuple[int | None, str]:
    row = cultivation_list(user=lena, today=today).get(pk=entry.pk)
    return row.done_year, row.progress  # type: ignore[attr-defined]


def test_an_above_scale_entry_is_done_in_the_first_year_revenue_reaches_2000(lena: User) -> None:
    entry = _entry(CultivationKind.ABOVE_SCALE, 2024)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2024, revenue=Decimal("1999.99"))
    assert _progress(lena, entry, date(2024, 12, 31)) == (None, ListProgress.PENDING)
    assert _progress(lena, entry, date(2025, 1, 1)) == (None, ListProgress.OVERDUE)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2025, revenue=Decimal("2000.00"))
    assert _progress(lena, entry, date(2025, 6, 1)) == (2025, ListProgress.DONE)


def test_a_year_before_the_listing_does_not_count(lena: User) -> None:
    entry = _entry(CultivationKind.ABOVE_SCALE, 2024)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2023, revenue=Decimal(5000))
    assert _progress(lena, entry, date(2024, 6, 1)) == (None, ListProgress.PENDING)


def test_an_srdi_entry_is_done_when_a_designation_is_recorded(lena: User) -> None:
    entry = _entry(CultivationKind.SRDI, 2025)
    Designation.objects.create(
        enterprise=entry.enterprise, kind=DesignationKind.SRDI, awarded_on=date(2023, 5, 1)
    )  # before the listing: not this entry's result
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.OVERDUE)
    Designation.objects.create(
        enterprise=entry.enterprise, kind=DesignationKind.SRDI, awarded_on=date(2025, 12, 31)
    )
    assert _progress(lena, entry, date(2026, 1, 1)) == (2025, ListProgress.DONE)


def test_a_tech_entry_is_done_when_its_project_starts(lena: User) -> None:
    entry = _entry(CultivationKind.TECH, 2025)
    assert _progress(lena, entry, date(2025, 12, 31)) == (None, ListProgress.PENDING)
    entry.started_on = date(2026, 2, 1)
    entry.save()
    assert _progress(lena, entry, date(2026, 3, 1)) == (2026, ListProgress.DONE)
    assert list(tech_projects_started(year=2026)) == [entry]
    assert list(tech_projects_started(year=2025)) == []


def test_srdi_criteria_use_the_latest_year(lena: User) -> None:
    entry = _entry(CultivationKind.SRDI, 2025)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2024, revenue=Decimal(500))
    EnterpriseYearFactory(
        enterprise=entry.enterprise, year=2025, revenue=Decimal(4000), rd_expense=Decimal(120)
    )
    check = srdi_check(entry=entry, today=date(2026, 1, 1))
    assert check.year == 2025
    assert [(c.key, c.check) for c in check.criteria] == [
        ("rd_amount", "met"),
        ("rd_share", "met"),  # 120 / 4000 = 3 %
        ("revenue", "met"),
        ("years", "unknown"),  # no production start date recorded
        ("score", "unknown"),
    ]


def test_infrastructure_budget_spend_and_lateness(alice: User) -> None:
    project = InfraProject.objects.create(
        name="道路修复工程",
        investment_wan=Decimal(60),
        content="路面修复",
        start_year=2024,
        finish_year=2024,
    )
    InfraSpend.objects.create(
        project=project, spent_on=date(2024, 5, 1), amount_wan=Decimal("40.5"), recorded_by=alice
    )
    InfraSpend.objects.create(
        project=project, spent_on=date(2024, 9, 1), amount_wan=Decimal("25"), recorded_by=alice
    )
    row = infra_list(today=date(2024, 12, 31)).get()
    assert (row.spent_wan, row.remaining_wan, row.schedule) == (  # type: ignore[attr-defined]
        Decimal("65.50"),
        Decimal("-5.50"),
        "on_track",
    )
    assert infra_list(today=date(2025, 1, 1)).get().schedule == "late"  # type: ignore[attr-defined]
    project.status, project.completed_on = InfraStatus.COMPLETED, date(2025, 2, 1)
    project.save()
    assert infra_list(today=date(2025, 3, 1)).get().schedule == "done"  # type: ignore[attr-defined]


def test_behind_schedule_gathers_every_late_item_within_the_users_scope(
    lena: User, rob: User, pingye: Road
) -> None:
    on_road = EnterpriseFactory(road=pingye)
    _project(date(2025, 1, 1))
    _entry(CultivationKind.TECH, 2024, enterprise=on_road)
    _entry(CultivationKind.TECH, 2026)
    InfraProject.objects.create(
        name="绿化改造工程",
        investment_wan=Decimal(30),
        content="绿化",
        start_year=2025,
        finish_year=2025,
    )
    everything = behind_schedule(user=lena, today=date(2026, 1, 1))
    assert (len(everything.projects), len(everything.entries), len(everything.infrastructure)) == (
        1,
        1,
        1,
    )
    road_only = behind_schedule(user=rob, today=date(2026, 1, 1))
    assert (len(road_only.projects), [e.enterprise for e in road_only.entries]) == (0, [on_road])

"""Status rules on dates around their boundaries, and done/overdue from enterprise-year data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.core.schedule import infra_schedule, list_progress
from parkops.execution.choices import CultivationKind, InfraStatus, ListProgress, Milestone
from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
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


def _project(
    target: date, reported_on: date | None = None, enterprise: object = None, **milestone: object
) -> KeyProject:
    project = KeyProject.objects.create(
        enterprise=enterprise or EnterpriseFactory(), name="新建厂房项目"
    )
    ProjectMilestone.objects.create(
        project=project, kind=Milestone.PRODUCTION, target_date=target, **milestone
    )
    if reported_on is not None:
        ProgressReport.objects.create(
            project=project, reported_on=reported_on, source="园区办", text="主体施工中"
        )
    return project


@pytest.mark.parametrize(
    ("today", "status", "days_late"),
    [(date(2025, 3, 31), "on_track", 0), (date(2025, 4, 1), "late", 1)],
)
def test_a_project_is_on_track_on_its_target_date_and_late_the_day_after(
    lena: User, today: date, status: str, days_late: int
) -> None:
    _project(date(2025, 3, 31), reported_on=date(2025, 4, 1))
    [row] = project_list(user=lena, today=today)
    assert row.state is not None
    assert (row.state.status, row.state.basis, row.state.days_late) == (
        status,
        "computed",
        days_late,
    )


@pytest.mark.parametrize(
    ("reported_on", "status"),
    [(None, "unreported"), (date(2025, 3, 31), "unreported"), (date(2025, 4, 1), "late")],
)
def test_a_project_past_its_target_is_late_only_once_a_later_report_shows_it(
    lena: User, reported_on: date | None, status: str
) -> None:
    _project(date(2025, 3, 31), reported_on=reported_on)
    [row] = project_list(user=lena, today=date(2025, 5, 1))
    assert row.state is not None
    assert (row.state.status, row.state.days_late) == (status, 31)
    assert [r.project for r in project_list(user=lena, today=date(2025, 5, 1), status=status)] == [
        row.project
    ]


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


def test_an_above_scale_entry_without_its_years_revenue_is_unreported_not_overdue(
    lena: User,
) -> None:
    entry = _entry(CultivationKind.ABOVE_SCALE, 2024)
    assert _progress(lena, entry, date(2025, 1, 1)) == (None, ListProgress.UNREPORTED)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2023, revenue=Decimal(800))
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2024, revenue=None)
    assert _progress(lena, entry, date(2025, 1, 1)) == (None, ListProgress.UNREPORTED)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2025, revenue=Decimal(900))
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.OVERDUE)


def test_a_year_before_the_listing_does_not_count(lena: User) -> None:
    entry = _entry(CultivationKind.ABOVE_SCALE, 2024)
    EnterpriseYearFactory(enterprise=entry.enterprise, year=2023, revenue=Decimal(5000))
    assert _progress(lena, entry, date(2024, 6, 1)) == (None, ListProgress.PENDING)


def test_an_srdi_entry_is_done_when_a_designation_is_recorded(lena: User) -> None:
    entry = _entry(CultivationKind.SRDI, 2025)
    Designation.objects.create(
        enterprise=entry.enterprise, kind=DesignationKind.SRDI, awarded_on=date(2023, 5, 1)
    )  # before the listing: not this entry's result, nor news of the 2025 designations
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.UNREPORTED)
    Designation.objects.create(
        enterprise=EnterpriseFactory(), kind=DesignationKind.SRDI, awarded_on=date(2025, 9, 1)
    )  # the park's 2025 designations are entered, and this one is not among them
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.OVERDUE)
    Designation.objects.create(
        enterprise=entry.enterprise, kind=DesignationKind.SRDI, awarded_on=date(2025, 12, 31)
    )
    assert _progress(lena, entry, date(2026, 1, 1)) == (2025, ListProgress.DONE)


def test_a_tech_entry_is_done_when_its_project_starts(lena: User) -> None:
    entry = _entry(CultivationKind.TECH, 2025)
    assert _progress(lena, entry, date(2025, 12, 31)) == (None, ListProgress.PENDING)
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.UNREPORTED)
    _entry(CultivationKind.TECH, 2025, started_on=date(2025, 4, 1))  # starts of 2025 entered
    assert _progress(lena, entry, date(2026, 1, 1)) == (None, ListProgress.OVERDUE)
    entry.started_on = date(2026, 2, 1)
    entry.save()
    assert _progress(lena, entry, date(2026, 3, 1)) == (2026, ListProgress.DONE)
    assert list(tech_projects_started(year=2026)) == [entry]
    assert [e.started_on for e in tech_projects_started(year=2025)] == [date(2025, 4, 1)]


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
    # Past its start year, still 未开工: nothing recorded after 2024 says how it stands.
    assert infra_list(today=date(2025, 1, 1)).get().schedule == "unreported"  # type: ignore[attr-defined]
    InfraSpend.objects.create(
        project=project, spent_on=date(2025, 1, 1), amount_wan=Decimal(1), recorded_by=alice
    )
    assert infra_list(today=date(2025, 1, 1)).get().schedule == "late"  # type: ignore[attr-defined]
    project.status, project.completed_on = InfraStatus.COMPLETED, date(2025, 2, 1)
    project.save()
    assert infra_list(today=date(2025, 3, 1)).get().schedule == "done"  # type: ignore[attr-defined]


def test_behind_schedule_gathers_every_late_item_within_the_users_scope(
    lena: User, rob: User, pingye: Road
) -> None:
    on_road = EnterpriseFactory(road=pingye)
    _project(date(2025, 1, 1), reported_on=date(2025, 6, 1))  # late
    _project(date(2025, 1, 1), enterprise=on_road)  # 待报送
    _entry(CultivationKind.TECH, 2024, enterprise=on_road)  # late: 2025's starts are entered
    _entry(CultivationKind.TECH, 2025, started_on=date(2025, 3, 1))
    _entry(CultivationKind.TECH, 2026)
    _entry(CultivationKind.ABOVE_SCALE, 2025)  # 待报送: no revenue reported
    greening = InfraProject.objects.create(
        name="绿化改造工程",
        investment_wan=Decimal(30),
        content="绿化",
        start_year=2025,
        finish_year=2025,
    )
    InfraProject.objects.create(
        name="道路修复工程", investment_wan=Decimal(60), content="路面", start_year=2024,
        finish_year=2024,
    )  # fmt: skip
    greening.note = (
        "2026 年初核实：尚未开工"  # an edit after its start year: the data shows it late
    )
    greening.save()
    everything = behind_schedule(user=lena, today=date(2026, 1, 1))
    assert (len(everything.projects), len(everything.entries), len(everything.infrastructure)) == (
        1,
        1,
        1,
    )
    assert [p.name for p in everything.infrastructure] == ["绿化改造工程"]
    unreported = everything.unreported
    assert (unreported.projects, unreported.entries, unreported.infrastructure) == (1, 1, 1)
    road_only = behind_schedule(user=rob, today=date(2026, 1, 1))
    assert (len(road_only.projects), [e.enterprise for e in road_only.entries]) == (0, [on_road])
    assert (road_only.unreported.projects, road_only.unreported.entries) == (1, 0)


@pytest.mark.parametrize("today", [date(2025, 12, 31), date(2026, 1, 1), date(2027, 1, 1)])
def test_the_lists_database_status_follows_the_core_rule(
    lena: User, alice: User, today: date
) -> None:
    """The list's status is a database expression (to filter and sort by it); on the same
    annotated facts it gives what core.schedule's rules give."""
    bare = _entry(CultivationKind.ABOVE_SCALE, 2025)
    small = _entry(CultivationKind.ABOVE_SCALE, 2025)
    EnterpriseYearFactory(enterprise=small.enterprise, year=2025, revenue=Decimal(1500))
    early = _entry(CultivationKind.ABOVE_SCALE, 2025)
    EnterpriseYearFactory(enterprise=early.enterprise, year=2024, revenue=Decimal(1500))
    _entry(CultivationKind.SRDI, 2025)
    _entry(CultivationKind.TECH, 2024)
    _entry(CultivationKind.TECH, 2025, started_on=date(2025, 6, 1))
    rows = list(cultivation_list(user=lena, today=today))
    assert len({r.progress for r in rows}) >= 2  # type: ignore[attr-defined]
    for row in rows:
        expected = list_progress(
            done_year=row.done_year,  # type: ignore[attr-defined]
            planned_year=row.planned_year,
            evidence_year=row.evidence_year,  # type: ignore[attr-defined]
            today=today,
        )
        assert row.progress == expected, row  # type: ignore[attr-defined]
    assert bare.pk in {r.pk for r in rows}
    for n, (start, finish, status) in enumerate(
        [(2024, 2025, InfraStatus.PLANNED), (2025, 2025, InfraStatus.IN_PROGRESS)]
    ):
        project = InfraProject.objects.create(
            name=f"工程{n}", investment_wan=Decimal(1), content="-", start_year=start,
            finish_year=finish, status=status,
        )  # fmt: skip
        InfraSpend.objects.create(
            project=project, spent_on=date(2025 + n, 1, 1), amount_wan=Decimal(1), recorded_by=alice
        )
    for p in infra_list(today=today):
        report_year = p.report_year  # type: ignore[attr-defined]
        expected_schedule = infra_schedule(
            started=p.status != InfraStatus.PLANNED,
            completed=p.status == InfraStatus.COMPLETED,
            start_year=p.start_year,
            finish_year=p.finish_year,
            last_report=date(report_year, 12, 31) if report_year else None,
            today=today,
        )
        assert p.schedule == expected_schedule, p  # type: ignore[attr-defined]

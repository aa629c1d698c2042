"""Reads of the plan's execution, scoped by role, with every status computed from dates and data.

Key projects are few, so their status is computed in Python by parkops.core.schedule. The lists
can be long and are filtered and sorted by status, so their status is a database expression that
follows the same core rules (list_progress, infra_schedule; tests hold the two together): past its
date an item is 滞后 only when data from after that date shows it, else 待报送.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from parkops.common.types import AnyUser
from parkops.core.schedule import Criterion as CriterionResult
from parkops.core.schedule import MilestoneState, Schedule, milestone_state, overall, srdi_criteria
from parkops.execution.choices import (
    CultivationKind,
    InfraStatus,
    ListProgress,
    ScheduleState,
)
from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
    ProjectMilestone,
)
from parkops.registry.choices import DesignationKind
from parkops.registry.models import Designation, EnterpriseYear
from parkops.registry.selectors import enterprises_visible_to


def _today(today: date | None) -> date:
    return today or timezone.localdate()


# --- key projects ("四早") -------------------------------------------------------------------
@dataclass(frozen=True)
class MilestoneRow:
    milestone: ProjectMilestone
    state: MilestoneState


@dataclass(frozen=True)
class ProjectRow:
    project: KeyProject
    milestones: list[MilestoneRow]
    state: MilestoneState | None
    latest_report: ProgressReport | None


def _milestone_row(
    milestone: ProjectMilestone, last_report: date | None, today: date
) -> MilestoneRow:
    reported = Schedule(milestone.reported_status) if milestone.reported_status else None
    state = milestone_state(
        target=milestone.target_date,
        achieved_on=milestone.achieved_on,
        achieved_undated=milestone.achieved_undated,
        reported=reported,
        last_report=last_report,
        today=today,
    )
    return MilestoneRow(milestone, state)


def _project_rows(projects: QuerySet[KeyProject], today: date) -> list[ProjectRow]:
    rows = []
    for project in projects.select_related("enterprise", "plan_mention").prefetch_related(
        "milestones", "reports"
    ):
        reports = list(project.reports.all())  # ordered newest first by Meta
        last = reports[0].reported_on if reports else None
        milestones = [_milestone_row(m, last, today) for m in project.milestones.all()]
        rows.append(
            ProjectRow(
                project=project,
                milestones=milestones,
                state=overall([m.state for m in milestones]),
                latest_report=reports[0] if reports else None,
            )
        )
    return rows


def projects_visible_to(user: AnyUser) -> QuerySet[KeyProject]:
    return KeyProject.objects.filter(enterprise__in=enterprises_visible_to(user))


def project_list(
    *, user: AnyUser, today: date | None = None, status: str = "", q: str = ""
) -> list[ProjectRow]:
    projects = projects_visible_to(user)
    if q:
        projects = projects.filter(Q(name__icontains=q) | Q(enterprise__name__icontains=q))
    rows = _project_rows(projects, _today(today))
    if status:
        rows = [r for r in rows if r.state is not None and r.state.status == status]
    return rows


def project_get(*, user: AnyUser, pk: int, today: date | None = None) -> ProjectRow:
    project = get_object_or_404(projects_visible_to(user), pk=pk)
    return _project_rows(KeyProject.objects.filter(pk=project.pk), _today(today))[0]


# --- cultivation lists (附件 2) -------------------------------------------------------------
def _done_on_expression() -> Case:
    """The date (or year's first day) on which the data shows the entry done, else NULL.

    规上: the first year from the listing year on with revenue ≥ 2,000 万元; 专精特新: the first
    designation awarded on or after the listing date; 技改: the project's start date.
    """
    first_above_scale = (
        EnterpriseYear.objects.filter(
            enterprise=OuterRef("enterprise"),
            is_above_scale=True,
            year__gte=ExtractYear(OuterRef("listed_on")),
        )
        .order_by("year")
        .values("year")[:1]
    )
    first_designation = (
        Designation.objects.filter(
            enterprise=OuterRef("enterprise"),
            kind=DesignationKind.SRDI,
            awarded_on__gte=OuterRef("listed_on"),
        )
        .order_by("awarded_on")
        .values("awarded_on")[:1]
    )
    return Case(
        When(kind=CultivationKind.ABOVE_SCALE, then=Subquery(first_above_scale)),
        When(kind=CultivationKind.SRDI, then=ExtractYear(Subquery(first_designation))),
        When(kind=CultivationKind.TECH, then=ExtractYear("started_on")),
    )


def _evidence_year_expression() -> Case:
    """The latest year of the data that would show an entry done (core.schedule.list_progress).

    规上: the enterprise's latest year with its revenue reported. 专精特新 and 技改: the latest
    year of any designation (技改 start) recorded in the park — once a year's designations (starts)
    are entered, an entry without one is late; before, nobody can tell."""
    revenue_reported = (
        EnterpriseYear.objects.filter(enterprise=OuterRef("enterprise"), revenue__isnull=False)
        .order_by("-year")
        .values("year")[:1]
    )
    latest_designation = (
        Designation.objects.filter(kind=DesignationKind.SRDI)
        .order_by("-awarded_on")
        .values("awarded_on")[:1]
    )
    latest_start = (
        CultivationEntry.objects.filter(kind=CultivationKind.TECH, started_on__isnull=False)
        .order_by("-started_on")
        .values("started_on")[:1]
    )
    return Case(
        When(kind=CultivationKind.ABOVE_SCALE, then=Subquery(revenue_reported)),
        When(kind=CultivationKind.SRDI, then=ExtractYear(Subquery(latest_designation))),
        When(kind=CultivationKind.TECH, then=ExtractYear(Subquery(latest_start))),
    )


def cultivation_list(*, user: AnyUser, today: date | None = None) -> QuerySet[CultivationEntry]:
    """Every visible entry with `done_year`, `evidence_year` and `progress` (a ListProgress
    value, by core.schedule.list_progress) annotated."""
    year = _today(today).year
    return (
        CultivationEntry.objects.filter(enterprise__in=enterprises_visible_to(user))
        .select_related("enterprise", "plan_mention")
        .annotate(done_year=_done_on_expression(), evidence_year=_evidence_year_expression())
        .annotate(
            progress=Case(
                When(done_year__isnull=False, then=Value(ListProgress.DONE)),
                When(planned_year__gte=year, then=Value(ListProgress.PENDING)),
                When(
                    evidence_year__gte=F("planned_year"),
                    then=Value(ListProgress.OVERDUE),
                ),
                default=Value(ListProgress.UNREPORTED),
                output_field=CharField(),
            )
        )
    )


def cultivation_get(*, user: AnyUser, pk: int, today: date | None = None) -> CultivationEntry:
    return get_object_or_404(cultivation_list(user=user, today=today), pk=pk)


@dataclass(frozen=True)
class SrdiCheck:
    year: int | None  # the year whose figures were used
    criteria: list[CriterionResult]


def srdi_check(*, entry: CultivationEntry, today: date | None = None) -> SrdiCheck:
    """Which national 专精特新 criteria the enterprise's latest figures already meet."""
    latest = entry.enterprise.years.order_by("-year").first()
    return SrdiCheck(
        year=latest.year if latest else None,
        criteria=srdi_criteria(
            revenue=latest.revenue if latest else None,
            rd_expense=latest.rd_expense if latest else None,
            started_on=entry.enterprise.production_started_on,
            today=_today(today),
        ),
    )


def tech_projects_started(*, year: int) -> QuerySet[CultivationEntry]:
    """技改 projects that started in the year (indicator 6)."""
    return CultivationEntry.objects.filter(
        kind=CultivationKind.TECH, started_on__year=year
    ).select_related("enterprise")


# --- infrastructure (附件 4) ----------------------------------------------------------------
_MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)


def _infra_report_year() -> Greatest:
    """The year something was last recorded on the project: its latest spend or the latest
    edit of its record (its creation by the plan's loader does not count)."""
    spend = InfraSpend.objects.filter(project=OuterRef("pk")).order_by("-spent_on")
    edit = InfraProject.history.model.objects.filter(id=OuterRef("pk"), history_type="~")
    spend_year = ExtractYear(Subquery(spend.values("spent_on")[:1]))
    edit_year = ExtractYear(Subquery(edit.order_by("-history_date").values("history_date")[:1]))
    # GREATEST skips NULLs on PostgreSQL but not on SQLite: coalesce each side with the other.
    return Greatest(Coalesce(spend_year, edit_year), Coalesce(edit_year, spend_year))


def infra_list(*, today: date | None = None) -> QuerySet[InfraProject]:
    """Every project with `spent_wan`, `remaining_wan`, `report_year` and `schedule` (a
    ScheduleState, by core.schedule.infra_schedule) annotated.

    Past its deadline (the start year while 未开工, else the finish year) a project not completed
    is 滞后 if a spend or an edit was recorded after that year, else 待报送. The whole park's
    infrastructure is visible to every role that may view it.
    """
    year = _today(today).year
    spent = (
        InfraProject.objects.filter(pk=OuterRef("pk"))
        .annotate(total=Sum("spends__amount_wan"))
        .values("total")[:1]
    )
    deadline = Case(
        When(status=InfraStatus.PLANNED, then=F("start_year")), default=F("finish_year")
    )
    return InfraProject.objects.annotate(
        spent_wan=Coalesce(Subquery(spent), Value(Decimal(0)), output_field=_MONEY),
        remaining_wan=F("investment_wan") - F("spent_wan"),
        deadline_year=deadline,
        report_year=_infra_report_year(),
    ).annotate(
        schedule=Case(
            When(status=InfraStatus.COMPLETED, then=Value(ScheduleState.DONE)),
            When(deadline_year__gte=year, then=Value(ScheduleState.ON_TRACK)),
            When(report_year__gt=F("deadline_year"), then=Value(ScheduleState.LATE)),
            default=Value(ScheduleState.UNREPORTED),
            output_field=CharField(),
        ),
    )


def infra_get(*, pk: int, today: date | None = None) -> InfraProject:
    return get_object_or_404(infra_list(today=today), pk=pk)


# --- behind schedule -------------------------------------------------------------------------
@dataclass(frozen=True)
class Unreported:
    """How many items are 待报送: past their date with no data to decide on."""

    projects: int
    entries: int
    infrastructure: int

    @property
    def count(self) -> int:
        return self.projects + self.entries + self.infrastructure


@dataclass(frozen=True)
class BehindSchedule:
    projects: list[ProjectRow]
    entries: list[CultivationEntry]
    infrastructure: list[InfraProject]
    unreported: Unreported

    @property
    def count(self) -> int:
        return len(self.projects) + len(self.entries) + len(self.infrastructure)


def behind_schedule(*, user: AnyUser, today: date | None = None) -> BehindSchedule:
    """Everything the data shows late, for the dashboard's "behind schedule" panel; and how
    many items are only 待报送, which the panel counts apart and never lists as late."""
    projects = [r for r in project_list(user=user, today=today) if r.state is not None]
    waiting = (ListProgress.OVERDUE, ListProgress.UNREPORTED)
    entries = list(
        cultivation_list(user=user, today=today)
        .filter(progress__in=waiting)  # type: ignore[misc]
        .order_by("planned_year", "kind")
    )
    infra = list(
        infra_list(today=today).filter(
            schedule__in=(ScheduleState.LATE, ScheduleState.UNREPORTED)  # type: ignore[misc]
        )
    )
    late_entries = [e for e in entries if e.progress == ListProgress.OVERDUE]  # type: ignore[attr-defined]
    late_infra = [p for p in infra if p.schedule == ScheduleState.LATE]  # type: ignore[attr-defined]
    return BehindSchedule(
        projects=[r for r in projects if r.state and r.state.status is Schedule.LATE],
        entries=late_entries,
        infrastructure=late_infra,
        unreported=Unreported(
            projects=sum(1 for r in projects if r.state and r.state.status is Schedule.UNREPORTED),
            entries=len(entries) - len(late_entries),
            infrastructure=len(infra) - len(late_infra),
        ),
    )


def cultivation_pending_count(*, kind: CultivationKind, year: int) -> int:
    """Entries of the whole park's list planned for the year whose data does not show them done
    (what the list still promises for the year, for the indicators' forecast)."""
    return (
        CultivationEntry.objects.filter(kind=kind, planned_year=year)
        .annotate(done_year=_done_on_expression())
        .filter(done_year__isnull=True)
        .count()
    )

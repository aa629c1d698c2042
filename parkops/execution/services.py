"""Writes of the plan's execution: loading the plan's annexes, progress reports, milestones,
cultivation entries and infrastructure spend. Each write is validated and keeps its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.common.versioning import record_save
from parkops.core.schedule import parse_plan_date
from parkops.execution.choices import CultivationKind, InfraStatus, Milestone, ScheduleStatus
from parkops.execution.models import (
    CultivationEntry,
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
    ProjectMilestone,
)
from parkops.plan import caojing
from parkops.plan.choices import PlanSource
from parkops.plan.models import PlanMention

PLAN_REASON = "载入《行动方案》附件（漕府〔2024〕11号）"
PLAN_SOURCE = f"{caojing.DOCUMENT_NUMBER} 附件 1"
PLAN_DATE = date.fromisoformat(caojing.ISSUED_ON)

# The plan's own words, matched as data (not through the translated labels, which follow the
# active language).
_MILESTONES = {
    "早开工": Milestone.START,
    "早投产": Milestone.PRODUCTION,
    "早达产": Milestone.FULL_PRODUCTION,
}
_STATES = {
    "正常": ScheduleStatus.ON_TRACK,
    "滞后": ScheduleStatus.LATE,
    "完成": ScheduleStatus.DONE,
}
_LISTS = {
    PlanSource.ANNEX_2_ABOVE_SCALE: CultivationKind.ABOVE_SCALE,
    PlanSource.ANNEX_2_SRDI: CultivationKind.SRDI,
    PlanSource.ANNEX_2_TECH: CultivationKind.TECH,
}


@transaction.atomic
def execution_plan_load() -> dict[str, int]:
    """Create the plan's annex 1, 2 and 4 records that are missing; never touch existing ones.

    Runs after plan_load, which stores each annex row as a PlanMention tied to its enterprise.
    """
    created = {"projects": 0, "cultivation": 0, "infrastructure": 0}
    for mention in PlanMention.objects.filter(source=PlanSource.ANNEX_1, key_project=None):
        _project_from_plan(mention)
        created["projects"] += 1
    for mention in PlanMention.objects.filter(source__in=_LISTS, cultivation_entry=None):
        record_save(
            CultivationEntry(
                kind=_LISTS[PlanSource(mention.source)],
                enterprise=mention.enterprise,
                planned_year=mention.facts["planned_year"],
                listed_on=PLAN_DATE,
                predicted_output_wan=mention.facts.get("predicted_output_wan"),
                plan_mention=mention,
            ),
            reason=PLAN_REASON,
        )
        created["cultivation"] += 1
    for item in caojing.INFRASTRUCTURE:
        if InfraProject.objects.filter(plan_row=item.row).exists():
            continue
        record_save(
            InfraProject(
                name=item.name,
                plan_row=item.row,
                investment_wan=item.investment_wan,
                content=item.content,
                start_year=item.start_year,
                finish_year=item.finish_year,
            ),
            reason=PLAN_REASON,
        )
        created["infrastructure"] += 1
    return created


def _project_from_plan(mention: PlanMention) -> None:
    facts = mention.facts
    project = record_save(
        KeyProject(enterprise=mention.enterprise, name=facts["project"], plan_mention=mention),
        reason=PLAN_REASON,
    )
    target, precision = parse_plan_date(facts["schedule"])
    # "已开工" against 早开工, with no date: the milestone is reached, its date unknown, and its
    # state stays as the plan reported it.
    reached = facts["progress"].startswith("已" + facts["milestone"].removeprefix("早"))
    record_save(
        ProjectMilestone(
            project=project,
            kind=_MILESTONES[facts["milestone"]],
            target_date=target,
            target_precision=precision,
            target_text=facts["schedule"],
            achieved_undated=reached,
            reported_status=_STATES[facts["state"]],
        ),
        reason=PLAN_REASON,
    )
    report = ProgressReport(
        project=project,
        reported_on=PLAN_DATE,
        source=PLAN_SOURCE,
        status=_STATES[facts["state"]],
        text=facts["progress"],
    )
    report.full_clean()
    report.save()


def progress_report_add(
    *, project: KeyProject, author: User, reported_on: date, status: str, text: str
) -> ProgressReport:
    report = ProgressReport(
        project=project, author=author, reported_on=reported_on, status=status, text=text
    )
    report.full_clean()
    report.save()
    return report


def milestone_update(
    *, milestone: ProjectMilestone, data: dict[str, Any], version: str | None = None
) -> ProjectMilestone:
    for field in ("target_date", "achieved_on", "achieved_undated", "reported_status"):
        if field in data:
            setattr(milestone, field, data[field])
    return record_save(
        milestone,
        reason=str(data.get("reason") or ""),
        version=version,
        missing_reason=_("修改节点须说明修改原因"),
    )


def cultivation_entry_update(
    *, entry: CultivationEntry, data: dict[str, Any], reason: str, version: str | None = None
) -> CultivationEntry:
    for field in ("planned_year", "predicted_output_wan", "project_name", "started_on", "note"):
        if field in data:
            setattr(entry, field, data[field])
    return record_save(
        entry, reason=reason, version=version, missing_reason=_("修改清单条目须说明修改原因")
    )


@transaction.atomic
def infra_spend_add(
    *,
    project: InfraProject,
    user: User,
    spent_on: date,
    amount_wan: Decimal,
    note: str = "",
    started_on: date | None = None,
) -> InfraSpend:
    """Record a spend. With `started_on`, a project still marked 未开工 is set 实施中 from that
    day in the same write (the spend form asks whether it has started)."""
    if started_on is not None and project.status == InfraStatus.PLANNED:
        project.status = InfraStatus.IN_PROGRESS
        project.started_on = started_on
        record_save(project, reason=_("录入支出时确认已开工"))
    return record_save(
        InfraSpend(
            project=project, spent_on=spent_on, amount_wan=amount_wan, note=note, recorded_by=user
        ),
        reason="录入支出",
    )


INFRA_EDITABLE = ("status", "started_on", "completed_on", "note")


@transaction.atomic
def infra_project_update(
    *, project: InfraProject, data: dict[str, Any], reason: str, version: str | None = None
) -> InfraProject:
    """Set a project's status and its start and completion dates: a reason is required, a
    stale `version` refused; 实施中 and 已完工 need the start date, 已完工 the completion date."""
    unknown = set(data) - set(INFRA_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in data.items():
        setattr(project, field, value)
    return record_save(
        project,
        reason=reason.strip(),
        version=version,
        missing_reason=_("修改项目状态或日期须说明修改原因"),
    )


@transaction.atomic
def key_project_create(
    *, enterprise: Any, name: str, milestone: str, target_date: date, note: str = ""
) -> KeyProject:
    """A new key project with the first milestone it aims at."""
    project = record_save(
        KeyProject(enterprise=enterprise, name=name, note=note), reason="新增项目"
    )
    record_save(
        ProjectMilestone(project=project, kind=milestone, target_date=target_date),
        reason="新增项目",
    )
    return project


def cultivation_entry_create(*, data: dict[str, Any], listed_on: date) -> CultivationEntry:
    return record_save(CultivationEntry(listed_on=listed_on, **data), reason="新增清单条目")


@transaction.atomic
def key_project_open(
    *, enterprise: Any, name: str, targets: dict[str, date], note: str = "", reason: str
) -> KeyProject:
    """A new key project with a target date for each 四早 milestone given (a project that
    lands from the attraction pipeline comes with all three)."""
    project = record_save(KeyProject(enterprise=enterprise, name=name, note=note), reason=reason)
    for kind, target in targets.items():
        record_save(
            ProjectMilestone(project=project, kind=Milestone(kind), target_date=target),
            reason=reason,
        )
    return project

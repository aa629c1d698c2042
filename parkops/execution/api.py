"""The execution JSON API: the same selectors, filters and services as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.common.api import ErrorOut, Pagination, require
from parkops.common.types import AuthedHttpRequest
from parkops.execution import selectors, services
from parkops.execution.choices import SRDI_CRITERIA, CultivationKind
from parkops.execution.filtersets import CultivationFilterSet, InfraFilterSet
from parkops.execution.models import CultivationEntry
from parkops.execution.schemas import (
    CultivationOut,
    InfraOut,
    ProjectOut,
    ReportIn,
    ReportOut,
    SpendIn,
    SpendOut,
)
from parkops.execution.selectors import MilestoneRow, ProjectRow

router = Router(tags=["execution"])


def _state(state: Any) -> dict[str, Any] | None:
    if state is None:
        return None
    return {"status": state.status.value, "basis": state.basis.value, "days_late": state.days_late}


def _milestone(row: MilestoneRow) -> dict[str, Any]:
    m = row.milestone
    return {
        "id": m.pk, "kind": m.kind, "target_date": m.target_date,
        "target_precision": m.target_precision, "target_text": m.target_text,
        "achieved_on": m.achieved_on, "achieved_undated": m.achieved_undated,
        "reported_status": m.reported_status, "state": _state(row.state),
    }  # fmt: skip


def _report(r: Any) -> dict[str, Any]:
    author = str(r.author) if r.author_id else r.source
    return {
        "id": r.pk,
        "reported_on": r.reported_on,
        "author": author,
        "status": r.status,
        "text": r.text,
    }


def _project(row: ProjectRow) -> dict[str, Any]:
    p = row.project
    return {
        "id": p.pk, "enterprise_id": p.enterprise_id, "enterprise": p.enterprise.name,
        "name": p.name, "state": _state(row.state),
        "milestones": [_milestone(m) for m in row.milestones],
        "reports": [_report(r) for r in p.reports.all()],
    }  # fmt: skip


@router.get("/projects", response=list[ProjectOut], summary="“四早”项目")
def list_projects(request: HttpRequest, status: str = "", q: str = "") -> Any:
    """Each project with its milestones, their computed state (status, basis, days late) and reports."""
    require(request, "execution.view_keyproject")
    return [_project(r) for r in selectors.project_list(user=request.user, status=status, q=q)]


@router.get("/projects/{pk}", response=ProjectOut, summary="“四早”项目详情")
def get_project(request: HttpRequest, pk: int) -> Any:
    require(request, "execution.view_keyproject")
    return _project(selectors.project_get(user=request.user, pk=pk))


@router.post(
    "/projects/{pk}/reports", response={201: ReportOut, 422: ErrorOut}, summary="记录推进报告"
)
def add_report(request: AuthedHttpRequest, pk: int, payload: ReportIn) -> Any:
    require(request, "execution.add_progressreport")
    row = selectors.project_get(user=request.user, pk=pk)
    report = services.progress_report_add(
        project=row.project, author=request.user, **payload.dict()
    )
    return Status(201, _report(report))


def _entry(e: CultivationEntry) -> dict[str, Any]:
    return {
        "id": e.pk, "kind": e.kind, "enterprise_id": e.enterprise_id,
        "enterprise": e.enterprise.name, "planned_year": e.planned_year,
        "listed_on": e.listed_on, "predicted_output_wan": e.predicted_output_wan,
        "project_name": e.project_name, "started_on": e.started_on,
        "done_year": e.done_year, "progress": e.progress,  # type: ignore[attr-defined]
        "plan_row": e.plan_mention.row if e.plan_mention else None,
    }  # fmt: skip


@router.get("/cultivation", response=list[CultivationOut], summary="培育清单")
@paginate(Pagination, page_size=50)
def list_cultivation(request: HttpRequest) -> Any:
    """Filters as on the page: q, kind, planned_year, progress (pending / done / overdue / unreported: 待报送)."""
    require(request, "execution.view_cultivationentry")
    qs = selectors.cultivation_list(user=request.user)
    entries = CultivationFilterSet(request.GET, queryset=qs).qs.order_by(
        "kind", "planned_year", "pk"
    )
    return [_entry(e) for e in entries]


class CriterionOut(Schema):
    key: str
    label: str
    check: str
    value: str


class CultivationDetailOut(CultivationOut):
    srdi_year: int | None = None
    srdi_criteria: list[CriterionOut] = []


@router.get("/cultivation/{pk}", response=CultivationDetailOut, summary="培育清单条目")
def get_cultivation(request: HttpRequest, pk: int) -> Any:
    """For a 专精特新 candidate, also which national criteria its latest figures meet."""
    require(request, "execution.view_cultivationentry")
    entry = selectors.cultivation_get(user=request.user, pk=pk)
    data = _entry(entry)
    if entry.kind == CultivationKind.SRDI:
        check = selectors.srdi_check(entry=entry)
        data["srdi_year"] = check.year
        data["srdi_criteria"] = [
            {
                "key": c.key,
                "label": str(SRDI_CRITERIA[c.key]),
                "check": c.check.value,
                "value": c.value,
            }
            for c in check.criteria
        ]
    return data


@router.get("/infrastructure", response=list[InfraOut], summary="基础设施项目")
def list_infrastructure(request: HttpRequest) -> Any:
    require(request, "execution.view_infraproject")
    return list(InfraFilterSet(request.GET, queryset=selectors.infra_list()).qs)


@router.post(
    "/infrastructure/{pk}/spends", response={201: SpendOut, 422: ErrorOut}, summary="记录支出"
)
def add_spend(request: AuthedHttpRequest, pk: int, payload: SpendIn) -> Any:
    require(request, "execution.add_infraspend")
    project = selectors.infra_get(pk=pk)
    spend = services.infra_spend_add(project=project, user=request.user, **payload.dict())
    return Status(201, spend)

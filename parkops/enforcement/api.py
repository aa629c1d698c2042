"""The enforcement JSON API: the same selectors, filters and services as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.accounts.models import Department
from parkops.common.api import ErrorOut, Pagination, require
from parkops.common.types import AuthedHttpRequest
from parkops.enforcement import rectifications, selectors, services
from parkops.enforcement.filtersets import (
    AccidentFilterSet,
    ControlEventFilterSet,
    InspectionFilterSet,
)
from parkops.enforcement.models import Accident, ControlEvent, Inspection
from parkops.enforcement.schemas import (
    AccidentOut,
    ControlEventOut,
    InspectionIn,
    InspectionOut,
    RectificationOut,
)
from parkops.registry.selectors import enterprises_visible_to

router = Router(tags=["enforcement"])


def _inspection(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk, "number": i.number, "enterprise_id": i.enterprise_id,
        "enterprise": i.enterprise.name, "inspected_on": i.inspected_on, "kind": i.kind,
        "lead_department": str(i.lead_department),
        "departments": [str(d) for d in i.departments.all()], "inspectors": i.inspectors,
        "items_checked": i.items_checked, "result": i.result, "findings": list(i.findings.all()),
        "penalties": [
            {**{f: getattr(p, f) for f in ("id", "decision_number", "kind", "amount",
                                           "amount_unit", "decided_on")},
             "department": str(p.department)}
            for p in i.penalties.all()
        ],
    }  # fmt: skip


@router.get("/enforcement/inspections", response=list[InspectionOut], summary="执法检查台账")
@paginate(Pagination, page_size=50)
def list_inspections(request: HttpRequest) -> Any:
    """Filters as on the page: q, kind, result, department, since, until."""
    require(request, "enforcement.view_inspection")
    qs = selectors.inspection_list(user=request.user).prefetch_related("penalties__department")
    return [_inspection(i) for i in InspectionFilterSet(request.GET, queryset=qs).qs]


@router.get("/enforcement/inspections/{pk}", response=InspectionOut, summary="检查记录")
def get_inspection(request: HttpRequest, pk: int) -> Any:
    require(request, "enforcement.view_inspection")
    return _inspection(selectors.inspection_get(user=request.user, pk=pk))


@router.post(
    "/enforcement/inspections",
    response={201: InspectionOut, 422: ErrorOut},
    summary="录入检查记录（含发现问题）",
)
def create_inspection(request: AuthedHttpRequest, payload: InspectionIn) -> Any:
    require(request, "enforcement.add_inspection")
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=payload.enterprise_id)
    lead = Department.objects.filter(pk=payload.lead_department_id).first()
    if lead is None:
        raise HttpError(422, _("牵头部门不存在"))
    data = payload.dict(exclude={"enterprise_id", "lead_department_id", "department_ids",
                                 "findings"})  # fmt: skip
    inspection = services.inspection_create(
        user=request.user,
        data={**data, "enterprise": enterprise, "lead_department": lead},
        departments=Department.objects.filter(pk__in=payload.department_ids),
        findings=[f.dict() for f in payload.findings],
    )
    return Status(201, _inspection(selectors.inspection_get(user=request.user, pk=inspection.pk)))


@router.get("/enforcement/rectifications", response=list[RectificationOut], summary="整改清单")
@paginate(Pagination, page_size=50)
def list_rectifications(request: HttpRequest, status: str = "") -> Any:
    """Overdue first; `overdue_days` in working days; escalation none / supervision / bulletin."""
    require(request, "enforcement.view_finding")
    rows = rectifications.rectification_list(
        user=request.user, today=timezone.localdate(), status=status
    )
    return [
        {
            "finding_id": r.finding.pk,
            "inspection_id": r.finding.inspection_id,
            "enterprise": r.finding.inspection.enterprise.name,
            "deadline": r.finding.deadline,
            "status": r.status.value,
            "overdue_days": r.overdue_days,
            "escalation": r.escalation.value,
        }
        for r in rows
    ]


def _accident(a: Accident) -> dict[str, Any]:
    return {
        "id": a.pk, "kind": a.kind, "enterprise_id": a.enterprise_id,
        "enterprise": a.enterprise.name, "occurred_on": a.occurred_on, "deaths": a.deaths,
        "serious_injuries": a.serious_injuries, "evacuated": a.evacuated,
        "direct_loss_wan": a.direct_loss_wan, "stated_grade": a.stated_grade, "grade": a.grade,
    }  # fmt: skip


@router.get("/enforcement/accidents", response=list[AccidentOut], summary="事故与突发环境事件")
@paginate(Pagination, page_size=50)
def list_accidents(request: HttpRequest) -> Any:
    require(request, "enforcement.view_accident")
    qs = selectors.accidents_visible_to(request.user).select_related("enterprise")
    return [_accident(a) for a in AccidentFilterSet(request.GET, queryset=qs).qs]


def _event(e: ControlEvent) -> dict[str, Any]:
    return {
        "id": e.pk, "enterprise_id": e.enterprise_id, "enterprise": e.enterprise.name,
        "kind": e.kind, "occurred_on": e.occurred_on, "source_document": e.source_document,
        "measure": e.measure, "handled_on": e.handled_on,
    }  # fmt: skip


@router.get("/enforcement/control-events", response=list[ControlEventOut], summary="管控事项")
@paginate(Pagination, page_size=50)
def list_control_events(request: HttpRequest) -> Any:
    require(request, "enforcement.view_controlevent")
    qs = selectors.control_events_visible_to(request.user).select_related("enterprise")
    return [_event(e) for e in ControlEventFilterSet(request.GET, queryset=qs).qs]

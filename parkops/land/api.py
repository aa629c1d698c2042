"""The land app's JSON API: the same selectors, filters and services as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import ModelSchema, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.common.api import ErrorOut, Pagination, Year, based_on, require
from parkops.common.versioning import version_of
from parkops.land import selectors, services
from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.filtersets import LandActionFilterSet
from parkops.land.models import BatchAssignment, LandAction

router = Router(tags=["land"])


class LandActionOut(ModelSchema):
    kind_label: str
    status_label: str
    version: str = ""

    @staticmethod
    def resolve_version(obj: LandAction) -> str:
        return version_of(obj)

    class Meta:
        model = LandAction
        fields = [
            "id", "kind", "method", "name", "plot", "enterprise", "address", "area_mu",
            "planned_year", "status", "completed_on", "follow_up_use", "plan_source", "plan_row",
        ]  # fmt: skip

    @staticmethod
    def resolve_kind_label(obj: LandAction) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: LandAction) -> str:
        return str(obj.get_status_display())


class LandActionPatch(Schema):
    status: LandActionStatus | None = None
    completed_on: date | None = None
    area_mu: Decimal | None = None
    planned_year: int | None = None
    follow_up_use: str | None = None
    note: str | None = None
    reason: str
    version: str | None = None


class CompletedLandOut(Schema):
    plot_id: int | None
    label: str
    area_mu: Decimal
    action_ids: list[int]


class FlagOut(Schema):
    kind: str
    label: str
    reason: str


class PlotFlagsOut(Schema):
    plot_id: int
    plot: str
    tax_per_mu_wan: Decimal | None
    flags: list[FlagOut]
    missing: list[str]


class ConflictOut(Schema):
    subject: str
    fact: str
    values: list[str]
    record_ids: list[int]


class BatchAssignmentOut(ModelSchema):
    workers_affected: int | None = None
    workers_resettled: int | None = None

    class Meta:
        model = BatchAssignment
        fields = ["id", "enterprise", "batch", "reason", "decided_on", "ended_on"]

    @staticmethod
    def resolve_workers_affected(obj: BatchAssignment) -> int | None:
        found = getattr(obj, "resettlement", None)
        return found.workers_affected if found else None

    @staticmethod
    def resolve_workers_resettled(obj: BatchAssignment) -> int | None:
        found = getattr(obj, "resettlement", None)
        return found.workers_resettled if found else None


@router.get("/land/actions", response=list[LandActionOut], summary="低效用地处置项目")
@paginate(Pagination, page_size=50)
def list_actions(request: HttpRequest) -> Any:
    """Filters as on the page: q, kind, status, planned_year."""
    require(request, "land.view_landaction")
    qs = selectors.actions_visible_to(request.user)
    return LandActionFilterSet(request.GET, queryset=qs).qs.order_by("kind", "planned_year", "pk")


@router.get("/land/actions/{pk}", response=LandActionOut, summary="处置项目详情")
def get_action(request: HttpRequest, pk: int) -> LandAction:
    require(request, "land.view_landaction")
    return selectors.action_get(user=request.user, pk=pk)


@router.patch(
    "/land/actions/{pk}",
    response={200: LandActionOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="更新处置项目",
)
def update_action(request: HttpRequest, pk: int, payload: LandActionPatch) -> Any:
    require(request, "land.change_landaction")
    action = selectors.action_get(user=request.user, pk=pk)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason")
    version = based_on(request, data.pop("version", None), stored=True)
    services.land_action_update(action=action, data=data, reason=reason, version=version)
    return Status(200, selectors.action_get(user=request.user, pk=pk))


@router.get("/land/completed", response=list[CompletedLandOut], summary="已完成腾退/提升（亩）")
def completed(request: HttpRequest, year: Year, kind: LandActionKind) -> Any:
    """Each plot once, in the year of its first completed action of the kind (indicators 7, 8)."""
    require(request, "land.view_landaction")
    return [
        {**entry.__dict__, "action_ids": list(entry.action_ids)}
        for entry in selectors.land_completed_visible_to(request.user, year=year, kind=kind)
    ]


@router.get("/land/flags", response=list[PlotFlagsOut], summary="低效用地认定")
def flags(request: HttpRequest, year: Year) -> Any:
    require(request, "land.view_landaction")
    return [
        {
            "plot_id": row.plot.pk,
            "plot": row.plot.name,
            "tax_per_mu_wan": row.result.tax_per_mu_wan,
            "flags": [
                {"kind": f.kind.value, "label": label, "reason": f.reason}
                for f, (label, _r) in zip(row.result.flags, row.labelled, strict=True)
            ],
            "missing": list(row.result.missing),
        }
        for row in selectors.plot_flags(user=request.user, year=year)
    ]


@router.get("/land/conflicts", response=list[ConflictOut], summary="清单冲突")
def conflicts(request: HttpRequest) -> Any:
    require(request, "land.view_landaction")
    found = [
        *selectors.action_conflicts(selectors.actions_visible_to(request.user)),
        *selectors.batch_conflicts(selectors.batches_visible_to(request.user)),
    ]
    return [
        {
            "subject": c.subject,
            "fact": c.fact,
            "values": [v for v, _r in c.values],
            "record_ids": [r.pk for _v, r in c.values],
        }
        for c in found
    ]


@router.get("/land/batches", response=list[BatchAssignmentOut], summary="三个一批")
def batches(request: HttpRequest) -> Any:
    require(request, "land.view_batchassignment")
    return selectors.batches_visible_to(request.user).order_by("batch", "-decided_on")

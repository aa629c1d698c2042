"""Writes of the land app: full_clean, atomic, history with a reason. Also loads 附件 3."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from parkops.common.versioning import record_save
from parkops.land.choices import PLAN_METHODS, LandActionKind, LandActionMethod
from parkops.land.models import (
    BatchAssignment,
    ControlListEntry,
    LandAction,
    PlotOccupant,
    PlotProgress,
    Resettlement,
)
from parkops.plan.choices import PlanSource
from parkops.plan.models import PlanMention

PLAN_REASON = "载入《行动方案》附件 3"

ANNEX_3_KINDS = {
    PlanSource.ANNEX_3_PLOTS: LandActionKind.REVITALISE,
    PlanSource.ANNEX_3_VACATE: LandActionKind.VACATE,
    PlanSource.ANNEX_3_UPGRADE: LandActionKind.UPGRADE,
}
ACTION_EDITABLE = (
    "kind", "method", "name", "plot", "enterprise", "address", "area_mu", "planned_year",
    "status", "completed_on", "follow_up_use", "note",
)  # fmt: skip


def _apply(record: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in data.items():
        setattr(record, name, value)


@transaction.atomic
def land_plan_load() -> int:
    """Create a LandAction for each row of 附件 3's three lists that has none yet.

    Idempotent: a row already loaded is left exactly as it is, edited or not. Each row keeps its
    own area and year as the plan writes them, so the plan's disagreements stay visible.
    """
    created = 0
    mentions = PlanMention.objects.filter(source__in=list(ANNEX_3_KINDS)).order_by("source", "row")
    for mention in mentions:
        if LandAction.objects.filter(plan_source=mention.source, plan_row=mention.row).exists():
            continue
        written = str(mention.facts.get("method", ""))
        method = PLAN_METHODS.get(written, LandActionMethod.OTHER)
        action = LandAction(
            kind=ANNEX_3_KINDS[PlanSource(mention.source)],
            method=method,
            name=mention.name_in_plan,
            plot=mention.plot,
            enterprise=mention.enterprise,
            address=str(mention.facts.get("address", "")),
            area_mu=Decimal(str(mention.facts["area_mu"])),
            planned_year=int(mention.facts["planned_year"]),
            follow_up_use=written if method == LandActionMethod.QUALITY_PROJECT else "",
            plan_source=mention.source,
            plan_row=mention.row,
        )
        record_save(action, reason=PLAN_REASON)
        created += 1
    return created


@transaction.atomic
def land_action_create(*, data: Mapping[str, Any], reason: str = "") -> LandAction:
    action = LandAction()
    _apply(action, data, ACTION_EDITABLE)
    return record_save(action, reason=reason or "新增处置项目")


@transaction.atomic
def land_action_update(
    *, action: LandAction, data: Mapping[str, Any], reason: str, version: str | None = None
) -> LandAction:
    _apply(action, data, ACTION_EDITABLE)
    return record_save(action, reason=reason, version=version)


@transaction.atomic
def plot_progress_save(
    *, progress: PlotProgress, reason: str, version: str | None = None
) -> PlotProgress:
    return record_save(progress, reason=reason, version=version)


@transaction.atomic
def control_entry_create(*, data: Mapping[str, Any], reason: str = "") -> ControlListEntry:
    return record_save(ControlListEntry(**data), reason=reason or "列入管控清单")


@transaction.atomic
def control_entry_update(
    *, entry: ControlListEntry, data: Mapping[str, Any], reason: str, version: str | None = None
) -> ControlListEntry:
    _apply(entry, data, ("kind", "plot", "enterprise", "listed_on", "reason", "measures",
                         "lifted_on", "lifted_reason"))  # fmt: skip
    return record_save(entry, reason=reason, version=version)


@transaction.atomic
def batch_assign(*, data: Mapping[str, Any], reason: str = "") -> BatchAssignment:
    return record_save(BatchAssignment(**data), reason=reason or "列入三个一批")


@transaction.atomic
def resettlement_save(
    *,
    assignment: BatchAssignment,
    data: Mapping[str, Any],
    reason: str = "",
    version: str | None = None,
) -> Resettlement:
    record = Resettlement.objects.filter(assignment=assignment).first()
    record = record or Resettlement(assignment=assignment)
    _apply(record, data, ("workers_affected", "workers_resettled", "methods"))
    return record_save(record, reason=reason or "更新职工分流安置", version=version)


@transaction.atomic
def plot_occupant_add(*, plot: Any, data: Mapping[str, Any], reason: str = "") -> PlotOccupant:
    return record_save(PlotOccupant(plot=plot, **data), reason=reason or "登记地块使用企业")

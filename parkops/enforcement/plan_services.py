"""Writes of joint inspection plans (联合执法计划) and their targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.accounts.models import Department
from parkops.common.versioning import record_delete, record_reason, record_save, record_write
from parkops.enforcement.choices import TargetOrigin
from parkops.enforcement.models import JointInspectionPlan, PlanTarget
from parkops.enforcement.planning import Candidate
from parkops.registry.models import Enterprise


@transaction.atomic
def plan_create(
    *, user: User, data: Mapping[str, Any], departments: Iterable[Department]
) -> JointInspectionPlan:
    plan = JointInspectionPlan(**data, created_by=user)
    record_save(plan, reason=_("制定联合执法计划"))
    chosen = list(departments)
    if not chosen:
        raise ValidationError({"departments": [_("请至少选择一个参加部门")]})
    plan.departments.set(chosen)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: JointInspectionPlan,
    data: Mapping[str, Any],
    departments: Iterable[Department],
    reason: str,
    version: str | None,
) -> JointInspectionPlan:
    """Change a plan's name, period, note or departments; the reason is required and a stale
    edit is refused. A target outside the new period is refused (it must be moved or removed)."""
    for name, value in data.items():
        setattr(plan, name, value)
    chosen = list(departments)
    if not chosen:
        raise ValidationError({"departments": [_("请至少选择一个参加部门")]})
    departments_changed = set(chosen) != set(plan.departments.all())
    if departments_changed and not reason.strip():
        raise ValidationError({"change_reason": [_("请填写修改理由")]})
    outside = plan.targets.exclude(planned_on__range=(plan.starts_on, plan.ends_on))
    if plan.starts_on and plan.ends_on and outside.exists():
        names = "、".join(t.enterprise.name for t in outside.select_related("enterprise")[:5])
        raise ValidationError(
            {"ends_on": [_("以下检查对象的计划日期将落在计划期外：%(names)s") % {"names": names}]}
        )
    # Saved unchanged, nothing is written; a change needs its reason.
    record_save(plan, reason=reason, version=version, missing_reason=_("请填写修改理由"))
    if departments_changed:
        record_reason(plan, reason)
        plan.departments.set(chosen)
        record_write(plan, reason=reason, update_fields=["updated_at"])
    return plan


@transaction.atomic
def plan_targets_add(
    *,
    plan: JointInspectionPlan,
    risk: Iterable[Candidate],
    chosen: Iterable[Enterprise],
) -> list[PlanTarget]:
    """A new plan's first targets, planned on its first day: those proposed from risk (their
    reasons kept) and those chosen by hand; an enterprise in both counts once, as risk."""
    targets = []
    seen: set[int] = set()
    for candidate in risk:
        seen.add(candidate.enterprise.pk)
        targets.append(
            plan_target_add(
                plan=plan,
                enterprise=candidate.enterprise,
                planned_on=plan.starts_on,
                origin=TargetOrigin.RISK,
                reason="；".join(candidate.reasons)[:300],
            )
        )
    for enterprise in chosen:
        if enterprise.pk not in seen:
            seen.add(enterprise.pk)
            targets.append(
                plan_target_add(
                    plan=plan,
                    enterprise=enterprise,
                    planned_on=plan.starts_on,
                    origin=TargetOrigin.CHOSEN,
                )
            )
    return targets


def plan_target_remove(*, target: PlanTarget, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": [_("请填写移出理由")]})
    record_delete(target, reason=reason)


def plan_target_add(
    *,
    plan: JointInspectionPlan,
    enterprise: Enterprise,
    planned_on: date,
    origin: TargetOrigin,
    reason: str = "",
) -> PlanTarget:
    target = PlanTarget(
        plan=plan, enterprise=enterprise, planned_on=planned_on, origin=origin, reason=reason
    )
    record_save(target, reason=_("列入联合执法计划"))
    return target

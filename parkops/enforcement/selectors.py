"""Reads of the enforcement record, scoped to what the user's role may see.

- Park office and town leaders: every record. A department: the inspections it led or joined,
  and their findings and penalties; penalties it decided; accidents and control events park-wide
  (departments read the registry park-wide). Road chiefs, grid officers and small-park owners:
  the records of the enterprises in their road, grid or small park. Nobody else: nothing.
- A department edits only the inspections it led or joined; the park office edits all.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of
from parkops.common.types import AnyUser
from parkops.enforcement.models import (
    Accident,
    ClosureDecision,
    ControlEvent,
    Finding,
    Inspection,
    JointInspectionPlan,
    Penalty,
)

READS_ALL = frozenset({Role.PARK_OFFICE, Role.TOWN_LEADER})


def reads_all(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(roles_of(user) & READS_ALL)


def edits_all(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.PARK_OFFICE in roles_of(user)


def departments_of(user: AnyUser) -> QuerySet[Department]:
    """The departments the user works in (as a department user); none for the other roles."""
    if Role.DEPARTMENT not in roles_of(user):
        return Department.objects.none()
    return Department.objects.filter(members=user.pk, is_active=True)


def _enterprise_scope(user: AnyUser, path: str) -> Q:
    """Records of the enterprises on the user's roads, in the user's grids and small parks."""
    roles = roles_of(user)
    found = Q(pk__in=[])
    if Role.ROAD_CHIEF in roles:
        found |= Q(**{f"{path}__road__chiefs": user.pk})
    if Role.GRID_OFFICER in roles:
        found |= Q(**{f"{path}__grid__officers": user.pk})
    if Role.SMALL_PARK_OWNER in roles:
        found |= Q(**{f"{path}__small_park__owners": user.pk})
    return found


def _department_inspections(departments: QuerySet[Department]) -> QuerySet[Inspection]:
    return Inspection.objects.filter(
        Q(lead_department__in=departments) | Q(departments__in=departments)
    )


def inspections_visible_to(user: AnyUser) -> QuerySet[Inspection]:
    if reads_all(user):
        return Inspection.objects.all()
    ids = _department_inspections(departments_of(user)).values("pk")
    in_scope = Inspection.objects.filter(_enterprise_scope(user, "enterprise")).values("pk")
    return Inspection.objects.filter(Q(pk__in=ids) | Q(pk__in=in_scope))


def inspections_editable_by(user: AnyUser) -> QuerySet[Inspection]:
    if edits_all(user):
        return Inspection.objects.all()
    if not user.has_perm("enforcement.change_inspection"):  # type: ignore[union-attr]
        return Inspection.objects.none()
    ids = _department_inspections(departments_of(user)).values("pk")
    return Inspection.objects.filter(pk__in=ids)


def can_edit(user: AnyUser, inspection: Inspection) -> bool:
    return inspections_editable_by(user).filter(pk=inspection.pk).exists()


def inspection_list(*, user: AnyUser) -> QuerySet[Inspection]:
    return (
        inspections_visible_to(user)
        .select_related("enterprise", "lead_department")
        .prefetch_related("departments", "findings")
        .order_by("-inspected_on", "-pk")
    )


def inspection_get(*, user: AnyUser, pk: int) -> Inspection:
    qs = inspections_visible_to(user).select_related("enterprise", "lead_department", "plan")
    return get_object_or_404(
        qs.prefetch_related(
            "departments",
            Prefetch("findings", Finding.objects.prefetch_related("photos", "penalties")),
            Prefetch("penalties", Penalty.objects.select_related("department", "finding")),
        ),
        pk=pk,
    )


def findings_visible_to(user: AnyUser) -> QuerySet[Finding]:
    return Finding.objects.filter(inspection__in=inspections_visible_to(user))


def penalties_visible_to(user: AnyUser) -> QuerySet[Penalty]:
    if reads_all(user):
        return Penalty.objects.all()
    return Penalty.objects.filter(
        Q(inspection__in=inspections_visible_to(user))
        | Q(department__in=departments_of(user))
        | _enterprise_scope(user, "enterprise")
    )


def _park_wide_or_scoped(user: AnyUser) -> Q:
    if reads_all(user) or Role.DEPARTMENT in roles_of(user):
        return Q()
    return _enterprise_scope(user, "enterprise")


def accidents_visible_to(user: AnyUser) -> QuerySet[Accident]:
    qs = Accident.objects.all()
    if not roles_of(user) and not getattr(user, "is_superuser", False):
        return qs.none()
    return qs.filter(_park_wide_or_scoped(user))


def control_events_visible_to(user: AnyUser) -> QuerySet[ControlEvent]:
    qs = ControlEvent.objects.all()
    if not roles_of(user) and not getattr(user, "is_superuser", False):
        return qs.none()
    return qs.filter(_park_wide_or_scoped(user))


def plans_visible_to(user: AnyUser) -> QuerySet[JointInspectionPlan]:
    """A plan names enterprises across the park: the park office and town leaders read every
    plan, a department the plans it takes part in; the other roles none."""
    if reads_all(user):
        return JointInspectionPlan.objects.all()
    return JointInspectionPlan.objects.filter(
        pk__in=JointInspectionPlan.objects.filter(departments__in=departments_of(user)).values("pk")
    )


def closure_decisions() -> QuerySet[ClosureDecision]:
    return ClosureDecision.objects.select_related("enterprise", "decided_by", "assignment")

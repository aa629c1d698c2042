"""Reads of activities, scoped by role.

The park office and town leaders read every activity. A department's members read the activities
their department organises. A road chief, grid officer or small-park owner reads the activities
that invited one of his enterprises, and sees only his enterprises' invitations and requests.
Anyone else reads none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.shortcuts import get_object_or_404

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of
from parkops.activities.choices import ActivityStatus, Attendance
from parkops.activities.models import Activity, Invitation
from parkops.common.types import AnyUser
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.models import ServiceRequest
from parkops.service.selectors import requests_visible_to

READ_ALL_ROLES = frozenset({Role.PARK_OFFICE, Role.TOWN_LEADER})
ENTERPRISE_ROLES = frozenset({Role.ROAD_CHIEF, Role.GRID_OFFICER, Role.SMALL_PARK_OWNER})


def reads_all(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(roles_of(user) & READ_ALL_ROLES)


def is_park_office(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.PARK_OFFICE in roles_of(user)


def organiser_departments(user: AnyUser) -> QuerySet[Department]:
    """The departments in whose name the user organises activities: the park office any."""
    active = Department.objects.filter(is_active=True)
    if is_park_office(user):
        return active
    return active.filter(members=user.pk)


def _own_departments(user: AnyUser) -> QuerySet[Department]:
    return Department.objects.filter(members=user.pk)


def activities_visible_to(user: AnyUser) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_all(user):
        return qs
    visible = Q(organiser__in=_own_departments(user))
    if roles_of(user) & ENTERPRISE_ROLES:
        invited = Invitation.objects.filter(enterprise__in=enterprises_visible_to(user))
        visible |= Q(pk__in=invited.values("activity"))
    return qs.filter(visible)


def sees_every_row(user: AnyUser, activity: Activity) -> bool:
    """Whether the user sees all of the activity's invitations (else only his enterprises')."""
    if reads_all(user):
        return True
    return activity.organiser_id is not None and (
        _own_departments(user).filter(pk=activity.organiser_id).exists()
    )


def may_work(user: AnyUser, activity: Activity) -> bool:
    """Who edits the activity, records attendance and raises its requests: the park office, or
    a member of the organising department."""
    if is_park_office(user):
        return True
    return activity.organiser_id is not None and (
        _own_departments(user).filter(pk=activity.organiser_id).exists()
    )


def _row_enterprises(user: AnyUser) -> QuerySet[Enterprise] | None:
    """The enterprises whose rows a restricted user sees on a list (None: every row)."""
    if reads_all(user) or Role.DEPARTMENT in roles_of(user):
        return None
    return enterprises_visible_to(user)


def _count(qs: QuerySet[Invitation]) -> Coalesce:
    counted = qs.values("activity").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def activity_list(*, user: AnyUser) -> QuerySet[Activity]:
    """The visible activities with their invited and attending counts (a restricted user's
    counts cover his enterprises only) and the requests raised there he may see."""
    invitations = Invitation.objects.filter(activity=OuterRef("pk"))
    mine = _row_enterprises(user)
    if mine is not None:
        invitations = invitations.filter(enterprise__in=mine)
    raised = (
        requests_visible_to(user)
        .filter(activity=OuterRef("pk"))
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        activities_visible_to(user)
        .select_related("organiser")
        .annotate(
            invited=_count(invitations),
            attended_count=_count(invitations.filter(attended=Attendance.YES)),
            requests_raised=Coalesce(Subquery(raised, output_field=IntegerField()), 0),
        )
    )


def activity_get(*, user: AnyUser, pk: int) -> Activity:
    return get_object_or_404(
        activities_visible_to(user).select_related("organiser", "created_by"), pk=pk
    )


def invitations_of(*, user: AnyUser, activity: Activity) -> QuerySet[Invitation]:
    """The activity's invitations the user may see, by enterprise name."""
    qs = activity.invitations.select_related("enterprise", "enterprise__road")
    if not sees_every_row(user, activity):
        qs = qs.filter(enterprise__in=enterprises_visible_to(user))
    return qs.order_by("enterprise__name", "pk")


def requests_of(*, user: AnyUser, activity: Activity) -> QuerySet[ServiceRequest]:
    """The requests raised at the activity that the user may see (the service app's scope)."""
    return (
        requests_visible_to(user)
        .filter(activity=activity)
        .select_related("enterprise", "department")
        .order_by("received_at", "pk")
    )


def enterprise_activities(
    *, user: AnyUser, enterprise_id: int, limit: int = 20
) -> list[Invitation]:
    """The enterprise's invitations to activities the user may see, newest first (the panel)."""
    return list(
        Invitation.objects.filter(
            enterprise_id=enterprise_id, activity__in=activities_visible_to(user)
        )
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .select_related("activity", "activity__organiser")
        .order_by("-activity__starts_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class MonthCount:
    month: date
    held: int
    attended: int
    requests: int


def monthly_counts(
    *, user: AnyUser, activities: QuerySet[Activity], months: int = 12
) -> list[MonthCount]:
    """Per month of the activities shown (newest first): activities held, distinct enterprises
    that attended (a restricted user's own only) and requests raised (those he may see). Three
    queries, whatever the number of activities."""
    held_qs = activities.filter(status=ActivityStatus.HELD).order_by()
    held = dict(
        held_qs.annotate(m=TruncMonth("starts_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
    )
    came = Invitation.objects.filter(activity__in=held_qs.values("pk"), attended=Attendance.YES)
    mine = _row_enterprises(user)
    if mine is not None:
        came = came.filter(enterprise__in=mine)
    attended = dict(
        came.order_by()
        .annotate(m=TruncMonth("activity__starts_at"))
        .values("m")
        .annotate(n=Count("enterprise", distinct=True))
        .values_list("m", "n")
    )
    raised = dict(
        requests_visible_to(user)
        .filter(activity__in=activities.order_by().values("pk"))
        .order_by()
        .annotate(m=TruncMonth("activity__starts_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
    )
    keys = sorted({_day(m) for m in (*held, *attended, *raised)}, reverse=True)[:months]
    by_day = {
        name: {_day(m): n for m, n in source.items()}
        for name, source in (("held", held), ("attended", attended), ("requests", raised))
    }
    return [
        MonthCount(
            k, by_day["held"].get(k, 0), by_day["attended"].get(k, 0), by_day["requests"].get(k, 0)
        )
        for k in keys
    ]


def _day(moment: object) -> date:
    # TruncMonth of a DateTimeField gives an aware datetime (PostgreSQL) or a datetime (SQLite).
    return moment.date() if hasattr(moment, "date") else moment  # type: ignore[return-value]

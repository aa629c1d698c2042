"""Reads of requests, scoped by role.

The park office and town leaders see every request. A department's members see the requests it
holds, co-handles or has held (lateness after a transfer is still theirs to see). A road chief or
grid officer sees the requests of the enterprises in his scope, a small-park owner those of his
park's enterprises (read only). Anyone else sees none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of
from parkops.common.types import AnyUser
from parkops.core.workdays import WorkCalendar
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import (
    HANDOVER_EVENTS,
    OPEN_STATES,
    DeadlineFlag,
    EscalationLevel,
    RequestState,
)
from parkops.service.clock import CLOCKED_STATES, deadline_flag, escalation_of
from parkops.service.models import CategoryLimit, Pause, RequestEvent, ServiceRequest
from parkops.service.selectors_calendar import work_calendar

READ_ALL_ROLES = frozenset({Role.PARK_OFFICE, Role.TOWN_LEADER})
ENTERPRISE_ROLES = frozenset({Role.ROAD_CHIEF, Role.GRID_OFFICER, Role.SMALL_PARK_OWNER})


def reads_all_requests(user: AnyUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(roles_of(user) & READ_ALL_ROLES)


def departments_of(user: AnyUser) -> QuerySet[Department]:
    return Department.objects.filter(members=user.pk)


def requests_visible_to(user: AnyUser) -> QuerySet[ServiceRequest]:
    qs = ServiceRequest.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if reads_all_requests(user):
        return qs
    depts = departments_of(user)
    co = ServiceRequest.co_departments.through.objects.filter(
        servicerequest=OuterRef("pk"), department__in=depts
    )
    held = RequestEvent.objects.filter(
        request=OuterRef("pk"), department__in=depts, kind__in=HANDOVER_EVENTS
    )
    visible = Q(department__in=depts) | Q(Exists(co)) | Q(Exists(held))
    if roles_of(user) & ENTERPRISE_ROLES:
        visible |= Q(enterprise__in=enterprises_visible_to(user))
    return qs.filter(visible)


def request_list(*, user: AnyUser) -> QuerySet[ServiceRequest]:
    return requests_visible_to(user).select_related("enterprise", "enterprise__road", "department")


def request_get(*, user: AnyUser, pk: int) -> ServiceRequest:
    qs = request_list(user=user).prefetch_related(
        "co_departments",
        "pauses",
        "attachments",
        Prefetch(
            "events", queryset=RequestEvent.objects.select_related("actor", "department", "reason")
        ),
        "ratings__recorded_by",
    )
    return get_object_or_404(qs, pk=pk)


@dataclass
class Clocked:
    """A request with its escalation level as of now (None when the calendar lacks a year)."""

    request: ServiceRequest
    escalation: EscalationLevel | None


def escalations(
    requests: list[ServiceRequest],
    *,
    now: datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Clocked]:
    """The escalation of each request (their pauses should be prefetched)."""
    now = now or timezone.now()
    calendar = calendar or work_calendar()
    limits = {row.category: row for row in CategoryLimit.objects.all()}
    fallback = CategoryLimit(limit_days=15)
    return [
        Clocked(
            r, escalation_of(r, calendar=calendar, limit=limits.get(r.category, fallback), now=now)
        )
        for r in requests
    ]


def department_inbox(*, user: AnyUser) -> QuerySet[ServiceRequest]:
    """The open requests the user's departments hold or co-handle, most urgent first."""
    depts = departments_of(user)
    co = ServiceRequest.co_departments.through.objects.filter(
        servicerequest=OuterRef("pk"), department__in=depts
    )
    return (
        ServiceRequest.objects.filter(
            Q(department__in=depts) | Q(Exists(co)), state__in=OPEN_STATES
        )
        .select_related("enterprise", "department")
        .prefetch_related(Prefetch("pauses", queryset=Pause.objects.all()))
        .order_by("due_at", "pk")
    )


# Most urgent first: 通报 and 督办 are overdue (超期), then 临期, then on time; a request whose
# deadline falls in a year the calendar lacks (no level) comes last.
URGENCY = {
    EscalationLevel.BULLETIN: 0,
    EscalationLevel.SUPERVISION: 1,
    EscalationLevel.WARNING: 2,
    EscalationLevel.NONE: 3,
    None: 4,
}
OVERDUE_LEVELS = frozenset({EscalationLevel.BULLETIN, EscalationLevel.SUPERVISION})


def inbox_by_urgency(*, user: AnyUser, now: datetime | None = None) -> list[Clocked]:
    """The department inbox with each request's escalation: 超期, then 临期, then by deadline."""
    rows = escalations(list(department_inbox(user=user)), now=now)
    rows.sort(key=lambda c: (URGENCY[c.escalation], c.request.due_at, c.request.pk))
    return rows


def bulletin_list(*, user: AnyUser, now: datetime | None = None) -> list[Clocked]:
    """通报: requests on the clock past their deadline by more than the supervision days."""
    now = now or timezone.now()
    late = (
        requests_visible_to(user)
        .filter(state__in=CLOCKED_STATES, due_at__lt=now)
        .select_related("enterprise", "enterprise__road", "department")
        .prefetch_related("pauses")
        .order_by("due_at")
    )
    return [c for c in escalations(list(late), now=now) if c.escalation == EscalationLevel.BULLETIN]


@dataclass
class Flagged:
    """A request with its deadline flag as its stored deadlines give it (no calendar read)."""

    request: ServiceRequest
    flag: DeadlineFlag | None  # None: off the clock (answered, closed)


def enterprise_requests(
    *, user: AnyUser, enterprise_id: int, limit: int = 20, now: datetime | None = None
) -> list[Flagged]:
    """The enterprise's requests the user may see, open ones first (by deadline), then the
    closed ones newest first. One query: the flags come from the deadlines stored when the clock
    last changed (临期 from warn_at, 超期 from due_at), an open pause from a subquery."""
    now = now or timezone.now()
    open_pause = Pause.objects.filter(request=OuterRef("pk"), ended_at__isnull=True)
    rows = (
        requests_visible_to(user)
        .filter(enterprise_id=enterprise_id)
        .select_related("department")
        .annotate(
            closed_last=Case(When(state=RequestState.CLOSED, then=1), default=0),
            paused=Exists(open_pause),
        )
        .order_by("closed_last", "due_at", "-received_at", "-pk")[:limit]
    )
    return [Flagged(r, deadline_flag(r, paused=r.paused, now=now)) for r in rows]


def open_requests_flagged(
    *, user: AnyUser, limit: int = 10, now: datetime | None = None
) -> tuple[list[Flagged], int]:
    """The open requests the user may see, on the clock first by deadline, with their deadline
    flags, and how many there are (a road chief's or grid officer's home)."""
    now = now or timezone.now()
    open_pause = Pause.objects.filter(request=OuterRef("pk"), ended_at__isnull=True)
    qs = requests_visible_to(user).filter(state__in=OPEN_STATES)
    rows = (
        qs.select_related("enterprise", "department")
        .annotate(
            off_clock=Case(When(state__in=CLOCKED_STATES, then=0), default=1),
            paused=Exists(open_pause),
        )
        .order_by("off_clock", "due_at", "pk")[:limit]
    )
    return [Flagged(r, deadline_flag(r, paused=r.paused, now=now)) for r in rows], qs.count()

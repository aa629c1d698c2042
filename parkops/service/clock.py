"""A request's clock on the working-day engine: its deadlines, escalation and holder shares.

Reads the calendar table and the category limits; raises CalendarYearMissing (from the engine)
when a deadline would fall in a year the table lacks. `calendar_refusal` turns that into the
Chinese message the pages and the API show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkops.accounts.models import Department
from parkops.core.workdays import CalendarYearMissing, Escalation, Interval, Share, WorkCalendar
from parkops.service.choices import HANDOVER_EVENTS, DeadlineFlag, EscalationLevel, RequestState
from parkops.service.models import CategoryLimit, ServiceRequest
from parkops.service.selectors_calendar import work_calendar

# A request is on the clock until the department answers it.
CLOCKED_STATES = frozenset(
    {RequestState.ACCEPTED, RequestState.DISPATCHED, RequestState.HANDLING, RequestState.RETURNED}
)


def calendar_refusal(error: CalendarYearMissing) -> ValidationError:
    return ValidationError(_(CalendarYearMissing.MESSAGE).format(year=error.year), code="calendar")


def category_limit(category: str) -> CategoryLimit:
    limit = CategoryLimit.objects.filter(category=category).first()
    if limit is None:  # the park office removed the row: fall back to the longest usual limit
        return CategoryLimit(category=category, limit_days=15)
    return limit


@dataclass(frozen=True)
class Deadlines:
    contact_due: datetime
    interim_due: datetime
    warn_at: datetime
    due_at: datetime


def pauses_of(request: ServiceRequest, now: datetime) -> list[Interval]:
    """The request's pauses, an open one closed at `now`."""
    return [(p.started_at, p.ended_at or now) for p in request.pauses.all()]


def deadlines(
    *,
    calendar: WorkCalendar,
    start: datetime,
    limit: CategoryLimit,
    limit_days: int,
    pauses: list[Interval],
) -> Deadlines:
    """Raises ValidationError with the calendar message when a year is missing."""
    try:
        return Deadlines(
            contact_due=calendar.deadline(start, limit.contact_days, pauses),
            interim_due=calendar.deadline(start, min(limit.interim_days, limit_days), pauses),
            warn_at=calendar.deadline(
                start, limit_days, pauses, fraction=Decimal(limit.warn_percent) / 100
            ),
            due_at=calendar.deadline(start, limit_days, pauses),
        )
    except CalendarYearMissing as error:
        raise calendar_refusal(error) from error


def request_clock_set(request: ServiceRequest, *, now: datetime) -> None:
    """Recompute the stored deadlines (not saved here)."""
    found = deadlines(
        calendar=work_calendar(),
        start=request.clock_started_at,
        limit=category_limit(request.category),
        limit_days=request.limit_days,
        pauses=pauses_of(request, now) if request.pk else [],
    )
    request.contact_due, request.interim_due = found.contact_due, found.interim_due
    request.warn_at, request.due_at = found.warn_at, found.due_at


def escalation_of(
    request: ServiceRequest, *, calendar: WorkCalendar, limit: CategoryLimit, now: datetime
) -> EscalationLevel | None:
    """临期 / 督办 / 通报 for a request still on the clock; None when it is off the clock (answered,
    closed) or when the calendar lacks a year (the page says so)."""
    if request.state not in CLOCKED_STATES:
        return EscalationLevel.NONE
    # Counting overdue working days walks day by day from the deadline; a request long overdue
    # reaches the 通报 list well within the horizon (two calendar days per working day plus a
    # month for the longest holiday), so the walk stops there.
    cap = timedelta(days=30 + 2 * (limit.supervise_on + limit.bulletin_after))
    horizon = min(now, request.due_at + cap)
    pauses = pauses_of(request, now)
    if now > request.due_at + cap and all(end <= request.due_at for _, end in pauses):
        return EscalationLevel.BULLETIN  # no pause since the deadline: the horizon holds enough
    try:
        level = calendar.escalation(
            request.clock_started_at,
            request.limit_days,
            horizon,
            pauses,
            warn_at=Decimal(limit.warn_percent) / 100,
            supervise_on=limit.supervise_on,
            bulletin_after=limit.bulletin_after,
        )
    except CalendarYearMissing:
        return None
    return EscalationLevel(level.value if level != Escalation.NONE else "none")


def deadline_flag(request: ServiceRequest, *, paused: bool, now: datetime) -> DeadlineFlag | None:
    """超期 / 临期 / 正常 from the deadlines stored when the clock last changed (acceptance,
    dispatch, extension, pause, resume, reopening); while a pause is open the clock stands still
    and the stored deadlines are not yet moved, so the flag says so. None off the clock."""
    if request.state not in CLOCKED_STATES:
        return None
    if paused:
        return DeadlineFlag.PAUSED
    if now > request.due_at:
        return DeadlineFlag.OVERDUE
    return DeadlineFlag.DUE_SOON if now >= request.warn_at else DeadlineFlag.ON_TIME


def holder_shares(
    request: ServiceRequest, *, calendar: WorkCalendar, now: datetime
) -> dict[Department, Share]:
    """Each department's office time holding the request and its late part, to the answer (or
    now). Refusal, return and the time before dispatch lie with no department."""
    until = request.answered_at or now
    handovers: list[tuple[Department | None, datetime]] = []
    for event in request.events.all():
        if event.at > until:
            break
        if event.kind in HANDOVER_EVENTS:
            handovers.append((event.department, event.at))
        elif event.to_state == RequestState.RETURNED:
            handovers.append((None, event.at))
    if not handovers:
        return {}
    try:
        shares = calendar.holder_shares(
            handovers, until, pauses_of(request, now), deadline=request.due_at
        )
    except CalendarYearMissing:
        return {}
    return {dept: share for dept, share in shares.items() if dept is not None}


def hours(span: timedelta) -> str:
    return f"{span.total_seconds() / 3600:.1f}"

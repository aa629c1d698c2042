"""Writes at the end of a request's life: the follow-up rating (回访), closure (办结), reopening
(重新办理) and supervision (督办). See services.py for who may do what."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.accounts.roles import Role, roles_of
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import (
    DissatisfactionCause,
    EventKind,
    Rating,
    ReasonKind,
    RequestState,
)
from parkops.service.clock import request_clock_set
from parkops.service.models import ReasonCode, Satisfaction, ServiceRequest
from parkops.service.rules import (
    CAUSE_REQUIRED,
    HANDLER_RATING,
    TEXT_REQUIRED,
    handlers_of,
    is_park_office,
    locked,
    not_allowed,
    record,
    require_park_office,
    require_reason,
    require_state,
)

S = RequestState


# --- 回访 / 办结 / 重新办理 / 督办 ---------------------------------------------------------------
def _may_rate(user: User, request: ServiceRequest) -> bool:
    if is_park_office(user):
        return True
    visitor = roles_of(user) & {Role.ROAD_CHIEF, Role.GRID_OFFICER}
    return bool(visitor) and enterprises_visible_to(user).filter(pk=request.enterprise_id).exists()


@transaction.atomic
def request_rate(
    *,
    request: ServiceRequest,
    user: User,
    efficiency: str,
    attitude: str,
    result: str,
    cause: str = "",
    note: str = "",
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    """回访: the enterprise's satisfaction. Not by anyone who handled it. 不满意 for a subjective
    cause sends the request back to the department (重新办理) with a new clock."""
    action = _("回访评价")
    request = locked(request, version)
    if not _may_rate(user, request):
        raise not_allowed(action)
    require_state(request, {S.ANSWERED}, action)
    if user.pk in handlers_of(request):
        raise PermissionDenied(_(HANDLER_RATING))
    items = (efficiency, attitude, result)
    unsatisfied = Rating.UNSATISFIED in items
    if unsatisfied and cause not in (
        DissatisfactionCause.SUBJECTIVE,
        DissatisfactionCause.OBJECTIVE,
    ):
        raise ValidationError({"cause": [_(CAUSE_REQUIRED)]})
    now = at or timezone.now()
    rating = Satisfaction(
        request=request, efficiency=efficiency, attitude=attitude, result=result,
        cause=cause if unsatisfied else "", note=note, recorded_by=user, recorded_at=now,
    )  # fmt: skip
    rating.full_clean()
    rating.save()
    labels = "、".join(str(Rating(i).label) for i in items)
    before, request.state = request.state, S.FOLLOWED_UP
    record(request, kind=EventKind.FOLLOW_UP, user=user, from_state=before, at=now,
            text=f"{labels}{'；' + note if note else ''}")  # fmt: skip
    if unsatisfied and cause == DissatisfactionCause.SUBJECTIVE:
        _reopen(request, user, _("企业不满意（主观原因），自动重新办理"), now)
    return request


@transaction.atomic
def request_close(
    *,
    request: ServiceRequest,
    user: User,
    reason: ReasonCode | None,
    text: str,
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    action = _("办结")
    require_park_office(user, action)
    request = locked(request, version)
    require_state(request, {S.FOLLOWED_UP}, action)
    require_reason(ReasonKind.CLOSE, reason, text)
    now = at or timezone.now()
    before, request.state, request.closed_at = request.state, S.CLOSED, now
    record(request, kind=EventKind.CLOSE, user=user, from_state=before, at=now,
            department=request.department, reason=reason, text=text)  # fmt: skip
    return request


def _reopen(request: ServiceRequest, user: User, text: str, now: datetime) -> None:
    """Back to the department that answered it, with a new clock of the same limit."""
    before = request.state
    request.state = S.HANDLING if request.department_id else S.RETURNED
    request.reopen_count += 1
    request.answered_at, request.closed_at = None, None
    request.clock_started_at = now
    request_clock_set(request, now=now)
    record(request, kind=EventKind.REOPEN, user=user, from_state=before, at=now,
            department=request.department, text=text)  # fmt: skip


@transaction.atomic
def request_reopen(
    *, request: ServiceRequest, user: User, text: str, version: str | None = None
) -> ServiceRequest:
    action = _("重新办理")
    require_park_office(user, action)
    request = locked(request, version)
    require_state(request, {S.ANSWERED, S.FOLLOWED_UP, S.CLOSED}, action)
    if not text.strip():
        raise ValidationError({"text": [_(TEXT_REQUIRED)]})
    _reopen(request, user, text, timezone.now())
    return request


@transaction.atomic
def request_supervise(
    *, request: ServiceRequest, user: User, text: str, version: str | None = None
) -> ServiceRequest:
    """督办: a reminder on record; the department keeps the request and its responsibility."""
    action = _("督办")
    require_park_office(user, action)
    request = locked(request, version)
    require_state(request, {S.DISPATCHED, S.HANDLING, S.RETURNED, S.ACCEPTED}, action)
    if not text.strip():
        raise ValidationError({"text": [_(TEXT_REQUIRED)]})
    request.supervision_count += 1
    record(request, kind=EventKind.SUPERVISE, user=user, from_state=request.state,
            at=timezone.now(), department=request.department, text=text)  # fmt: skip
    return request

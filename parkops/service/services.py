"""Writes of requests (诉求): one service per transition, keyword-only, all or nothing, each
keeping a RequestEvent and a history row with its reason.

Who may do what:
- the park office accepts, dispatches, transfers, supervises (督办), closes and reopens;
- a road chief or grid officer accepts requests of the enterprises in his scope, and records
  the follow-up rating (回访) for them;
- a member of the department that holds the request signs it, answers, sends it back, asks for
  an extension, pauses and resumes its clock, transfers it and brings in co-handlers;
- a member of a department registers a request it heard itself (at an activity it organised)
  and holds it at once (首问负责制);
- nobody who handled the request rates it. Escalation never moves responsibility.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import (
    HELD_STATES,
    EventKind,
    ReasonKind,
    RequestState,
)
from parkops.service.clock import category_limit, request_clock_set
from parkops.service.models import Pause, ReasonCode, ServiceRequest
from parkops.service.rules import (
    ALREADY_PAUSED,
    ENTERPRISE_OUT_OF_SCOPE,
    EXTENSION_AFTER_DEADLINE,
    LIMIT_NOT_LONGER,
    NOT_PAUSED,
    PAUSED_NO_ANSWER,
    SAME_DEPARTMENT,
    TEXT_REQUIRED,
    is_park_office,
    locked,
    not_allowed,
    record,
    require_holder,
    require_park_office,
    require_reason,
    require_state,
)

S = RequestState


# --- 受理 ------------------------------------------------------------------------------------
@transaction.atomic
def request_accept(
    *,
    user: User,
    enterprise: Enterprise,
    channel: str,
    category: str,
    title: str,
    text: str,
    contact: str = "",
    received_at: datetime | None = None,
    is_demo: bool = False,
    holder: Department | None = None,
    activity: Model | None = None,  # an activities.Activity (that app builds on this one)
) -> ServiceRequest:
    """Register a request; its clock starts at `received_at` (now by default).

    With `holder`, the department that heard the request holds it at once (首问负责制: the one
    first asked handles what is in its own remit): it is dispatched to `holder` in the same
    step. A member of `holder` may register such a request; the park office may name any
    department. `activity` is the activity at which it was raised."""
    first_asked = holder is not None and holder.members.filter(pk=user.pk).exists()
    if not (
        is_park_office(user) or roles_of(user) & {Role.ROAD_CHIEF, Role.GRID_OFFICER} or first_asked
    ):
        raise not_allowed(_("登记"))
    if not enterprises_visible_to(user).filter(pk=enterprise.pk).exists():
        raise ValidationError({"enterprise": [_(ENTERPRISE_OUT_OF_SCOPE)]})
    now = received_at or timezone.now()
    request = ServiceRequest(
        channel=channel, category=category, enterprise=enterprise, title=title, text=text,
        contact=contact, received_at=now, clock_started_at=now, created_by=user, is_demo=is_demo,
        limit_days=category_limit(category).limit_days,
        activity_id=activity.pk if activity is not None else None,
    )  # fmt: skip
    request.full_clean(exclude=["contact_due", "interim_due", "warn_at", "due_at"])
    request_clock_set(request, now=now)
    record(request, kind=EventKind.ACCEPT, user=user, from_state=S.ACCEPTED, at=now)
    if holder is not None:
        request.state, request.department = S.DISPATCHED, holder
        _handover(request, user, EventKind.DISPATCH, S.ACCEPTED, holder, _("首问负责"), now)
    return request


# --- 派单 / 转办 / 联办 ------------------------------------------------------------------------
@transaction.atomic
def request_dispatch(
    *,
    request: ServiceRequest,
    user: User,
    department: Department,
    text: str = "",
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    action = _("派单")
    require_park_office(user, action)
    request = locked(request, version)
    require_state(request, {S.ACCEPTED, S.RETURNED}, action)
    before, request.state, request.department = request.state, S.DISPATCHED, department
    return _handover(request, user, EventKind.DISPATCH, before, department, text, at)


def _handover(
    request: ServiceRequest,
    user: User,
    kind: EventKind,
    before: str,
    department: Department,
    text: str,
    at: datetime | None,
) -> ServiceRequest:
    record(
        request, kind=kind, user=user, from_state=before, at=at or timezone.now(),
        department=department, text=text,
    )  # fmt: skip
    return request


@transaction.atomic
def request_transfer(
    *,
    request: ServiceRequest,
    user: User,
    department: Department,
    text: str,
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    """转办: another department holds it from now; the time so far stays with the one before."""
    action = _("转办")
    request = locked(request, version)
    if not is_park_office(user):
        require_holder(request, user, action)
    require_state(request, HELD_STATES, action)
    if department.pk == request.department_id:
        raise ValidationError({"department": [_(SAME_DEPARTMENT)]})
    if not text.strip():
        raise ValidationError({"text": [_(TEXT_REQUIRED)]})
    before, request.state, request.department = request.state, S.DISPATCHED, department
    request.co_departments.remove(department)
    return _handover(request, user, EventKind.TRANSFER, before, department, text, at)


@transaction.atomic
def request_co_handle(
    *,
    request: ServiceRequest,
    user: User,
    departments: Iterable[Department],
    text: str = "",
    version: str | None = None,
) -> ServiceRequest:
    """联办: departments that work with the holder; the holder stays responsible."""
    action = _("发起联办")
    request = locked(request, version)
    if not is_park_office(user):
        require_holder(request, user, action)
    require_state(request, HELD_STATES, action)
    added = [d for d in departments if d.pk != request.department_id]
    if not added:
        raise ValidationError({"departments": [_("请选择承办部门以外的联办部门。")]})
    request.co_departments.add(*added)
    names = "、".join(str(d) for d in added)
    full = f"{names}{'：' + text if text else ''}"
    record(request, kind=EventKind.CO_HANDLE, user=user, from_state=request.state,
            at=timezone.now(), department=request.department, text=full)  # fmt: skip
    return request


# --- 签收 / 答复 / 退单 / 延期 / 暂停 / 恢复 ----------------------------------------------------
@transaction.atomic
def request_sign(
    *,
    request: ServiceRequest,
    user: User,
    text: str = "",
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    """签收: the department takes the request and contacts the enterprise."""
    action = _("签收")
    request = locked(request, version)
    require_holder(request, user, action)
    require_state(request, {S.DISPATCHED}, action)
    now = at or timezone.now()
    before, request.state = request.state, S.HANDLING
    request.contacted_at = request.contacted_at or now
    record(request, kind=EventKind.SIGN, user=user, from_state=before, at=now,
            department=request.department, text=text)  # fmt: skip
    return request


@transaction.atomic
def request_answer(
    *,
    request: ServiceRequest,
    user: User,
    answer: str,
    version: str | None = None,
    at: datetime | None = None,
) -> ServiceRequest:
    action = _("答复")
    request = locked(request, version)
    require_holder(request, user, action)
    require_state(request, {S.HANDLING}, action)
    if request.pauses.filter(ended_at=None).exists():
        raise ValidationError(_(PAUSED_NO_ANSWER))
    if not answer.strip():
        raise ValidationError({"answer": [_("须填写答复内容。")]})
    now = at or timezone.now()
    before, request.state = request.state, S.ANSWERED
    request.answer, request.answered_at = answer, now
    record(request, kind=EventKind.ANSWER, user=user, from_state=before, at=now,
            department=request.department, text=answer)  # fmt: skip
    return request


@transaction.atomic
def request_return(
    *,
    request: ServiceRequest,
    user: User,
    reason: ReasonCode | None,
    text: str,
    version: str | None = None,
) -> ServiceRequest:
    """退单: the holder sends it back to the park office, which dispatches it again."""
    action = _("退单")
    request = locked(request, version)
    require_holder(request, user, action)
    require_state(request, HELD_STATES, action)
    require_reason(ReasonKind.RETURN, reason, text)
    department = request.department
    before, request.state, request.department = request.state, S.RETURNED, None
    record(request, kind=EventKind.RETURN, user=user, from_state=before, at=timezone.now(),
            department=department, reason=reason, text=text)  # fmt: skip
    return request


@transaction.atomic
def request_extend(
    *,
    request: ServiceRequest,
    user: User,
    reason: ReasonCode | None,
    text: str,
    limit_days: int,
    version: str | None = None,
) -> ServiceRequest:
    """延期: a longer limit, asked for before the deadline only."""
    action = _("延期")
    request = locked(request, version)
    if not is_park_office(user):
        require_holder(request, user, action)
    require_state(request, HELD_STATES, action)
    now = timezone.now()
    if now > request.due_at:
        raise ValidationError(_(EXTENSION_AFTER_DEADLINE), code="late")
    require_reason(ReasonKind.EXTEND, reason, text)
    if limit_days <= request.limit_days:
        raise ValidationError({"limit_days": [_(LIMIT_NOT_LONGER) % {"days": request.limit_days}]})
    old = request.limit_days
    request.limit_days = limit_days
    request_clock_set(request, now=now)
    full = _("时限 %(old)s → %(new)s 个工作日：%(text)s") % {
        "old": old,
        "new": limit_days,
        "text": text,
    }
    record(request, kind=EventKind.EXTEND, user=user, from_state=request.state, at=now,
            department=request.department, reason=reason, text=full)  # fmt: skip
    return request


@transaction.atomic
def request_pause(
    *, request: ServiceRequest, user: User, text: str, version: str | None = None
) -> ServiceRequest:
    """暂停: the clock stops while the enterprise prepares its materials."""
    action = _("暂停计时")
    request = locked(request, version)
    require_holder(request, user, action)
    require_state(request, {S.HANDLING}, action)
    if request.pauses.filter(ended_at=None).exists():
        raise ValidationError(_(ALREADY_PAUSED))
    if not text.strip():
        raise ValidationError({"text": [_(TEXT_REQUIRED)]})
    now = timezone.now()
    pause = Pause(request=request, started_at=now, reason=text[:200])
    pause.full_clean()
    pause.save()
    record(request, kind=EventKind.PAUSE, user=user, from_state=request.state, at=now,
            department=request.department, text=text)  # fmt: skip
    return request


@transaction.atomic
def request_resume(
    *, request: ServiceRequest, user: User, text: str = "", version: str | None = None
) -> ServiceRequest:
    action = _("恢复计时")
    request = locked(request, version)
    require_holder(request, user, action)
    pause = request.pauses.filter(ended_at=None).first()
    if pause is None:
        raise ValidationError(_(NOT_PAUSED))
    now = timezone.now()
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    request_clock_set(request, now=now)  # the deadline moves by the paused office time
    record(request, kind=EventKind.RESUME, user=user, from_state=request.state, at=now,
            department=request.department, text=text)  # fmt: skip
    return request

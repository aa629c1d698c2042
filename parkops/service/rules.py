"""What the request services share: the messages of refusal, who holds a request, who handled
it, the locked read with its version check, and the event record every transition writes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parkops.accounts.models import Department
from parkops.accounts.roles import Role, roles_of
from parkops.common.versioning import StaleVersion, record_reason, stale_message
from parkops.service.choices import (
    HANDLER_EVENTS,
    EventKind,
    ReasonKind,
    RequestState,
)
from parkops.service.models import ReasonCode, RequestEvent, ServiceRequest

S = RequestState


# --- the messages of refusal ---------------------------------------------------------------
def wrong_state(request: ServiceRequest, action: str) -> ValidationError:
    return ValidationError(
        _("诉求当前状态为“%(state)s”，不能%(action)s。")
        % {"state": request.get_state_display(), "action": action},
        code="state",
    )


def not_holder(action: str) -> PermissionDenied:
    return PermissionDenied(_("您所在的部门未承办此诉求，不能%(action)s。") % {"action": action})


def not_allowed(action: str) -> PermissionDenied:
    return PermissionDenied(_("您无权%(action)s此诉求。") % {"action": action})


EXTENSION_AFTER_DEADLINE = gettext_noop("办理期限已过，不能延期：延期须在期限届满前申请。")
REASON_REQUIRED = gettext_noop("须选择原因代码。")
TEXT_REQUIRED = gettext_noop("须填写说明。")
HANDLER_RATING = gettext_noop("办理过此诉求的人员不能评价其满意度：回访须由走访人员或企业记录。")
CAUSE_REQUIRED = gettext_noop("有不满意的项目时，须说明不满意是主观原因还是客观原因。")
LIMIT_NOT_LONGER = gettext_noop("延期后的时限须长于现在的 %(days)s 个工作日。")
ALREADY_PAUSED = gettext_noop("计时已在暂停中。")
NOT_PAUSED = gettext_noop("计时没有暂停，无需恢复。")
PAUSED_NO_ANSWER = gettext_noop("计时暂停中（等待企业材料），请先恢复计时再答复。")
SAME_DEPARTMENT = gettext_noop("诉求已由该部门承办。")
ENTERPRISE_OUT_OF_SCOPE = gettext_noop("您只能为自己负责的企业登记诉求。")


# --- helpers -------------------------------------------------------------------------------
def is_park_office(user: User) -> bool:
    return user.is_superuser or Role.PARK_OFFICE in roles_of(user)


def departments_of(user: User) -> set[int]:
    return set(Department.objects.filter(members=user.pk).values_list("pk", flat=True))


def holds(user: User, request: ServiceRequest) -> bool:
    return request.department_id is not None and request.department_id in departments_of(user)


def handlers_of(request: ServiceRequest) -> set[int]:
    """Users who handled the request: authors of a department's events, and members of every
    department that held it or co-handles it."""
    events = request.events.all()
    authors = {e.actor_id for e in events if e.kind in HANDLER_EVENTS}
    held = {e.department_id for e in events if e.department_id is not None}
    held |= set(request.co_departments.values_list("pk", flat=True))
    if request.department_id:
        held.add(request.department_id)
    members = Department.members.through.objects.filter(department_id__in=held)
    return authors | set(members.values_list("user_id", flat=True))


def locked(request: ServiceRequest, version: str | None) -> ServiceRequest:
    """The stored request, locked; refused when it moved on since `version`."""
    stored = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    # Compared as moments, not as text: the same instant may be written in another zone.
    if version and parse_datetime(version) != stored.updated_at:
        raise StaleVersion(stale_message(stored, version), code="stale")
    return stored


def require_state(request: ServiceRequest, allowed: Iterable[str], action: str) -> None:
    if request.state not in set(allowed):
        raise wrong_state(request, action)


def require_holder(request: ServiceRequest, user: User, action: str) -> None:
    if not holds(user, request):
        raise not_holder(action)


def require_park_office(user: User, action: str) -> None:
    if not is_park_office(user):
        raise not_allowed(action)


def require_reason(kind: ReasonKind, reason: ReasonCode | None, text: str) -> None:
    errors: dict[str, list[str]] = {}
    if reason is None or reason.kind != kind or not reason.is_active:
        errors["reason"] = [_(REASON_REQUIRED)]
    if not text.strip():
        errors["text"] = [_(TEXT_REQUIRED)]
    if errors:
        raise ValidationError(errors)


def record(
    request: ServiceRequest,
    *,
    kind: EventKind,
    user: User,
    from_state: str,
    at: datetime,
    department: Department | None = None,
    reason: ReasonCode | None = None,
    text: str = "",
) -> RequestEvent:
    """Save the request (history reason = the event) and its event row."""
    request.full_clean()
    label = EventKind(kind).label
    record_reason(request, f"{label}：{text}" if text else str(label))
    request.save()
    event = RequestEvent(
        request=request, kind=kind, at=at, actor=user, from_state=from_state,
        to_state=request.state, department=department, reason=reason, text=text,
    )  # fmt: skip
    event.full_clean()
    event.save()
    return event

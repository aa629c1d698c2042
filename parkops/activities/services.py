"""Writes of activities: create with its invitees, edit with a reason and the version check,
attendance, and the requests raised at an activity, each all or nothing.

Who may write: the park office any activity; a member of a department the activities his
department organises (selectors.may_work). Requests raised at an activity go through the service
app's `request_accept` on the 活动 channel and keep a link back to the activity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from parkops.accounts.models import Department
from parkops.activities.choices import ActivityStatus, Attendance
from parkops.activities.models import Activity, Invitation
from parkops.activities.selectors import is_park_office, may_work, organiser_departments
from parkops.common.versioning import record_reason, record_save, record_write
from parkops.common.years import YEAR_MAX, YEAR_MIN
from parkops.registry.models import Enterprise
from parkops.service.choices import Category, Channel
from parkops.service.models import ServiceRequest
from parkops.service.services import request_accept

NOT_ORGANISER = gettext_noop("只有园区办或主办部门的人员可以%(action)s。")
OWN_DEPARTMENT = gettext_noop("只能以本部门的名义主办活动。")
HELD_IN_FUTURE = gettext_noop("活动时间未到，不能标为已举行。")
REASON_REQUIRED = gettext_noop("修改已登记的活动须填写原因。")
NOT_HELD = gettext_noop("活动尚未举行（状态为“%(status)s”），不能%(action)s。")
NOT_INVITED = gettext_noop("企业“%(name)s”不在本次活动的邀请名单中。")
ATTENDED_KEPT = gettext_noop("企业“%(name)s”已记录出席或提出诉求，不能移出邀请名单。")
NO_REQUESTS = gettext_noop("请至少填写一条诉求。")
HOLDER_REQUIRED = gettext_noop("请选择承办部门（本部门）。")


@dataclass(frozen=True)
class RaisedRow:
    """A request written down at the activity."""

    enterprise: Enterprise
    category: Category
    text: str
    department: Department | None  # the holder; blank: the park office dispatches it


@dataclass(frozen=True)
class AttendanceRow:
    invitation_id: int
    attended: Attendance
    attendees: str = ""


def _require_work(user: User, activity: Activity, action: str) -> None:
    if not may_work(user, activity):
        raise PermissionDenied(_(NOT_ORGANISER) % {"action": action})


def _check(activity: Activity, user: User) -> None:
    """The rules of an activity's fields: the organiser is the user's, a held one took place."""
    if activity.starts_at is not None:
        if timezone.is_naive(activity.starts_at):  # an API client's local time: the park's
            activity.starts_at = timezone.make_aware(activity.starts_at)
        if not YEAR_MIN <= activity.starts_at.year <= YEAR_MAX:
            raise ValidationError(
                {
                    "starts_at": [
                        _("年度应在 %(min)s–%(max)s 之间") % {"min": YEAR_MIN, "max": YEAR_MAX}
                    ]
                }
            )
    if activity.organiser_id is not None and not (
        organiser_departments(user).filter(pk=activity.organiser_id).exists()
    ):
        raise ValidationError({"organiser": [_(OWN_DEPARTMENT)]})
    if activity.organiser_id is None and not is_park_office(user):
        raise ValidationError({"organiser": [_(OWN_DEPARTMENT)]})
    if activity.status == ActivityStatus.HELD and activity.starts_at > timezone.now():
        raise ValidationError({"status": [_(HELD_IN_FUTURE)]})


def _invite(activity: Activity, enterprises: Iterable[Enterprise], reason: str) -> int:
    have = set(activity.invitations.values_list("enterprise_id", flat=True))
    added = 0
    for enterprise in enterprises:
        if enterprise.pk in have:
            continue
        invitation = Invitation(activity=activity, enterprise=enterprise)
        invitation.full_clean()
        record_save(invitation, reason=reason)
        have.add(enterprise.pk)
        added += 1
    return added


@transaction.atomic
def activity_create(
    *,
    user: User,
    data: Mapping[str, Any],
    invitees: Iterable[Enterprise] = (),
    is_demo: bool = False,
) -> Activity:
    """Register an activity with its invited enterprises."""
    if not (is_park_office(user) or organiser_departments(user).exists()):
        raise PermissionDenied(_(NOT_ORGANISER) % {"action": _("登记活动")})
    activity = Activity(created_by=user, is_demo=is_demo, **data)
    _check(activity, user)
    record_save(activity, reason=_("登记活动"))
    _invite(activity, invitees, _("登记活动时邀请"))
    return activity


@transaction.atomic
def activity_update(
    *,
    user: User,
    activity: Activity,
    data: Mapping[str, Any],
    reason: str,
    version: str | None,
    invitees: Iterable[Enterprise] | None = None,
) -> Activity:
    """Change an activity with a reason; refused when someone changed it since `version`.
    `invitees`, when given, is the whole list: an enterprise that attended or raised a request
    stays on it."""
    _require_work(user, activity, _("修改活动"))
    for name, value in data.items():
        setattr(activity, name, value)
    _check(activity, user)
    record_save(activity, reason=reason, version=version, missing_reason=_(REASON_REQUIRED))
    if invitees is None:
        return activity
    wanted = {e.pk: e for e in invitees}
    leaving = activity.invitations.exclude(enterprise_id__in=wanted).select_related("enterprise")
    changes = bool(leaving) or bool(
        set(wanted) - set(activity.invitations.values_list("enterprise_id", flat=True))
    )
    if changes and not reason.strip():
        raise ValidationError({"reason": [_(REASON_REQUIRED)]})
    raised = set(activity.requests.values_list("enterprise_id", flat=True))
    for invitation in leaving:
        if invitation.attended == Attendance.YES or invitation.enterprise_id in raised:
            raise ValidationError(
                {"invitees": [_(ATTENDED_KEPT) % {"name": invitation.enterprise.name}]}
            )
        record_reason(invitation, reason)
        invitation.delete()
    _invite(activity, wanted.values(), reason)
    return activity


@transaction.atomic
def attendance_record(
    *,
    user: User,
    activity: Activity,
    rows: Sequence[AttendanceRow],
    summary: str | None = None,
    version: str | None = None,
) -> int:
    """Record who came (and, optionally, the minutes); marks a planned activity held. Returns
    how many invitations changed."""
    _require_work(user, activity, _("记录出席"))
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(
            _(NOT_HELD) % {"status": activity.get_status_display(), "action": _("记录出席")}
        )
    reason = _("记录出席")
    if activity.status == ActivityStatus.PLANNED or (
        summary is not None and summary != activity.summary
    ):
        activity.status = ActivityStatus.HELD
        if summary is not None:
            activity.summary = summary
        _check(activity, user)
        record_save(activity, reason=reason, version=version)
    invitations = {i.pk: i for i in activity.invitations.select_for_update()}
    changed = 0
    for row in rows:
        invitation = invitations.get(row.invitation_id)
        if invitation is None:
            raise ValidationError(_("邀请记录不属于本次活动。"))
        attendees = row.attendees.strip() if row.attended == Attendance.YES else ""
        if (invitation.attended, invitation.attendees) == (row.attended, attendees):
            continue
        invitation.attended, invitation.attendees = row.attended, attendees
        invitation.full_clean()
        record_write(invitation, reason=reason)
        changed += 1
    return changed


@transaction.atomic
def activity_requests_raise(
    *, user: User, activity: Activity, rows: Sequence[RaisedRow], at: datetime | None = None
) -> list[ServiceRequest]:
    """Create the requests raised at the activity in one go: each is registered (受理) on the 活动
    channel, linked to the activity; one held by a department is dispatched to it at once
    (首问负责). A department's member names his own department; the park office may leave the
    holder blank and dispatch later. All or nothing."""
    action = _("登记活动中提出的诉求")
    _require_work(user, activity, action)
    if activity.status != ActivityStatus.HELD:
        raise ValidationError(
            _(NOT_HELD) % {"status": activity.get_status_display(), "action": action}
        )
    if not rows:
        raise ValidationError(_(NO_REQUESTS))
    invited = set(activity.invitations.values_list("enterprise_id", flat=True))
    holders = organiser_departments(user)
    created = []
    for row in rows:
        if row.enterprise.pk not in invited:
            raise ValidationError({"enterprise": [_(NOT_INVITED) % {"name": row.enterprise.name}]})
        if row.department is None and not is_park_office(user):
            raise ValidationError({"department": [_(HOLDER_REQUIRED)]})
        if row.department is not None and not holders.filter(pk=row.department.pk).exists():
            raise ValidationError({"department": [_(HOLDER_REQUIRED)]})
        text = row.text.strip()
        created.append(
            request_accept(
                user=user,
                enterprise=row.enterprise,
                channel=Channel.ACTIVITY,
                category=row.category,
                title=Truncator(text).chars(40),
                text=text,
                is_demo=activity.is_demo,
                holder=row.department,
                activity=activity,
                received_at=at,
            )
        )
    return created

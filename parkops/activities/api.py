"""The activities' JSON API under /api/activities: the same selectors, filter and services as the
pages. A restricted role sees only its enterprises' invitations and the requests it may see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.activities import selectors, services
from parkops.activities.choices import ActivityKind, ActivityStatus, Attendance
from parkops.activities.filtersets import ActivityFilterSet
from parkops.activities.models import Activity
from parkops.common.api import ErrorOut, Pagination, RecordId, require
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.registry.selectors import enterprises_visible_to

router = Router(tags=["activities"])
VIEW = "activities.view_activity"


class ActivityOut(Schema):
    id: int
    version: str
    kind: ActivityKind
    title: str
    starts_at: datetime
    place: str
    organiser_id: int | None
    organiser: str
    status: ActivityStatus
    invited: int
    attended: int
    requests_raised: int
    is_demo: bool


class ActivityInvitationOut(Schema):
    enterprise_id: int
    enterprise: str
    attended: Attendance
    attendees: str


class ActivityRequestOut(Schema):
    id: int
    number: str
    enterprise_id: int
    category: str
    title: str
    state: str
    department: str | None


class ActivityDetailOut(ActivityOut):
    topics: str
    summary: str
    invitations: list[ActivityInvitationOut]
    requests: list[ActivityRequestOut]


class ActivityIn(Schema):
    kind: ActivityKind
    title: str = Field(min_length=1, max_length=100)
    starts_at: datetime
    place: str = Field(min_length=1, max_length=100)
    organiser_id: int | None = None
    topics: str = Field(min_length=1, max_length=10_000)
    summary: str = Field("", max_length=10_000)
    status: ActivityStatus = ActivityStatus.PLANNED
    enterprise_ids: list[RecordId] = []


def _out(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk, "version": version_of(a), "kind": a.kind, "title": a.title,
        "starts_at": a.starts_at, "place": a.place, "organiser_id": a.organiser_id,
        "organiser": str(a.organiser) if a.organiser_id else _("园区办"), "status": a.status,
        "invited": getattr(a, "invited", 0), "attended": getattr(a, "attended_count", 0),
        "requests_raised": getattr(a, "requests_raised", 0), "is_demo": a.is_demo,
    }  # fmt: skip


def _detail(user: Any, pk: int) -> dict[str, Any]:
    activity = selectors.activity_list(user=user).filter(pk=pk).first()
    if activity is None:
        activity = selectors.activity_get(user=user, pk=pk)  # 404 in the API's words
    invitations = selectors.invitations_of(user=user, activity=activity)
    requests = selectors.requests_of(user=user, activity=activity)
    return {
        **_out(activity), "topics": activity.topics, "summary": activity.summary,
        "invitations": [
            {"enterprise_id": i.enterprise_id, "enterprise": i.enterprise.name,
             "attended": i.attended, "attendees": i.attendees}
            for i in invitations
        ],
        "requests": [
            {"id": r.pk, "number": r.number, "enterprise_id": r.enterprise_id,
             "category": r.category, "title": r.title, "state": r.state,
             "department": str(r.department) if r.department else None}
            for r in requests
        ],
    }  # fmt: skip


@router.get("/activities", response=list[ActivityOut], summary="企业活动列表")
@paginate(Pagination, page_size=50)
def list_activities(request: HttpRequest) -> Any:
    """Filters as on the page: q, kind, status, organiser, date_from, date_to, road."""
    require(request, VIEW)
    qs = ActivityFilterSet(request.GET, queryset=selectors.activity_list(user=request.user)).qs
    return [_out(a) for a in qs.order_by("-starts_at", "-pk")]


@router.get("/activities/{pk}", response=ActivityDetailOut, summary="企业活动详情")
def get_activity(request: HttpRequest, pk: int) -> Any:
    require(request, VIEW)
    return _detail(request.user, pk)


@router.post(
    "/activities", response={201: ActivityDetailOut, 422: ErrorOut}, summary="登记企业活动"
)
def create_activity(request: AuthedHttpRequest, payload: ActivityIn) -> Any:
    require(request, "activities.add_activity")
    user = request.user
    data = payload.dict()
    wanted = set(data.pop("enterprise_ids"))
    invitees = list(enterprises_visible_to(user).filter(pk__in=wanted))
    if len(invitees) != len(wanted):
        raise ValidationError({"enterprise_ids": [_("企业不存在或不在您负责的范围内。")]})
    organiser_id = data.pop("organiser_id")
    organiser = None
    if organiser_id is not None:
        organiser = selectors.organiser_departments(user).filter(pk=organiser_id).first()
        if organiser is None:
            raise ValidationError({"organiser_id": [_(services.OWN_DEPARTMENT)]})
    try:
        created = services.activity_create(
            user=user, data={**data, "organiser": organiser}, invitees=invitees
        )
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    return Status(201, _detail(user, created.pk))

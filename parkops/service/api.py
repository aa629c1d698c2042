"""The requests' JSON API under /api/service/: the same selectors, filters and services as the
pages. A transition names the version it is based on (body `version` or If-Match; 428 without),
and answers 409 when the request changed since, 403 when the user may not take it, 422 when the
state or the input is wrong."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.accounts.models import Department
from parkops.common.api import ErrorOut, Pagination, based_on, require
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.registry.selectors import enterprises_visible_to
from parkops.service import selectors, services
from parkops.service.actions import ACTIONS
from parkops.service.choices import Category, Channel, DissatisfactionCause, Rating
from parkops.service.filtersets import RequestFilterSet
from parkops.service.models import ReasonCode, ServiceRequest
from parkops.service.views import VIEW, may_create

router = Router(tags=["service"])
ActionName = Literal[
    "dispatch", "sign", "answer", "pause", "resume", "transfer", "co_handle", "extend", "return",
    "rate", "close", "reopen", "supervise",
]  # fmt: skip


class RequestOut(Schema):
    id: int
    number: str
    version: str
    channel: Channel
    category: Category
    enterprise_id: int
    enterprise: str
    title: str
    state: str
    department_id: int | None
    department: str | None
    received_at: datetime
    limit_days: int
    due_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None
    supervision_count: int
    activity_id: int | None
    is_demo: bool


class EventOut(Schema):
    kind: str
    at: datetime
    actor: str
    from_state: str
    to_state: str
    department: str | None
    reason: str | None
    text: str


class RequestDetailOut(RequestOut):
    text: str
    answer: str
    co_departments: list[str]
    events: list[EventOut]


class RequestIn(Schema):
    enterprise_id: int
    channel: Channel
    category: Category
    title: str = Field(min_length=1, max_length=100)
    text: str = Field(min_length=1, max_length=10_000)
    contact: str = Field("", max_length=100)


class ActionIn(Schema):
    """The fields the action needs: dispatch/transfer a department_id; co_handle department_ids;
    answer an answer; return/extend/close a reason_id and a text; extend limit_days; rate the
    three ratings (and cause when one is 不满意)."""

    version: str | None = None
    department_id: int | None = None
    department_ids: list[int] = []
    text: str = Field("", max_length=10_000)
    answer: str = Field("", max_length=10_000)
    reason_id: int | None = None
    limit_days: int | None = Field(None, ge=1, le=60)
    efficiency: Rating | None = None
    attitude: Rating | None = None
    result: Rating | None = None
    cause: DissatisfactionCause = DissatisfactionCause.NONE
    note: str = Field("", max_length=10_000)


def _out(r: ServiceRequest) -> dict[str, Any]:
    return {
        "id": r.pk, "number": r.number, "version": version_of(r), "channel": r.channel,
        "category": r.category, "enterprise_id": r.enterprise_id, "enterprise": r.enterprise.name,
        "title": r.title, "state": r.state, "department_id": r.department_id,
        "department": str(r.department) if r.department else None, "received_at": r.received_at,
        "limit_days": r.limit_days, "due_at": r.due_at, "answered_at": r.answered_at,
        "closed_at": r.closed_at, "supervision_count": r.supervision_count,
        "activity_id": r.activity_id, "is_demo": r.is_demo,
    }  # fmt: skip


def _detail(r: ServiceRequest) -> dict[str, Any]:
    return {
        **_out(r), "text": r.text, "answer": r.answer,
        "co_departments": [str(d) for d in r.co_departments.all()],
        "events": [
            {"kind": e.kind, "at": e.at, "actor": str(e.actor), "from_state": e.from_state,
             "to_state": e.to_state, "department": str(e.department) if e.department else None,
             "reason": str(e.reason) if e.reason else None, "text": e.text}
            for e in r.events.all()
        ],
    }  # fmt: skip


@router.get("/requests", response=list[RequestOut], summary="企业诉求列表")
@paginate(Pagination, page_size=50)
def list_requests(request: HttpRequest) -> Any:
    """Filters as on the page: q, state, category, channel, department, overdue."""
    require(request, VIEW)
    qs = RequestFilterSet(request.GET, queryset=selectors.request_list(user=request.user)).qs
    return [_out(r) for r in qs.order_by("-received_at", "-pk")]


@router.get("/requests/{pk}", response=RequestDetailOut, summary="企业诉求详情")
def get_request(request: HttpRequest, pk: int) -> Any:
    require(request, VIEW)
    return _detail(selectors.request_get(user=request.user, pk=pk))


@router.post("/requests", response={201: RequestDetailOut, 422: ErrorOut}, summary="登记诉求")
def create_request(request: AuthedHttpRequest, payload: RequestIn) -> Any:
    require(request, VIEW)
    user = request.user
    if not may_create(user):
        raise HttpError(403, _("只有园区办、路长和网格员可以登记诉求。"))
    data = payload.dict()
    enterprise = enterprises_visible_to(user).filter(pk=data.pop("enterprise_id")).first()
    if enterprise is None:
        raise ValidationError({"enterprise_id": [_("企业不存在或不在您负责的范围内。")]})
    created = services.request_accept(user=user, enterprise=enterprise, **data)
    return Status(201, _detail(selectors.request_get(user=user, pk=created.pk)))


def _arguments(action: str, data: dict[str, Any]) -> dict[str, Any]:
    """The service's keyword arguments from the body, by the action's form fields."""
    fields = set(ACTIONS[action].form.base_fields) - {"version"}
    args: dict[str, Any] = {}
    for name in fields:
        if name == "department":
            args[name] = _one(Department, data.get("department_id"), "department_id")
        elif name == "departments":
            args[name] = list(Department.objects.filter(pk__in=data.get("department_ids") or []))
        elif name == "reason":
            rid = data.get("reason_id")
            args[name] = ReasonCode.objects.filter(pk=rid).first() if rid is not None else None
        elif name == "limit_days":
            if data.get("limit_days") is None:
                raise ValidationError({"limit_days": [_("必填")]})
            args[name] = data["limit_days"]
        elif name in ("efficiency", "attitude", "result"):
            if data.get(name) is None:
                raise ValidationError({name: [_("必填")]})
            args[name] = data[name]
        else:
            args[name] = data.get(name) or ""
    return args


def _one(model: type[Department], pk: int | None, field: str) -> Department:
    found = model.objects.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({field: [_("须选择一个存在的部门。")]})
    return found


@router.post(
    "/requests/{pk}/{action}",
    response={200: RequestDetailOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="办理诉求（派单、签收、答复、转办、联办、延期、退单、暂停、恢复、回访、办结、重新办理、督办）",
)
def act_on_request(
    request: AuthedHttpRequest, pk: int, action: ActionName, payload: ActionIn
) -> Any:
    require(request, VIEW)
    user = request.user
    obj = selectors.request_get(user=user, pk=pk)
    data = payload.dict()
    version = based_on(request, data.pop("version", None), stored=True)
    try:
        ACTIONS[action].run(request=obj, user=user, version=version, **_arguments(action, data))
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    return _detail(selectors.request_get(user=user, pk=pk))

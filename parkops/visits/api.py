"""The visits' JSON API under /api/visits/: visits (list, record, create through the same service
as the phone form), the departments' parked questions, and the policies with the enterprises that
qualify for each. Reads through the same selectors and filters as the pages, so the scope is the
pages' scope; a photo is uploaded on the page (the API names the photos with their URLs)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.accounts.models import Department
from parkops.common.api import ErrorOut, Pagination, require
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits import selectors, services
from parkops.visits.choices import QuestionStatus, RaisedCategory, VisitKind, VisitMethod
from parkops.visits.filtersets import QuestionFilterSet, VisitFilterSet
from parkops.visits.forms import visitor_choices
from parkops.visits.models import PendingQuestion, Policy, Visit
from parkops.visits.policies import policy_matches

router = Router(tags=["visits"])


class VisitOut(Schema):
    id: int
    version: str
    enterprise_id: int
    enterprise: str
    visited_on: date
    kind: VisitKind
    method: VisitMethod
    visitors: list[str]
    other_visitors: str
    interviewee_name: str
    interviewee_position: str
    discussed: str
    findings: str
    next_visit_on: date | None
    photo_count: int
    is_demo: bool

    @staticmethod
    def resolve_version(obj: Visit) -> str:
        return version_of(obj)

    @staticmethod
    def resolve_enterprise(obj: Visit) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_visitors(obj: Visit) -> list[str]:
        return [u.get_full_name() or u.username for u in obj.visitors.all()]

    @staticmethod
    def resolve_photo_count(obj: Visit) -> int:
        annotated: Any = obj
        count = getattr(annotated, "photo_count", None)
        return int(count) if count is not None else len(obj.photos.all())


class PhotoOut(Schema):
    id: int
    url: str
    content_type: str
    size: int


class RaisedOut(Schema):
    category: RaisedCategory
    text: str
    department: str | None
    service_request_id: int | None


class AnsweredOut(Schema):
    id: int
    department: str
    text: str
    answer: str


class VisitDetailOut(VisitOut):
    interviewee_phone: str
    photos: list[PhotoOut]
    raised_requests: list[RaisedOut]
    answered_questions: list[AnsweredOut]

    @staticmethod
    def resolve_photos(obj: Visit) -> list[dict[str, Any]]:
        return [
            {"id": p.pk, "url": reverse("visits:photo", args=[p.pk]),
             "content_type": p.content_type, "size": p.size}
            for p in obj.photos.all()
        ]  # fmt: skip

    @staticmethod
    def resolve_raised_requests(obj: Visit) -> list[dict[str, Any]]:
        return [
            {"category": r.category, "text": r.text, "service_request_id": r.service_request_id,
             "department": str(r.department) if r.department else None}
            for r in obj.raised_requests.all()
        ]  # fmt: skip

    @staticmethod
    def resolve_answered_questions(obj: Visit) -> list[dict[str, Any]]:
        return [
            {"id": q.pk, "department": str(q.department), "text": q.text, "answer": q.answer}
            for q in obj.answered_questions.all()
        ]


class RaisedIn(Schema):
    category: RaisedCategory
    text: str = Field(min_length=1, max_length=10_000)
    department_id: int | None = None


class AnswerIn(Schema):
    question_id: int
    answer: str = Field(min_length=1, max_length=10_000)


class VisitIn(Schema):
    """A visit as the phone form records it: the requests raised are accepted (受理) as service
    requests on the visit channel, the answers close the parked questions, all in one go."""

    enterprise_id: int
    visited_on: date
    kind: VisitKind = VisitKind.ROUTINE
    method: VisitMethod = VisitMethod.ON_SITE
    visitor_ids: list[int] = []
    other_visitors: str = Field("", max_length=200)
    interviewee_name: str = Field("", max_length=50)
    interviewee_position: str = Field("", max_length=50)
    interviewee_phone: str = Field("", max_length=30)
    discussed: str = Field(min_length=1, max_length=10_000)
    findings: str = Field("", max_length=10_000)
    next_visit_on: date | None = None
    requests: list[RaisedIn] = []
    answers: list[AnswerIn] = []


class QuestionOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    department_id: int
    department: str
    text: str
    status: QuestionStatus
    answer: str
    answered_in_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_enterprise(obj: PendingQuestion) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_department(obj: PendingQuestion) -> str:
        return str(obj.department)


class QuestionIn(Schema):
    enterprise_id: int
    department_id: int
    text: str = Field(min_length=1, max_length=200)


class PolicyOut(Schema):
    id: int
    name: str
    issuer: str
    valid_from: date
    valid_to: date | None
    benefit: str
    rules: dict[str, Any]
    source_url: str
    is_demo: bool


class PolicyMatchOut(Schema):
    enterprise_id: int
    enterprise: str
    road: str | None
    reasons: list[str]


# --- visits ----------------------------------------------------------------------------------
@router.get("/visits", response=list[VisitOut], summary="走访记录列表")
@paginate(Pagination, page_size=50)
def list_visits(request: HttpRequest) -> Any:
    """Filters as on the page: q (enterprise), road, grid, kind, method, visited_from/_to."""
    require(request, "visits.view_visit")
    qs = VisitFilterSet(request.GET, queryset=selectors.visit_list(user=request.user)).qs
    return qs.order_by("-visited_on", "-pk")


@router.get("/visits/{pk}", response=VisitDetailOut, summary="走访记录详情")
def get_visit(request: HttpRequest, pk: int) -> Any:
    require(request, "visits.view_visit")
    return selectors.visit_get(user=request.user, pk=pk)


def _department(pk: int | None, field: str) -> Department | None:
    if pk is None:
        return None
    found = Department.objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise ValidationError({field: [_("须选择一个存在的部门。")]})
    return found


@router.post("/visits", response={201: VisitDetailOut, 422: ErrorOut}, summary="登记走访")
def create_visit(request: AuthedHttpRequest, payload: VisitIn) -> Any:
    require(request, "visits.add_visit")
    user = request.user
    data = payload.dict()
    enterprise = enterprises_visible_to(user).filter(pk=data.pop("enterprise_id")).first()
    if enterprise is None:
        raise ValidationError({"enterprise_id": [_("您只能为自己负责的企业登记走访")]})
    ids = set(data.pop("visitor_ids"))
    visitors = list(visitor_choices().filter(pk__in=ids))
    if len(visitors) != len(ids):
        raise ValidationError({"visitor_ids": [_("走访人须是园区办、路长或网格员。")]})
    rows = [
        services.RaisedRow(
            RaisedCategory(r["category"]),
            r["text"],
            _department(r["department_id"], f"requests.{n}.department_id"),
        )
        for n, r in enumerate(data.pop("requests"))
    ]
    answers = {a["question_id"]: a["answer"] for a in data.pop("answers")}
    visit = services.visit_create(
        user=user, enterprise=enterprise, data=data, visitors=visitors, requests=rows,
        answers=answers,
    )  # fmt: skip
    return Status(201, selectors.visit_get(user=user, pk=visit.pk))


# --- questions parked for the next visit -----------------------------------------------------
@router.get("/questions", response=list[QuestionOut], summary="待走访问题列表")
@paginate(Pagination, page_size=50)
def list_questions(request: HttpRequest) -> Any:
    """Filters as on the page: q (enterprise), department, status."""
    require(request, "visits.view_pendingquestion")
    qs = QuestionFilterSet(request.GET, queryset=selectors.question_list(user=request.user)).qs
    return qs.order_by("-created_at", "-pk")


@router.post("/questions", response={201: QuestionOut, 422: ErrorOut}, summary="提出待走访问题")
def create_question(request: AuthedHttpRequest, payload: QuestionIn) -> Any:
    require(request, "visits.add_pendingquestion")
    user = request.user
    enterprise = enterprises_visible_to(user).filter(pk=payload.enterprise_id).first()
    if enterprise is None:
        raise ValidationError({"enterprise_id": [_("企业不存在或不在您负责的范围内。")]})
    department = _department(payload.department_id, "department_id")
    assert department is not None  # a required id: _department refused a missing one
    question = services.question_create(
        user=user, enterprise=enterprise, department=department, text=payload.text
    )
    return Status(201, selectors.question_list(user=user).get(pk=question.pk))


# --- policies (政策找企业) ------------------------------------------------------------------
@router.get("/policies", response=list[PolicyOut], summary="扶持政策列表")
@paginate(Pagination, page_size=50)
def list_policies(request: HttpRequest) -> Any:
    require(request, "visits.view_policy")
    return selectors.policy_list().order_by("-valid_from", "name")


@router.get("/policies/{pk}", response=PolicyOut, summary="扶持政策详情")
def get_policy(request: HttpRequest, pk: int) -> Policy:
    require(request, "visits.view_policy")
    return selectors.policy_get(pk=pk)


@router.get(
    "/policies/{pk}/enterprises", response=list[PolicyMatchOut], summary="符合政策条件的企业及理由"
)
@paginate(Pagination, page_size=100)
def policy_enterprises(request: HttpRequest, pk: int) -> Any:
    """The enterprises in the caller's scope that qualify, each with why."""
    require(request, "visits.view_policy")
    policy = selectors.policy_get(pk=pk)
    matches = policy_matches(user=request.user, policy=policy, today=timezone.localdate())
    return [
        {"enterprise_id": m.enterprise.pk, "enterprise": m.enterprise.name,
         "road": m.enterprise.road.name if m.enterprise.road else None, "reasons": m.reasons}
        for m in sorted(matches, key=lambda m: m.enterprise.name)
    ]  # fmt: skip

"""The evaluation's JSON API: the same selectors and services as the pages."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.common.api import ErrorOut, Pagination, based_on, require
from parkops.common.types import AuthedHttpRequest
from parkops.common.years import YEAR_MAX, YEAR_MIN
from parkops.evaluation import card, jobs, run_figures, selectors, services
from parkops.evaluation.models import SchemeVersion
from parkops.evaluation.schemas import (
    BottomOut,
    CardOut,
    PublishIn,
    ResultOut,
    RunIn,
    RunOut,
    SchemeVersionOut,
    VetoEventIn,
    VetoEventOut,
    VetoVoidIn,
    WhatIfIn,
    WhatIfOut,
)
from parkops.ops.api import JobOut, accepted
from parkops.registry.selectors import enterprise_get, enterprises_visible_to

router = Router(tags=["evaluation"])


@router.get("/runs", response=list[RunOut], summary="评价批次列表")
def list_runs(request: HttpRequest) -> Any:
    require(request, "evaluation.view_evaluationrun")
    return selectors.run_list(user=request.user)


@router.get("/runs/{pk}", response=RunOut, summary="评价批次")
def get_run(request: HttpRequest, pk: int) -> Any:
    require(request, "evaluation.view_evaluationrun")
    return selectors.run_get(pk=pk, user=request.user)


@router.post("/runs", response={202: JobOut, 422: ErrorOut}, summary="运行评价（草稿，后台任务）")
def create_run(request: AuthedHttpRequest, payload: RunIn) -> Any:
    """The run is made by a queue worker: the answer is 202 with the job; `GET /api/jobs/{id}`
    tells its progress and, when done, the run's page as `result_url`."""
    require(request, "evaluation.add_evaluationrun")
    version = None
    if payload.scheme_version_id is not None:
        version = SchemeVersion.objects.filter(pk=payload.scheme_version_id).first()
        if version is None:
            raise ValidationError({"scheme_version_id": [_("方案版本不存在")]})
    job = jobs.run_enqueue(year=payload.year, version=version, note=payload.note, user=request.user)
    return accepted(job)


@router.post(
    "/runs/{pk}/publish",
    response={200: RunOut, 422: ErrorOut},
    summary="发布评价",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": PublishIn.json_schema()}},
        }
    },
)
def publish_run(request: AuthedHttpRequest, pk: int) -> Any:
    """The body is optional. Over the year's published run this is a republication: `reason`
    is required, the new run is the next edition and the earlier one stays readable, marked
    superseded."""
    require(request, "evaluation.change_evaluationrun")
    run = selectors.run_get(pk=pk, user=request.user)
    services.run_publish(run=run, user=request.user, reason=_body_reason(request))
    return Status(200, selectors.run_get(pk=pk, user=request.user))


def _body_reason(request: HttpRequest) -> str:
    """`reason` of an optional JSON body ({"reason": "…"}) or form; '' without one."""
    if request.content_type != "application/json":
        return str(request.POST.get("reason") or "")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as error:
        raise ValidationError(_("请求内容不是有效的 JSON")) from error
    return str(data.get("reason") or "") if isinstance(data, dict) else ""


@router.get("/runs/{pk}/results", response=list[ResultOut], summary="评价结果")
@paginate(Pagination, page_size=100)
def list_results(
    request: HttpRequest,
    pk: int,
    population: str | None = None,
    evaluation_class: str | None = None,
) -> Any:
    """Filters: population (above/below…), evaluation_class (A/B/C/D/T/N)."""
    require(request, "evaluation.view_evaluationresult")
    qs = selectors.results_visible(
        user=request.user, run=selectors.run_get(pk=pk, user=request.user)
    )
    if population:
        qs = qs.filter(population=population)
    if evaluation_class:
        qs = qs.filter(evaluation_class=evaluation_class)
    return qs.order_by("population", "rank", "enterprise_id")


@router.get("/runs/{pk}/bottom", response=list[BottomOut], summary="尾部 30 家企业")
def list_bottom(request: HttpRequest, pk: int) -> Any:
    require(request, "evaluation.view_evaluationresult")
    rows = run_figures.bottom(user=request.user, run=selectors.run_get(pk=pk, user=request.user))
    for b in rows:
        b.result.last_position = b.last_position  # type: ignore[attr-defined]
        b.result.last_class = b.last_class  # type: ignore[attr-defined]
    return [b.result for b in rows]


@router.get(
    "/enterprises/{pk}/evaluation",
    response={200: CardOut, 404: ErrorOut},
    summary="企业评价结果及逐项说明",
)
def get_enterprise_evaluation(request: HttpRequest, pk: int) -> Any:
    require(request, "evaluation.view_evaluationresult")
    context = card.card_context(
        enterprise=enterprise_get(user=request.user, pk=pk), user=request.user
    )
    if context["result"] is None:
        return Status(404, {"detail": _("尚无评价结果。")})
    explanation = context["explanation"]
    return {
        "run": context["run"],
        "result": context["result"],
        "indicators": context["indicators"],
        "summary": explanation.summary if explanation else "",
        "lines": explanation.lines if explanation else [],
        "upgrade": explanation.upgrade if explanation else [],
    }


@router.post(
    "/runs/{pk}/what-if/{enterprise_pk}",
    response={200: WhatIfOut, 404: ErrorOut},
    summary="模拟测算（不保存）",
)
def what_if(request: HttpRequest, pk: int, enterprise_pk: int, payload: WhatIfIn) -> Any:
    """Only the figures sent are changed; the others stay as in the run's input."""
    require(request, "evaluation.view_evaluationresult")
    enterprise = enterprise_get(user=request.user, pk=enterprise_pk)
    found = card.what_if(
        run=selectors.run_get(pk=pk, user=request.user),
        enterprise=enterprise,
        figures=payload.dict(exclude_unset=True),
    )
    if found.get("missing"):
        return Status(404, {"detail": _("本批次没有该企业的数据。")})
    return found["outcome"]


@router.get("/schemes", response=list[SchemeVersionOut], summary="评价方案版本")
def list_schemes(request: HttpRequest) -> Any:
    require(request, "evaluation.view_schemeversion")
    return selectors.scheme_versions().order_by("scheme__name", "-number")


@router.get("/veto-events", response=list[VetoEventOut], summary="否决事件")
@paginate(Pagination, page_size=100)
def list_veto_events(
    request: HttpRequest,
    # A plain annotation: paginate's wrapper resolves it in ninja's globals, not this module's.
    year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
) -> Any:
    require(request, "evaluation.view_vetoevent")
    qs = selectors.veto_events(user=request.user)
    return qs.filter(occurred_on__year=year) if year else qs


@router.post("/veto-events", response={201: VetoEventOut, 422: ErrorOut}, summary="登记否决事件")
def create_veto_event(request: HttpRequest, payload: VetoEventIn) -> Any:
    require(request, "evaluation.add_vetoevent")
    data = payload.dict()
    enterprise = enterprises_visible_to(request.user).filter(pk=data.pop("enterprise_id")).first()
    if enterprise is None:
        raise HttpError(404, _("企业不存在"))
    event = services.veto_event_create(data={**data, "enterprise": enterprise})
    return Status(201, event)


@router.get("/veto-events/{pk}", response=VetoEventOut, summary="否决事件")
def get_veto_event(request: HttpRequest, pk: int) -> Any:
    require(request, "evaluation.view_vetoevent")
    return selectors.veto_event_get(user=request.user, pk=pk)


@router.post(
    "/veto-events/{pk}/void",
    response={200: VetoEventOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="撤销否决事件",
)
def void_veto_event(request: HttpRequest, pk: int, payload: VetoVoidIn) -> Any:
    """Void the event with a reason; it stays on record and no new run counts it."""
    require(request, "evaluation.change_vetoevent")
    event = selectors.veto_event_get(user=request.user, pk=pk)
    version = based_on(request, payload.version, stored=True)
    return services.veto_event_void(event=event, reason=payload.reason, version=version)

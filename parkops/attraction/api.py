"""The attraction JSON API under /api/attraction/: the same selectors, filter and services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.attraction import matches, selectors, services
from parkops.attraction.filtersets import LeadFilterSet
from parkops.attraction.models import Lead
from parkops.common.api import ErrorOut, Pagination, require
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.registry.models import SmallPark
from parkops.registry.selectors import smallparks_visible_to

router = Router(tags=["attraction"])


class LeadOut(Schema):
    id: int
    company_name: str
    uscc: str | None
    pipeline_type: str
    stage: str
    owner_park: str | None
    industry_code: str
    investment_wan: Decimal | None
    tax_wan: Decimal | None
    next_action: str
    next_action_on: date
    stale: bool
    lost_reason: str | None
    version: str


class LeadIn(Schema):
    company_name: str
    uscc: str | None = None
    pipeline_type: str = "new"
    industry_code: str = ""
    products: str = ""
    investment_wan: Decimal | None = None
    output_wan: Decimal | None = None
    tax_wan: Decimal | None = None
    land_mu: Decimal | None = None
    floor_m2: Decimal | None = None
    owner_park_id: int | None = None
    next_action: str
    next_action_on: date


class BoardOut(Schema):
    stage: str
    label: str
    count: int
    investment_wan: Decimal
    tax_wan: Decimal
    stale: int


class UnitMatchOut(Schema):
    vacancy_id: int
    small_park: str
    area_m2: Decimal
    score: int
    reasons: list[str]


def _lead(lead: Lead) -> dict[str, Any]:
    owner = None if not lead.owner_park_id else str(lead.owner_park or "—")
    return {
        "id": lead.pk, "company_name": lead.company_name, "uscc": lead.uscc,
        "pipeline_type": lead.pipeline_type, "stage": lead.stage, "owner_park": owner,
        "industry_code": lead.industry_code, "investment_wan": lead.investment_wan,
        "tax_wan": lead.tax_wan, "next_action": lead.next_action,
        "next_action_on": lead.next_action_on, "stale": selectors.is_stale(lead),
        "lost_reason": str(lead.lost_reason) if lead.lost_reason_id else None,
        "version": version_of(lead),
    }  # fmt: skip


@router.get("/attraction/leads", response=list[LeadOut], summary="招商线索")
@paginate(Pagination, page_size=50)
def list_leads(request: HttpRequest) -> Any:
    """Filters as on the page: q, stage, pipeline_type, owner_park, state (open/stale/lost)."""
    require(request, "attraction.view_lead")
    qs = selectors.lead_list(user=request.user)
    parks = smallparks_visible_to(request.user)
    return [_lead(x) for x in LeadFilterSet(request.GET, queryset=qs, parks=parks).qs]


@router.get("/attraction/leads/{pk}", response=LeadOut, summary="招商线索详情")
def get_lead(request: HttpRequest, pk: int) -> Any:
    require(request, "attraction.view_lead")
    return _lead(selectors.lead_get(user=request.user, pk=pk))


@router.get("/attraction/leads/{pk}/matches", response=list[UnitMatchOut], summary="匹配空置厂房")
def lead_matches(request: HttpRequest, pk: int) -> Any:
    require(request, "attraction.view_lead")
    lead = selectors.lead_get(user=request.user, pk=pk)
    return [
        {"vacancy_id": m.vacancy.pk, "small_park": str(m.vacancy.small_park),
         "area_m2": m.vacancy.area_m2, "score": m.match.score,
         "reasons": [d.reason for d in m.match.dimensions]}
        for m in matches.lead_matches(user=request.user, lead=lead)
    ]  # fmt: skip


@router.get("/attraction/board", response=list[BoardOut], summary="招商看板")
def board(request: HttpRequest) -> Any:
    require(request, "attraction.view_lead")
    return [
        {"stage": c.stage.value, "label": str(c.stage.label), "count": c.count,
         "investment_wan": c.investment_wan, "tax_wan": c.tax_wan, "stale": c.stale}
        for c in selectors.board(user=request.user)
    ]  # fmt: skip


@router.post("/attraction/leads", response={201: LeadOut, 422: ErrorOut}, summary="登记招商线索")
def create_lead(request: AuthedHttpRequest, payload: LeadIn) -> Any:
    require(request, "attraction.add_lead")
    data = payload.dict(exclude={"owner_park_id"})
    park = None
    if payload.owner_park_id is not None:
        park = selectors.owner_parks(request.user).filter(pk=payload.owner_park_id).first()
        if park is None:
            park = SmallPark(pk=payload.owner_park_id)  # refused by the service, by name
    data["owner_park"] = park
    lead = services.lead_create(user=request.user, data=data)
    return Status(201, _lead(selectors.lead_get(user=request.user, pk=lead.pk)))

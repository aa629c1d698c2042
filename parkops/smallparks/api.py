"""The small parks' JSON API: ratings with their reasons, occupancy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from parkops.common.api import Year, require
from parkops.registry.selectors import smallpark_get
from parkops.smallparks import rating_selectors, selectors, services

router = Router(tags=["smallparks"])


class RatingOut(Schema):
    small_park_id: int
    small_park: str
    year: int
    level: str | None
    level_label: str | None
    rule_version: str | None
    metrics: dict[str, Any]
    reasons: list[str]
    previous_level: str | None


class OccupancyOut(Schema):
    on: date
    total_m2: Decimal | None
    basis: str
    leased_m2: Decimal
    vacant_m2: Decimal
    occupancy_pct: Decimal | None
    vacancy_pct: Decimal | None
    unaccounted_m2: Decimal | None


class RatingRunIn(Schema):
    year: Year


@router.get("/estates/ratings", response=list[RatingOut], summary="小园区三级评定")
def ratings(request: HttpRequest, year: Year) -> Any:
    require(request, "smallparks.view_smallparkrating")
    return [
        {
            "small_park_id": row.small_park.pk,
            "small_park": row.small_park.name,
            "year": year,
            "level": row.rating.level if row.rating else None,
            "level_label": str(row.rating.get_level_display()) if row.rating else None,
            "rule_version": row.rating.rule_set.version if row.rating else None,
            "metrics": row.rating.metrics if row.rating else {},
            "reasons": row.rating.reasons if row.rating else [],
            "previous_level": row.previous.level if row.previous else None,
        }
        for row in rating_selectors.rating_rows(user=request.user, year=year)
    ]


@router.post("/estates/ratings/run", response={201: list[RatingOut]}, summary="运行评定")
def run(request: HttpRequest, payload: RatingRunIn) -> Any:
    require(request, "smallparks.add_smallparkrating")
    services.rating_run(year=payload.year)
    return Status(201, ratings(request, payload.year))


@router.get("/estates/{pk}/occupancy", response=OccupancyOut, summary="小园区出租情况")
def occupancy(request: HttpRequest, pk: int) -> Any:
    require(request, "smallparks.view_tenancy")
    park = smallpark_get(user=request.user, pk=pk)
    return selectors.occupancy(park, timezone.localdate()).__dict__

"""Table 1 as JSON: indicators, targets, actuals (computed and manual) and tiers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from parkops.common.api import ErrorOut, based_on, require
from parkops.common.versioning import version_of
from parkops.indicators.choices import ForecastMethod
from parkops.indicators.models import Indicator
from parkops.indicators.selectors import Row, manual_value_exists, scoreboard
from parkops.indicators.services import manual_value_set
from parkops.plan.caojing import YEARS

router = Router(tags=["indicators"])


class CellOut(Schema):
    year: int
    floor: Decimal | None
    committed: Decimal | None
    stretch: Decimal | None
    computed: Decimal | None
    plain_growth: Decimal | None
    manual: Decimal | None
    manual_reason: str | None
    manual_version: str | None
    value: Decimal | None
    tier: str | None
    partial: bool


class ForecastOut(Schema):
    year: int
    low: Decimal | None
    high: Decimal | None
    method: ForecastMethod


class IndicatorOut(Schema):
    number: int
    group: str
    name: str
    unit: str
    computation: str
    years: list[CellOut]
    forecast: ForecastOut | None


def _row(row: Row) -> dict[str, Any]:
    i = row.indicator
    forecast = None
    if row.forecast is not None and row.forecast_year is not None:
        forecast = {"year": row.forecast_year, "low": row.forecast.low, "high": row.forecast.high,
                    "method": row.forecast_method}  # fmt: skip
    return {
        "number": i.number, "group": i.group, "name": i.name, "unit": i.unit,
        "computation": i.computation, "forecast": forecast,
        "years": [
            {
                "year": c.year,
                "floor": c.target.floor if c.target else None,
                "committed": c.target.committed if c.target else None,
                "stretch": c.target.stretch if c.target else None,
                "computed": c.computed.value, "plain_growth": c.computed.plain,
                "manual": c.manual.value if c.manual else None,
                "manual_reason": c.manual.reason if c.manual else None,
                "manual_version": version_of(c.manual) if c.manual else None,
                "value": c.value, "tier": c.tier.value if c.tier else None,
                "partial": c.computed.partial,
            }
            for c in row.cells
        ],
    }  # fmt: skip


@router.get("/indicators", response=list[IndicatorOut], summary="主要指标（表 1）")
def list_indicators(request: HttpRequest) -> Any:
    """Each indicator with its targets, computed and manual actuals, the value used and the tier
    reached per year (below_floor / floor / committed / stretch; null when there is no data), and
    the forecast range for the current year."""
    require(request, "indicators.view_indicator")
    return [_row(r) for r in scoreboard()]


@router.get("/indicators/{number}", response=IndicatorOut, summary="单项指标")
def get_indicator(request: HttpRequest, number: int) -> Any:
    require(request, "indicators.view_indicator")
    for row in scoreboard():
        if row.indicator.number == number:
            return _row(row)
    raise HttpError(404, "Not Found")


class ManualIn(Schema):
    value: Decimal
    reason: str
    version: str | None = None  # manual_version it replaces; or If-Match


@router.put(
    "/indicators/{number}/{year}/manual",
    response={200: IndicatorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="人工填报（覆盖计算值）",
)
def set_manual(request: HttpRequest, number: int, year: int, payload: ManualIn) -> Any:
    """Park office only. The reason is required; the previous value stays in the history."""
    require(request, "indicators.change_manualvalue")
    indicator = Indicator.objects.filter(number=number).first()
    if indicator is None or year not in YEARS:
        raise HttpError(404, _("没有这个指标或年度"))
    user = request.user
    assert isinstance(user, User)
    data = payload.dict()
    stored = manual_value_exists(indicator=indicator, year=year)
    data["version"] = based_on(request, data["version"], stored=stored)
    manual_value_set(indicator=indicator, year=year, user=user, **data)
    return get_indicator(request, number)

"""Shapes of the registry's JSON: what the API returns and accepts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import ModelSchema, Schema
from pydantic import create_model

from parkops.common.versioning import version_of
from parkops.core.figures import CHOICE_FIELDS, COUNT_FIELDS, FIGURE_FIELDS
from parkops.registry.choices import LandBasis
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, Road, SmallPark


class RoadOut(ModelSchema):
    class Meta:
        model = Road
        fields = ["id", "name"]


class SmallParkOut(ModelSchema):
    tenant_count: int | None = None

    class Meta:
        model = SmallPark
        fields = [
            "id",
            "name",
            "full_name",
            "plan_sequence",
            "owner_name",
            "land_mu",
            "floor_area_m2",
            "rentable_floor_m2",
            "road",
            "address",
        ]


class EnterpriseOut(ModelSchema):
    latest_year: int | None = None
    latest_revenue: Decimal | None = None
    latest_above_scale: bool | None = None
    version: str = ""

    @staticmethod
    def resolve_version(obj: Enterprise) -> str:
        return version_of(obj)

    class Meta:
        model = Enterprise
        fields = [
            "id", "name", "short_name", "uscc", "industry_code", "key_industry", "cluster",
            "small_park", "road", "address", "status", "production_started_on", "is_demo",
        ]  # fmt: skip


class EnterpriseIn(Schema):
    name: str
    short_name: str = ""
    uscc: str | None = None
    industry_code: str = ""
    key_industry: str = ""
    cluster: str = ""
    small_park: int | None = None
    road: int | None = None
    address: str = ""
    production_started_on: date | None = None
    note: str = ""


class EnterprisePatch(Schema):
    name: str | None = None
    short_name: str | None = None
    uscc: str | None = None
    industry_code: str | None = None
    key_industry: str | None = None
    cluster: str | None = None
    small_park: int | None = None
    road: int | None = None
    address: str | None = None
    status: str | None = None
    production_started_on: date | None = None
    note: str | None = None
    version: str | None = None


class EnterpriseYearOut(ModelSchema):
    # Blank revenue stores a blank 规上 (neither above nor below the threshold).
    is_above_scale: bool | None = None
    version: str = ""

    @staticmethod
    def resolve_version(obj: EnterpriseYear) -> str:
        return version_of(obj)

    class Meta:
        model = EnterpriseYear
        fields = ["id", "enterprise", "year", *FIGURE_FIELDS, "is_above_scale", "source"]


def _figures(*, patch: bool) -> dict[str, Any]:
    """Each figure of parkops.core.figures as a schema field, null for 'not reported' (the land
    basis is owned unless named, and a patch leaves it alone)."""
    fields: dict[str, Any] = {}
    for name in FIGURE_FIELDS:
        if name in CHOICE_FIELDS:
            fields[name] = (str | None, None) if patch else (str, LandBasis.OWNED.value)
        elif name in COUNT_FIELDS:
            fields[name] = (int | None, None)
        else:
            fields[name] = (Decimal | None, None)
    return fields


_YearFigures = create_model("YearFigures", __base__=Schema, **_figures(patch=False))
_YearFiguresPatch = create_model("YearFiguresPatch", __base__=Schema, **_figures(patch=True))


class EnterpriseYearIn(_YearFigures):  # type: ignore[misc,valid-type]
    """A year's figures as a whole (PUT): every figure must be named, null for 'not reported';
    `reason` is needed to correct a stored year, `version` (or If-Match) is the version the
    correction is based on."""

    note: str = ""
    reason: str = ""
    version: str | None = None


class EnterpriseYearPatch(_YearFiguresPatch):  # type: ignore[misc,valid-type]
    """Only the figures named change (PATCH); `reason` is needed for any change."""

    note: str | None = None
    reason: str = ""
    version: str | None = None


# A PUT replaces the whole year: leaving a figure out is refused, never taken as blank.
YEAR_PUT_REQUIRED = FIGURE_FIELDS


class LandPlotOut(ModelSchema):
    class Meta:
        model = LandPlot
        fields = [
            "id", "name", "address", "road", "small_park", "area_mu", "holder", "contract_signed_on",
            "contract_start_on", "plot_ratio", "building_coefficient",
        ]  # fmt: skip

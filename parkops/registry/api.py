"""The registry's JSON API: the same selectors, filters and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from parkops.common.api import ErrorOut, Pagination, Year, based_on, require
from parkops.registry import selectors
from parkops.registry.filtersets import EnterpriseFilterSet, PlotFilterSet, SmallParkFilterSet
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, Road, SmallPark
from parkops.registry.schemas import (
    YEAR_PUT_REQUIRED,
    EnterpriseIn,
    EnterpriseOut,
    EnterprisePatch,
    EnterpriseYearIn,
    EnterpriseYearOut,
    EnterpriseYearPatch,
    LandPlotOut,
    RoadOut,
    SmallParkOut,
)
from parkops.registry.services import enterprise_create, enterprise_update, enterprise_year_save

router = Router(tags=["registry"])


def _resolve_foreign_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Turn small_park / road ids into records, or a 422 naming the unknown id."""
    for field, model in (("small_park", SmallPark), ("road", Road)):
        if data.get(field) is not None:
            found = model.objects.filter(pk=data[field]).first()
            if found is None:
                raise ValidationError({field: [_("编号 %(id)s 不存在") % {"id": data[field]}]})
            data[field] = found
    return data


def _version(request: HttpRequest, data: dict[str, Any], *, stored: bool) -> str | None:
    return based_on(request, data.pop("version", None), stored=stored)


@router.get("/enterprises", response=list[EnterpriseOut], summary="企业列表")
@paginate(Pagination, page_size=50)
def list_enterprises(request: HttpRequest) -> Any:
    """Filters as on the page: q, small_park, road, industry, key_industry, cluster, above_scale,
    is_demo, status."""
    require(request, "registry.view_enterprise")
    qs = selectors.enterprise_list(user=request.user)
    # By name, then id: one order for namesakes on every page, read from the (name, id) index.
    return EnterpriseFilterSet(request.GET, queryset=qs, request=request).qs.order_by("name", "pk")


@router.get("/enterprises/{pk}", response=EnterpriseOut, summary="企业详情")
def get_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    require(request, "registry.view_enterprise")
    return selectors.enterprise_get(user=request.user, pk=pk)


@router.post("/enterprises", response={201: EnterpriseOut, 422: ErrorOut}, summary="新增企业")
def create_enterprise(request: HttpRequest, payload: EnterpriseIn) -> Any:
    require(request, "registry.add_enterprise")
    enterprise = enterprise_create(data=_resolve_foreign_keys(payload.dict()))
    return Status(201, selectors.enterprise_get(user=request.user, pk=enterprise.pk))


@router.patch(
    "/enterprises/{pk}",
    response={200: EnterpriseOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="修改企业",
)
def update_enterprise(request: HttpRequest, pk: int, payload: EnterprisePatch) -> Any:
    """Changes only the fields named. `version` (or If-Match) is the version the change is based
    on: if someone changed the enterprise since, 409 names what they changed; nothing is saved."""
    require(request, "registry.change_enterprise")
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    data = payload.dict(exclude_unset=True)
    version = _version(request, data, stored=True)
    enterprise_update(enterprise=enterprise, data=_resolve_foreign_keys(data), version=version)
    return Status(200, selectors.enterprise_get(user=request.user, pk=pk))


@router.get("/enterprises/{pk}/years", response=list[EnterpriseYearOut], summary="企业年度数据")
def list_enterprise_years(request: HttpRequest, pk: int) -> Any:
    require(request, "registry.view_enterpriseyear")
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    return EnterpriseYear.objects.filter(enterprise=enterprise).order_by("year")


@router.put(
    "/enterprises/{pk}/years/{year}",
    response={
        200: EnterpriseYearOut,
        201: EnterpriseYearOut,
        409: ErrorOut,
        422: ErrorOut,
        428: ErrorOut,
    },
    summary="录入或更正企业年度数据",
)
def put_enterprise_year(
    request: HttpRequest, pk: int, year: Year, payload: EnterpriseYearIn
) -> Any:
    """The whole year: every figure must be named (null for not reported), never blanked by
    being left out. A new year is created (201); a stored year is corrected with the reason
    given (200), which the history keeps, and refused (409) if it changed after `version`."""
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    record = EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()
    require(request, f"registry.{'add' if record is None else 'change'}_enterpriseyear")
    missing = [name for name in YEAR_PUT_REQUIRED if name not in payload.model_fields_set]
    if missing:
        message = _("PUT 替换整个年度，须给出此项（未报告填 null）；只改部分数据请用 PATCH")
        raise ValidationError({name: [message] for name in missing})
    return _save_year(request, enterprise, year, record, payload.dict())


@router.patch(
    "/enterprises/{pk}/years/{year}",
    response={200: EnterpriseYearOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut},
    summary="更正企业年度数据的部分项",
)
def patch_enterprise_year(
    request: HttpRequest, pk: int, year: Year, payload: EnterpriseYearPatch
) -> Any:
    """Changes only the figures named, with the reason given; 409 if the year changed after
    `version` (or If-Match)."""
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    record = EnterpriseYear.objects.filter(enterprise=enterprise, year=year).first()
    require(request, "registry.change_enterpriseyear")
    if record is None:
        raise HttpError(404, _("%(year)s 年度数据不存在") % {"year": year})
    data = payload.dict(exclude_unset=True)
    data.setdefault("reason", "")
    return _save_year(request, enterprise, year, record, data)


def _save_year(
    request: HttpRequest,
    enterprise: Enterprise,
    year: int,
    record: EnterpriseYear | None,
    data: dict[str, Any],
) -> Any:
    reason = data.pop("reason")
    version = _version(request, data, stored=record is not None)
    if record is None:
        data["year"] = year
    saved = enterprise_year_save(
        enterprise=enterprise, data=data, record=record, reason=reason, version=version
    )
    return Status(201 if record is None else 200, saved)


@router.get("/small-parks", response=list[SmallParkOut], summary="小园区列表")
@paginate(Pagination, page_size=50)
def list_small_parks(request: HttpRequest) -> Any:
    require(request, "registry.view_smallpark")
    qs = selectors.smallpark_list(user=request.user)
    return SmallParkFilterSet(request.GET, queryset=qs).qs.order_by("plan_sequence", "name")


@router.get("/small-parks/{pk}", response=SmallParkOut, summary="小园区详情")
def get_small_park(request: HttpRequest, pk: int) -> SmallPark:
    require(request, "registry.view_smallpark")
    return selectors.smallpark_get(user=request.user, pk=pk)


@router.get("/plots", response=list[LandPlotOut], summary="地块列表")
@paginate(Pagination, page_size=50)
def list_plots(request: HttpRequest) -> Any:
    require(request, "registry.view_landplot")
    qs = selectors.plot_list(user=request.user)
    return PlotFilterSet(request.GET, queryset=qs, request=request).qs.order_by("name")


@router.get("/plots/{pk}", response=LandPlotOut, summary="地块详情")
def get_plot(request: HttpRequest, pk: int) -> LandPlot:
    require(request, "registry.view_landplot")
    return selectors.plot_get(user=request.user, pk=pk)


@router.get("/roads", response=list[RoadOut], summary="道路列表")
def list_roads(request: HttpRequest) -> Any:
    require(request, "registry.view_road")
    return selectors.road_list(user=request.user)

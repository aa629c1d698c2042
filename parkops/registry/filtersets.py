"""One FilterSet per list: it serves the HTML page, the API and (later) the export alike."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.filters import YesNoFilter
from parkops.registry.choices import Cluster, EnterpriseStatus, KeyIndustry
from parkops.registry.industry_names import industry_choices
from parkops.registry.models import Enterprise, LandPlot, Road, SmallPark
from parkops.registry.selectors import (
    enterprise_list,
    enterprises_visible_to,
    plot_list,
    road_list,
    smallpark_list,
    smallparks_visible_to,
)

INDUSTRY_CHOICES = industry_choices()


def _small_parks(request: HttpRequest | None) -> QuerySet[SmallPark]:
    return smallparks_visible_to(request.user) if request is not None else SmallPark.objects.none()


def _roads(request: HttpRequest | None) -> QuerySet[Road]:
    return road_list(user=request.user) if request is not None else Road.objects.none()


def _search(queryset: QuerySet[Any], fields: tuple[str, ...], value: str) -> QuerySet[Any]:
    terms = value.split()
    for term in terms:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset


class EnterpriseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或信用代码"), method="filter_q")
    small_park = django_filters.ModelChoiceFilter(label=_("小园区"), queryset=_small_parks)
    road = django_filters.ModelChoiceFilter(label=_("道路"), queryset=_roads)
    industry = django_filters.ChoiceFilter(
        label=_("行业"),
        choices=INDUSTRY_CHOICES,
        field_name="industry_code",
        lookup_expr="startswith",
    )
    key_industry = django_filters.ChoiceFilter(label=_("重点产业"), choices=KeyIndustry.choices)
    cluster = django_filters.ChoiceFilter(label=_("特色产业集群"), choices=Cluster.choices)
    above_scale = YesNoFilter(
        label=_("规上（最近年度）"),
        field_name="latest_above_scale",
    )
    is_demo = YesNoFilter(label=_("演示数据"), field_name="is_demo")
    status = django_filters.ChoiceFilter(label=_("经营状态"), choices=EnterpriseStatus.choices)

    class Meta:
        model = Enterprise
        fields: list[str] = []

    def filter_q(
        self, queryset: QuerySet[Enterprise], name: str, value: str
    ) -> QuerySet[Enterprise]:
        return _search(
            queryset, ("name", "short_name", "uscc"), value.upper() if value.isascii() else value
        )


class SmallParkFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), method="filter_q")

    class Meta:
        model = SmallPark
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[SmallPark], name: str, value: str) -> QuerySet[SmallPark]:
        return _search(queryset, ("name", "full_name", "owner_name"), value)


class PlotFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="filter_q")
    road = django_filters.ModelChoiceFilter(label=_("道路"), queryset=_roads)
    small_park = django_filters.ModelChoiceFilter(label=_("小园区"), queryset=_small_parks)

    class Meta:
        model = LandPlot
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[LandPlot], name: str, value: str) -> QuerySet[LandPlot]:
        # A holder outside the user's scope is not shown, so it must not be found either.
        user = self.request.user if self.request is not None else AnonymousUser()
        holders = enterprises_visible_to(user)
        for term in value.split():
            queryset = queryset.filter(
                Q(name__icontains=term)
                | Q(address__icontains=term)
                | Q(holder__name__icontains=term, holder__in=holders)
            )
        return queryset


# One filtered list per page: the list page and its export read the same rows.
def enterprises_filtered(request: HttpRequest) -> EnterpriseFilterSet:
    rows = enterprise_list(user=request.user)
    return EnterpriseFilterSet(request.GET, queryset=rows, request=request)


def smallparks_filtered(request: HttpRequest) -> SmallParkFilterSet:
    rows = smallpark_list(user=request.user)
    return SmallParkFilterSet(request.GET, queryset=rows, request=request)


def plots_filtered(request: HttpRequest) -> PlotFilterSet:
    rows = plot_list(user=request.user)
    return PlotFilterSet(request.GET, queryset=rows, request=request)

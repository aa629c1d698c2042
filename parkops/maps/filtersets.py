"""The map's filters: the plot list's (name, road, small park), the kind and the view box."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.core.geo import extent_parse
from parkops.maps.choices import ShapeKind
from parkops.maps.models import Shape
from parkops.maps.selectors import shapes_visible_to
from parkops.registry.models import Road, SmallPark
from parkops.registry.selectors import road_list, smallparks_visible_to


def _small_parks(request: HttpRequest | None) -> QuerySet[SmallPark]:
    return smallparks_visible_to(request.user) if request is not None else SmallPark.objects.none()


def _roads(request: HttpRequest | None) -> QuerySet[Road]:
    return road_list(user=request.user) if request is not None else Road.objects.none()


class ShapeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=ShapeKind.choices)
    road = django_filters.ModelChoiceFilter(label=_("道路"), queryset=_roads, method="filter_road")
    small_park = django_filters.ModelChoiceFilter(
        label=_("小园区"), queryset=_small_parks, method="filter_small_park"
    )
    # The map's view as "west,south,east,north": the shapes that touch it (the "visible" list).
    bbox = django_filters.CharFilter(label=_("地图范围"), method="filter_bbox")

    class Meta:
        model = Shape
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Shape], name: str, value: str) -> QuerySet[Shape]:
        for term in value.split():
            queryset = queryset.filter(
                Q(plot__name__icontains=term)
                | Q(plot__address__icontains=term)
                | Q(small_park__name__icontains=term)
                | Q(small_park__address__icontains=term)
            )
        return queryset

    def filter_road(self, queryset: QuerySet[Shape], name: str, value: Road) -> QuerySet[Shape]:
        return queryset.filter(Q(plot__road=value) | Q(small_park__road=value))

    def filter_small_park(
        self, queryset: QuerySet[Shape], name: str, value: SmallPark
    ) -> QuerySet[Shape]:
        return queryset.filter(Q(plot__small_park=value) | Q(small_park=value))

    def filter_bbox(self, queryset: QuerySet[Shape], name: str, value: str) -> QuerySet[Shape]:
        try:
            box = extent_parse(value)
        except ValueError:
            return queryset  # a malformed box (a hand-edited URL) filters nothing
        return queryset.filter(
            west__lte=box.east, east__gte=box.west, south__lte=box.north, north__gte=box.south
        )


def shapes_filtered(request: HttpRequest, *, whole_map: bool = False) -> ShapeFilterSet:
    """The list's rows; with `whole_map`, without the view box (the map draws every match)."""
    data = request.GET.copy()
    if whole_map:
        data.pop("bbox", None)
    return ShapeFilterSet(data, queryset=shapes_visible_to(request.user), request=request)

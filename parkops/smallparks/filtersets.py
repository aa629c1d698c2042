"""One FilterSet per list: the page and its export read through the same filters."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.smallparks.models import VacantSpace


class VacancyFilterSet(django_filters.FilterSet):
    # Free text rather than a choice of small parks: a choice would name parks outside the scope.
    q = django_filters.CharFilter(label=_("小园区、楼栋或用途"), method="filter_q")
    min_area = django_filters.NumberFilter(
        label=_("最小面积（㎡）"), field_name="area_m2", lookup_expr="gte"
    )

    class Meta:
        model = VacantSpace
        fields: list[str] = []

    def filter_q(
        self, queryset: QuerySet[VacantSpace], name: str, value: str
    ) -> QuerySet[VacantSpace]:
        return queryset.filter(
            Q(small_park__name__icontains=value)
            | Q(building__name__icontains=value)
            | Q(suitable_uses__icontains=value)
        )

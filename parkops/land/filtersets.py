"""One FilterSet per list: the page, the API and the export read through the same filters."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.common.filters import YesNoFilter
from parkops.land.choices import Batch, LandActionKind, LandActionStatus, LandFlagKind
from parkops.land.models import BatchAssignment, ControlListEntry, LandAction


class LandActionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=LandActionKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=LandActionStatus.choices)
    planned_year = django_filters.NumberFilter(label=_("计划年度"))

    class Meta:
        model = LandAction
        fields: list[str] = []

    def filter_q(
        self, queryset: QuerySet[LandAction], name: str, value: str
    ) -> QuerySet[LandAction]:
        return queryset.filter(
            Q(name__icontains=value) | Q(address__icontains=value) | Q(plot__name__icontains=value)
        )


class ControlEntryFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("清单类别"), choices=LandFlagKind.choices)
    active = YesNoFilter(label=_("仍在管控"), field_name="lifted_on", lookup_expr="isnull")

    class Meta:
        model = ControlListEntry
        fields: list[str] = []


class BatchFilterSet(django_filters.FilterSet):
    batch = django_filters.ChoiceFilter(label=_("批次"), choices=Batch.choices)

    class Meta:
        model = BatchAssignment
        fields: list[str] = []

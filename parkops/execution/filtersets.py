"""One FilterSet per list: it serves the page, the API and the export alike."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from parkops.execution.choices import CultivationKind, InfraStatus, ListProgress, ScheduleState
from parkops.execution.models import CultivationEntry, InfraProject

YEAR_CHOICES = [(y, str(y)) for y in (2024, 2025, 2026)]


class CultivationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("清单"), choices=CultivationKind.choices)
    planned_year = django_filters.ChoiceFilter(label=_("预计时间"), choices=YEAR_CHOICES)
    progress = django_filters.ChoiceFilter(label=_("完成情况"), choices=ListProgress.choices)

    class Meta:
        model = CultivationEntry
        fields = ["q", "kind", "planned_year", "progress"]


class InfraFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=InfraStatus.choices)
    schedule = django_filters.ChoiceFilter(label=_("进度"), choices=ScheduleState.choices)

    class Meta:
        model = InfraProject
        fields = ["status", "schedule"]

"""One FilterSet per list: the page and its rows read through the same filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from parkops.common.filters import YesNoFilter
from parkops.evaluation.choices import IncidentGrade, VetoKind
from parkops.evaluation.models import VetoEvent


class VetoEventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("事件类型"), choices=VetoKind.choices)
    grade = django_filters.ChoiceFilter(label=_("事件等级"), choices=IncidentGrade.choices)
    is_void = YesNoFilter(label=_("已撤销"))

    class Meta:
        model = VetoEvent
        fields: list[str] = []

    @property
    def form(self) -> Any:
        # The page's registration form has fields of the same names: keep the ids apart.
        form = super().form
        form.auto_id = "filter_%s"
        return form

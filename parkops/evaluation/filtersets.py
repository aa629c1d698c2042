"""One FilterSet per list: the page and its rows read through the same filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.common.filters import YesNoFilter
from parkops.evaluation.choices import EvaluationClass, IncidentGrade, VetoKind
from parkops.evaluation.models import EvaluationResult, VetoEvent


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


# The population of the results outside every population (no code): the class counts' 未归类 row.
NO_POPULATION = "-"


class ResultFilterSet(django_filters.FilterSet):
    """A run's results, as the class counts of the run page and the cockpit link to them."""

    q = django_filters.CharFilter(label=_("企业名称或信用代码"), method="filter_q")
    population = django_filters.ChoiceFilter(label=_("评价类别"), method="filter_population")
    klass = django_filters.ChoiceFilter(
        label=_("评价等级"), choices=EvaluationClass.choices, field_name="evaluation_class"
    )

    class Meta:
        model = EvaluationResult
        fields: list[str] = []

    def __init__(self, *args: Any, populations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [*populations, (NO_POPULATION, _("未归类"))]
        self.filters["population"].extra["choices"] = choices

    def filter_q(self, queryset: QuerySet[EvaluationResult], name: str, value: str) -> Any:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(enterprise__name__icontains=value) | Q(enterprise__uscc__icontains=value)
        )

    def filter_population(self, queryset: QuerySet[EvaluationResult], name: str, value: str) -> Any:
        return queryset.filter(population="" if value == NO_POPULATION else value)

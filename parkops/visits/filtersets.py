"""One FilterSet per stored list: it serves the page and the export alike."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.registry.models import Grid, Road
from parkops.visits.choices import QuestionStatus, VisitKind, VisitMethod
from parkops.visits.models import PendingQuestion, Visit


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    road = django_filters.ModelChoiceFilter(
        label=_("道路"), field_name="enterprise__road", queryset=Road.objects.all()
    )
    grid = django_filters.ModelChoiceFilter(
        label=_("微网格"), field_name="enterprise__grid", queryset=Grid.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("走访类型"), choices=VisitKind.choices)
    method = django_filters.ChoiceFilter(label=_("走访方式"), choices=VisitMethod.choices)
    visited_from = django_filters.DateFilter(
        label=_("走访日期起"), field_name="visited_on", lookup_expr="gte"
    )
    visited_to = django_filters.DateFilter(
        label=_("走访日期止"), field_name="visited_on", lookup_expr="lte"
    )

    class Meta:
        model = Visit
        fields = ["q", "road", "grid", "kind", "method", "visited_from", "visited_to"]


class QuestionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("提问部门"), queryset=Department.objects.all()
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=QuestionStatus.choices)

    class Meta:
        model = PendingQuestion
        fields = ["q", "department", "status"]

"""One FilterSet per list: it serves the page, the API and the export alike."""

from __future__ import annotations

import django_filters
from django.forms import HiddenInput
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.common.filters import YesNoFilter
from parkops.enforcement.choices import (
    ControlEventType,
    IncidentKind,
    InspectionResult,
    InspectionType,
    PenaltyType,
)
from parkops.enforcement.models import Accident, ControlEvent, Inspection, Penalty
from parkops.evaluation.choices import IncidentGrade


class InspectionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("检查类型"), choices=InspectionType.choices)
    result = django_filters.ChoiceFilter(label=_("检查结果"), choices=InspectionResult.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("部门"), queryset=Department.objects.all(), field_name="lead_department"
    )
    since = django_filters.DateFilter(
        label=_("检查日期起"), field_name="inspected_on", lookup_expr="gte"
    )
    until = django_filters.DateFilter(
        label=_("检查日期止"), field_name="inspected_on", lookup_expr="lte"
    )

    class Meta:
        model = Inspection
        fields = ["q", "kind", "result", "department", "since", "until"]


class PenaltyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("处罚种类"), choices=PenaltyType.choices)

    class Meta:
        model = Penalty
        fields = ["q", "kind"]


class AccidentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=IncidentKind.choices)
    grade = django_filters.ChoiceFilter(label=_("事故等级"), choices=IncidentGrade.choices)
    # By id, not a list of names: a choice list would name enterprises outside the scope.
    enterprise = django_filters.NumberFilter(label=_("企业编号"), widget=HiddenInput)

    class Meta:
        model = Accident
        fields = ["q", "kind", "grade", "enterprise"]


class ControlEventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label=_("事项类型"), choices=ControlEventType.choices)
    open = YesNoFilter(label=_("待处置"), field_name="handled_on", lookup_expr="isnull")

    class Meta:
        model = ControlEvent
        fields = ["q", "kind", "open"]

"""One FilterSet for the activity list: the page, its .xlsx export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.activities.choices import ActivityKind, ActivityStatus
from parkops.activities.models import Activity, Invitation
from parkops.registry.models import Road


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("活动名称"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("活动类型"), choices=ActivityKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ActivityStatus.choices)
    organiser = django_filters.ModelChoiceFilter(
        label=_("主办"), queryset=Department.objects.all(), null_label=_("园区办")
    )
    date_from = django_filters.DateFilter(
        label=_("日期起"), field_name="starts_at", lookup_expr="date__gte"
    )
    date_to = django_filters.DateFilter(
        label=_("日期止"), field_name="starts_at", lookup_expr="date__lte"
    )
    road = django_filters.ModelChoiceFilter(
        label=_("邀请企业所在道路"), queryset=Road.objects.all(), method="filter_road"
    )

    class Meta:
        model = Activity
        fields = ["q", "kind", "status", "organiser", "date_from", "date_to", "road"]

    def filter_road(self, queryset: QuerySet[Activity], name: str, value: Road) -> QuerySet:
        invited = Invitation.objects.filter(enterprise__road=value).values("activity")
        return queryset.filter(pk__in=invited)

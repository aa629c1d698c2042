"""One FilterSet for the request list: the page, its .xlsx export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.common.filters import YesNoFilter
from parkops.service.choices import Category, Channel, RequestState
from parkops.service.clock import CLOCKED_STATES
from parkops.service.models import ServiceRequest


class RequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业或标题"), method="filter_q")
    state = django_filters.ChoiceFilter(label=_("状态"), choices=RequestState.choices)
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    channel = django_filters.ChoiceFilter(label=_("渠道"), choices=Channel.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("承办部门"), queryset=Department.objects.all()
    )
    overdue = YesNoFilter(label=_("已超期未答复"), method="filter_overdue")

    class Meta:
        model = ServiceRequest
        fields = ["q", "state", "category", "channel", "department", "overdue"]

    def filter_q(self, queryset: QuerySet[ServiceRequest], name: str, value: str) -> QuerySet:
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(title__icontains=value))

    def filter_overdue(
        self, queryset: QuerySet[ServiceRequest], name: str, value: bool
    ) -> QuerySet:
        late = Q(state__in=CLOCKED_STATES, due_at__lt=timezone.now())
        return queryset.filter(late) if value else queryset.exclude(late)

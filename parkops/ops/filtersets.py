from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from parkops.ops.choices import AuditKind
from parkops.ops.models import AuditEvent


class AuditEventFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=AuditKind.choices)
    username = django_filters.CharFilter(label=_("用户名"), lookup_expr="icontains")
    since = django_filters.DateFilter(
        label=_("起始日期"), field_name="created_at", lookup_expr="date__gte"
    )
    until = django_filters.DateFilter(
        label=_("截止日期"), field_name="created_at", lookup_expr="date__lte"
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

"""One FilterSet per stored list: it serves the page, the export and the API alike."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.matching.choices import PairDecision, PairOutcome, SessionKind, SessionStatus, Side
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.registry.models import Road


def _sides(side: str) -> tuple[str, ...]:
    return ("offer", "need") if not side else (side,)


class ProfileFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("企业名称"), field_name="enterprise__name", lookup_expr="icontains"
    )
    road = django_filters.ModelChoiceFilter(
        label=_("道路"), field_name="enterprise__road", queryset=Road.objects.all()
    )
    side = django_filters.ChoiceFilter(
        label=_("供给/需求"), choices=Side.choices, method="filter_nothing"
    )
    code = django_filters.CharFilter(label=_("行业代码"), method="filter_code")
    keyword = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")

    class Meta:
        model = SupplyDemandProfile
        fields = ["q", "road", "side", "code", "keyword"]

    def filter_nothing(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset  # the side narrows the code and keyword filters

    def _either(self, queryset: QuerySet[Any], fields: list[str], value: str) -> QuerySet[Any]:
        found = Q(pk__in=[])
        for field in fields:
            found |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(found)

    def filter_code(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # A code typed with or without its section letter: 2927 finds C2927.
        digits = value.strip().upper().lstrip("ABCDEFGHIJKLMNOPQRST")
        side = self.form.cleaned_data.get("side") or ""
        return self._either(queryset, [f"{s}_codes" for s in _sides(side)], digits)

    def filter_keyword(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        side = self.form.cleaned_data.get("side") or ""
        fields = [f"{s}_{f}" for s in _sides(side) for f in ("keywords", "text")]
        return self._either(queryset, fields, value)


class SessionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("形式"), choices=SessionKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=SessionStatus.choices)

    class Meta:
        model = MatchingSession
        fields = ["q", "kind", "status"]


class PairFilterSet(django_filters.FilterSet):
    decision = django_filters.ChoiceFilter(label=_("采纳"), choices=PairDecision.choices)
    outcome = django_filters.ChoiceFilter(label=_("对接结果"), choices=PairOutcome.choices)

    class Meta:
        model = MatchPair
        fields = ["decision", "outcome"]

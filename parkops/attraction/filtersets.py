"""The filters of the lead list and of the incentive ledger."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.attraction.choices import IncentiveKind, PipelineType, Stage
from parkops.attraction.models import IncentiveEntry, Lead
from parkops.attraction.selectors import stale_before
from parkops.registry.models import SmallPark


class LeadFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("企业名称"), method="search")
    stage = django_filters.ChoiceFilter(label=_("阶段"), choices=Stage.choices)
    pipeline_type = django_filters.ChoiceFilter(label=_("招商类型"), choices=PipelineType.choices)
    owner_park = django_filters.ModelChoiceFilter(
        label=_("负责小园区"), queryset=SmallPark.objects.none()
    )
    state = django_filters.ChoiceFilter(
        label=_("状态"), method="by_state",
        choices=[("open", _("跟进中")), ("stale", _("久未跟进")), ("lost", _("已流失"))],
    )  # fmt: skip

    class Meta:
        model = Lead
        fields = ["q", "stage", "pipeline_type", "owner_park", "state"]

    def __init__(
        self, *args: object, parks: QuerySet[SmallPark] | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner_park"].queryset = (
            parks if parks is not None else SmallPark.objects.none()
        )

    def search(self, qs: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        return qs.filter(Q(company_name__icontains=value) | Q(uscc__icontains=value.upper()))

    def by_state(self, qs: QuerySet[Lead], name: str, value: str) -> QuerySet[Lead]:
        if value == "lost":
            return qs.filter(lost_reason__isnull=False)
        open_ = qs.filter(lost_reason__isnull=True).exclude(stage=Stage.FULL)
        if value == "stale":
            return open_.filter(last_activity_at__lt=stale_before())
        return open_


class IncentiveFilterSet(django_filters.FilterSet):
    """The incentive ledger's filter: the page, its totals and both exports read the same one."""

    year = django_filters.NumberFilter(label=_("年度"))
    small_park = django_filters.ModelChoiceFilter(
        label=_("小园区"), queryset=SmallPark.objects.none()
    )
    kind = django_filters.ChoiceFilter(label=_("奖励类别"), choices=IncentiveKind.choices)

    class Meta:
        model = IncentiveEntry
        fields = ["year", "small_park", "kind"]

    def __init__(self, *args: object, parks: QuerySet[SmallPark], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.filters["small_park"].queryset = parks

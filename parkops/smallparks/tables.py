from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.smallparks.models import VacantSpace
from parkops.web.templatetags.parkops import amount

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class VacancyTable(tables.Table):
    small_park = tables.Column(
        verbose_name=_("小园区"),
        linkify=lambda record: reverse("smallparks:estate", args=[record.small_park_id]),
        attrs=FULL_PAGE_LINK,
        order_by=("small_park__plan_sequence", "small_park__name"),
    )
    building = tables.Column(verbose_name=_("楼栋"), default="—", order_by=("building__name",))
    floor = tables.Column(verbose_name=_("楼层"), default="—")
    area_m2 = tables.Column(verbose_name=_("空置面积（㎡）"), attrs=NUMBER)
    vacant_since = tables.DateColumn(verbose_name=_("空置起始日期"), format="Y-m-d")
    suitable_uses = tables.Column(verbose_name=_("适合用途"), default="—")

    class Meta:
        model = VacantSpace
        fields = ("small_park", "building", "floor", "area_m2", "vacant_since", "suitable_uses")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "vacancy-table"}
        empty_text = _("暂无空置厂房。")

    def render_small_park(self, value: Any) -> str:
        return str(value.name)

    def render_area_m2(self, value: Any) -> str:
        return amount(value)

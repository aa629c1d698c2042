from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkops.common.collation import pinyin_ordered
from parkops.common.tables import FULL_PAGE_LINK
from parkops.registry.models import Enterprise, LandPlot, SmallPark
from parkops.web.templatetags.parkops import amount, demo_badge


class _PinyinNameAndRoad(tables.Table):
    """The name and road columns sort in pinyin order in Chinese (`common.collation`)."""

    def order_name(
        self, queryset: QuerySet[Any], is_descending: bool
    ) -> tuple[QuerySet[Any], bool]:
        return pinyin_ordered(queryset, "name", is_descending)

    def order_road(
        self, queryset: QuerySet[Any], is_descending: bool
    ) -> tuple[QuerySet[Any], bool]:
        return pinyin_ordered(queryset, "road__name", is_descending)


class EnterpriseTable(_PinyinNameAndRoad):
    name = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("企业名称"))
    uscc = tables.Column(verbose_name=_("统一社会信用代码"))
    small_park = tables.Column(
        verbose_name=_("小园区"), order_by=("small_park__plan_sequence", "small_park__name")
    )
    road = tables.Column(verbose_name=_("道路"))
    industry_code = tables.Column(verbose_name=_("行业代码"))
    key_industry = tables.Column(verbose_name=_("重点产业"))
    latest_revenue = tables.Column(
        verbose_name=_("营业收入（万元）"), attrs={"td": {"class": "text-end"}}
    )
    latest_above_scale = tables.BooleanColumn(verbose_name=_("规上"), null=True)
    latest_year = tables.Column(verbose_name=_("数据年度"))

    class Meta:
        model = Enterprise
        fields = ("name", "uscc", "small_park", "road", "industry_code", "key_industry")
        sequence = (*fields, "latest_year", "latest_revenue", "latest_above_scale")
        order_by = ("name",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "enterprise-table"}

    def render_name(self, value: str, record: Enterprise) -> Any:
        if record.is_demo:
            return format_html("{} {}", value, demo_badge())
        return value

    def render_latest_revenue(self, value: Any) -> str:
        return amount(value)


class SmallParkTable(_PinyinNameAndRoad):
    plan_sequence = tables.Column(verbose_name=_("序号"))
    name = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("名称"))
    owner_name = tables.Column(verbose_name=_("业主单位"))
    road = tables.Column(verbose_name=_("道路"))
    tenant_count = tables.Column(verbose_name=_("在册企业数"), attrs={"td": {"class": "text-end"}})
    demo_tenant_count = tables.Column(
        verbose_name=_("其中演示企业"), attrs={"td": {"class": "text-end"}}
    )
    land_mu = tables.Column(verbose_name=_("占地面积（亩）"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = SmallPark
        fields = ("plan_sequence", "name", "owner_name", "road", "land_mu")
        sequence = (
            "plan_sequence",
            "name",
            "owner_name",
            "road",
            "tenant_count",
            "demo_tenant_count",
            "land_mu",
        )
        order_by = ("plan_sequence",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "smallpark-table"}

    def render_name(self, value: str, record: SmallPark) -> Any:
        if record.is_demo:
            return format_html("{} {}", value, demo_badge())
        return value


class PlotTable(_PinyinNameAndRoad):
    name = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("地块名称"))
    address = tables.Column(verbose_name=_("地址"))
    road = tables.Column(verbose_name=_("道路"))
    holder = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("土地使用权人"))
    small_park = tables.Column(verbose_name=_("所属小园区"))
    area_mu = tables.Column(verbose_name=_("占地面积（亩）"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = LandPlot
        fields = ("name", "address", "road", "holder", "small_park", "area_mu")
        order_by = ("name",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "plot-table"}

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.evaluation.models import VetoEvent


class VetoEventTable(tables.Table):
    occurred_on = tables.DateColumn(
        verbose_name=_("发生日期"),
        format="Y-m-d",
        linkify=("evaluation:veto_detail", {"pk": tables.A("pk")}),
        attrs=FULL_PAGE_LINK,
    )
    enterprise = tables.Column(
        verbose_name=_("企业"),
        linkify=lambda record: record.enterprise.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
        order_by=("enterprise__name",),
    )
    kind = tables.Column(verbose_name=_("事件类型"))
    grade = tables.Column(verbose_name=_("事件等级"))
    source = tables.Column(verbose_name=_("认定部门/文号"), default="—")
    description = tables.Column(
        verbose_name=_("事件描述"), default="—", attrs={"td": {"class": "small"}}
    )
    is_void = tables.Column(verbose_name=_("状态"))

    class Meta:
        model = VetoEvent
        fields = ("occurred_on", "enterprise", "kind", "grade", "source", "description", "is_void")
        order_by = ("-occurred_on",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "veto-table"}
        empty_text = _("暂无否决事件。")

    def render_is_void(self, value: bool) -> Any:
        return _("已撤销") if value else _("有效")

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.land.choices import Batch
from parkops.land.models import BatchAssignment, ControlListEntry, LandAction
from parkops.web.templatetags.parkops import amount

RIGHT = {"td": {"class": "text-end"}}


class LandActionTable(tables.Table):
    kind = tables.Column(verbose_name=_("类别"))
    name = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("地块或企业名称"))
    address = tables.Column(verbose_name=_("地址"))
    area_mu = tables.Column(verbose_name=_("占地面积（亩）"), attrs=RIGHT)
    planned_year = tables.Column(verbose_name=_("计划时间"))
    method = tables.Column(verbose_name=_("方式或方案"))
    status = tables.Column(verbose_name=_("状态"))
    completed_on = tables.DateColumn(verbose_name=_("完成日期"), format="Y-m-d")
    plan_source = tables.Column(verbose_name=_("方案出处"), accessor="plan_row")

    class Meta:
        model = LandAction
        fields = ("kind", "name", "address", "area_mu", "planned_year", "method", "status",
                  "completed_on")  # fmt: skip
        sequence = (*fields, "plan_source")
        order_by = ("kind", "planned_year")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "action-table"}

    def __init__(self, *args: Any, conflicted: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflicted = conflicted or set()

    def render_name(self, value: str, record: LandAction) -> Any:
        if record.pk in self.conflicted:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', value, _("冲突"))
        return value

    def render_area_mu(self, value: Any) -> str:
        return amount(value)

    def render_plan_source(self, value: Any, record: LandAction) -> str:
        return f"{record.get_plan_source_display()} #{value}"


class ControlEntryTable(tables.Table):
    kind = tables.Column(verbose_name=_("清单类别"))
    plot = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("地块"))
    enterprise = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("企业"))
    listed_on = tables.DateColumn(verbose_name=_("列入日期"), format="Y-m-d")
    reason = tables.Column(verbose_name=_("列入理由"))
    measures = tables.Column(verbose_name=_("管控措施"))
    lifted_on = tables.DateColumn(verbose_name=_("移出日期"), format="Y-m-d")
    edit = tables.LinkColumn(
        "land:control_edit", args=[tables.A("pk")], text=_("修改"), orderable=False,
        verbose_name="", attrs=FULL_PAGE_LINK,
    )  # fmt: skip

    class Meta:
        model = ControlListEntry
        fields = ("kind", "plot", "enterprise", "listed_on", "reason", "measures", "lifted_on")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "control-table"}

    def __init__(
        self, *args: Any, flags: dict[int, list[str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.flags = flags or {}  # other apps' warnings (parkops.common.records.enterprise_flags)

    def render_enterprise(self, value: Any, record: ControlListEntry) -> Any:
        badges = format_html_join(
            "", ' <span class="badge text-bg-danger">{}</span>',
            ((flag,) for flag in self.flags.get(record.enterprise_id or 0, [])),
        )  # fmt: skip
        return format_html("{}{}", value, badges)


class BatchTable(tables.Table):
    batch = tables.Column(verbose_name=_("批次"))
    enterprise = tables.Column(linkify=True, attrs=FULL_PAGE_LINK, verbose_name=_("企业"))
    reason = tables.Column(verbose_name=_("理由"))
    decided_on = tables.DateColumn(verbose_name=_("认定日期"), format="Y-m-d")
    ended_on = tables.DateColumn(verbose_name=_("结束日期"), format="Y-m-d")
    resettlement = tables.Column(verbose_name=_("职工分流安置"), accessor="pk", orderable=False)

    class Meta:
        model = BatchAssignment
        fields = ("batch", "enterprise", "reason", "decided_on", "ended_on")
        sequence = (*fields, "resettlement")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "batch-table"}

    def render_resettlement(self, value: int, record: BatchAssignment) -> Any:
        if record.batch != Batch.CLOSE:
            return "—"
        found = getattr(record, "resettlement", None)
        text = (
            _("涉及 %(a)s 人，已安置 %(r)s 人")
            % {"a": found.workers_affected, "r": found.workers_resettled}
            if found
            else _("未登记")
        )
        return format_html(
            '<a href="{}" hx-boost="false">{}</a>',
            reverse("land:resettlement", args=[value]),
            text,
        )

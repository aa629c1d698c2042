from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationResult, VetoEvent


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


def _number(digits: int) -> Any:
    def render(value: float | None) -> str:
        return "—" if value is None else f"{value:.{digits}f}"

    return render


class ResultTable(tables.Table):
    """A run's results: each row links to its enterprise's page."""

    enterprise = tables.Column(
        verbose_name=_("企业"),
        linkify=lambda record: record.enterprise.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
        order_by=("enterprise__name",),
    )
    population_label = tables.Column(verbose_name=_("评价类别"), default="—")
    evaluation_class = tables.Column(verbose_name=_("评价等级"))
    total_score = tables.Column(verbose_name=_("综合得分"), attrs={"td": {"class": "text-end"}})
    rank = tables.Column(verbose_name=_("类别内排名"), attrs={"td": {"class": "text-end"}})
    park_position = tables.Column(
        verbose_name=_("园区倒数位次"), attrs={"td": {"class": "text-end"}}
    )
    tax_per_mu = tables.Column(
        verbose_name=_("亩均税收（万元/亩）"), attrs={"td": {"class": "text-end"}}
    )
    land_mu = tables.Column(verbose_name=_("计算用地（亩）"), attrs={"td": {"class": "text-end"}})
    excluded_reason = tables.Column(
        verbose_name=_("未排名原因"), default="—", attrs={"td": {"class": "small"}}
    )

    class Meta:
        model = EvaluationResult
        fields = (
            "enterprise", "population_label", "evaluation_class", "total_score", "rank",
            "park_position", "tax_per_mu", "land_mu", "excluded_reason",
        )  # fmt: skip
        order_by = ("population_label", "rank")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "result-table"}
        empty_text = _("没有符合条件的评价结果。")

    def render_evaluation_class(self, record: EvaluationResult) -> SafeString:
        klass = EvaluationClass(record.evaluation_class)
        return format_html('<span class="badge {}">{}</span>', klass.colour.css, klass.label)

    def render_total_score(self, value: float) -> str:
        return _number(1)(value)

    def render_tax_per_mu(self, value: float) -> str:
        return _number(2)(value)

    def render_land_mu(self, value: float) -> str:
        return _number(1)(value)

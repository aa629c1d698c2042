from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkops.common.choices import ColouredChoices
from parkops.common.tables import FULL_PAGE_LINK
from parkops.execution.choices import ListProgress, ScheduleState
from parkops.execution.models import CultivationEntry, InfraProject
from parkops.web.templatetags.parkops import amount, badge, demo_badge

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


def status_badge(value: str, choices: type[ColouredChoices]) -> Any:
    return badge(value, choices.__name__)


class CultivationTable(tables.Table):
    kind = tables.Column(verbose_name=_("清单"))
    enterprise = tables.Column(
        verbose_name=_("企业名称"),
        linkify=lambda record: record.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
    )
    predicted_output_wan = tables.Column(verbose_name=_("预测产值（万元）"), attrs=NUMBER)
    planned_year = tables.Column(verbose_name=_("预计时间"))
    done_year = tables.Column(verbose_name=_("完成年度"), default="—")
    progress = tables.Column(verbose_name=_("完成情况"))

    class Meta:
        model = CultivationEntry
        fields = ("kind", "enterprise", "predicted_output_wan", "planned_year")
        sequence = (*fields, "done_year", "progress")
        order_by = ("kind", "planned_year")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "cultivation-table"}
        row_attrs = {"class": lambda record: f"progress-{record.progress}"}

    def render_enterprise(self, value: Any, record: CultivationEntry) -> Any:
        if value.is_demo:
            return format_html("{} {}", value, demo_badge())
        return str(value)

    def render_predicted_output_wan(self, value: Any) -> str:
        return amount(value)

    def render_progress(self, value: str) -> Any:
        return status_badge(value, ListProgress)


class InfraTable(tables.Table):
    plan_row = tables.Column(verbose_name=_("序号"))
    name = tables.Column(verbose_name=_("项目名称"), linkify=True, attrs=FULL_PAGE_LINK)
    investment_wan = tables.Column(verbose_name=_("计划总投资（万元）"), attrs=NUMBER)
    spent_wan = tables.Column(verbose_name=_("已支出（万元）"), attrs=NUMBER)
    remaining_wan = tables.Column(verbose_name=_("剩余（万元）"), attrs=NUMBER)
    start_year = tables.Column(verbose_name=_("预计实施时间"))
    finish_year = tables.Column(verbose_name=_("预计完工时间"))
    status = tables.Column(verbose_name=_("状态"))
    schedule = tables.Column(verbose_name=_("进度"))

    class Meta:
        model = InfraProject
        fields = ("plan_row", "name", "investment_wan", "start_year", "finish_year", "status")
        sequence = (
            "plan_row", "name", "investment_wan", "spent_wan", "remaining_wan",
            "start_year", "finish_year", "status", "schedule",
        )  # fmt: skip
        order_by = ("plan_row",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "infra-table"}

    def render_investment_wan(self, value: Any) -> str:
        return amount(value)

    def render_spent_wan(self, value: Any) -> str:
        return amount(value)

    def render_remaining_wan(self, value: Any) -> Any:
        if value < 0:
            return format_html('<span class="text-danger">{}</span>', amount(value))
        return amount(value)

    def render_schedule(self, value: str) -> Any:
        return status_badge(value, ScheduleState)


class ProjectTable(tables.Table):
    """The key projects, a block of rows per project (one per milestone, drawn by its template);
    their status is computed in Python, so the rows are a list and the columns do not sort."""

    enterprise = tables.Column(verbose_name=_("企业名称"), accessor="project__enterprise__name")
    name = tables.Column(verbose_name=_("项目名称"), accessor="project__name")
    milestone = tables.Column(verbose_name=_("节点"), empty_values=())
    target = tables.Column(verbose_name=_("目标分解及节点时间安排"), empty_values=())
    status = tables.Column(verbose_name=_("推进状态"), empty_values=())
    latest_report = tables.Column(verbose_name=_("最近推进情况"))

    class Meta:
        template_name = "execution/_project_table.html"
        orderable = False
        attrs = {"class": "table table-sm align-middle", "id": "project-table"}

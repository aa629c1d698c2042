from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableListData

from parkops.common.tables import FULL_PAGE_LINK
from parkops.visits.choices import DueStatus, QuestionStatus
from parkops.visits.due import CoverageRow, DueRow
from parkops.visits.due_query import DueList
from parkops.visits.models import PendingQuestion, Visit
from parkops.web.templatetags.parkops import demo_badge

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
TABLE = "table table-sm table-hover align-middle"


def _enterprise(name: str, is_demo: bool) -> Any:
    return format_html("{} {}", name, demo_badge()) if is_demo else name


class VisitTable(tables.Table):
    visited_on = tables.Column(
        verbose_name=_("走访日期"), linkify=lambda record: record.get_absolute_url()
    )
    enterprise = tables.Column(verbose_name=_("企业"), order_by=("enterprise__name",))
    road = tables.Column(
        verbose_name=_("道路"), accessor="enterprise__road__name", default="—", orderable=False
    )
    kind = tables.Column(verbose_name=_("走访类型"))
    method = tables.Column(verbose_name=_("走访方式"))
    visitors = tables.Column(verbose_name=_("走访人"), empty_values=(), orderable=False)
    photo_count = tables.Column(verbose_name=_("照片"), attrs=NUMBER, default=0)

    class Meta:
        model = Visit
        fields = ("visited_on", "enterprise", "road", "kind", "method")
        sequence = (*fields, "visitors", "photo_count")
        order_by = ("-visited_on",)
        attrs = {"class": TABLE, "id": "visit-table"}

    def render_enterprise(self, value: Any) -> Any:
        return _enterprise(value.name, value.is_demo)

    def render_visitors(self, record: Visit) -> str:
        names = [str(u) for u in record.visitors.all()]
        if record.other_visitors:
            names.append(record.other_visitors)
        return "、".join(names) or "—"


class DueListData(TableListData):
    """A DueList as a table's data: the table's sort goes into the list's SQL (django-tables2
    would sort a list in Python, which needs every row built)."""

    data: DueList

    def order_by(self, aliases: Any) -> None:
        self.data.sort = tuple(str(alias) for alias in aliases)


class DueTable(tables.Table):
    name = tables.Column(verbose_name=_("企业"), attrs=FULL_PAGE_LINK)
    road = tables.Column(verbose_name=_("道路"), default="—")
    grid = tables.Column(verbose_name=_("微网格"), default="—")
    tiers = tables.Column(verbose_name=_("企业类别"), orderable=False)
    cycle = tables.Column(verbose_name=_("走访周期"), orderable=False, default="—")
    last_visit = tables.Column(verbose_name=_("最近走访"), default=_("从未走访"))
    next_due = tables.Column(verbose_name=_("应访日期"), default="—")
    status = tables.Column(verbose_name=_("走访状态"))
    log = tables.Column(verbose_name="", empty_values=(), orderable=False)

    class Meta:
        attrs = {"class": TABLE, "id": "due-table"}
        row_attrs = {"class": lambda record: f"due-{record.status}"}

    def render_name(self, record: DueRow) -> Any:
        url = reverse("registry:enterprise_detail", args=[record.enterprise_id])
        link = format_html('<a href="{}">{}</a>', url, _enterprise(record.name, record.is_demo))
        flags = format_html_join(
            "", ' <span class="badge text-bg-danger due-flag">{}</span>',
            ((flag,) for flag in record.flags),
        )  # fmt: skip
        return format_html("{}{}", link, flags)

    def render_tiers(self, value: Any) -> str:
        return "、".join(str(t.label) for t in value)

    def render_cycle(self, value: Any) -> str:
        return f"{value.interval}{value.get_unit_display()}"

    def render_status(self, value: DueStatus) -> Any:
        return format_html('<span class="badge text-bg-{}">{}</span>', value.colour, value.label)

    def render_log(self, record: DueRow) -> Any:
        url = reverse("visits:visit_new") + f"?enterprise={record.enterprise_id}"
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("登记走访")
        )


class CoverageTable(tables.Table):
    month = tables.Column(verbose_name=_("月份"), orderable=False)
    group = tables.Column(verbose_name=_("道路/网格"), orderable=False, default="—")
    enterprises = tables.Column(verbose_name=_("企业数"), attrs=NUMBER, orderable=False)
    due = tables.Column(verbose_name=_("应访"), attrs=NUMBER, orderable=False)
    visited = tables.Column(verbose_name=_("已访"), attrs=NUMBER, orderable=False)
    due_visited = tables.Column(verbose_name=_("应访已访"), attrs=NUMBER, orderable=False)
    overdue = tables.Column(verbose_name=_("逾期未访"), attrs=NUMBER, orderable=False)
    rate = tables.Column(verbose_name=_("覆盖率（%）"), attrs=NUMBER, orderable=False, default="—")

    class Meta:
        attrs = {"class": TABLE, "id": "coverage-table"}

    def render_month(self, value: Any) -> str:
        return f"{value:%Y-%m}"


class QuestionTable(tables.Table):
    created_at = tables.DateColumn(verbose_name=_("提出日期"), format="Y-m-d")
    enterprise = tables.Column(verbose_name=_("企业"), order_by=("enterprise__name",))
    department = tables.Column(verbose_name=_("提问部门"))
    text = tables.Column(verbose_name=_("问题"))
    status = tables.Column(verbose_name=_("状态"))
    answer = tables.Column(verbose_name=_("答复"), default="—")
    answered_in = tables.Column(
        verbose_name=_("答复于"), linkify=lambda record: record.answered_in.get_absolute_url()
        if record.answered_in else None, default="—",
    )  # fmt: skip

    class Meta:
        model = PendingQuestion
        fields = ("created_at", "enterprise", "department", "text", "status", "answer")
        sequence = (*fields, "answered_in")
        attrs = {"class": TABLE, "id": "question-table"}

    def render_enterprise(self, value: Any) -> Any:
        return _enterprise(value.name, value.is_demo)

    def render_status(self, value: str, record: PendingQuestion) -> Any:
        colour = "secondary" if record.status == QuestionStatus.ANSWERED else "warning"
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, value)

    def render_answered_in(self, value: Visit) -> str:
        return str(value.visited_on)


__all__ = ["CoverageRow", "CoverageTable", "DueTable", "QuestionTable", "VisitTable"]

from __future__ import annotations

from datetime import datetime
from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.core.workdays import WorkCalendar
from parkops.service.choices import EscalationLevel
from parkops.service.clock import escalation_of
from parkops.service.models import CategoryLimit, ServiceRequest
from parkops.web.templatetags.parkops import demo_badge


def escalation_badge(level: EscalationLevel | None) -> Any:
    if level is None:
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("缺日历"))
    css = {
        EscalationLevel.NONE: "text-bg-light",
        EscalationLevel.WARNING: "text-bg-warning",
        EscalationLevel.SUPERVISION: "text-bg-danger",
        EscalationLevel.BULLETIN: "text-bg-dark",
    }[level]
    return format_html(
        '<span class="badge {} escalation-{}">{}</span>', css, level.value, level.label
    )


def local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class RequestTable(tables.Table):
    number = tables.Column(
        verbose_name=_("编号"), accessor="pk", linkify=lambda record: record.get_absolute_url(),
        attrs=FULL_PAGE_LINK,
    )  # fmt: skip
    received_at = tables.Column(verbose_name=_("受理时间"))
    enterprise = tables.Column(verbose_name=_("企业"))
    category = tables.Column(verbose_name=_("类别"))
    title = tables.Column(verbose_name=_("标题"))
    department = tables.Column(verbose_name=_("承办部门"), default="—")
    state = tables.Column(verbose_name=_("状态"))
    due_at = tables.Column(verbose_name=_("办结期限"))
    escalation = tables.Column(verbose_name=_("预警"), accessor="pk", orderable=False)

    class Meta:
        model = ServiceRequest
        fields = ("number", "received_at", "enterprise", "category", "title", "department")
        sequence = (*fields, "state", "due_at", "escalation")
        order_by = ("-received_at",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "request-table"}

    def __init__(
        self, *args: Any, calendar: WorkCalendar, limits: dict[str, CategoryLimit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.calendar, self.limits, self.now = calendar, limits, timezone.now()

    def render_number(self, record: ServiceRequest) -> str:
        return record.number

    def render_received_at(self, value: datetime) -> str:
        return local(value)

    def render_due_at(self, value: datetime) -> str:
        return local(value)

    def render_enterprise(self, value: Any) -> Any:
        return format_html("{} {}", value, demo_badge()) if value.is_demo else str(value)

    def render_state(self, record: ServiceRequest) -> Any:
        return format_html('<span class="badge text-bg-info state-{}">{}</span>', record.state,
                           record.get_state_display())  # fmt: skip

    def render_category(self, record: ServiceRequest) -> str:
        return str(record.get_category_display())

    def render_escalation(self, record: ServiceRequest) -> Any:
        limit = self.limits.get(record.category) or CategoryLimit(limit_days=15)
        return escalation_badge(
            escalation_of(record, calendar=self.calendar, limit=limit, now=self.now)
        )

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from parkops.activities.choices import ActivityKind, ActivityStatus
from parkops.activities.models import Activity
from parkops.common.tables import FULL_PAGE_LINK
from parkops.web.templatetags.parkops import demo_badge

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


def organiser_name(activity: Activity) -> str:
    return str(activity.organiser) if activity.organiser_id else str(_("园区办"))


class ActivityTable(tables.Table):
    starts_at = tables.DateTimeColumn(verbose_name=_("活动时间"), format="Y-m-d H:i")
    title = tables.Column(verbose_name=_("活动名称"), linkify=True, attrs=FULL_PAGE_LINK)
    kind = tables.Column(verbose_name=_("活动类型"))
    organiser = tables.Column(
        verbose_name=_("主办"), empty_values=(), order_by=("organiser__name",)
    )
    place = tables.Column(verbose_name=_("地点"), orderable=False)
    status = tables.Column(verbose_name=_("状态"))
    invited = tables.Column(verbose_name=_("邀请企业"), attrs=NUMBER)
    attended_count = tables.Column(verbose_name=_("出席企业"), attrs=NUMBER)
    requests_raised = tables.Column(verbose_name=_("提出诉求"), attrs=NUMBER)

    class Meta:
        model = Activity
        fields = ("starts_at", "title", "kind", "organiser", "place", "status")
        sequence = (*fields, "invited", "attended_count", "requests_raised")
        order_by = ("-starts_at",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "activity-table"}

    def render_title(self, value: str, record: Activity) -> Any:
        return format_html("{} {}", value, demo_badge()) if record.is_demo else value

    def render_kind(self, record: Activity) -> SafeString:
        kind = ActivityKind(record.kind)
        return format_html('<span class="badge {}">{}</span>', kind.colour.css, kind.label)

    def render_status(self, record: Activity) -> SafeString:
        status = ActivityStatus(record.status)
        return format_html('<span class="badge {}">{}</span>', status.colour.css, status.label)

    def render_organiser(self, record: Activity) -> str:
        return organiser_name(record)

"""The activity list as .xlsx in Chinese columns: the same filtered rows as the page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.activities.tables import organiser_name
from parkops.common.xlsx import ExportColumn


def activity_columns() -> list[ExportColumn]:
    return [
        ExportColumn(
            _("活动时间"), lambda a: f"{timezone.localtime(a.starts_at):%Y-%m-%d %H:%M}", 18
        ),
        ExportColumn(_("活动类型"), lambda a: a.get_kind_display()),
        ExportColumn(_("活动名称"), "title", 30),
        ExportColumn(_("地点"), "place", 20),
        ExportColumn(_("主办"), organiser_name),
        ExportColumn(_("状态"), lambda a: a.get_status_display()),
        ExportColumn(_("主题"), "topics", 30),
        ExportColumn(_("邀请企业数"), "invited"),
        ExportColumn(_("出席企业数"), "attended_count"),
        ExportColumn(_("提出诉求数"), "requests_raised"),
        ExportColumn(_("演示数据"), "is_demo"),
    ]

"""Request lists and the monthly bulletin as .xlsx, with Chinese columns."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.service.bulletin import BulletinRow
from parkops.service.clock import CLOCKED_STATES
from parkops.service.models import ServiceRequest


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def requests_xlsx(requests: Iterable[ServiceRequest]) -> io.BytesIO:
    headers = [
        _("编号"), _("受理时间"), _("渠道"), _("类别"), _("企业名称"), _("道路"), _("标题"),
        _("诉求内容"), _("承办部门"), _("状态"), _("办结时限（工作日）"), _("办结期限"),
        _("答复时间"), _("办结时间"), _("是否超期"), _("督办次数"), _("演示数据"),
    ]  # fmt: skip
    now = timezone.now()
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, _("企业诉求"), headers, title=_("企业诉求清单"))
        for r, req in enumerate(requests, start=first):
            late = (
                (req.answered_at or now) > req.due_at
                if (req.answered_at or req.state in CLOCKED_STATES)
                else False
            )
            sheet.write_row(r, 0, [
                req.number, _local(req.received_at), str(req.get_channel_display()),
                str(req.get_category_display()), req.enterprise.name,
                req.enterprise.road.name if req.enterprise.road else "", req.title, req.text,
                str(req.department) if req.department else "", str(req.get_state_display()),
                req.limit_days, _local(req.due_at), _local(req.answered_at),
                _local(req.closed_at), _("是") if late else _("否"), req.supervision_count,
                _("是") if req.is_demo else "",
            ])  # fmt: skip
    return buffer


def bulletin_xlsx(
    month: str, by_department: list[BulletinRow], by_road: list[BulletinRow]
) -> io.BytesIO:
    headers = [
        _("名称"), _("派单数"), _("按时办结"), _("超时办结"), _("未办结"), _("结案率（%）"),
        _("按时结案率（%）"), _("有效回访"), _("满意率（%）"),
    ]  # fmt: skip
    with xlsx_bytes() as (book, buffer):
        for name, rows in ((_("按部门"), by_department), (_("按道路"), by_road)):
            title = _("%(month)s 企业诉求办理情况通报（%(by)s）") % {"month": month, "by": name}
            sheet, first = table_sheet(book, name, headers, title=title)
            for r, row in enumerate(rows, start=first):
                sheet.write_row(r, 0, [
                    row.name, row.dispatched, row.on_time, row.late, row.open,
                    row.closure_rate, row.on_time_rate, row.rated, row.satisfaction_rate,
                ])  # fmt: skip
    return buffer

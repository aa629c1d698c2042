"""The visits app's lists as .xlsx with Chinese columns, the same rows as the filtered page."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.visits.due import CoverageRow, DueRow
from parkops.visits.models import Visit


def _write(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> io.BytesIO:
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, title, headers, title=title)
        for r, row in enumerate(rows, start=first):
            sheet.write_row(r, 0, ["" if v is None else v for v in row])
    return buffer


def visits_xlsx(visits: Iterable[Visit]) -> io.BytesIO:
    headers = [
        _("走访日期"), _("企业名称"), _("道路"), _("微网格"), _("走访类型"), _("走访方式"),
        _("走访人"), _("受访人"), _("受访人职务"), _("受访人电话"), _("走访内容"), _("发现问题"),
        _("下次走访日期"), _("照片数"), _("演示数据"),
    ]  # fmt: skip
    rows = []
    for v in visits:
        e = v.enterprise
        people = [str(u) for u in v.visitors.all()] + (
            [v.other_visitors] if v.other_visitors else []
        )
        rows.append([
            v.visited_on, e.name, e.road.name if e.road else "", e.grid.name if e.grid else "",
            v.get_kind_display(), v.get_method_display(), "、".join(people), v.interviewee_name,
            v.interviewee_position, v.interviewee_phone, v.discussed, v.findings, v.next_visit_on,
            getattr(v, "photo_count", None), _("是") if v.is_demo else "",
        ])  # fmt: skip
    return _write(_("走访记录"), headers, rows)


def due_xlsx(rows: Iterable[DueRow]) -> io.BytesIO:
    headers = [
        _("企业名称"), _("道路"), _("微网格"), _("企业类别"), _("走访周期"), _("最近走访"),
        _("应访日期"), _("走访状态"), _("演示数据"), _("提示"),
    ]  # fmt: skip
    data = [
        [
            r.name,
            r.road,
            r.grid,
            "、".join(str(t.label) for t in r.tiers),
            f"{r.cycle.interval}{r.cycle.get_unit_display()}" if r.cycle else "",
            r.last_visit,
            r.next_due,
            str(r.status.label),
            _("是") if r.is_demo else "",
            "；".join(r.flags),
        ]
        for r in rows
    ]
    return _write(_("应访企业"), headers, data)


def coverage_xlsx(rows: Iterable[CoverageRow], group_label: str) -> io.BytesIO:
    headers = [
        _("月份"), group_label, _("企业数"), _("应访"), _("已访"), _("应访已访"), _("逾期未访"),
        _("覆盖率（%）"),
    ]  # fmt: skip
    data = [
        [
            f"{r.month:%Y-%m}",
            r.group,
            r.enterprises,
            r.due,
            r.visited,
            r.due_visited,
            r.overdue,
            r.rate,
        ]
        for r in rows
    ]
    return _write(_("走访覆盖"), headers, data)

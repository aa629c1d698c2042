"""The plan's annex tables as .xlsx, in the plan's own columns, with the tracking columns after."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.execution.choices import CultivationKind, ListProgress, ScheduleState, StatusBasis
from parkops.execution.models import CultivationEntry, InfraProject
from parkops.execution.selectors import ProjectRow


def _sheet(book: Workbook, name: str, title: str, headers: Sequence[str]) -> Worksheet:
    return table_sheet(book, name, headers, title=title)[0]


def _rows(sheet: Worksheet, rows: Iterable[Sequence[Any]]) -> None:
    for r, row in enumerate(rows, start=2):
        sheet.write_row(r, 0, ["" if v is None else v for v in row])


def projects_xlsx(rows: list[ProjectRow]) -> io.BytesIO:
    headers = [
        _("“四早”节点"), _("企业名称"), _("项目名称"), _("目标分解及节点时间安排"), _("推进状态"),
        _("推进落实情况"), _("目标日期"), _("实际完成日期"), _("状态依据"), _("最近报告日期"),
    ]  # fmt: skip
    with xlsx_bytes() as (book, buffer):
        sheet = _sheet(book, _("附件1"), _("“四早”项目推进落实反馈推进表"), headers)
        data = []
        for row in rows:
            report = row.latest_report
            for m in row.milestones:
                data.append([
                    m.milestone.get_kind_display(), row.project.enterprise.name, row.project.name,
                    m.milestone.target_text or m.milestone.target_date.isoformat(),
                    str(ScheduleState(m.state.status.value).label),
                    report.text if report else "", m.milestone.target_date,
                    m.milestone.achieved_on, str(StatusBasis(m.state.basis.value).label),
                    report.reported_on if report else None,
                ])  # fmt: skip
        _rows(sheet, data)
    return buffer


_CULTIVATION_SHEETS = {
    CultivationKind.ABOVE_SCALE: (_("新增规上企业计划清单"), [_("预测产值"), _("预计时间")]),
    CultivationKind.SRDI: (_("新增专精特新企业计划清单"), [_("预计时间")]),
    CultivationKind.TECH: (_("技改企业计划清单"), [_("预计时间")]),
}


def cultivation_xlsx(entries: Iterable[CultivationEntry]) -> io.BytesIO:
    by_kind: dict[str, list[CultivationEntry]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    with xlsx_bytes() as (book, buffer):
        for kind in CultivationKind:
            if kind not in by_kind:
                continue
            title, plan_columns = _CULTIVATION_SHEETS[kind]
            extra = [_("技改项目名称"), _("开工日期")] if kind is CultivationKind.TECH else []
            headers = [
                _("序号"), _("企业名称"), *[str(c) for c in plan_columns], *extra,
                _("完成年度"), _("完成情况"),
            ]  # fmt: skip
            sheet = _sheet(book, str(kind.label), str(title), headers)
            data = []
            for n, e in enumerate(by_kind[kind], start=1):
                planned = (
                    [e.predicted_output_wan, e.planned_year]
                    if kind is CultivationKind.ABOVE_SCALE
                    else [e.planned_year]
                )
                tech = [e.project_name, e.started_on] if kind is CultivationKind.TECH else []
                progress = str(ListProgress(e.progress).label)  # type: ignore[attr-defined]
                data.append([n, e.enterprise.name, *planned, *tech, e.done_year, progress])  # type: ignore[attr-defined]
            _rows(sheet, data)
    return buffer


def infrastructure_xlsx(projects: Iterable[InfraProject]) -> io.BytesIO:
    headers = [
        _("序号"), _("项目名称"), _("计划总投资（万元）"), _("工程内容"), _("预计实施时间"),
        _("预计完工时间"), _("状态"), _("已支出（万元）"), _("剩余（万元）"), _("进度"),
    ]  # fmt: skip
    with xlsx_bytes() as (book, buffer):
        sheet = _sheet(book, _("附件4"), _("基础设施建设计划清单"), headers)
        data = []
        for p in projects:
            annotated: Any = p  # spent_wan, remaining_wan and schedule come from infra_list()
            data.append([
                p.plan_row, p.name, p.investment_wan, p.content, p.start_year, p.finish_year,
                p.get_status_display(), annotated.spent_wan, annotated.remaining_wan,
                str(ScheduleState(annotated.schedule).label),
            ])  # fmt: skip
        _rows(sheet, data)
    return buffer

"""The inspection ledger, the rectification list and the control-event list as .xlsx."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.enforcement.models import ControlEvent, Inspection
from parkops.enforcement.rectifications import Rectification


def _write(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> io.BytesIO:
    with xlsx_bytes() as (book, buffer):
        sheet = table_sheet(book, title, headers, title=title)[0]
        for r, row in enumerate(rows, start=2):
            sheet.write_row(r, 0, ["" if v is None else v for v in row])
    return buffer


def inspections_xlsx(inspections: Iterable[Inspection]) -> io.BytesIO:
    headers = [
        _("编号"), _("检查日期"), _("检查对象"), _("统一社会信用代码"), _("检查类型"),
        _("牵头部门"), _("参加部门"), _("检查人员"), _("检查内容"), _("检查结果"), _("发现问题"),
        _("处罚决定"),
    ]  # fmt: skip
    rows = []
    for i in inspections:
        findings = "；".join(
            f"{f.get_severity_display()}·{f.get_domain_display()}：{f.description}"
            f"（{f.law}{f.article}）"
            for f in i.findings.all()
        )
        penalties = "；".join(
            f"{p.decision_number} {p.get_kind_display()} {p.amount_text}" for p in i.penalties.all()
        )
        rows.append([
            i.number, i.inspected_on, i.enterprise.name, i.enterprise.uscc, i.get_kind_display(),
            str(i.lead_department), "、".join(str(d) for d in i.departments.all()), i.inspectors,
            i.items_checked, i.get_result_display(), findings, penalties,
        ])  # fmt: skip
    return _write(_("执法检查台账"), headers, rows)


def rectifications_xlsx(rows: Iterable[Rectification]) -> io.BytesIO:
    headers = [
        _("检查编号"), _("企业"), _("牵头部门"), _("问题描述"), _("领域"), _("严重程度"),
        _("法律依据"), _("整改期限"), _("状态"), _("逾期工作日"), _("督办/通报"), _("复查日期"),
    ]  # fmt: skip
    data = []
    for r in rows:
        f, i = r.finding, r.finding.inspection
        data.append([
            i.number, i.enterprise.name, str(i.lead_department), f.description,
            f.get_domain_display(), f.get_severity_display(), f"{f.law}{f.article}", f.deadline,
            str(r.status.label), r.overdue_days, r.escalation_label, f.reinspected_on,
        ])  # fmt: skip
    return _write(_("整改清单"), headers, data)


def control_events_xlsx(events: Iterable[ControlEvent]) -> io.BytesIO:
    headers = [
        _("发生日期"), _("企业"), _("统一社会信用代码"), _("事项类型"), _("来源文书"),
        _("触发的管控措施"), _("处置日期"), _("说明"),
    ]  # fmt: skip
    rows = [
        [e.occurred_on, e.enterprise.name, e.enterprise.uscc, e.get_kind_display(),
         e.source_document, e.get_measure_display(), e.handled_on, e.note]
        for e in events
    ]  # fmt: skip
    return _write(_("管控事项"), headers, rows)

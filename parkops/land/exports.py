"""附件 3's lists as .xlsx, in the plan's own columns (formula-safe through core.xlsx), then the
tracking columns: each entry's 状态 and 完成日期."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.land.choices import LandActionKind
from parkops.land.models import LandAction

PLOT_HEADERS = ("序号", "地块名称", "占地面积 (亩)", "计划时间", "盘活方式")
ENTERPRISE_HEADERS = ("类别", "序号", "企业名称", "地址", "占地面积 (亩)", "计划时间", "提升方案")
TRACKING_HEADERS = ("状态", "完成日期")
SHEET_TITLES = {
    LandActionKind.REVITALISE: "低效地块盘活计划清单",
    LandActionKind.VACATE: "低效腾退企业计划清单",
    LandActionKind.UPGRADE: "低效提升企业计划清单",
}


def _year(action: LandAction) -> str:
    return f"{action.planned_year} 年"


def _method(action: LandAction) -> str:
    return action.follow_up_use or str(action.get_method_display())


def annex3_rows(kind: LandActionKind, actions: Iterable[LandAction]) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, action in enumerate(actions, start=1):
        tracking = [str(action.get_status_display()), action.completed_on]
        if kind == LandActionKind.REVITALISE:
            rows.append(
                [number, action.name, action.area_mu, _year(action), _method(action), *tracking]
            )
        else:
            rows.append([
                str(action.get_kind_display()), number, action.name, action.address,
                action.area_mu, _year(action), _method(action), *tracking,
            ])  # fmt: skip
    return rows


def annex3_xlsx(kind: LandActionKind, actions: Iterable[LandAction]) -> bytes:
    annex = PLOT_HEADERS if kind == LandActionKind.REVITALISE else ENTERPRISE_HEADERS
    headers = (*annex, *TRACKING_HEADERS)
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, SHEET_TITLES[kind], headers, widths=18)
        area = book.add_format({"num_format": "0.00"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(annex3_rows(kind, actions), start=first):
            for c, value in enumerate(row):
                if headers[c].startswith("占地面积"):
                    sheet.write_number(r, c, float(value), area)  # type: ignore[arg-type]
                elif isinstance(value, date):
                    sheet.write_datetime(r, c, value, day)
                elif value is not None:
                    sheet.write(r, c, value)
    return buffer.getvalue()

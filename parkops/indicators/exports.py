"""Table 1 as .xlsx in the plan's own layout, with the actuals and tiers added as columns."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from parkops.core.xlsx import xlsx_bytes
from parkops.indicators.choices import TierChoice
from parkops.indicators.selectors import Row


def table_1_xlsx(rows: list[Row], years: tuple[int, ...]) -> io.BytesIO:
    with xlsx_bytes() as (book, buffer):
        sheet = book.add_worksheet(_("表1"))
        head = book.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
                "bg_color": "#DDEBF7",
                "text_wrap": True,
            }
        )
        cell = book.add_format({"border": 1, "align": "center", "valign": "vcenter"})
        name = book.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
        tiers = {
            t.value: book.add_format(
                {"border": 1, "align": "center", "font_color": "#FFFFFF", "bg_color": t.colour.hex}
            )
            for t in TierChoice
        }
        title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
        per_year = 5  # 保底数 确保数 贡献数 实际值 达成
        last_col = 3 + per_year * len(years) + 1
        sheet.merge_range(0, 0, 0, last_col, _("表 1 漕泾工业园区转型升级主要指标"), title)
        for col, label in enumerate([_("类型"), _("序号"), _("指标名称"), _("单位")]):
            sheet.merge_range(1, col, 2, col, label, head)
        for i, year in enumerate(years):
            first = 4 + i * per_year
            sheet.merge_range(
                1, first, 1, first + per_year - 1, _("%(year)s 年") % {"year": year}, head
            )
            for j, label in enumerate(
                [_("保底数"), _("确保数"), _("贡献数"), _("实际值"), _("达成")]
            ):
                sheet.write(2, first + j, label, head)
        sheet.merge_range(1, last_col, 2, last_col, _("本年预测区间"), head)
        r = 3
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(row.indicator.group, []).append(row)
        for group, members in groups.items():
            if len(members) > 1:
                sheet.merge_range(r, 0, r + len(members) - 1, 0, group, cell)
            else:
                sheet.write(r, 0, group, cell)
            for row in members:
                ind = row.indicator
                sheet.write_row(r, 1, [ind.number], cell)
                sheet.write(r, 2, ind.name, name)
                sheet.write(r, 3, ind.unit, cell)
                for i, c in enumerate(row.cells):
                    first = 4 + i * per_year
                    t = c.target
                    values: list[object] = (
                        [t.floor, t.committed, t.stretch] if t else [None, None, None]
                    )
                    for j, v in enumerate(values):
                        sheet.write(r, first + j, v if v is not None else "", cell)
                    sheet.write(r, first + 3, c.value if c.value is not None else _("无数据"), cell)
                    sheet.write(
                        r,
                        first + 4,
                        str(c.tier.label) if c.tier else "—",
                        tiers[c.tier] if c.tier else cell,
                    )
                f = row.forecast
                text = (
                    "—"
                    if f is None or f.low is None
                    else (f"{f.low}" if f.low == f.high else f"{f.low} – {f.high}")
                )
                sheet.write(r, last_col, text, cell)
                r += 1
        sheet.set_column(0, 0, 10)
        sheet.set_column(2, 2, 28)
        sheet.set_column(4, last_col, 9)
        sheet.freeze_panes(3, 4)
    return buffer

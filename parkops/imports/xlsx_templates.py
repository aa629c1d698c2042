"""The downloadable import templates, generated from the kinds' columns.

Sheet 数据: Chinese headers with units, one example row (its first cell starts with 示例, so an
import skips it), drop-downs where a column has fixed values (choices, and the registry's roads
and small parks from a hidden 选项 sheet). Sheet 说明: every column, its unit, whether it is
required, what it means, and the rules of the import.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from parkops.core.cells import CellKind
from parkops.core.xlsx import xlsx_bytes
from parkops.imports.engine import EXAMPLE_PREFIX
from parkops.imports.kinds import Kind
from parkops.registry.models import Road, SmallPark

DATA_ROWS = 5000  # drop-downs cover this many rows
RULES = (
    "表头按名称识别，列的顺序不限；表头可带单位，如“用地面积（亩）”，单位须与模板一致（金额为万元）。",
    "表头上方可以有标题行；合并的表头单元格、全角数字和括号、千分位逗号、文本格式的数字都可识别。",
    "空白、“—”、“-”、“/”表示未填报：不会覆盖系统中已有的数值。",
    f"以“{EXAMPLE_PREFIX}”开头的行是示例，导入时跳过，可删除也可保留。",
    "整个文件全部通过校验才会写入；任何一处错误都不写入任何数据，并逐行逐列列出错误。",
    "重复导入同一文件不会产生任何修改；每次导入记为一个批次，最近一次导入可以撤销。",
    "错误：不可能或无法保存的数值（负的产值、面积，错误的信用代码，未知企业，文件内重复行，单位不符）。",
    "提示：可能但可疑的数值（税收高于产值、用地为 0 却有税收、超过 1000 亿元的金额），确认后仍可导入。",
)


def _choices(kind: Kind, key: str) -> list[str] | str | None:
    spec = kind.spec(key)
    if spec.kind == CellKind.CHOICE:
        return list(spec.choices)
    return None


def _example(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def template_file(kind: Kind) -> bytes:
    columns = kind.importable
    with xlsx_bytes() as (book, buffer):
        data = book.add_worksheet("数据")
        notes = book.add_worksheet("说明")
        options = book.add_worksheet("选项")
        options.hide()
        head = book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        )
        required = book.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True}
        )
        example = book.add_format({"italic": True, "font_color": "#808080"})
        lists = {
            "road": list(Road.objects.order_by("name").values_list("name", flat=True)),
            "small_park": list(
                SmallPark.objects.order_by("plan_sequence", "name").values_list("name", flat=True)
            ),
        }
        for c, (key, names) in enumerate(lists.items()):
            options.write(0, c, key)
            options.write_column(1, c, names)
            lists[key] = names
        for c, spec in enumerate(columns):
            data.write(0, c, spec.header, required if spec.required else head)
            data.set_column(c, c, max(12, len(spec.header) * 2 + 2))
            value = _example(spec.example)
            if c == 0:
                value = f"{EXAMPLE_PREFIX}：{value if value is not None else ''}"
            if value is not None:
                data.write(1, c, value, example)
            choices = _choices(kind, spec.key)
            if choices:
                data.data_validation(1, c, DATA_ROWS, c, {"validate": "list", "source": choices})
            elif lists.get(spec.key):
                col = list(lists).index(spec.key)
                first = xl_rowcol_to_cell(1, col, row_abs=True, col_abs=True)
                last = xl_rowcol_to_cell(len(lists[spec.key]), col, row_abs=True, col_abs=True)
                data.data_validation(
                    1,
                    c,
                    DATA_ROWS,
                    c,
                    {
                        "validate": "list",
                        "source": f"=选项!{first}:{last}",
                        "error_type": "warning",
                    },
                )
        data.freeze_panes(1, 0)
        notes.set_column(0, 0, 24)
        notes.set_column(1, 2, 10)
        notes.set_column(3, 4, 60)
        notes.write_row(0, 0, ["列名", "单位", "必填", "说明", "可选值"], head)
        for r, spec in enumerate(columns, start=1):
            choices = _choices(kind, spec.key)
            notes.write_row(
                r,
                0,
                [
                    spec.label,
                    spec.unit,
                    "是" if spec.required else "",
                    spec.help,
                    "、".join(choices) if isinstance(choices, list) else "",
                ],
            )
        start = len(columns) + 2
        notes.write(start, 0, "导入规则", head)
        for r, rule in enumerate(RULES, start=start + 1):
            notes.write(r, 0, f"{r - start}. {rule}")
    return buffer.getvalue()

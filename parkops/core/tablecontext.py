"""What office files write around a table's header and below its data, with no Django import.

A unit stated once for many columns (in a title row "（金额单位：元）", in a group header above the
money columns, or in a units row under the header), a sub-header that splits a figure into
本年 and 上年同期, and the total, signature and note rows under the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from parkops.core.text import to_half_width
from parkops.core.units import normalise_unit

_UNITS = r"万元|亿元|千元|元|亩|公顷|㎡|m2|m²|平方米|平米|吨标准煤|吨|人|%"
_STATED_UNIT = re.compile(rf"单位\s*[:：]?\s*({_UNITS})")
_BARE_UNIT = re.compile(rf"^[(\[]?(?:计量)?(?:单位\s*[:：]?)?\s*({_UNITS})[)\]]?$")
_UNIT_LABELS = frozenset({"计量单位", "单位", "unit"})
_FOOTER = re.compile(
    r"^(合\s*计|总\s*计|小\s*计|共\s*计|填表人|填报人|审核人|制表人?|负责人|单位负责人|统计负责人"
    r"|填报日期|填表日期|报出日期|报送日期|注\s*[:：]|说明\s*[:：]|备注\s*[:：])"
)
# A sub-header under a figure's header: the column this year (kept) or a comparison (left out).
CURRENT = frozenset({"本年", "本期", "本年实际", "本年累计", "本期累计", "本年数", "今年"})
COMPARISON = frozenset(
    {"上年同期", "上年", "上年数", "上年实际", "同期", "上年同期累计", "同比", "增长", "增幅",
     "增减", "增长率", "同比增长", "比上年增长"}
)  # fmt: skip


def _text(cell: Any) -> str:
    if cell is None or isinstance(cell, int | float):
        return ""
    return re.sub(r"\s+", "", to_half_width(str(cell)))


def stated_unit(cell: Any) -> str:
    """The unit a title or group header states for the cells under it ("（金额单位：元）")."""
    match = _STATED_UNIT.search(_text(cell))
    return normalise_unit(match.group(1)) if match else ""


def units_row(row: Sequence[Any]) -> dict[int, str] | None:
    """A row under the header that only names units (元 / 万元 / 亩 / ㎡, maybe a 计量单位
    label): the unit of each column; None when the row is anything else."""
    units: dict[int, str] = {}
    for c, cell in enumerate(row):
        text = _text(cell)
        if not text or text in _UNIT_LABELS:
            if cell not in ("", None) and not text:  # a number: a data row
                return None
            continue
        match = _BARE_UNIT.match(text)
        if match is None:
            return None
        units[c] = normalise_unit(match.group(1))
    return units or None


def sub_header(row: Sequence[Any]) -> dict[int, str] | None:
    """A row of 本年 / 上年同期 labels under the header: each labelled column's label."""
    labels: dict[int, str] = {}
    for c, cell in enumerate(row):
        text = _text(cell)
        if not text:
            if cell not in ("", None):
                return None
            continue
        if text not in CURRENT and text not in COMPARISON:
            return None
        labels[c] = text
    return labels or None


def is_footer(row: Sequence[Any]) -> bool:
    """A total, signature or note row ("合计：2 家", "填表人：… 审核人：…")."""
    first = next((c for c in row if c not in ("", None)), "")
    return bool(_FOOTER.match(_text(first)))


def footer_text(row: Sequence[Any]) -> str:
    first = next((c for c in row if c not in ("", None)), "")
    return str(first).strip()[:30]

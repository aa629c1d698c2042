"""The grade of a production safety accident under 国务院令第493号 (生产安全事故报告和调查处理条例),
第三条, computed from its figures. No Django import.

特别重大: ≥ 30 deaths, or ≥ 100 serious injuries (acute industrial poisoning included), or a direct
economic loss ≥ 1 亿元; 重大: 10–29 deaths, 50–99 serious injuries, 5,000 万–1 亿元; 较大: 3–9 deaths,
10–49 serious injuries, 1,000 万–5,000 万元; 一般: below all of these. The regulation counts the
lower bound in ("以上包括本数") and leaves the upper bound out ("以下不包括本数"), so each bound
belongs to the higher grade. Any one of the three figures reaching a grade's bound is enough.
Loss is in 万元 (10,000 yuan), as the platform writes money.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum


class AccidentGrade(IntEnum):
    ORDINARY = 1  # 一般
    LARGER = 2  # 较大
    MAJOR = 3  # 重大
    EXTRAORDINARY = 4  # 特别重大


# (grade, deaths from, serious injuries from, direct loss from in 万元), highest grade first.
THRESHOLDS: tuple[tuple[AccidentGrade, int, int, Decimal], ...] = (
    (AccidentGrade.EXTRAORDINARY, 30, 100, Decimal(10_000)),
    (AccidentGrade.MAJOR, 10, 50, Decimal(5_000)),
    (AccidentGrade.LARGER, 3, 10, Decimal(1_000)),
)


def accident_grade(*, deaths: int, serious_injuries: int, loss_wan: Decimal) -> AccidentGrade:
    """The highest grade any of the three figures reaches; negative figures are refused."""
    if deaths < 0 or serious_injuries < 0 or loss_wan < 0:
        raise ValueError("accident figures cannot be negative")
    for grade, min_deaths, min_injuries, min_loss in THRESHOLDS:
        if deaths >= min_deaths or serious_injuries >= min_injuries or loss_wan >= min_loss:
            return grade
    return AccidentGrade.ORDINARY

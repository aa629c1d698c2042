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


# 突发环境事件 under 《国家突发环境事件应急预案》(国办函〔2014〕119号) 附件1, the figures it grades
# by: deaths, people poisoned or seriously injured, people evacuated or relocated, direct loss.
# The same counting as 493号令: "以上"含本数, "以下"不含本数. The annex's other criteria
# (a drinking-water source cut off, an ecological function lost, radioactive sources…) are
# findings, not figures: the department that determines the incident states such a grade and the
# record keeps the higher of the two.
ENVIRONMENTAL_THRESHOLDS: tuple[tuple[AccidentGrade, int, int, int, Decimal], ...] = (
    (AccidentGrade.EXTRAORDINARY, 30, 100, 50_000, Decimal(10_000)),
    (AccidentGrade.MAJOR, 10, 50, 10_000, Decimal(2_000)),
    (AccidentGrade.LARGER, 3, 10, 5_000, Decimal(500)),
)


def environmental_incident_grade(
    *, deaths: int, poisoned_or_injured: int, evacuated: int, loss_wan: Decimal
) -> AccidentGrade:
    """The highest grade any of the four figures reaches; negative figures are refused."""
    if min(deaths, poisoned_or_injured, evacuated) < 0 or loss_wan < 0:
        raise ValueError("incident figures cannot be negative")
    for grade, min_deaths, min_hurt, min_evacuated, min_loss in ENVIRONMENTAL_THRESHOLDS:
        if (
            deaths >= min_deaths
            or poisoned_or_injured >= min_hurt
            or evacuated >= min_evacuated
            or loss_wan >= min_loss
        ):
            return grade
    return AccidentGrade.ORDINARY


def grade_reached_by(
    *,
    grade: AccidentGrade,
    environmental: bool,
    deaths: int,
    hurt: int,
    evacuated: int,
    loss_wan: Decimal,
) -> list[str]:
    """Which figures reach `grade`'s bounds ("deaths", "hurt", "evacuated", "loss"), to show why a
    record has its grade; empty for 一般 (nothing reached a higher bound)."""
    if environmental:
        bounds = {g: (d, h, e, loss) for g, d, h, e, loss in ENVIRONMENTAL_THRESHOLDS}
    else:
        bounds = {g: (d, h, -1, loss) for g, d, h, loss in THRESHOLDS}
    if grade not in bounds:
        return []
    min_deaths, min_hurt, min_evacuated, min_loss = bounds[grade]
    reached = []
    if deaths >= min_deaths:
        reached.append("deaths")
    if hurt >= min_hurt:
        reached.append("hurt")
    if min_evacuated >= 0 and evacuated >= min_evacuated:
        reached.append("evacuated")
    if loss_wan >= min_loss:
        reached.append("loss")
    return reached

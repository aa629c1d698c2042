"""Inefficient-land flags (闲置低效 / 开发低效 / 经营低效) worked out from a plot's facts. No Django.

- 闲置低效 (idle), after 《闲置土地处置办法》 (国土资源部令第53号): not started a full year after the
  contract's start date — which only a progress record made on or after that day can show: with
  none, the plot is not idle but its start is missing (待报送, not 滞后); or started, but under a third of the required floor area built or under a
  quarter of the planned investment made, and halted for a full year.
- 开发低效 (under-developed), after 《工业项目建设用地控制指标》 (国土资发〔2008〕24号): plot ratio
  below the control value for the holder's industry, or building coefficient below the minimum.
- 经营低效 (low output): tax per 亩 below a configured threshold (no official Shanghai figure).

A flag is raised only by a value strictly past its threshold: a plot exactly at the line is not
flagged. Tax per 亩 is compared in decimal (parkops.core.thresholds), and shown with the digits
that tell it from its threshold; the
built and invested shares are compared exactly as fractions (their thresholds, 1/3 and 1/4, are
shown as fractions); plot ratio and building coefficient are compared as recorded. A fact that is not known raises no flag (it is listed in `missing` instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from parkops.core.periods import years_after
from parkops.core.thresholds import below, fmt

TAX_PER_MU_PLACES = 2  # 亩均税收 is shown in 万元/亩 to two decimals


class FlagKind(StrEnum):
    IDLE = "idle"
    UNDERDEVELOPED = "underdeveloped"
    LOW_OUTPUT = "low_output"


# Minimum plot ratio (容积率) by GB/T 4754-2017 manufacturing division, from 国土资发〔2008〕24号
# (its 2002 codes mapped to 2017 ones; see reference/evaluation-practice.md §3).
DEFAULT_PLOT_RATIO_CONTROLS: dict[str, Decimal] = {
    **dict.fromkeys(("13", "14", "15", "18", "39", "40"), Decimal("1.0")),
    **dict.fromkeys(("17", "20", "21", "22", "28", "29"), Decimal("0.8")),
    **dict.fromkeys(("27", "30", "33", "34", "35", "36", "37", "38"), Decimal("0.7")),
    **dict.fromkeys(("26", "31", "32"), Decimal("0.6")),
    "25": Decimal("0.5"),
}


@dataclass(frozen=True)
class FlagRules:
    min_tax_per_mu_wan: Decimal = Decimal("10")
    min_building_coefficient_pct: Decimal = Decimal("30")
    plot_ratio_controls: dict[str, Decimal] = field(
        default_factory=lambda: dict(DEFAULT_PLOT_RATIO_CONTROLS)
    )
    idle_years: int = 1
    built_share_min: Fraction = Fraction(1, 3)
    invested_share_min: Fraction = Fraction(1, 4)
    halted_years: int = 1


@dataclass(frozen=True)
class PlotFacts:
    area_mu: Decimal | None = None
    contract_start_on: date | None = None
    construction_started_on: date | None = None
    # The day the plot's progress was last recorded (None: never): an empty start date means
    # "not started" only in a record made once the start was due.
    progress_recorded_on: date | None = None
    built_area_m2: Decimal | None = None
    required_area_m2: Decimal | None = None
    invested_wan: Decimal | None = None
    planned_investment_wan: Decimal | None = None
    halted_since: date | None = None
    plot_ratio: Decimal | None = None
    building_coefficient_pct: Decimal | None = None
    industry_code: str = ""
    tax_wan: Decimal | None = None  # the year's tax of the plot's holder and occupants


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    reason: str


@dataclass(frozen=True)
class FlagResult:
    flags: tuple[Flag, ...]
    missing: tuple[str, ...]  # facts that were needed for a check but are not recorded
    tax_per_mu_wan: Decimal | None


def _n(value: Decimal) -> str:
    """A threshold as people write it: 10, 30 (not 10.00)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _division(industry_code: str) -> str:
    code = industry_code.strip().upper()
    return code[1:3] if code.startswith("C") and len(code) >= 3 else ""


def _idle(facts: PlotFacts, rules: FlagRules, on: date, missing: list[str]) -> Flag | None:
    if facts.contract_start_on is None:
        missing.append("合同约定开工日期")
        return None
    if facts.construction_started_on is None:
        due = years_after(facts.contract_start_on, rules.idle_years)
        if on < due:
            return None
        recorded = facts.progress_recorded_on
        if recorded is None or recorded < due:
            missing.append("实际开工日期")
            return None
        return Flag(
            FlagKind.IDLE,
            f"合同约定 {facts.contract_start_on:%Y-%m-%d} 开工，至 {on:%Y-%m-%d} 已满 "
            f"{rules.idle_years} 年未动工",
        )
    if facts.halted_since is None or on < years_after(facts.halted_since, rules.halted_years):
        return None
    shortfalls = []
    if facts.built_area_m2 is not None and facts.required_area_m2:
        share = Fraction(facts.built_area_m2) / Fraction(facts.required_area_m2)
        if share < rules.built_share_min:
            shortfalls.append(
                f"已建面积占应建面积 {float(share):.1%}，不足 {rules.built_share_min}"
            )
    if facts.invested_wan is not None and facts.planned_investment_wan:
        share = Fraction(facts.invested_wan) / Fraction(facts.planned_investment_wan)
        if share < rules.invested_share_min:
            shortfalls.append(f"已投资占总投资 {float(share):.1%}，不足 {rules.invested_share_min}")
    if not shortfalls:
        return None
    return Flag(
        FlagKind.IDLE,
        "；".join(shortfalls)
        + f"，且自 {facts.halted_since:%Y-%m-%d} 停工满 {rules.halted_years} 年",
    )


def _underdeveloped(facts: PlotFacts, rules: FlagRules, missing: list[str]) -> Flag | None:
    reasons = []
    control = rules.plot_ratio_controls.get(_division(facts.industry_code))
    if facts.plot_ratio is None:
        missing.append("容积率")
    elif control is not None and facts.plot_ratio < control:
        reasons.append(f"容积率 {facts.plot_ratio} 低于本行业控制值 {control}")
    if facts.building_coefficient_pct is None:
        missing.append("建筑系数")
    elif facts.building_coefficient_pct < rules.min_building_coefficient_pct:
        reasons.append(
            f"建筑系数 {facts.building_coefficient_pct}% 低于 {_n(rules.min_building_coefficient_pct)}%"
        )
    return Flag(FlagKind.UNDERDEVELOPED, "；".join(reasons)) if reasons else None


def tax_per_mu(tax_wan: Decimal | None, area_mu: Decimal | None) -> Decimal | None:
    if tax_wan is None or not area_mu:
        return None
    return tax_wan / area_mu


def evaluate_plot(facts: PlotFacts, rules: FlagRules, *, on: date) -> FlagResult:
    missing: list[str] = []
    flags = [
        flag
        for flag in (
            _idle(facts, rules, on, missing),
            _underdeveloped(facts, rules, missing),
        )
        if flag is not None
    ]
    per_mu = tax_per_mu(facts.tax_wan, facts.area_mu)
    if per_mu is None:
        missing.append("税收或占地面积")
    elif below(per_mu, rules.min_tax_per_mu_wan):
        flags.append(
            Flag(
                FlagKind.LOW_OUTPUT,
                f"亩均税收 {fmt(per_mu, TAX_PER_MU_PLACES, against=rules.min_tax_per_mu_wan)} 万元/亩，"
                f"低于 {_n(rules.min_tax_per_mu_wan)} 万元/亩",
            )
        )
    return FlagResult(flags=tuple(flags), missing=tuple(missing), tax_per_mu_wan=per_mu)

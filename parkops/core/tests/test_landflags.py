"""Land flags worked out by hand, with each threshold tested at its boundary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from parkops.core.landflags import FlagKind, FlagRules, PlotFacts, evaluate_plot, years_after

RULES = FlagRules(min_tax_per_mu_wan=Decimal("10"))
ON = date(2025, 6, 30)


def kinds(facts: PlotFacts, on: date = ON) -> list[FlagKind]:
    return [flag.kind for flag in evaluate_plot(facts, RULES, on=on).flags]


def test_not_started_a_full_year_after_the_contract_date_is_idle() -> None:
    # a progress record made once the start was due, with no start date: not started
    facts = PlotFacts(contract_start_on=date(2024, 6, 30), progress_recorded_on=date(2025, 6, 30))
    assert kinds(facts, on=date(2025, 6, 29)) == []
    assert kinds(facts, on=date(2025, 6, 30)) == [FlagKind.IDLE]  # exactly one year: idle
    [flag] = evaluate_plot(facts, RULES, on=ON).flags
    assert flag.reason == "合同约定 2024-06-30 开工，至 2025-06-30 已满 1 年未动工"


def test_no_progress_recorded_since_the_start_was_due_is_unreported_not_idle() -> None:
    """An empty start date is not a late start: without a record made once the start was due,
    the plot raises no flag and its start date is listed as missing (待报送)."""
    contract = {"contract_start_on": date(2024, 6, 30)}
    for recorded in (None, date(2025, 6, 29)):  # never, or a day before the start was due
        result = evaluate_plot(PlotFacts(**contract, progress_recorded_on=recorded), RULES, on=ON)
        assert result.flags == ()
        assert result.missing[0] == "实际开工日期"
    # before the start is due, nothing is missing yet
    early = evaluate_plot(PlotFacts(**contract), RULES, on=date(2025, 6, 29))
    assert "实际开工日期" not in early.missing
    recorded = PlotFacts(**contract, progress_recorded_on=date(2025, 6, 30))
    assert kinds(recorded) == [FlagKind.IDLE]


def test_started_halted_a_year_with_under_a_third_built_is_idle() -> None:
    base = {
        "contract_start_on": date(2022, 1, 1),
        "construction_started_on": date(2022, 3, 1),
        "required_area_m2": Decimal("3000"),
        "halted_since": date(2024, 6, 30),
    }
    assert kinds(PlotFacts(**base, built_area_m2=Decimal("1000"))) == []  # exactly 1/3
    assert kinds(PlotFacts(**base, built_area_m2=Decimal("999.99"))) == [FlagKind.IDLE]
    # halted one day short of a year: not idle
    assert kinds(PlotFacts(**base, built_area_m2=Decimal("10")), on=date(2025, 6, 29)) == []


def test_under_a_quarter_invested_and_halted_is_idle() -> None:
    base = {
        "contract_start_on": date(2022, 1, 1),
        "construction_started_on": date(2022, 3, 1),
        "planned_investment_wan": Decimal("8000"),
        "halted_since": date(2023, 1, 1),
    }
    assert kinds(PlotFacts(**base, invested_wan=Decimal("2000"))) == []  # exactly 1/4
    result = evaluate_plot(PlotFacts(**base, invested_wan=Decimal("1999")), RULES, on=ON)
    assert result.flags[0].reason == "已投资占总投资 25.0%，不足 1/4，且自 2023-01-01 停工满 1 年"


def test_plot_ratio_below_its_industrys_control_value_is_underdeveloped() -> None:
    # C27 医药制造业: control value 0.7
    assert kinds(PlotFacts(plot_ratio=Decimal("0.70"), industry_code="C2710")) == []
    facts = PlotFacts(plot_ratio=Decimal("0.69"), industry_code="C2710")
    [flag] = evaluate_plot(facts, RULES, on=ON).flags
    assert flag.kind == FlagKind.UNDERDEVELOPED
    assert flag.reason == "容积率 0.69 低于本行业控制值 0.7"
    # an industry with no control value raises no plot-ratio flag
    assert kinds(PlotFacts(plot_ratio=Decimal("0.1"), industry_code="F51")) == []


def test_building_coefficient_below_thirty_percent_is_underdeveloped() -> None:
    assert kinds(PlotFacts(building_coefficient_pct=Decimal("30"))) == []
    assert kinds(PlotFacts(building_coefficient_pct=Decimal("29.99"))) == [FlagKind.UNDERDEVELOPED]


def test_tax_per_mu_below_the_threshold_is_low_output() -> None:
    # 100 万元 over 10 亩 = 10 万元/亩: at the line, not flagged
    assert kinds(PlotFacts(area_mu=Decimal("10"), tax_wan=Decimal("100"))) == []
    result = evaluate_plot(PlotFacts(area_mu=Decimal("10"), tax_wan=Decimal("99.9")), RULES, on=ON)
    assert [f.reason for f in result.flags] == ["亩均税收 9.99 万元/亩，低于 10 万元/亩"]
    assert result.tax_per_mu_wan == Decimal("9.99")


def test_unknown_facts_raise_no_flag_and_are_listed() -> None:
    result = evaluate_plot(PlotFacts(), RULES, on=ON)
    assert result.flags == ()
    assert result.missing == ("合同约定开工日期", "容积率", "建筑系数", "税收或占地面积")


def test_years_after_a_leap_day() -> None:
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_tax_per_mu_just_below_the_threshold_never_reads_as_the_threshold() -> None:
    # 29.999 万元 over 3 亩 = 9.99966… 万元/亩: low, and not printed "10.00 万元/亩，低于 10"
    facts = PlotFacts(area_mu=Decimal("3"), tax_wan=Decimal("29.999"))
    low = [f for f in evaluate_plot(facts, FlagRules(), on=date(2024, 1, 1)).flags
           if f.kind == FlagKind.LOW_OUTPUT]  # fmt: skip
    assert [f.reason for f in low] == ["亩均税收 9.9997 万元/亩，低于 10 万元/亩"]
    at = PlotFacts(area_mu=Decimal("3"), tax_wan=Decimal("30"))
    assert not [
        f for f in evaluate_plot(at, FlagRules(), on=date(2024, 1, 1)).flags
        if f.kind == FlagKind.LOW_OUTPUT
    ]  # fmt: skip

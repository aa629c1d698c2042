"""The admission engine worked by hand, each threshold at its boundary (equal passes)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parkops.core.admission import (
    LeadFacts,
    Outcome,
    Threshold,
    Verdict,
    VetoList,
    screen,
)

D = Decimal
PER_MU = D(2000)


def _one(facts: LeadFacts, key: str, value: str, raise_pct: str = "0") -> Outcome:
    result = screen(
        facts, vetoes=[], thresholds=[Threshold(key, D(value))], floor_m2_per_mu=PER_MU,
        raise_pct=D(raise_pct),
    )  # fmt: skip
    return result.results[0].outcome


LAND = LeadFacts(
    investment_wan=D(3000), tax_wan=D(300), output_wan=D(10000), energy_tce=D(500),
    land_mu=D(10), plot_ratio=D("1.2"), building_coverage_pct=D(40),
)  # fmt: skip


@pytest.mark.parametrize(
    ("key", "at", "above", "below"),
    [
        ("investment_intensity", "300", "300.01", "299.99"),  # 3000 / 10
        ("tax_per_mu", "30", "30.01", "29.99"),  # 300 / 10
        ("output_per_mu", "1000", "1000.01", "999.99"),  # 10000 / 10
        ("plot_ratio", "1.2", "1.21", "1.19"),
        ("building_coverage", "40", "40.01", "39.99"),
    ],
)
def test_it_passes_a_minimum_at_the_threshold_and_fails_above_it(
    key: str, at: str, above: str, below: str
) -> None:
    assert _one(LAND, key, at) == Outcome.PASS
    assert _one(LAND, key, below) == Outcome.PASS
    assert _one(LAND, key, above) == Outcome.FAIL


def test_it_passes_energy_per_output_at_the_maximum_and_fails_below_it() -> None:
    # 500 tce / 10000 万元 = 0.05
    assert _one(LAND, "energy_per_output", "0.05") == Outcome.PASS
    assert _one(LAND, "energy_per_output", "0.0499") == Outcome.FAIL
    assert _one(LAND, "energy_per_output", "0.0501") == Outcome.PASS


def test_it_converts_rented_floor_space_to_land_as_the_evaluation_does() -> None:
    facts = LeadFacts(investment_wan=D(1500), tax_wan=D(150), floor_m2=D(10000))  # 5 亩
    result = screen(
        facts, vetoes=[], floor_m2_per_mu=PER_MU,
        thresholds=[Threshold("investment_intensity", D(300)), Threshold("tax_per_mu", D(30)),
                    Threshold("plot_ratio", D(1))],
    )  # fmt: skip
    assert result.land_mu == D(5)
    assert [r.outcome for r in result.results] == [
        Outcome.PASS, Outcome.PASS, Outcome.NOT_APPLICABLE,
    ]  # fmt: skip
    assert result.land_basis == "租用厂房 10000.00 ㎡ ÷ 2000 ㎡/亩 = 5.00 亩（按综合评价的折算）"


def test_a_low_efficiency_park_raises_the_bar() -> None:
    # 30 万元/亩 raised by 10% is 33: a lead at exactly 33 passes, at 32.99 fails.
    facts = LeadFacts(tax_wan=D(330), land_mu=D(10))
    assert _one(facts, "tax_per_mu", "30", raise_pct="10") == Outcome.PASS
    lower = LeadFacts(tax_wan=D("329.9"), land_mu=D(10))
    assert _one(lower, "tax_per_mu", "30", raise_pct="10") == Outcome.FAIL
    assert _one(lower, "tax_per_mu", "30") == Outcome.PASS


def test_missing_data_makes_the_verdict_incomplete_and_a_failure_wins() -> None:
    facts = LeadFacts(tax_wan=D(100), land_mu=D(10))
    result = screen(
        facts, vetoes=[], floor_m2_per_mu=PER_MU,
        thresholds=[Threshold("tax_per_mu", D(5)), Threshold("investment_intensity", D(300))],
    )  # fmt: skip
    assert result.verdict == Verdict.INCOMPLETE
    assert result.results[1].outcome == Outcome.MISSING
    failing = screen(
        facts, vetoes=[], floor_m2_per_mu=PER_MU,
        thresholds=[Threshold("tax_per_mu", D(50)), Threshold("investment_intensity", D(300))],
    )  # fmt: skip
    assert failing.verdict == Verdict.FAIL
    assert failing.results[0].evidence == (
        "达产税收 100.00 万元 ÷ 10.00 亩 = 10.00 万元/亩；要求 ≥ 50.00 万元/亩"
    )


def test_a_veto_list_matches_a_division_code_or_a_keyword() -> None:
    listed = VetoList("eliminated", "淘汰类", "目录2024", codes=("C26",), keywords=("电石",))
    hit = screen(LeadFacts(industry_code="C2611"), vetoes=[listed], thresholds=[],
                 floor_m2_per_mu=PER_MU)  # fmt: skip
    assert hit.verdict == Verdict.FAIL
    assert hit.results[0].evidence == "命中《目录2024》：C26"
    word = screen(LeadFacts(industry_code="C3011", text="年产电石 5 万吨"), vetoes=[listed],
                  thresholds=[], floor_m2_per_mu=PER_MU)  # fmt: skip
    assert word.results[0].outcome == Outcome.FAIL
    clear = screen(LeadFacts(industry_code="C2710"), vetoes=[listed], thresholds=[],
                   floor_m2_per_mu=PER_MU)  # fmt: skip
    assert clear.verdict == Verdict.PASS
    unloaded = VetoList("negative", "负面清单", "")
    missing = screen(LeadFacts(industry_code="C2710"), vetoes=[unloaded], thresholds=[],
                     floor_m2_per_mu=PER_MU)  # fmt: skip
    assert missing.results[0].outcome == Outcome.MISSING

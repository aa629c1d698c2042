"""Indicator arithmetic on a small hand-worked fixture."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from parkops.core.indicators import (
    FRAME_SCHEMA,
    DesignationFacts,
    Forecast,
    NewAboveScale,
    Tier,
    above_scale_output_growth,
    new_above_scale,
    newly_designated,
    per_mu_growth,
    pipeline_forecast,
    rate,
    tier_of,
    trend_forecast,
)

# enterprise, year, output, tax, 规上, land 亩
ROWS = [
    (1, 2024, 10000.0, 500.0, True, 50.0),  # 规上 both years
    (1, 2025, 11000.0, 550.0, True, 50.0),
    (2, 2024, 1800.0, 60.0, False, 10.0),  # enters: 规下 in 2024, 规上 in 2025
    (2, 2025, 2600.0, 90.0, True, 10.0),
    (3, 2024, 3000.0, 100.0, True, 20.0),  # leaves: 规上 in 2024, 规下 in 2025
    (3, 2025, 1500.0, 40.0, False, 20.0),
    (4, 2025, 4000.0, 200.0, True, 20.0),  # new firm: 规上 in 2025, no 2024 row
    (5, 2024, None, None, None, 5.0),  # reports land only
]


def frame() -> pl.DataFrame:
    return pl.DataFrame(ROWS, schema=FRAME_SCHEMA, orient="row")


def test_comparable_and_plain_growth_of_above_scale_output() -> None:
    comparable, plain = above_scale_output_growth(frame(), 2025)
    # Comparable: 2025's 规上 reporting both years = 1 and 2: (11000 + 2600) / (10000 + 1800) - 1.
    assert comparable.enterprise_ids == (1, 2)
    assert (comparable.current, comparable.previous) == (Decimal("13600.00"), Decimal("11800.00"))
    assert comparable.rate == Decimal("15.25")  # 13600 / 11800 = 1.152542…
    # Plain: 2025's 规上 total (1, 2, 4) against 2024's 规上 total (1, 3).
    assert (plain.current, plain.previous) == (Decimal("17600.00"), Decimal("13000.00"))
    assert plain.rate == Decimal("35.38")  # 17600 / 13000 = 1.353846…


def test_a_year_with_no_data_is_none_not_zero() -> None:
    comparable, plain = above_scale_output_growth(frame(), 2026)
    assert (comparable.rate, plain.rate) == (None, None)
    assert new_above_scale(frame(), 2026) is None
    assert per_mu_growth(frame(), 2026, "tax").rate is None


def test_new_above_scale_counts_entrants_and_new_firms() -> None:
    # 4 has no 2024 row but started production in 2025: it was not operating in 2024
    started = {4: date(2025, 3, 1)}
    assert new_above_scale(frame(), 2025, started) == NewAboveScale(new=(2, 4), unknown=())
    # nothing known of 2023: unknown, shown apart, none counted
    assert new_above_scale(frame(), 2024, started) == NewAboveScale(new=(), unknown=(1, 3))


def test_a_firm_without_last_years_figures_is_unknown_not_new() -> None:
    # 4 has no 2024 row and no start date (or one in 2024 or before): it may have been 规上
    assert new_above_scale(frame(), 2025) == NewAboveScale(new=(2,), unknown=(4,))
    started = {4: date(2024, 12, 31)}
    assert new_above_scale(frame(), 2025, started) == NewAboveScale(new=(2,), unknown=(4,))


def test_new_designations_count_enterprises_not_renewals() -> None:
    facts = [
        DesignationFacts(1, 10, date(2022, 6, 1), expires_on=date(2025, 5, 31)),
        DesignationFacts(2, 10, date(2025, 6, 1)),  # renewed the day after: not new
        DesignationFacts(3, 11, date(2021, 6, 1), expires_on=date(2024, 5, 31)),
        DesignationFacts(4, 11, date(2025, 3, 1)),  # expired in 2024, designated again: new
        DesignationFacts(5, 12, date(2023, 1, 1), revoked_on=date(2024, 1, 1)),
        DesignationFacts(6, 12, date(2025, 8, 1)),  # revoked earlier: new
        DesignationFacts(7, 13, date(2025, 2, 1)),  # first designation: new
        DesignationFacts(8, 13, date(2025, 9, 1)),  # a second one the same year: once
        DesignationFacts(9, 14, date(2025, 12, 1)),  # after `until`
        DesignationFacts(10, 15, date(2020, 1, 1)),  # no expiry recorded: in force
        DesignationFacts(11, 15, date(2025, 1, 1)),
    ]
    assert newly_designated(facts, 2025, until=date(2025, 11, 26)) == (4, 6, 7)


def test_output_and_tax_per_mu() -> None:
    output = per_mu_growth(frame(), 2025, "output_value")
    # 2025: 19100 / 100 亩 = 191; 2024: 14800 / 80 亩 = 185 (enterprise 5 has no output).
    assert (output.current, output.previous) == (Decimal("191.0000"), Decimal("185.0000"))
    assert output.rate == Decimal("3.24")  # 191 / 185 = 1.032432…
    tax = per_mu_growth(frame(), 2025, "tax")
    # 2025: 880 / 100 = 8.8; 2024: 660 / 80 = 8.25.
    assert tax.rate == Decimal("6.67")  # 8.8 / 8.25 = 1.066666…


@pytest.mark.parametrize(
    ("value", "tier"),
    [
        (None, None),
        (Decimal("2.99"), Tier.BELOW_FLOOR),
        (Decimal(3), Tier.FLOOR),  # equal to the floor reaches it
        (Decimal(4), Tier.COMMITTED),
        (Decimal("6.99"), Tier.COMMITTED),
        (Decimal(7), Tier.STRETCH),
    ],
)
def test_tiers_reach_a_target_at_equality(value: Decimal | None, tier: Tier | None) -> None:
    assert tier_of(value, Decimal(3), Decimal(4), Decimal(7)) == tier


def test_rate_needs_a_non_zero_base() -> None:
    assert rate(Decimal(5), Decimal(0)) is None
    assert rate(None, Decimal(1)) is None
    assert rate(Decimal("103.005"), Decimal(100)) == Decimal("3.01")  # half up


def test_forecasts() -> None:
    assert pipeline_forecast(Decimal(1), Decimal(3)) == Forecast(Decimal(1), Decimal(4))
    assert trend_forecast([Decimal(9), Decimal(2), Decimal(5)]) == Forecast(Decimal(2), Decimal(5))
    assert trend_forecast([None, Decimal(4)]) == Forecast(Decimal(4), Decimal(4))
    assert trend_forecast([None, None]) == Forecast(None, None)

"""A figure compared with a threshold: equal when it reads equal, and read as it compares."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import polars as pl

from parkops.core.thresholds import above, at_least, below, compare, fmt, shown, shown_expr

D = Decimal


def test_a_quotient_a_hair_below_the_threshold_compares_equal() -> None:
    ratio = (D(1) / D(3)) / (D(4) / D(6))  # 0.4999999999999999999999999999 in 28 digits
    assert ratio < D("0.5")
    assert compare(ratio, D("0.5")) == 0
    assert not below(ratio, D("0.5"))
    assert at_least(ratio, D("0.5"))
    assert fmt(ratio, 2, against=D("0.5")) == "0.50"
    assert not above(0.30000000000000004, 0.3)
    assert compare(Fraction(1, 3), D(1) / D(3)) == 0


def test_a_value_near_a_threshold_is_printed_with_the_digits_that_tell_it_apart() -> None:
    assert below(D("0.4951"), D("0.5"))
    assert fmt(D("0.4951"), 2, against=D("0.5")) == "0.495"
    assert above(D("15.01"), 15)
    assert fmt(D("15.01"), 1, against=15) == "15.01"
    assert fmt(D("15.01"), 1) == "15.0"
    assert fmt(D("0.999"), 2, against=D("1.0")) == "0.999"
    assert fmt(D("0.49"), 2, against=D("0.5")) == "0.49"


def test_rounding_is_half_away_from_zero_for_every_kind_of_number() -> None:
    assert shown(D("0.125"), 2) == D("0.13")
    assert shown(Fraction(1, 8), 2) == D("0.13")
    assert shown(0.125, 2) == D("0.13")
    assert shown(-0.125, 2) == D("-0.13")
    assert shown(7, 1) == D("7.0")


def test_floats_round_exactly_as_the_frame_rounds_them() -> None:
    rng = random.Random(12)
    values = [rng.uniform(-1000, 1000) for _ in range(20_000)] + [59.995, 2.675, 1.005, 0.5]
    for places in (0, 1, 2, 3):
        framed = pl.select(shown_expr(pl.lit(pl.Series(values)), places)).to_series().to_list()
        assert [float(shown(v, places)) for v in values] == framed

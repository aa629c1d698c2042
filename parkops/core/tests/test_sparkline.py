"""The cockpit's server-drawn sparkline, on hand-worked points."""

from __future__ import annotations

from decimal import Decimal

from parkops.core.sparkline import sparkline


def test_it_scales_the_values_between_the_paddings() -> None:
    # 3 years over 120 px: x at 4, 60, 116; values 0..10 over 36 px high: y from 32 (0) to 4 (10).
    spark = sparkline([Decimal(0), Decimal(5), Decimal(10)])
    assert spark.lines == ("4,32 60,18 116,4",)
    assert [(d.x, d.y, d.index) for d in spark.dots] == [(4, 32, 0), (60, 18, 1), (116, 4, 2)]
    assert spark.reference == ""


def test_a_year_without_data_is_a_gap_not_a_zero() -> None:
    spark = sparkline([Decimal(2), None, Decimal(4)])
    assert spark.lines == ()  # no two neighbouring years: nothing to join
    assert [d.index for d in spark.dots] == [0, 2]
    assert [d.y for d in spark.dots] == [32, 4]


def test_the_reference_shares_the_scale() -> None:
    spark = sparkline([Decimal(5), Decimal(5)], [Decimal(0), Decimal(10)], width=100, pad=0)
    assert spark.lines == ("0,18 100,18",)
    assert spark.reference == "0,36 100,0"


def test_no_data_at_all_draws_nothing() -> None:
    spark = sparkline([None, None, None])
    assert spark.lines == ()
    assert spark.dots == ()
    assert spark.reference == ""

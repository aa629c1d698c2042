"""Comparing a computed figure with a threshold. No Django.

Two rules, one per kind of number, so that a value shown as equal to a threshold compares equal:

- Decimal figures (the small parks' rating, the land flags, the 专精特新 check) are compared in
  decimal, settled to `DECIMAL_PLACES` places first: a quotient such as (1/3) ÷ (2/3) that came out
  0.4999…9 in 28 digits is 0.5, while 0.999 stays below 1 and 15.01% stays above 15%. The reasons
  print the value with `fmt(value, places, against=threshold)`, which adds digits when the usual
  rounding would read equal to a threshold the value is not equal to ("0.4951 倍，低于 0.5 倍",
  never "0.50 倍，低于 0.5 倍").
- Float figures of the evaluation engine (total score, land in 亩) are compared as they are
  shown, rounded to the places the pages print (`shown_expr` in a frame, `shown` in Python: half
  away from zero, bit for bit the same).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import polars as pl

Number = Decimal | Fraction | float | int

DECIMAL_PLACES = 20  # far below any recorded figure's precision, far above a division's last digit
FLOAT_PLACES = 12  # a float carries 15–17 significant digits: its last ones are noise
MAX_EXTRA_PLACES = 6

__all__ = [
    "DECIMAL_PLACES",
    "above",
    "at_least",
    "at_most",
    "below",
    "compare",
    "fmt",
    "settle",
    "shown",
    "shown_expr",
]


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float):
        return Decimal(repr(value))  # as typed: 0.5, not 0.5000000000000000277…
    return Decimal(value)


def settle(value: Number) -> Decimal:
    """`value` to `DECIMAL_PLACES` places (a float to `FLOAT_PLACES`): the decimal a rule
    compares."""
    if isinstance(value, float):
        value = round(value, FLOAT_PLACES)
    return _decimal(value).quantize(Decimal(1).scaleb(-DECIMAL_PLACES), rounding=ROUND_HALF_UP)


def compare(value: Number, threshold: Number) -> int:
    """-1, 0 or 1 as the settled value is below, at or above the threshold."""
    a, b = settle(value), settle(threshold)
    return (a > b) - (a < b)


def below(value: Number, threshold: Number) -> bool:
    return compare(value, threshold) < 0


def at_least(value: Number, threshold: Number) -> bool:
    return compare(value, threshold) >= 0


def above(value: Number, threshold: Number) -> bool:
    return compare(value, threshold) > 0


def at_most(value: Number, threshold: Number) -> bool:
    return compare(value, threshold) <= 0


def shown(value: Number, places: int) -> Decimal:
    """`value` rounded half away from zero to `places` decimals, as the page prints it. A float
    is rounded as Polars rounds it (scaled in floating point, then rounded exactly)."""
    if isinstance(value, float):
        scaled = Decimal(value * 10**places).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return scaled.scaleb(-places)
    return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt(value: Number, places: int, *, against: Number | None = None) -> str:
    """`value` to `places` decimals; more (up to six more) when that would read equal to
    `against` while the value is not equal to it."""
    extra = 0
    if against is not None and compare(value, against) != 0:
        target = settle(against)
        while extra < MAX_EXTRA_PLACES and shown(value, places + extra) == target:
            extra += 1
    return f"{shown(value, places + extra):.{places + extra}f}"


def shown_expr(expr: pl.Expr, places: int) -> pl.Expr:
    """The frame version of `shown` for a float column."""
    return expr.round(places, mode="half_away_from_zero")

"""Scoring in the evaluation engine: each indicator's value, benchmark and points, per population.

Split from engine.py, which prepares the frame, calls `score` and then ranks and classes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl

from parkops.core.evaluation.scheme import (
    BenchmarkKind,
    Indicator,
    MissingRule,
    Population,
    ScoringMode,
)


def key(population: str, indicator: str) -> str:
    return f"{population}.{indicator}"


def column(field: str) -> pl.Expr:
    return pl.col("_land") if field == "land_mu" else pl.col(field)


def ratio(ind: Indicator) -> pl.Expr:
    num, den = column(ind.numerator), column(ind.denominator)
    return pl.when(den > 0).then(num / den).otherwise(None)


def benchmark(
    p: Population, ind: Indicator, previous: Mapping[str, float], fallback: Mapping[str, float]
) -> float:
    if ind.benchmark_kind == BenchmarkKind.FIXED:
        return float(ind.benchmark or 0.0)
    base = previous.get(key(p.code, ind.code))
    if base is None:  # no previous year: this year's own park average
        base = fallback.get(key(p.code, ind.code), 0.0)
    return ind.benchmark_factor * base


def _scaled(p: Population, ind: Indicator, bench: float, value: pl.Expr) -> pl.Expr:
    """The points of a value (null when missing), before missing data is filled."""
    value = value.clip(lower_bound=0.0)
    if ind.cap_multiple is not None and bench > 0:
        value = value.clip(upper_bound=ind.cap_multiple * bench)
    if ind.mode == ScoringMode.RATIO:
        return value / bench * ind.weight if bench > 0 else pl.lit(0.0) * value
    mine = (pl.col("_pop") == p.above_scale) & pl.col("_ranked")
    lo = pl.when(mine).then(value).min()
    hi = pl.when(mine).then(value).max()
    spread = hi - lo
    score = (
        pl.when(spread > 0)
        .then(ind.weight * (20 + 80 * (value - lo) / spread) / 100)
        .otherwise(pl.lit(ind.weight))
    )
    return pl.when(value.is_not_null()).then(score)


def _by_population(
    uses: list[tuple[Population, Indicator, float]],
    make: Callable[[Population, Indicator, float], pl.Expr],
    dtype: pl.DataType,
) -> pl.Expr:
    expr = pl.lit(None, dtype=dtype)
    for p, ind, bench in uses:
        expr = pl.when(pl.col("_pop") == p.above_scale).then(make(p, ind, bench)).otherwise(expr)
    return expr


def score(
    lf: pl.LazyFrame, codes: dict[str, list[tuple[Population, Indicator, float]]]
) -> pl.LazyFrame:
    """Per indicator code: value, benchmark, points, missing, capped; in stages, so that each
    column is computed once and read by the next stage."""
    f64, boolean = pl.Float64(), pl.Boolean()

    def value(code: str) -> pl.Expr:
        return pl.col(f"{code}__value")

    def capped(code: str) -> Callable[[Population, Indicator, float], pl.Expr]:
        def make(p: Population, ind: Indicator, bench: float) -> pl.Expr:
            if ind.cap_multiple is None or bench <= 0:
                return pl.lit(False)
            return (value(code) > ind.cap_multiple * bench).fill_null(False)

        return make

    def filled(code: str) -> Callable[[Population, Indicator, float], pl.Expr]:
        def make(p: Population, ind: Indicator, bench: float) -> pl.Expr:
            raw = _scaled(p, ind, bench, value(code))
            if ind.missing != MissingRule.AVERAGE:
                return raw.fill_null(0.0)
            mine = (pl.col("_pop") == p.above_scale) & pl.col("_ranked")
            return raw.fill_null(pl.when(mine).then(raw).mean().fill_null(0.0))

        return make

    def missing(code: str) -> Callable[[Population, Indicator, float], pl.Expr]:
        # the points are missing exactly when the value is: scaling keeps nulls and only nulls
        return lambda p, ind, bench: value(code).is_null()

    lf = lf.with_columns(
        *[
            _by_population(uses, lambda p, i, b: ratio(i), f64).alias(f"{code}__value")
            for code, uses in codes.items()
        ],
    )
    lf = lf.with_columns(
        *[
            _by_population(uses, lambda p, i, b: pl.lit(b), f64).alias(f"{code}__benchmark")
            for code, uses in codes.items()
        ],
        *[
            _by_population(uses, filled(code), f64).alias(f"{code}__score")
            for code, uses in codes.items()
        ],
        *[
            _by_population(uses, capped(code), boolean).alias(f"{code}__capped")
            for code, uses in codes.items()
        ],
        *[
            _by_population(uses, missing(code), boolean).alias(f"{code}__missing")
            for code, uses in codes.items()
        ],
    )
    total = pl.sum_horizontal(pl.col(f"{code}__score").fill_null(0.0) for code in codes)
    return lf.with_columns(
        total_score=pl.when(pl.col("_ranked")).then(total),
        tax_per_mu=pl.when(pl.col("_land") > 0).then(pl.col("tax") / pl.col("_land")),
    )

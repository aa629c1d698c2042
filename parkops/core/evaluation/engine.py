"""The evaluation engine: enterprise-year figures in, scores, ranks and classes out (Polars).

Input: one row per enterprise with the columns of `INPUT_SCHEMA`. Output: one row per
enterprise with its population, land, total score, rank within the population, class before
and after vetoes, the reasons, its position from the bottom of the park, and for each indicator
`<code>__value`, `__benchmark`, `__score`, `__missing`, `__capped`.

The rules, in order (the scheme's page says the same, from parkops.evaluation.rules):
1. Land: owned land in 亩, or a tenant's rented floor space ÷ `floor_m2_per_mu`. Land that is
   blank or 0 is missing: the enterprise is not ranked (N), it never gets an average score on
   the per-亩 indicators.
2. Population by 规上 / 规下. Left out of the ranking, each with one reason, the first that
   applies in this order: no revenue figure (class N); the scheme's exclusions — fewer
   completed years in production than the minimum, then industries such as utilities (T); a
   tenant that inherits its landlord's class; missing land (N); land under the population's
   minimum, compared at three decimals (N); an indicator whose missing rule is "exclude"
   without data (N). Years in production are completed calendar years at 31 December (the
   anniversary counts; see parkops.core.periods).
3. Each indicator is numerator ÷ denominator; a zero or absent denominator or an absent
   numerator is missing data. Values below zero count as zero; a cap limits the value to
   `cap_multiple × benchmark`. Ratio scoring: value ÷ benchmark × weight; min–max scoring:
   weight × (20 + 80 × (x − min) ÷ (max − min)) ÷ 100, and the full weight when all are equal.
   Missing data scores the population's average score on that indicator, or zero.
4. Rank within the population by total score (higher first); ties on the score are broken by
   亩均税收 (higher first), then by enterprise id, so the order never depends on row order.
5. Classes by percentile: with n ranked enterprises the best round(n × cumulative share) are in
   that class or a better one, a half rounded up, in exact arithmetic (`ranking.class_cuts`: 30
   enterprises at D 5% give one D, 10 or fewer give none); enterprises with equal scores share
   the better class, so class shares match the scheme up to ties. Or by score thresholds, the
   score compared as shown, to two decimals.
6. Vetoes: each recorded event matching a rule (kind, at least the rule's grade) forces a class
   or caps it. Vetoes reach only enterprises with a class A–D: T and N stay T and N. Inheriting
   tenants take their landlord's class after the landlord's vetoes, then their own vetoes apply.
7. The bottom of the park (尾部排名), over classes A–D with a score of their own: worst class
   first; within a class, the larger relative rank (rank ÷ population size) first; then lower
   亩均税收; then enterprise id. `park_position` 1 is the last enterprise of the park.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import polars as pl

from parkops.core.evaluation.model import INHERIT_REASON, Event
from parkops.core.evaluation.ranking import apply_vetoes, bottom, rank_and_class
from parkops.core.evaluation.scheme import (
    BenchmarkKind,
    Indicator,
    MissingRule,
    Population,
    Scheme,
    TenantRule,
)
from parkops.core.evaluation.scoring import benchmark, column, key, ratio, score
from parkops.core.figures import LandBasis
from parkops.core.thresholds import shown_expr

INPUT_SCHEMA: dict[str, pl.DataType] = {
    "enterprise_id": pl.Int64(),
    "above_scale": pl.Boolean(),
    "land_basis": pl.String(),  # a LandBasis value
    "land_mu": pl.Float64(),
    "rented_floor_m2": pl.Float64(),
    "output_value": pl.Float64(),
    "revenue": pl.Float64(),
    "tax": pl.Float64(),
    "value_added": pl.Float64(),
    "energy_tce": pl.Float64(),
    "emissions_t": pl.Float64(),
    "rd_expense": pl.Float64(),
    "employees": pl.Float64(),
    "years_in_production": pl.Float64(),
    "industry_code": pl.String(),
    "landlord_id": pl.Int64(),
}

LAND_PLACES = 3  # land in 亩 is recorded and shown to three decimals, and compared so
NO_LAND_REASON = "缺少用地面积（未填或为 0）"

__all__ = ["INPUT_SCHEMA", "Event", "evaluate", "input_frame", "park_averages"]


def input_frame(rows: Iterable[Mapping[str, object]]) -> pl.DataFrame:
    """A frame of `INPUT_SCHEMA` from dicts; absent keys are null."""
    return pl.DataFrame(list(rows), schema=INPUT_SCHEMA)


def land_expr(scheme: Scheme) -> pl.Expr:
    return (
        pl.when(pl.col("land_basis") == LandBasis.RENTED.value)
        .then(pl.col("rented_floor_m2") / scheme.floor_m2_per_mu)
        .otherwise(pl.col("land_mu"))
    )


def park_averages(frame: pl.DataFrame, scheme: Scheme) -> dict[str, float]:
    """Each population's park average of each indicator (Σ numerator ÷ Σ denominator over the
    enterprises of the population with data): the base of a `previous_average` benchmark."""
    lf = _prepare(frame.sort("enterprise_id").lazy(), scheme)
    out: dict[str, float] = {}
    for p in scheme.populations:
        exprs = []
        for ind in p.indicators:
            ok = (pl.col("_pop") == p.above_scale) & ratio(ind).is_not_null()
            num = pl.when(ok).then(column(ind.numerator)).sum()
            den = pl.when(ok).then(column(ind.denominator)).sum()
            exprs.append((num / den).alias(ind.code))
        row = lf.select(exprs).collect().row(0, named=True)
        out.update(
            {key(p.code, c): v for c, v in row.items() if v is not None and math.isfinite(v)}
        )
    return out


def _populations(scheme: Scheme) -> list[Population]:
    """The populations that can match: the first one for each 规上 flag."""
    seen: dict[bool, Population] = {}
    for p in scheme.populations:
        seen.setdefault(p.above_scale, p)
    return list(seen.values())


def _population_code(scheme: Scheme) -> pl.Expr:
    code = pl.lit(None, dtype=pl.String)
    for p in _populations(scheme):
        code = pl.when(pl.col("_pop") == p.above_scale).then(pl.lit(p.code)).otherwise(code)
    return code


def _prepare(lf: pl.LazyFrame, scheme: Scheme) -> pl.LazyFrame:
    """Land, population and the reason an enterprise is left out of the ranking."""
    # The population as its 规上 flag (one population per flag): comparing booleans is much
    # cheaper than comparing codes on every row; the code is put back on output.
    flags = [p.above_scale for p in _populations(scheme)]
    pop = pl.when(pl.col("above_scale").is_in(flags)).then(pl.col("above_scale"))
    min_land = pl.lit(None, dtype=pl.Float64)
    for p in reversed(scheme.populations):
        min_land = (
            pl.when(pl.col("above_scale") == p.above_scale)
            .then(pl.lit(p.min_land_mu))
            .otherwise(min_land)
        )
    # The reasons as small integer codes into `labels`, turned into text once at the end:
    # choosing among integers is much cheaper than among strings on every row.
    labels: list[str] = ["无营业收入数据，无法判定规上/规下", "方案未设此类别"]

    def label(text: str) -> pl.Expr:
        labels.append(text)
        return pl.lit(len(labels) - 1, dtype=pl.Int32)

    none = pl.lit(None, dtype=pl.Int32)
    ex = scheme.exclusion
    exempt_reason = none
    for prefix in reversed(ex.industry_prefixes):
        exempt_reason = (
            pl.when(pl.col("_industry").str.starts_with(prefix))
            .then(label(f"{ex.label}：行业 {prefix}"))
            .otherwise(exempt_reason)
        )
    if ex.min_years_in_production > 0:
        exempt_reason = (
            pl.when(pl.col("years_in_production") < ex.min_years_in_production)
            .then(label(f"{ex.label}：投产不满 {ex.min_years_in_production:g} 年"))
            .otherwise(exempt_reason)
        )
    missing_reason = none
    for p in reversed(scheme.populations):
        for ind in reversed(p.indicators):
            if ind.missing == MissingRule.EXCLUDE:
                missing_reason = (
                    pl.when((pl.col("_pop") == p.above_scale) & ratio(ind).is_null())
                    .then(label(f"缺少数据：{ind.label}"))
                    .otherwise(missing_reason)
                )
    no_land = label(NO_LAND_REASON)
    short_land = none
    for p in reversed(_populations(scheme)):
        short_land = (
            pl.when(pl.col("_pop") == p.above_scale)
            .then(label(f"用地面积不足 {p.min_land_mu:g} 亩"))
            .otherwise(short_land)
        )
    inherit_reason = label(INHERIT_REASON)
    inherit = scheme.tenant_rule == TenantRule.INHERIT
    inherits = (
        (pl.col("land_basis") == LandBasis.RENTED.value) & pl.col("landlord_id").is_not_null()
        if inherit
        else pl.lit(False)
    )
    return (
        lf.with_columns(
            _land=land_expr(scheme),
            _pop=pop,
            _min_land=min_land,
            _industry=pl.col("industry_code").str.to_uppercase()
            if ex.industry_prefixes
            else pl.lit(""),
        )
        .with_columns(_exempt_reason=exempt_reason)
        .with_columns(
            _reason=pl.when(pl.col("above_scale").is_null())
            .then(pl.lit(0, dtype=pl.Int32))
            .when(pl.col("_pop").is_null())
            .then(pl.lit(1, dtype=pl.Int32))
            .when(pl.col("_exempt_reason").is_not_null())
            .then(pl.col("_exempt_reason"))
            .when(inherits)
            .then(inherit_reason)
            # Zero land is missing land, never a free average on the per-亩 indicators.
            .when(pl.col("_land").is_null() | (pl.col("_land") <= 0))
            .then(no_land)
            .when(shown_expr(pl.col("_land"), LAND_PLACES) < pl.col("_min_land"))
            .then(short_land)
            .when(missing_reason.is_not_null())
            .then(missing_reason)
            .otherwise(None),
            _exempt=pl.col("_exempt_reason").is_not_null() & pl.col("_pop").is_not_null(),
            _inherits=inherits & pl.col("_pop").is_not_null() & pl.col("_exempt_reason").is_null(),
        )
        .with_columns(
            _ranked=pl.col("_reason").is_null(),
            _reason=pl.col("_reason").replace_strict(
                dict(enumerate(labels)), default=None, return_dtype=pl.String
            ),
        )
    )


def evaluate(
    frame: pl.DataFrame,
    scheme: Scheme,
    *,
    events: Iterable[Event] = (),
    previous_averages: Mapping[str, float] | None = None,
) -> pl.DataFrame:
    """Evaluate one year's enterprises under `scheme`; the same input always gives the same output."""
    previous = previous_averages or {}
    needs_fallback = any(
        i.benchmark_kind == BenchmarkKind.PREVIOUS_AVERAGE and key(p.code, i.code) not in previous
        for p in scheme.populations
        for i in p.indicators
    )
    # Sums depend on the order of addition in the last bit: fix the order so that the same
    # enterprises always give exactly the same numbers.
    frame = frame.sort("enterprise_id")
    fallback = park_averages(frame, scheme) if needs_fallback else {}
    lf = _prepare(frame.lazy(), scheme)

    codes: dict[str, list[tuple[Population, Indicator, float]]] = {}
    for p in scheme.populations:
        for ind in p.indicators:
            codes.setdefault(ind.code, []).append((p, ind, benchmark(p, ind, previous, fallback)))
    scored = score(lf, codes).collect()
    explanation = [
        f"{code}__{n}"
        for code in codes
        for n in ("value", "benchmark", "score", "capped", "missing")
    ]
    # Ranks, classes, vetoes and the bottom of the park read only these columns: the wide frame
    # of figures and explanation columns stays out of their steps and is put back at the end.
    needed = [
        "enterprise_id",
        "landlord_id",
        "_pop",
        "_land",
        "_ranked",
        "_exempt",
        "_inherits",
        "_reason",
        "total_score",
        "tax_per_mu",
    ]
    narrow = scored.select(*needed, _row=pl.int_range(pl.len(), dtype=pl.Int64))
    lf, ordering = rank_and_class(narrow, scheme)
    lf = apply_vetoes(lf, scheme, list(events))
    lf = bottom(lf.collect(), ordering).lazy()
    out_cols = [
        "enterprise_id",
        _population_code(scheme).alias("population"),
        pl.col("_land").alias("land_mu"),
        "tax_per_mu",
        "total_score",
        "rank",
        "population_size",
        "class_before_veto",
        "class",
        "veto_reasons",
        pl.col("_reason").alias("excluded_reason"),
        "inherited_from",
        "park_position",
    ]
    result = lf.select(*out_cols, "_row").collect()
    rows = result.get_column("_row")
    extra = scored.select(explanation)
    # Every step keeps the rows in order; only repeated landlord ids could repeat rows.
    if result.height != scored.height:
        extra = extra[rows]
    return result.drop("_row").hstack(extra)

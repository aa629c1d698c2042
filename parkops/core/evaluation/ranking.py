"""Ranks, classes, vetoes and the bottom of the park: the second half of the engine.

See parkops.core.evaluation.engine for the rules; these functions work on its frames.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from parkops.core.evaluation.model import CLASS_ORDER, RANKED, Event
from parkops.core.evaluation.scheme import (
    CLASSES,
    ClassMethod,
    Scheme,
    TenantRule,
    VetoAction,
)
from parkops.core.thresholds import shown_expr

SCORE_PLACES = 2  # total scores are shown, and compared with class thresholds, to two decimals


@dataclass(frozen=True)
class Ordering:
    """An ordinal rank (1 first) per row, null for rows with no key; the plain rank ("min") by
    the key alone; and for each group, its rows' indices in rank order."""

    ordinal: pl.Series
    plain: pl.Series
    groups: dict[object, pl.Series]


def _tied_runs(ranked: pl.DataFrame) -> pl.DataFrame:
    """The rows of `ranked` (in order, with `_pos` 1, 2, … and `_same`: the key equals the
    previous row's) that share their key with another row; `_lo` is their run's first position."""
    return (
        ranked.with_columns(
            _lo=pl.when(~pl.col("_same")).then(pl.col("_pos")).forward_fill(),
            _tied=pl.col("_same") | pl.col("_same").shift(-1).fill_null(False),
        )
        .filter(pl.col("_tied"))
        .select("_lo", "_i")
    )


def _break_ties(tied: pl.DataFrame, tie_values: pl.Series, *, tie_descending: bool) -> pl.DataFrame:
    """Order each run of tied rows by the tie value, then by row; `_r` is the final position."""
    tied = tied.with_columns(_t=tie_values.gather(tied["_i"]))
    tied = tied.sort(["_lo", "_t", "_i"], descending=[False, tie_descending, False])
    # within each run of equal keys (same _lo), count from the run's first row
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    first = pl.when(pl.col("_lo") != pl.col("_lo").shift(1).fill_null(-1)).then(row)
    return tied.with_columns(_r=pl.col("_lo") + row - first.forward_fill())


def _ordinal(
    frame: pl.DataFrame, key: pl.Expr, tie: pl.Expr, *, tie_descending: bool, over: str
) -> Ordering:
    """Ordinal rank (1 first) by `key`, higher first, within each group of `over`; rows tied
    on the key are ordered by `tie` (a missing value last when higher comes first, else
    first), then by row order, which is the enterprise id. Rows whose key is null get no rank.

    One single-key sort per group that moves only the key and the row number; only the tied
    rows, usually few, are sorted on several keys, and only they read `tie`. (Sorting the
    whole frame on several keys was three times slower.)"""
    cols = frame.select(_k=key, _g=pl.col(over), _i=pl.int_range(pl.len(), dtype=pl.Int64)).filter(
        pl.col("_k").is_not_null()
    )
    ordinal = pl.repeat(None, frame.height, dtype=pl.Int64, eager=True)
    by_key = pl.repeat(None, frame.height, dtype=pl.Int64, eager=True)
    groups: dict[object, pl.Series] = {}
    tie_values: pl.Series | None = None
    for (group,), part in cols.group_by("_g"):
        order = part["_k"].arg_sort(descending=True)
        ranked = pl.DataFrame({"_k": part["_k"].gather(order), "_i": part["_i"].gather(order)})
        ranked = ranked.with_columns(
            _pos=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
            _same=(pl.col("_k") == pl.col("_k").shift(1)).fill_null(False),
        )
        rows = ranked["_i"]
        ordinal.scatter(rows, ranked["_pos"])
        by_key.scatter(rows, ranked["_pos"])
        groups[group] = rows
        if not ranked["_same"].any():  # no ties: the plain rank is the ordinal one
            continue
        tied = _tied_runs(ranked)
        by_key.scatter(tied["_i"], tied["_lo"])
        if tie_values is None:
            tie_values = frame.select(_t=tie.fill_null(float("-inf")))["_t"]
        tied = _break_ties(tied, tie_values, tie_descending=tie_descending)
        ordinal.scatter(tied["_i"], tied["_r"])
        rows = rows.clone()
        rows.scatter(tied["_r"] - 1, tied["_i"])
        groups[group] = rows
    return Ordering(ordinal, by_key, groups)


def class_cuts(size: int, shares: Mapping[str, float]) -> dict[str, int]:
    """How many of `size` ranked enterprises are in each class or a better one: the best
    round(size × cumulative share) with a half rounded up, in exact arithmetic. With the default
    shares (A 20, B 40, C 35, D 5) a population of 30 has 6 A, 12 B, 11 C and 1 D (28.5 rounds up
    to 29), and one of 10 or fewer has no D (9.5 rounds up to 10)."""
    cuts: dict[str, int] = {}
    cumulative = Fraction(0)
    for c in CLASSES:
        cumulative += Fraction(str(shares.get(c, 0)))
        cuts[c] = min(size, math.floor(size * cumulative / 100 + Fraction(1, 2)))
    cuts[CLASSES[-1]] = size
    return cuts


def class_sizes(size: int, shares: Mapping[str, float]) -> dict[str, int]:
    """The number of enterprises in each class for a population of `size` (before ties)."""
    cuts = class_cuts(size, shares)
    before = 0
    sizes: dict[str, int] = {}
    for c in CLASSES:
        sizes[c] = cuts[c] - before
        before = cuts[c]
    return sizes


def rank_and_class(frame: pl.DataFrame, scheme: Scheme) -> tuple[pl.LazyFrame, Ordering]:
    """Rank within each population and class; also the populations' rows in rank order, from
    which `bottom` builds the order of the park."""
    ranked = pl.col("_ranked")
    score = pl.when(ranked).then(pl.col("total_score"))
    # Ordinal rank with the documented tie-break: score, then 亩均税收, then id.
    ordering = _ordinal(frame, score, pl.col("tax_per_mu"), tie_descending=True, over="_pop")
    # the population's size is the number of its ranked rows, each of which has a rank
    sizes = {group: len(rows) for group, rows in ordering.groups.items()}
    size = pl.col("_pop").replace_strict(sizes, default=0, return_dtype=pl.Int64)
    lf = frame.lazy().with_columns(
        rank=ordering.ordinal,
        population_size=pl.when(pl.col("_pop").is_not_null()).then(size),
        _class_rank=ordering.plain,
    )
    rule = scheme.classes
    if rule.method == ClassMethod.PERCENTILE:
        cls = pl.lit(CLASS_ORDER["D"])
        cuts = {group: class_cuts(size, rule.shares) for group, size in sizes.items()}
        for c in reversed(CLASSES[:-1]):
            cut = pl.col("_pop").replace_strict(
                {group: cut[c] for group, cut in cuts.items()}, default=0, return_dtype=pl.Int64
            )
            cls = pl.when(pl.col("_class_rank") <= cut).then(pl.lit(CLASS_ORDER[c])).otherwise(cls)
    else:
        # the score as the pages show it (two decimals) against the threshold
        shown_score = shown_expr(pl.col("total_score"), SCORE_PLACES)
        cls = pl.lit(CLASS_ORDER["D"])
        for c in ("C", "B", "A"):
            cls = (
                pl.when(shown_score >= rule.thresholds[c])
                .then(pl.lit(CLASS_ORDER[c]))
                .otherwise(cls)
            )
    exempt = pl.when(pl.col("_exempt")).then(pl.lit("T")).otherwise(pl.lit("N"))
    # The class as its order (A 1 … D 4) for the ranked: the bottom of the park sorts on it.
    names = {v: k for k, v in CLASS_ORDER.items()}
    lf = lf.with_columns(_class_order=pl.when(ranked).then(cls.cast(pl.Int64))).with_columns(
        class_before_veto=pl.when(ranked)
        .then(pl.col("_class_order").replace_strict(names, default=None, return_dtype=pl.String))
        .otherwise(exempt),
    )
    return lf, ordering


def _veto_table(scheme: Scheme, events: list[Event]) -> pl.DataFrame:
    """Per vetoed enterprise: the worst forced class, the worst cap, and the reasons."""
    forced: dict[int, int] = {}
    capped: dict[int, int] = {}
    reasons: dict[int, list[str]] = {}
    for event in sorted(events, key=lambda e: (e.enterprise_id, e.kind, e.grade)):
        for rule in scheme.vetoes:
            if rule.kind != event.kind or event.grade < rule.min_grade:
                continue
            order = CLASS_ORDER[rule.target_class]
            target = forced if rule.action == VetoAction.FORCE else capped
            target[event.enterprise_id] = max(target.get(event.enterprise_id, 0), order)
            reason = reasons.setdefault(event.enterprise_id, [])
            if rule.label not in reason:
                reason.append(rule.label)
    ids = sorted(reasons)
    return pl.DataFrame(
        {
            "enterprise_id": ids,
            "_forced": [forced.get(i) for i in ids],
            "_cap": [capped.get(i) for i in ids],
            "veto_reasons": [reasons[i] for i in ids],
        },
        schema={
            "enterprise_id": pl.Int64,
            "_forced": pl.Int64,
            "_cap": pl.Int64,
            "veto_reasons": pl.List(pl.String),
        },
    )


def apply_vetoes(lf: pl.LazyFrame, scheme: Scheme, events: list[Event]) -> pl.LazyFrame:
    table = _veto_table(scheme, events)
    if not table.height and scheme.tenant_rule != TenantRule.INHERIT:
        # Nothing to veto or inherit: the classes stand.
        return lf.with_columns(
            pl.col("class_before_veto").alias("class"),
            veto_reasons=pl.lit([], dtype=pl.List(pl.String)),
            inherited_from=pl.lit(None, dtype=pl.Int64),
        )
    order = pl.col("class_before_veto").replace_strict(CLASS_ORDER, default=None)
    if table.height:
        lf = lf.join(table.lazy(), on="enterprise_id", how="left", maintain_order="left")
    else:  # no events: spare the join
        lf = lf.with_columns(
            _forced=pl.lit(None, dtype=pl.Int64),
            _cap=pl.lit(None, dtype=pl.Int64),
            veto_reasons=pl.lit(None, dtype=pl.List(pl.String)),
        )
    if scheme.tenant_rule == TenantRule.INHERIT:
        # Inheriting tenants take their landlord's class before their own vetoes are applied.
        landlords = lf.select(
            pl.col("enterprise_id").alias("landlord_id"),
            pl.col("class_before_veto").alias("_landlord_class"),
            pl.col("_forced").alias("_landlord_forced"),
            pl.col("_cap").alias("_landlord_cap"),
        )
        lf = lf.join(landlords, on="landlord_id", how="left", maintain_order="left")
    else:
        lf = lf.with_columns(
            _landlord_class=pl.lit(None, dtype=pl.String),
            _landlord_forced=pl.lit(None, dtype=pl.Int64),
            _landlord_cap=pl.lit(None, dtype=pl.Int64),
        )
    landlord_order = pl.max_horizontal(
        pl.col("_landlord_class").replace_strict(CLASS_ORDER, default=None),
        pl.col("_landlord_forced"),
        pl.col("_landlord_cap"),
    )
    landlord_final = (
        pl.when(pl.col("_landlord_forced").is_not_null())
        .then(pl.max_horizontal(pl.col("_landlord_forced"), pl.col("_landlord_cap")))
        .otherwise(landlord_order)
    )
    inherited = pl.col("_inherits") & pl.col("_landlord_class").is_in(RANKED).fill_null(False)
    base = pl.when(inherited).then(landlord_final).otherwise(order)
    final = (
        pl.when(pl.col("_forced").is_not_null())
        .then(pl.max_horizontal(pl.col("_forced"), pl.col("_cap")))
        .otherwise(pl.max_horizontal(base, pl.col("_cap")))
    )
    names = {v: k for k, v in CLASS_ORDER.items()}
    classed = base.is_not_null()
    return lf.with_columns(
        **{
            "class": pl.when(classed)
            .then(final.replace_strict(names, default=None, return_dtype=pl.String))
            .otherwise(pl.col("class_before_veto")),
            # the final class as its order, null when not A–D (see bottom)
            "_class_order": pl.when(classed).then(final.cast(pl.Int64)),
            "class_before_veto": pl.when(inherited)
            .then(landlord_final.replace_strict(names, default=None, return_dtype=pl.String))
            .otherwise(pl.col("class_before_veto")),
            "veto_reasons": pl.when(classed)
            .then(pl.col("veto_reasons").fill_null(pl.lit([], dtype=pl.List(pl.String))))
            .otherwise(pl.lit([], dtype=pl.List(pl.String))),
            "inherited_from": pl.when(inherited).then(pl.col("landlord_id")),
            "_reason": pl.when(pl.col("_inherits") & ~inherited)
            .then(pl.lit("租赁企业的业主单位未定级"))
            .otherwise(pl.col("_reason")),
        }
    )


def bottom(frame: pl.DataFrame, ordering: Ordering) -> pl.DataFrame:
    """`park_position`: 1 is the last enterprise of the park (see the engine's rule 7).

    Within one population and one class the worse enterprise is the one with the larger rank,
    so each population's rows, walked from its last rank up and split by class (worst first),
    are already in the park's order; the park's order is their merge. Relative ranks of two
    populations are equal only when rank ÷ size is the same fraction: those few rows are
    ordered by lower 亩均税收, then by id. No sort of the whole park is needed."""
    # the final class (A 1 … D 4), null if not A–D; as bytes, which gather faster at random
    classes = frame.get_column("_class_order").cast(pl.Int8)
    order = sorted(set(CLASS_ORDER.values()), reverse=True)
    merged: pl.DataFrame | None = None
    for rows in ordering.groups.values():
        size = len(rows)
        rows = rows.reverse()
        worst_first = pl.DataFrame(
            {
                "_i": rows,
                "_rank": pl.int_range(size, 0, -1, dtype=pl.Int64, eager=True),
                "_c": classes.gather(rows),
            }
        )
        # the same arithmetic as ever: 2 × class order + rank ÷ size, as a key ascending
        worst_first = worst_first.select(
            "_i",
            _k=-(2 * pl.col("_c").cast(pl.Float64) + pl.col("_rank").cast(pl.Float64) / size),
            _c="_c",
        )
        part = pl.concat([worst_first.filter(pl.col("_c") == c) for c in order])
        merged = part if merged is None else merged.merge_sorted(part, key="_k")
    position = pl.repeat(None, frame.height, dtype=pl.Int64, eager=True)
    if merged is None or merged.is_empty():
        return frame.with_columns(park_position=position)
    merged = merged.select(
        "_i",
        _pos=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
        _same=(pl.col("_k") == pl.col("_k").shift(1)).fill_null(False),
    )
    position.scatter(merged["_i"], merged["_pos"])
    if merged["_same"].any():
        tie = frame.select(_t=(-pl.col("tax_per_mu")).fill_null(float("inf")))["_t"]  # none: lowest
        tied = _break_ties(_tied_runs(merged), tie, tie_descending=True)
        position.scatter(tied["_i"], tied["_r"])
    return frame.with_columns(park_position=position)

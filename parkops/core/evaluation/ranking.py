"""Ranks, classes, vetoes and the bottom of the park: the second half of the engine.

See parkops.core.evaluation.engine for the rules; these functions work on its frames.
"""

from __future__ import annotations

import polars as pl

from parkops.core.evaluation.model import CLASS_ORDER, RANKED, Event
from parkops.core.evaluation.scheme import (
    CLASSES,
    ClassMethod,
    Scheme,
    TenantRule,
    VetoAction,
)


def _ordinal(
    frame: pl.DataFrame,
    key: pl.Expr,
    tie: pl.Expr,
    *,
    tie_descending: bool,
    over: str | None,
    plain: bool = True,
) -> tuple[pl.Series, pl.Series | None]:
    """Ordinal rank (1 first) by `key`, higher first, within each group of `over`; rows tied
    on the key are ordered by `tie` (a missing value last when higher comes first, else
    first), then by row order, which is the enterprise id. Also returns the plain rank
    ("min") by the key when `plain`. Rows whose key is null get no rank.

    One single-key sort per group that moves only the key and the row number; only the tied
    rows, usually few, are sorted on several keys, and only they read `tie`. (Sorting the
    whole frame on several keys was three times slower.)"""
    cols = frame.select(
        _k=key,
        _g=pl.col(over) if over else pl.lit(True),
        _i=pl.int_range(pl.len(), dtype=pl.Int64),
    ).filter(pl.col("_k").is_not_null())
    ordinal = pl.repeat(None, frame.height, dtype=pl.Int64, eager=True)
    by_key = pl.repeat(None, frame.height, dtype=pl.Int64, eager=True) if plain else None
    parts = [cols] if over is None else [part for _group, part in cols.group_by("_g")]
    tie_values: pl.Series | None = None
    for part in parts:
        order = part["_k"].arg_sort(descending=True)
        ranked = pl.DataFrame({"_k": part["_k"].gather(order), "_i": part["_i"].gather(order)})
        ranked = ranked.with_columns(
            _pos=pl.int_range(1, pl.len() + 1, dtype=pl.Int64),
            _same=(pl.col("_k") == pl.col("_k").shift(1)).fill_null(False),
        )
        ordinal.scatter(ranked["_i"], ranked["_pos"])
        if not ranked["_same"].any():  # no ties: the plain rank is the ordinal one
            if by_key is not None:
                by_key.scatter(ranked["_i"], ranked["_pos"])
            continue
        ranked = ranked.with_columns(
            _lo=pl.when(~pl.col("_same")).then(pl.col("_pos")).forward_fill(),
            _tied=pl.col("_same") | pl.col("_same").shift(-1).fill_null(False),
        )
        if by_key is not None:
            by_key.scatter(ranked["_i"], ranked["_lo"])
        tied = ranked.filter(pl.col("_tied")).select("_lo", "_i")
        if tie_values is None:
            tie_values = frame.select(_t=tie.fill_null(float("-inf")))["_t"]
        tied = tied.with_columns(_t=tie_values.gather(tied["_i"]))
        tied = tied.sort(["_lo", "_t", "_i"], descending=[False, tie_descending, False])
        # within each run of equal keys (same _lo), count from the run's first row
        row = pl.int_range(pl.len(), dtype=pl.Int64)
        first = pl.when(pl.col("_lo") != pl.col("_lo").shift(1).fill_null(-1)).then(row)
        tied = tied.with_columns(_r=pl.col("_lo") + row - first.forward_fill())
        ordinal.scatter(tied["_i"], tied["_r"])
    return ordinal, by_key


def rank_and_class(frame: pl.DataFrame, scheme: Scheme) -> pl.LazyFrame:
    ranked = pl.col("_ranked")
    score = pl.when(ranked).then(pl.col("total_score"))
    # Ordinal rank with the documented tie-break: score, then 亩均税收, then id.
    rank, by_score = _ordinal(frame, score, pl.col("tax_per_mu"), tie_descending=True, over="_pop")
    assert by_score is not None
    size = ranked.sum().over("_pop")
    lf = frame.lazy().with_columns(
        rank=rank,
        population_size=pl.when(pl.col("_pop").is_not_null()).then(size.cast(pl.Int64)),
        _class_rank=by_score,
    )
    rule = scheme.classes
    if rule.method == ClassMethod.PERCENTILE:
        n = pl.col("population_size").cast(pl.Float64)
        cls = pl.lit(CLASS_ORDER["D"])
        cumulative = 0.0
        cuts = []
        for c in CLASSES[:-1]:
            cumulative += rule.shares[c]
            cuts.append((c, (n * cumulative / 100 + 0.5 + 1e-9).floor()))
        for c, cut in reversed(cuts):
            cls = pl.when(pl.col("_class_rank") <= cut).then(pl.lit(CLASS_ORDER[c])).otherwise(cls)
    else:
        cls = pl.lit(CLASS_ORDER["D"])
        for c in ("C", "B", "A"):
            cls = (
                pl.when(pl.col("total_score") >= rule.thresholds[c])
                .then(pl.lit(CLASS_ORDER[c]))
                .otherwise(cls)
            )
    exempt = pl.when(pl.col("_exempt")).then(pl.lit("T")).otherwise(pl.lit("N"))
    # The class as its order (A 1 … D 4) for the ranked: the bottom of the park sorts on it.
    names = {v: k for k, v in CLASS_ORDER.items()}
    return lf.with_columns(_class_order=pl.when(ranked).then(cls.cast(pl.Int64))).with_columns(
        class_before_veto=pl.when(ranked)
        .then(pl.col("_class_order").replace_strict(names, default=None, return_dtype=pl.String))
        .otherwise(exempt),
    )


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


def bottom(frame: pl.DataFrame) -> pl.DataFrame:
    # `_class_order` is the order of `class` exactly when that is one of A–D
    eligible = pl.col("_ranked") & pl.col("_class_order").is_not_null()
    # worst class first, then the larger relative rank: 2 × class order + rank ÷ size keeps
    # the classes apart (relative ranks are in (0, 1]).
    relative = pl.col("rank").cast(pl.Float64) / pl.col("population_size")
    key = pl.when(eligible).then(2 * pl.col("_class_order").cast(pl.Float64) + relative)
    tie = (-pl.col("tax_per_mu")).fill_null(float("inf"))  # no 亩均税收: lowest
    position, _plain = _ordinal(frame, key, tie, tie_descending=True, over=None, plain=False)
    return frame.with_columns(park_position=position)

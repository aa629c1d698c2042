"""Properties of the engine over generated data (hypothesis)."""

from __future__ import annotations

import math
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkops.core.evaluation.default import default_scheme
from parkops.core.evaluation.engine import evaluate, input_frame

SCHEME = default_scheme()
CLASS_ORDER = {"A": 1, "B": 2, "C": 3, "D": 4}
figure = st.one_of(st.none(), st.floats(min_value=0, max_value=1e5, allow_nan=False))


@st.composite
def enterprises(draw: st.DrawFn, min_size: int = 1) -> pl.DataFrame:
    n = draw(st.integers(min_value=min_size, max_value=40))
    rows: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        rented = draw(st.booleans())
        rows.append(
            {
                "enterprise_id": i,
                "above_scale": draw(st.booleans()),
                "land_basis": "rented" if rented else "owned",
                "land_mu": None if rented else draw(figure),
                "rented_floor_m2": draw(figure) if rented else None,
                "tax": draw(st.one_of(st.none(), st.floats(-100, 1e4, allow_nan=False))),
                "value_added": draw(figure),
                "energy_tce": draw(figure),
                "emissions_t": draw(figure),
                "rd_expense": draw(figure),
                "revenue": draw(figure),
                "employees": draw(st.one_of(st.none(), st.integers(0, 5000).map(float))),
                "years_in_production": draw(st.sampled_from([0.5, 3.0, 10.0, None])),
                "industry_code": draw(st.sampled_from(["C27", "C26", "D4411", ""])),
            }
        )
    return input_frame(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=enterprises(), pick=st.integers(min_value=0), extra=st.floats(0.01, 1e4))
def test_raising_an_enterprises_tax_never_lowers_its_score_or_class(
    data: pl.DataFrame, pick: int, extra: float
) -> None:
    reported = data.filter(pl.col("tax").is_not_null())
    if reported.is_empty():
        return
    # Raising a reported tax; reporting a missing one replaces the average score by its own.
    target = int(reported["enterprise_id"][pick % reported.height])
    before = evaluate(data, SCHEME).row(by_predicate=pl.col("enterprise_id") == target, named=True)
    raised = data.with_columns(
        pl.when(pl.col("enterprise_id") == target)
        .then(pl.col("tax") + extra)
        .otherwise(pl.col("tax"))
        .alias("tax")
    )
    after = evaluate(raised, SCHEME).row(by_predicate=pl.col("enterprise_id") == target, named=True)
    if before["total_score"] is None or after["total_score"] is None:
        return  # not ranked (the tax never decides that)
    assert after["total_score"] >= before["total_score"] - 1e-9
    assert CLASS_ORDER[after["class"]] <= CLASS_ORDER[before["class"]]
    assert after["rank"] <= before["rank"]


@settings(max_examples=40, deadline=None)
@given(data=enterprises(), seed=st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_row_order(data: pl.DataFrame, seed: int) -> None:
    shuffled = data.sample(fraction=1.0, shuffle=True, seed=seed)
    assert evaluate(shuffled, SCHEME).equals(evaluate(data, SCHEME))


@settings(max_examples=60, deadline=None)
@given(data=enterprises(min_size=1))
def test_class_shares_match_the_scheme_up_to_ties(data: pl.DataFrame) -> None:
    result = evaluate(data, SCHEME).filter(pl.col("rank").is_not_null())
    shares = SCHEME.classes.shares
    for _, group in result.group_by("population"):
        n = group.height
        scores = sorted(group["total_score"].to_list(), reverse=True)
        cumulative = 0.0
        for cls in ("A", "B", "C"):
            cumulative += shares[cls]
            cut = math.floor(n * cumulative / 100 + 0.5 + 1e-9)
            within = group.filter(pl.col("class").is_in(list("ABCD"[: "ABCD".index(cls) + 1])))
            # exactly `cut` enterprises, plus those tied with the last one inside the cut
            tied = sum(1 for s in scores[cut:] if cut and s == scores[cut - 1])
            assert within.height == cut + tied

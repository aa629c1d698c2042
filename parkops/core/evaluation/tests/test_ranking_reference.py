"""The engine's ranks against a plain multi-key sort, on data with many exact ties (hypothesis)."""

from __future__ import annotations

import math
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from parkops.core.evaluation.default import default_scheme
from parkops.core.evaluation.engine import evaluate, input_frame
from parkops.core.evaluation.model import Event

SCHEME = default_scheme()
ORDER = {"A": 1, "B": 2, "C": 3, "D": 4}
# Few distinct figures, so that many enterprises tie exactly on their scores.
figure = st.sampled_from([None, 0.0, 10.0, 500.0, 1e4])


@st.composite
def tied_enterprises(draw: st.DrawFn) -> pl.DataFrame:
    n = draw(st.integers(min_value=1, max_value=60))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    rows: list[dict[str, Any]] = [
        {
            "enterprise_id": i,
            "above_scale": draw(st.booleans()),
            "land_basis": "owned",
            "land_mu": draw(st.sampled_from([None, 2.0, 5.0])),
            "tax": draw(figure),
            "value_added": draw(figure),
            "energy_tce": draw(figure),
            "emissions_t": draw(figure),
            "rd_expense": draw(figure),
            "revenue": draw(figure),
            "employees": draw(figure),
            "years_in_production": 5.0,
            "industry_code": "C27",
        }
        for i in ids
    ]
    return input_frame(rows)


def _desc(value: float | None) -> float:
    """A sort key for "higher first, missing last"."""
    return math.inf if value is None else -value


# Vetoes move enterprises out of the class their rank gives, which the park's order must follow.
vetoes = st.lists(
    st.tuples(
        st.integers(0, 59),
        st.sampled_from(["safety_accident", "illegal_land_use", "serious_dishonesty"]),
        st.integers(1, 4),
    ),
    max_size=8,
)


@settings(max_examples=120, deadline=None)
@given(data=tied_enterprises(), drawn=vetoes)
def test_rank_and_park_position_follow_the_documented_order(
    data: pl.DataFrame, drawn: list[tuple[int, str, int]]
) -> None:
    ids = data["enterprise_id"].to_list()
    events = [Event(ids[n % len(ids)], kind, grade) for n, kind, grade in drawn]
    rows = evaluate(data, SCHEME, events=events).rows(named=True)
    ranked = [r for r in rows if r["rank"] is not None]
    for population in {r["population"] for r in ranked}:
        mine = [r for r in ranked if r["population"] == population]
        mine.sort(key=lambda r: (-r["total_score"], _desc(r["tax_per_mu"]), r["enterprise_id"]))
        assert [r["rank"] for r in mine] == list(range(1, len(mine) + 1))
    eligible = [r for r in ranked if r["class"] in ORDER]
    eligible.sort(
        key=lambda r: (
            -(2 * ORDER[r["class"]] + r["rank"] / r["population_size"]),
            -math.inf if r["tax_per_mu"] is None else r["tax_per_mu"],  # lower 亩均税收 first
            r["enterprise_id"],
        )
    )
    assert [r["park_position"] for r in eligible] == list(range(1, len(eligible) + 1))
    assert all(r["park_position"] is None for r in rows if r not in eligible)

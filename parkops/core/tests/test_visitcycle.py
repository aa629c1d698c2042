from __future__ import annotations

from datetime import date

import pytest

from parkops.core.visitcycle import (
    Cycle,
    Due,
    Profile,
    Tier,
    add_interval,
    due_status,
    shortest,
    tiers_of,
)

DEFAULT = {
    Tier.KEY: Cycle(1, "months"),
    Tier.ABOVE_SCALE: Cycle(1, "months"),
    Tier.NEW_ARRIVAL: Cycle(1, "months"),
    Tier.CLASS_D: Cycle(1, "months"),
    Tier.BOTTOM_30: Cycle(1, "months"),
    Tier.OTHER: Cycle(3, "months"),
}


@pytest.mark.parametrize(
    ("start", "count", "unit", "expected"),
    [
        (date(2025, 1, 31), 1, "months", date(2025, 2, 28)),
        (date(2024, 1, 31), 1, "months", date(2024, 2, 29)),
        (date(2025, 11, 15), 3, "months", date(2026, 2, 15)),
        (date(2025, 12, 31), 1, "months", date(2026, 1, 31)),
        (date(2025, 3, 1), 45, "days", date(2025, 4, 15)),
    ],
)
def test_it_adds_days_and_months(start: date, count: int, unit: str, expected: date) -> None:
    assert add_interval(start, count, unit) == expected


def _profile(**kw: object) -> Profile:
    base: dict[str, object] = {
        "key_industry": False, "above_scale": False, "visited_before": True,
        "evaluation_class": "B", "park_position": 100,
    }  # fmt: skip
    return Profile(**{**base, **kw})  # type: ignore[arg-type]


def test_an_enterprise_in_no_tier_is_other_and_visited_quarterly() -> None:
    tiers = tiers_of(_profile())
    assert tiers == [Tier.OTHER]
    assert shortest(tiers, DEFAULT) == (Tier.OTHER, Cycle(3, "months"))


def test_tiers_add_up_and_the_shortest_cycle_wins() -> None:
    tiers = tiers_of(_profile(above_scale=True, evaluation_class="D", park_position=30))
    assert tiers == [Tier.ABOVE_SCALE, Tier.CLASS_D, Tier.BOTTOM_30]
    cycles = {**DEFAULT, Tier.ABOVE_SCALE: Cycle(2, "months"), Tier.BOTTOM_30: Cycle(20, "days")}
    assert shortest(tiers, cycles) == (Tier.BOTTOM_30, Cycle(20, "days"))


def test_position_31_is_not_the_bottom_30_and_never_visited_is_a_new_arrival() -> None:
    assert tiers_of(_profile(park_position=31, visited_before=False)) == [Tier.NEW_ARRIVAL]


def test_a_tier_without_a_cycle_falls_back_to_others() -> None:
    assert shortest([Tier.KEY], {Tier.OTHER: Cycle(3, "months")}) == (
        Tier.OTHER,
        Cycle(3, "months"),
    )
    assert shortest([Tier.KEY], {}) is None


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (date(2025, 6, 9), Due.OVERDUE),
        (date(2025, 6, 10), Due.DUE),
        (date(2025, 6, 30), Due.DUE),
        (date(2025, 7, 1), Due.OK),
        (None, Due.OK),
    ],
)
def test_due_this_month_or_overdue(due: date | None, status: Due) -> None:
    assert due_status(due, date(2025, 6, 10)) is status

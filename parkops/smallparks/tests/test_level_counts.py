"""level_counts (the cockpit's tile) counts in the database what rating_rows lists park by park."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth.models import User

from parkops.registry.tests.factories import SmallParkFactory
from parkops.smallparks.choices import UNRATED, RatingLevel
from parkops.smallparks.models import RatingRuleSet, SmallParkRating
from parkops.smallparks.rating_selectors import level_counts, rating_rows


def _by_rows(user: User, year: int) -> dict[str, int]:
    """The straightforward way: each row's level, or UNRATED."""
    found = Counter(
        r.rating.level if r.rating else UNRATED for r in rating_rows(user=user, year=year)
    )
    return {level: found.get(level, 0) for level in [*RatingLevel.values, UNRATED]}


@pytest.mark.parametrize("who", ["lena", "olga", "charlie"])
def test_it_counts_the_levels_rating_rows_lists(
    db: None, who: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(who)
    rules = RatingRuleSet.objects.create(version="测试规则", is_default=True)
    parks = [request.getfixturevalue("ailiu"), *(SmallParkFactory() for _ in range(6))]
    levels = ["good", "inefficient", "good", "unbalanced", None, None, "inefficient"]
    for park, level in zip(parks, levels, strict=True):
        if level is not None:
            SmallParkRating.objects.create(small_park=park, year=2025, rule_set=rules, level=level)
    # Last year's ratings are no part of this year's counts.
    SmallParkRating.objects.create(small_park=parks[4], year=2024, rule_set=rules, level="good")

    counts = level_counts(user=user, year=2025)
    assert {level: counts.get(level, 0) for level in _by_rows(user, 2025)} == _by_rows(user, 2025)
    if who == "lena":  # by hand: 2 good, 1 unbalanced, 2 inefficient, 2 unrated
        assert counts == {"good": 2, "unbalanced": 1, "inefficient": 2, UNRATED: 2}
    if who == "olga":  # her own park only: 矮柳, rated good
        assert counts == {"good": 1, UNRATED: 0}

"""When an enterprise is next to be visited: tiers, cycles and due dates, with no Django.

Each enterprise falls in one or more tiers (key industry, 规上, new arrival, D class, bottom 30,
or none of these: other); each tier has a cycle (n days or n months, data kept by the park
office); the shortest cycle of its tiers applies. The next visit is due one cycle after the last
visit, or, for an enterprise never visited, one cycle after it was registered.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class Tier(Enum):
    KEY = "key"
    ABOVE_SCALE = "above_scale"
    NEW_ARRIVAL = "new_arrival"
    CLASS_D = "class_d"
    BOTTOM_30 = "bottom_30"
    OTHER = "other"


class Due(Enum):
    OK = "ok"
    DUE = "due"  # due by the end of the current month
    OVERDUE = "overdue"  # the due date has passed without a visit


@dataclass(frozen=True)
class Cycle:
    count: int
    unit: str  # "days" or "months"

    def after(self, start: date) -> date:
        return add_interval(start, self.count, self.unit)


@dataclass(frozen=True)
class Profile:
    """What decides an enterprise's tiers."""

    key_industry: bool
    above_scale: bool
    visited_before: bool
    evaluation_class: str | None
    park_position: int | None


BOTTOM_LIMIT = 30


def add_interval(start: date, count: int, unit: str) -> date:
    """`start` plus `count` days or months; a month end stays in the target month (31 Jan + 1
    month is 28/29 Feb)."""
    if unit == "days":
        return start + timedelta(days=count)
    if unit != "months":
        raise ValueError(f"unknown unit {unit!r}")
    months = start.month - 1 + count
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def tiers_of(profile: Profile) -> list[Tier]:
    tiers = []
    if profile.key_industry:
        tiers.append(Tier.KEY)
    if profile.above_scale:
        tiers.append(Tier.ABOVE_SCALE)
    if not profile.visited_before:
        tiers.append(Tier.NEW_ARRIVAL)
    if profile.evaluation_class == "D":
        tiers.append(Tier.CLASS_D)
    if profile.park_position is not None and profile.park_position <= BOTTOM_LIMIT:
        tiers.append(Tier.BOTTOM_30)
    return tiers or [Tier.OTHER]


def shortest(tiers: list[Tier], cycles: dict[Tier, Cycle]) -> tuple[Tier, Cycle] | None:
    """The tier whose cycle comes round first (ties: the first tier listed). Tiers without a
    cycle are skipped; an enterprise in none of the other tiers' cycles falls back to OTHER's."""
    known = [(t, cycles[t]) for t in tiers if t in cycles]
    if not known and Tier.OTHER in cycles:
        known = [(Tier.OTHER, cycles[Tier.OTHER])]
    if not known:
        return None
    probe = date(2001, 1, 31)  # any fixed day: compares "1 month" with "30 days" consistently
    return min(known, key=lambda tc: tc[1].after(probe))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def due_status(next_due: date | None, today: date) -> Due:
    if next_due is None:
        return Due.OK
    if next_due < today:
        return Due.OVERDUE
    if next_due <= month_end(today):
        return Due.DUE
    return Due.OK

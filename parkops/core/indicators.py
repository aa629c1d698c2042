"""Arithmetic of the plan's eight indicators (表 1), with no Django import.

Rates are percentages rounded to two decimals, and the tier is read from the rounded value, so
the page, the chart and the export never disagree with what they show. A value equal to a target
reaches it. Missing data gives None (shown as 无数据), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import polars as pl

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# The columns of the enterprise-year frame the selectors build: one row per enterprise and year.
FRAME_SCHEMA = {
    "enterprise_id": pl.Int64,
    "year": pl.Int32,
    "output_value": pl.Float64,
    "tax": pl.Float64,
    "is_above_scale": pl.Boolean,
    "land_mu": pl.Float64,  # the land the figures are measured against (owned, or rented floor / 2,000)
}


class Tier(StrEnum):
    BELOW_FLOOR = "below_floor"  # 未达保底
    FLOOR = "floor"  # 达保底
    COMMITTED = "committed"  # 达确保
    STRETCH = "stretch"  # 达贡献


def tier_of(
    value: Decimal | None, floor: Decimal, committed: Decimal, stretch: Decimal
) -> Tier | None:
    if value is None:
        return None
    if value >= stretch:
        return Tier.STRETCH
    if value >= committed:
        return Tier.COMMITTED
    if value >= floor:
        return Tier.FLOOR
    return Tier.BELOW_FLOOR


def rate(current: Decimal | float | None, previous: Decimal | float | None) -> Decimal | None:
    """Growth in percent, two decimals; None when either side is missing or the base is zero."""
    if current is None or previous is None or previous == 0:
        return None
    value = (Decimal(str(current)) / Decimal(str(previous)) - 1) * HUNDRED
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Growth:
    rate: Decimal | None
    current: Decimal | None  # the total (or per-亩 figure) this year
    previous: Decimal | None  # and last year
    enterprise_ids: tuple[int, ...]  # the enterprises it was computed on


def _total(frame: pl.DataFrame, column: str) -> Decimal | None:
    if frame.height == 0:
        return None
    return Decimal(str(frame[column].sum())).quantize(CENT, rounding=ROUND_HALF_UP)


def above_scale_output_growth(frame: pl.DataFrame, year: int) -> tuple[Growth, Growth]:
    """Indicator 1: (comparable growth, plain total growth) of 规上 output.

    Comparable basis (the statistics bureau's 可比口径): this year's 规上 enterprises that report
    output in both years, this year's output against their own last year's. An enterprise that
    became 规上 this year enters with its last-year output; one that dropped out leaves both years.
    The plain growth compares this year's 规上 total with last year's 规上 total.
    """
    this = frame.filter(
        (pl.col("year") == year) & pl.col("is_above_scale") & pl.col("output_value").is_not_null()
    )
    last_all = frame.filter((pl.col("year") == year - 1) & pl.col("output_value").is_not_null())
    last_above = last_all.filter(pl.col("is_above_scale"))
    pairs = this.join(last_all, on="enterprise_id", suffix="_last")
    comparable = Growth(
        rate=rate(_total(pairs, "output_value"), _total(pairs, "output_value_last")),
        current=_total(pairs, "output_value"),
        previous=_total(pairs, "output_value_last"),
        enterprise_ids=tuple(sorted(pairs["enterprise_id"].to_list())),
    )
    plain = Growth(
        rate=rate(_total(this, "output_value"), _total(last_above, "output_value")),
        current=_total(this, "output_value"),
        previous=_total(last_above, "output_value"),
        enterprise_ids=tuple(sorted(set(this["enterprise_id"]) | set(last_above["enterprise_id"]))),
    )
    return comparable, plain


@dataclass(frozen=True)
class NewAboveScale:
    new: tuple[int, ...]  # counted
    unknown: tuple[int, ...]  # 规上 this year, nothing known of last year: shown apart, not counted


def new_above_scale(
    frame: pl.DataFrame, year: int, started: Mapping[int, date | None] | None = None
) -> NewAboveScale | None:
    """Indicator 2: enterprises 规上 this year that the data shows were not last year.

    New: last year's figures say 规下, or the enterprise started production after last year
    (`started`: enterprise id -> 投产日期). Unknown, shown apart and not counted: no figures for
    last year (or no revenue to tell), and no start date that says it was not yet operating.
    None when nobody reports revenue for the year: no data, not zero.
    """
    this = frame.filter((pl.col("year") == year) & pl.col("is_above_scale").is_not_null())
    if this.height == 0:
        return None
    last = dict(
        frame.filter(pl.col("year") == year - 1)
        .select("enterprise_id", "is_above_scale")
        .iter_rows()
    )
    last_year_end = date(year - 1, 12, 31)
    new, unknown = [], []
    for eid in sorted(this.filter(pl.col("is_above_scale"))["enterprise_id"].to_list()):
        was = last.get(eid)
        if was is True:
            continue
        start = (started or {}).get(eid)
        if was is False or (start is not None and start > last_year_end):
            new.append(eid)
        else:
            unknown.append(eid)
    return NewAboveScale(tuple(new), tuple(unknown))


@dataclass(frozen=True)
class DesignationFacts:
    pk: int
    enterprise_id: int
    awarded_on: date
    expires_on: date | None = None
    revoked_on: date | None = None

    def in_force_on(self, day: date) -> bool:
        """Awarded by `day`, not expired before it (no expiry: open-ended), not yet revoked."""
        return (
            self.awarded_on <= day
            and (self.expires_on is None or self.expires_on >= day)
            and (self.revoked_on is None or self.revoked_on > day)
        )


def newly_designated(
    designations: Iterable[DesignationFacts], year: int, until: date
) -> tuple[int, ...]:
    """Indicator 5: the enterprises newly designated in `year` (up to `until`), as the ids of
    the designation that made each one new.

    A designation is new when the enterprise held no designation in force the day before it
    was awarded: a renewal awarded while the earlier one is in force does not count again; an
    enterprise whose earlier designation had expired or been revoked is newly designated again.
    An enterprise counts at most once a year.
    """
    facts = sorted(designations, key=lambda d: (d.awarded_on, d.pk))
    by_enterprise: dict[int, list[DesignationFacts]] = {}
    for d in facts:
        by_enterprise.setdefault(d.enterprise_id, []).append(d)
    found = []
    for held in by_enterprise.values():
        for d in held:
            if d.awarded_on.year != year or d.awarded_on > until:
                continue
            eve = d.awarded_on - timedelta(days=1)
            if not any(other.in_force_on(eve) for other in held if other is not d):
                found.append(d.pk)
                break
    return tuple(sorted(found))


def per_mu_growth(frame: pl.DataFrame, year: int, column: str) -> Growth:
    """Indicators 3 and 4: growth of output (or tax) per 亩 of the park's industrial land.

    Each year's figure is Σ column / Σ land over the enterprises reporting both with land > 0.
    """

    def per_mu(y: int) -> tuple[Decimal | None, list[int]]:
        rows = frame.filter(
            (pl.col("year") == y) & pl.col(column).is_not_null() & (pl.col("land_mu") > 0)
        )
        if rows.height == 0:
            return None, []
        value = Decimal(str(rows[column].sum())) / Decimal(str(rows["land_mu"].sum()))
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), rows[
            "enterprise_id"
        ].to_list()

    current, ids_now = per_mu(year)
    previous, ids_last = per_mu(year - 1)
    return Growth(
        rate(current, previous), current, previous, tuple(sorted(set(ids_now) | set(ids_last)))
    )


@dataclass(frozen=True)
class Forecast:
    low: Decimal | None
    high: Decimal | None


def pipeline_forecast(year_to_date: Decimal, promised: Decimal) -> Forecast:
    """Counts and areas: at least what is done so far, at most that plus everything still promised
    for the year by the lists (entries planned for this year and not yet done)."""
    return Forecast(year_to_date, year_to_date + promised)


def trend_forecast(recent_rates: list[Decimal | None]) -> Forecast:
    """Rates with no figures for this year yet: the range of the last two years' actual rates."""
    known = [r for r in recent_rates[-2:] if r is not None]
    if not known:
        return Forecast(None, None)
    return Forecast(min(known), max(known))

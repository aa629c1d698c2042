"""The scoreboard of Table 1: targets, computed and manual actuals, tiers, and a forecast.

Computed actuals are read from the data every time (never stored), through parkops.core's
arithmetic; each keeps the ids of the records it came from so that the page can list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from parkops.common.history import history_rows
from parkops.common.types import AnyUser
from parkops.core.indicators import (
    DesignationFacts,
    Forecast,
    Growth,
    above_scale_output_growth,
    new_above_scale,
    newly_designated,
    per_mu_growth,
    pipeline_forecast,
    tier_of,
    trend_forecast,
)
from parkops.execution.choices import CultivationKind
from parkops.execution.models import CultivationEntry
from parkops.execution.selectors import cultivation_pending_count, tech_projects_started
from parkops.indicators.choices import (
    BasisKey,
    Computation,
    ForecastMethod,
    SourceKind,
    TierChoice,
)
from parkops.indicators.frames import CACHE_SECONDS, Figures
from parkops.indicators.models import Indicator, IndicatorTarget, ManualValue
from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.models import LandAction
from parkops.land.selectors import actions_visible_to, land_completed
from parkops.plan.caojing import YEARS
from parkops.registry.choices import DesignationKind
from parkops.registry.models import Designation, Enterprise
from parkops.registry.selectors import enterprise_list, enterprises_visible_to


@dataclass(frozen=True)
class Actual:
    value: Decimal | None  # None: 无数据
    plain: Decimal | None = None  # indicator 1 only: plain total growth beside the comparable one
    source_kind: SourceKind = SourceKind.ENTERPRISE
    source_ids: tuple[int, ...] = ()
    basis: dict[BasisKey, Decimal | None] = field(default_factory=dict)  # the totals it came from
    partial: bool = False  # the year is not over: a year-to-date value
    unknown_ids: tuple[int, ...] = ()  # indicator 2: enterprises not counted for lack of data


def _production_started(frame: pl.DataFrame, year: int) -> dict[int, date | None]:
    """投产日期 of the enterprises 规上 in `year` and not known 规上 the year before: the only
    ones indicator 2 asks about (asking for every enterprise of the year sent 100,000 ids)."""
    above = pl.col("is_above_scale").fill_null(False)
    before = frame.filter((pl.col("year") == year - 1) & above)["enterprise_id"]
    ids = frame.filter(
        (pl.col("year") == year) & above & ~pl.col("enterprise_id").is_in(before.implode())
    )["enterprise_id"].to_list()
    if not ids:
        return {}
    return dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "production_started_on"))


def _srdi_designations(year: int) -> list[DesignationFacts]:
    """The 专精特新 designations of the enterprises designated in `year`, every year's (a
    designation is new only if none was in force the day before)."""
    designations = Designation.objects.filter(kind=DesignationKind.SRDI)
    awarded = designations.filter(awarded_on__year=year).values("enterprise_id")
    rows = designations.filter(enterprise_id__in=awarded).values_list(
        "pk", "enterprise_id", "awarded_on", "expires_on", "revoked_on"
    )
    return [DesignationFacts(*row) for row in rows]


def _per_mu(growth: Growth) -> Actual:
    return Actual(
        value=growth.rate,
        source_ids=growth.enterprise_ids,
        basis={BasisKey.CURRENT: growth.current, BasisKey.PREVIOUS: growth.previous},
    )


# Computed from the figures frame alone (and, for 2, the enterprises' start dates): kept in the
# cache under the frame's key, as 100,000 enterprises make each a matter of a hundred ms or more.
FROM_FIGURES = {
    Computation.ABOVE_SCALE_OUTPUT_GROWTH,
    Computation.NEW_ABOVE_SCALE,
    Computation.OUTPUT_PER_MU_GROWTH,
    Computation.TAX_PER_MU_GROWTH,
}


def compute(
    indicator: Indicator, year: int, figures: Figures, today: date, *, sources: bool = True
) -> Actual:
    """The computed actual of one indicator in one year; None for a year that has not begun.
    `sources=False`: without the ids of the records it came from (empty `source_ids` and
    `unknown_ids`), for pages that show only the figures."""
    if year > today.year:
        return Actual(None)
    kind = Computation(indicator.computation)
    if kind in FROM_FIGURES:
        key = f"{figures.key}:{kind.value}:{year}"
        if kind is Computation.NEW_ABOVE_SCALE:
            key += ":" + figures.enterprises_key
        # The figures alone are kept beside the whole actual: unpickling up to 100,000 source
        # ids per cell was most of /indicators/' CPU at district scale, and it shows none.
        summary_key = f"{key}:summary"
        if not sources:
            summary: Actual | None = cache.get(summary_key)
            if summary is not None:
                return summary
        actual: Actual | None = cache.get(key)
        if actual is None:
            actual = _from_figures(kind, year, figures.frame)
            cache.set(key, actual, CACHE_SECONDS)
        stripped = replace(actual, source_ids=(), unknown_ids=())
        if not sources:
            cache.set(summary_key, stripped, CACHE_SECONDS)
            return stripped
        return actual
    found = _from_records(kind, year, today)
    return found if sources else replace(found, source_ids=(), unknown_ids=())


def _from_figures(kind: Computation, year: int, frame: pl.DataFrame) -> Actual:
    if kind is Computation.ABOVE_SCALE_OUTPUT_GROWTH:
        comparable, plain = above_scale_output_growth(frame, year)
        return Actual(
            value=comparable.rate,
            plain=plain.rate,
            source_ids=comparable.enterprise_ids,
            basis={BasisKey.CURRENT: comparable.current, BasisKey.PREVIOUS: comparable.previous,
                   BasisKey.PLAIN_CURRENT: plain.current, BasisKey.PLAIN_PREVIOUS: plain.previous},
        )  # fmt: skip
    if kind is Computation.NEW_ABOVE_SCALE:
        found = new_above_scale(frame, year, _production_started(frame, year))
        if found is None:
            return Actual(None)
        return Actual(Decimal(len(found.new)), source_ids=found.new, unknown_ids=found.unknown)
    if kind is Computation.OUTPUT_PER_MU_GROWTH:
        return _per_mu(per_mu_growth(frame, year, "output_value"))
    assert kind is Computation.TAX_PER_MU_GROWTH
    return _per_mu(per_mu_growth(frame, year, "tax"))


def _from_records(kind: Computation, year: int, today: date) -> Actual:
    partial = year == today.year
    # 5–8 count records of the year; a year without any such record has no data (无数据), not 0:
    # nobody can tell "none happened" from "none entered yet".
    if kind is Computation.NEW_SRDI:
        designations = _srdi_designations(year)
        if not designations:
            return Actual(None, source_kind=SourceKind.DESIGNATION, partial=partial)
        ids = newly_designated(designations, year, until=today)
        return Actual(
            Decimal(len(ids)), source_kind=SourceKind.DESIGNATION, source_ids=ids, partial=partial
        )
    if kind is Computation.TECH_PROJECTS:
        ids = tuple(
            tech_projects_started(year=year)
            .filter(started_on__lte=today)
            .values_list("pk", flat=True)
        )
        if not ids:
            return Actual(None, source_kind=SourceKind.CULTIVATION, partial=partial)
        return Actual(
            Decimal(len(ids)), source_kind=SourceKind.CULTIVATION, source_ids=ids, partial=partial
        )
    land_kind = (
        LandActionKind.VACATE if kind is Computation.LAND_VACATED else LandActionKind.UPGRADE
    )
    completed = land_completed(year=year, kind=land_kind)
    if not completed:
        return Actual(None, source_kind=SourceKind.LAND_ACTION, partial=partial)
    return Actual(
        sum((c.area_mu for c in completed), Decimal(0)),
        source_kind=SourceKind.LAND_ACTION,
        source_ids=tuple(i for c in completed for i in c.action_ids),
        partial=partial,
    )


def promised(indicator: Indicator, year: int) -> Decimal:
    """What the lists still promise for the year: entries planned for it and not yet done."""
    kind = Computation(indicator.computation)
    lists = {
        Computation.NEW_ABOVE_SCALE: CultivationKind.ABOVE_SCALE,
        Computation.NEW_SRDI: CultivationKind.SRDI,
        Computation.TECH_PROJECTS: CultivationKind.TECH,
    }
    if kind in lists:
        return Decimal(cultivation_pending_count(kind=lists[kind], year=year))
    land_kind = (
        LandActionKind.VACATE if kind is Computation.LAND_VACATED else LandActionKind.UPGRADE
    )
    area = LandAction.objects.filter(
        kind=land_kind,
        planned_year=year,
        status__in=[LandActionStatus.PLANNED, LandActionStatus.IN_PROGRESS],
    ).aggregate(total=Sum("area_mu"))["total"]
    return (area or Decimal(0)).quantize(Decimal("0.01"))


RATES = {
    Computation.ABOVE_SCALE_OUTPUT_GROWTH,
    Computation.OUTPUT_PER_MU_GROWTH,
    Computation.TAX_PER_MU_GROWTH,
}


@dataclass(frozen=True)
class Cell:
    year: int
    target: IndicatorTarget | None
    computed: Actual
    manual: ManualValue | None

    @property
    def value(self) -> Decimal | None:
        return self.manual.value if self.manual is not None else self.computed.value

    @property
    def tier(self) -> TierChoice | None:
        if self.target is None:
            return None
        t = tier_of(self.value, self.target.floor, self.target.committed, self.target.stretch)
        return None if t is None else TierChoice(t.value)


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    cells: list[Cell]
    forecast: Forecast | None  # for the current year only
    forecast_method: ForecastMethod | None
    forecast_year: int | None = None
    forecast_tiers: tuple[TierChoice | None, TierChoice | None] = (None, None)

    def cell(self, year: int) -> Cell:
        return next(c for c in self.cells if c.year == year)


def scoreboard(
    *, today: date | None = None, years: tuple[int, ...] = YEARS, sources: bool = True
) -> list[Row]:
    """Table 1's rows; `sources=False`: the computed actuals without their records' ids."""
    today = today or timezone.localdate()
    frame = Figures(range(min(years) - 2, max(years) + 1))
    targets = {(t.indicator_id, t.year): t for t in IndicatorTarget.objects.all()}
    manual = {(m.indicator_id, m.year): m for m in ManualValue.objects.select_related("set_by")}
    rows = []
    for indicator in Indicator.objects.order_by("number"):
        cells = [
            Cell(y, targets.get((indicator.pk, y)), compute(indicator, y, frame, today, sources=sources), manual.get((indicator.pk, y)))
            for y in years
        ]  # fmt: skip
        forecast: Forecast | None = None
        method: ForecastMethod | None = None
        if today.year in years:
            current = next(c for c in cells if c.year == today.year)
            if Computation(indicator.computation) in RATES:
                if current.value is not None:
                    forecast, method = Forecast(current.value, current.value), ForecastMethod.ACTUAL
                else:
                    before = [
                        _value(indicator, today.year - k, frame, today, manual, sources)
                        for k in (2, 1)
                    ]
                    forecast, method = trend_forecast(before), ForecastMethod.TREND
            else:
                forecast = pipeline_forecast(
                    current.value or Decimal(0), promised(indicator, today.year)
                )
                method = ForecastMethod.PIPELINE
        tiers: tuple[TierChoice | None, TierChoice | None] = (None, None)
        target = targets.get((indicator.pk, today.year))
        if forecast is not None and target is not None:
            tiers = tuple(  # type: ignore[assignment]
                None
                if (t := tier_of(v, target.floor, target.committed, target.stretch)) is None
                else TierChoice(t.value)
                for v in (forecast.low, forecast.high)
            )
        year = today.year if forecast is not None else None
        rows.append(Row(indicator, cells, forecast, method, year, tiers))
    return rows


def _value(
    indicator: Indicator,
    year: int,
    frame: Figures,
    today: date,
    manual: dict[tuple[int, int], ManualValue],
    sources: bool = True,
) -> Decimal | None:
    m = manual.get((indicator.pk, year))
    return (
        m.value if m is not None else compute(indicator, year, frame, today, sources=sources).value
    )


def cell_get(*, number: int, year: int, today: date | None = None) -> tuple[Indicator, Cell]:
    today = today or timezone.localdate()
    indicator = Indicator.objects.get(number=number)
    frame = Figures(range(year - 1, year + 1))
    return indicator, Cell(
        year,
        IndicatorTarget.objects.filter(indicator=indicator, year=year).first(),
        compute(indicator, year, frame, today),
        ManualValue.objects.filter(indicator=indicator, year=year).select_related("set_by").first(),
    )


def manual_value_exists(*, indicator: Indicator, year: int) -> bool:
    return ManualValue.objects.filter(indicator=indicator, year=year).exists()


def indicator_exists(*, number: int) -> bool:
    return Indicator.objects.filter(number=number).exists()


def cell_sources(*, user: AnyUser, kind: str, ids: tuple[int, ...]) -> list[Any]:
    """The records a value came from, limited to what the user may see."""
    if kind == SourceKind.ENTERPRISE:
        return list(enterprise_list(user=user).filter(pk__in=ids).order_by("name"))
    visible = enterprises_visible_to(user)
    if kind == SourceKind.DESIGNATION:
        designations = Designation.objects.filter(pk__in=ids, enterprise__in=visible)
        return list(designations.select_related("enterprise"))
    if kind == SourceKind.CULTIVATION:
        entries = CultivationEntry.objects.filter(pk__in=ids, enterprise__in=visible)
        return list(entries.select_related("enterprise"))
    return list(actions_visible_to(user).filter(pk__in=ids))


def manual_value_history(*, indicator: Indicator, year: int) -> list[Any]:
    """The history of a cell's manual value (set, changed, cleared) as the record page shows it."""
    return history_rows(ManualValue.history.filter(indicator_id=indicator.pk, year=year))

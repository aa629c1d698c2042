"""Reads of the registry into the evaluation engine's input (one row per enterprise), and the
year's veto events as the engine reads them. Split from selectors.py, which gives these names."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.db import connection
from django.db.models import FloatField
from django.db.models.functions import Cast

from parkops.common.records import recorded_events
from parkops.core.evaluation import engine
from parkops.core.figures import DECIMAL_FIGURE_FIELDS
from parkops.core.periods import completed_years
from parkops.evaluation.models import VetoEvent
from parkops.registry.models import EnterpriseYear, LandPlot

_FLOAT_FIELDS = DECIMAL_FIGURE_FIELDS


def landlords() -> dict[int, int]:
    """Small park id -> the enterprise holding its first plot (the landlord of its tenants)."""
    rows = (
        LandPlot.objects.filter(small_park__isnull=False, holder__isnull=False)
        .order_by("pk")
        .values_list("small_park_id", "holder_id")
    )
    found: dict[int, int] = {}
    for park, holder in rows:
        found.setdefault(park, holder)
    return found


def figure_years() -> list[int]:
    """The years that have figures, newest first (the years a run may evaluate).

    One index probe per year, walking down the (year, enterprise) index: a DISTINCT read all
    300,000 rows at district scale (75 ms of the runs page, which asked twice)."""
    table = connection.ops.quote_name(EnterpriseYear._meta.db_table)
    sql = (
        f"WITH RECURSIVE years(year) AS (SELECT MAX(year) FROM {table} UNION ALL "
        f"SELECT (SELECT MAX(e.year) FROM {table} e WHERE e.year < years.year) "
        "FROM years WHERE years.year IS NOT NULL) "
        "SELECT year FROM years WHERE year IS NOT NULL ORDER BY year DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def input_frame(*, year: int) -> pl.DataFrame:
    """The year's enterprise-year figures as the engine's input (one row per enterprise)."""
    casts = {f"f_{name}": Cast(name, FloatField()) for name in _FLOAT_FIELDS}
    rows = (
        EnterpriseYear.objects.filter(year=year)
        .annotate(**casts)
        .order_by("enterprise_id")
        .values_list(
            "enterprise_id",
            "is_above_scale",
            "land_basis",
            *casts,
            "employees",
            "enterprise__production_started_on",
            "enterprise__industry_code",
            "enterprise__small_park_id",
        )
    )
    by_park = landlords()
    year_end = date(year, 12, 31)
    records = []
    for r in rows.iterator(chunk_size=5000):
        started: date | None = r[13]
        park: int | None = r[15]
        landlord = by_park.get(park) if park is not None else None
        records.append(
            {
                "enterprise_id": r[0],
                "above_scale": r[1],
                "land_basis": r[2],
                **dict(zip(_FLOAT_FIELDS, r[3:12], strict=True)),
                "employees": None if r[12] is None else float(r[12]),
                # completed calendar years at the year's end: the anniversary counts
                "years_in_production": None
                if started is None
                else completed_years(started, year_end),
                "industry_code": r[14],
                "landlord_id": landlord if landlord != r[0] else None,
            }
        )
    return engine.input_frame(records)


def has_figures(*, year: int) -> bool:
    return EnterpriseYear.objects.filter(year=year).exists()


def events_for(*, year: int) -> list[engine.Event]:
    """The veto events of `year` as the engine reads them: those typed in (not voided), then
    those read from the records other apps keep."""
    rows = VetoEvent.objects.filter(occurred_on__year=year, is_void=False).order_by("pk")
    typed = [
        engine.Event(enterprise_id=e.enterprise_id, kind=e.kind, grade=int(e.grade[0]))
        for e in rows
    ]
    # Events other apps keep (the enforcement record), registered in parkops/common/records.py.
    recorded = [
        engine.Event(enterprise_id=e.enterprise_id, kind=e.kind, grade=e.grade)
        for e in recorded_events(year)
    ]
    return typed + recorded

"""The data a quarterly briefing is built from, read once through the apps' own selectors.

The snapshot is plain JSON (strings, numbers, lists), stored with the issue: the document is a
function of it alone (render.py), so an archived issue can be written again word for word. Every
label is read in Chinese, whatever language the page that asked for it speaks. A figure the data
does not have is None in the snapshot and "暂无数据" in the document, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation

from parkops.briefings.choices import ISSUER
from parkops.common.types import AnyUser
from parkops.enforcement.selectors import (
    findings_visible_to,
    inspections_visible_to,
    penalties_visible_to,
)
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.run_figures import class_counts
from parkops.execution.choices import Milestone, ScheduleState
from parkops.execution.selectors import behind_schedule
from parkops.indicators.choices import ForecastMethod, TierChoice
from parkops.indicators.selectors import Row, scoreboard
from parkops.land.choices import LandActionKind
from parkops.land.selectors import land_completed_visible_to
from parkops.service.bulletin import BulletinRow, bulletin
from parkops.service.selectors import requests_visible_to

Json = dict[str, Any]


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1–4

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        following = date(self.year + self.number // 4, (3 * self.number) % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    @property
    def months(self) -> list[date]:
        return [date(self.year, 3 * self.number - 2 + k, 1) for k in range(3)]

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def number_text(value: Decimal | float | int | None) -> str | None:
    """A figure as the document prints it (no trailing zeros); None stays None (暂无数据)."""
    if value is None:
        return None
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text in ("-0", "") else text


def _tier(value: TierChoice | None) -> str | None:
    return None if value is None else str(value.label)


def indicator_rows(rows: list[Row], year: int) -> list[Json]:
    out = []
    for row in rows:
        cell = row.cell(year)
        target = cell.target
        forecast = row.forecast if row.forecast_year == year else None
        out.append(
            {
                "number": row.indicator.number,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "floor": number_text(target.floor) if target else None,
                "committed": number_text(target.committed) if target else None,
                "stretch": number_text(target.stretch) if target else None,
                "actual": number_text(cell.value),
                "tier": _tier(cell.tier),
                "forecast_low": number_text(forecast.low) if forecast else None,
                "forecast_high": number_text(forecast.high) if forecast else None,
                "forecast_tier": _tier(row.forecast_tiers[1]) if forecast else None,
                "forecast_method": (
                    str(ForecastMethod(row.forecast_method).label)
                    if forecast and row.forecast_method
                    else None
                ),
            }
        )
    return out


def _behind(user: AnyUser, today: date) -> Json:
    late = behind_schedule(user=user, today=today)
    rows: list[Json] = []
    for project in late.projects:
        milestones = [
            str(Milestone(m.milestone.kind).label)
            for m in project.milestones
            if m.state.status == ScheduleState.LATE.value
        ]
        rows.append(
            {
                "kind": "重点项目",
                "name": project.project.name,
                "detail": "、".join(milestones) + "滞后" if milestones else "滞后",
            }
        )
    for entry in late.entries:
        rows.append(
            {
                "kind": "培育清单",
                "name": str(entry),
                "detail": f"计划{entry.planned_year}年完成，逾期未完成",
            }
        )
    for infra in late.infrastructure:
        rows.append(
            {
                "kind": "基础设施",
                "name": infra.name,
                "detail": f"计划{infra.finish_year}年完工，滞后",
            }
        )
    return {"rows": rows, "unreported": late.unreported.count}


def _land(user: AnyUser, year: int) -> Json:
    out: Json = {}
    for kind in (LandActionKind.VACATE, LandActionKind.UPGRADE):
        entries = land_completed_visible_to(user, year=year, kind=kind)
        out[kind.value] = {
            "label": str(kind.label),
            "rows": [{"name": e.label, "area_mu": number_text(e.area_mu)} for e in entries],
            "total_mu": number_text(sum((e.area_mu for e in entries), Decimal(0))),
        }
    return out


def _evaluation(user: AnyUser, year: int) -> Json | None:
    """The latest published evaluation up to the briefing's year: how many in each class."""
    run = (
        EvaluationRun.objects.filter(status="published", superseded_at__isnull=True, year__lte=year)
        .order_by("-year", "-published_at")
        .first()
    )
    if run is None:
        return None
    totals = [0] * len(EvaluationClass)
    for population in class_counts(user=user, run=run):
        totals = [a + b for a, b in zip(totals, population["counts"], strict=True)]
    return {
        "year": run.year,
        "counts": [[str(c.label), n] for c, n in zip(EvaluationClass, totals, strict=True)],
        "total": sum(totals),
    }


def _service(user: AnyUser, quarter: Quarter) -> Json:
    total = BulletinRow("")
    requests = requests_visible_to(user)
    for month in quarter.months:
        month_total = bulletin(requests, month)[0][-1]
        total.dispatched += month_total.dispatched
        total.on_time += month_total.on_time
        total.late += month_total.late
        total.open += month_total.open
        total.rated += month_total.rated
        total.score += month_total.score
    return {
        "dispatched": total.dispatched,
        "on_time": total.on_time,
        "late": total.late,
        "open": total.open,
        "on_time_rate": number_text(total.on_time_rate),
        "rated": total.rated,
        "satisfaction_rate": number_text(total.satisfaction_rate),
    }


def _enforcement(user: AnyUser, quarter: Quarter) -> Json:
    span = (quarter.first_day, quarter.last_day)
    return {
        "inspections": inspections_visible_to(user).filter(inspected_on__range=span).count(),
        "violations": findings_visible_to(user)
        .filter(inspection__inspected_on__range=span)
        .count(),
        "penalties": penalties_visible_to(user).filter(decided_on__range=span).count(),
    }


def briefing_snapshot(
    *, user: AnyUser, quarter: Quarter, number: int, next_steps: str, today: date
) -> Json:
    """Everything issue `number` of the year prints, as of the quarter's end (or today, when the
    quarter is not over yet)."""
    as_of = min(today, quarter.last_day)
    with translation.override("zh-hans"):
        return {
            "kind": "briefing",
            "year": quarter.year,
            "quarter": quarter.number,
            "number": number,
            "issuer": ISSUER,
            "dated": today.isoformat(),
            "as_of": as_of.isoformat(),
            "indicators": indicator_rows(scoreboard(today=as_of), quarter.year),
            "behind": _behind(user, as_of),
            "land": _land(user, quarter.year),
            "evaluation": _evaluation(user, quarter.year),
            "service": _service(user, quarter),
            "enforcement": _enforcement(user, quarter),
            "next_steps": next_steps.strip(),
            "copies_to": "镇党委、镇政府领导，镇各相关部门，各小园区",
        }

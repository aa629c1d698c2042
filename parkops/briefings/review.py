"""The data of the three-year review (《三年行动方案》实施情况总结), read through the apps' selectors.

For the plan period 2024–2026: each indicator's targets (保底/确保/贡献: 8 indicators × 3 years × 3
tiers = the plan's 72 targets) against the actual and the tier reached; each annex item with its
outcome (附件 1 key projects, 附件 2 cultivation lists, 附件 3 land, 附件 4 infrastructure).
Plain JSON, rendered by render_review.py alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.utils import translation

from parkops.briefings.choices import ISSUER
from parkops.briefings.snapshot import number_text
from parkops.common.types import AnyUser
from parkops.execution.choices import (
    CultivationKind,
    InfraStatus,
    ListProgress,
    ScheduleState,
)
from parkops.execution.selectors import cultivation_list, infra_list, project_list
from parkops.indicators.choices import TierChoice
from parkops.indicators.selectors import scoreboard
from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.selectors import actions_visible_to
from parkops.plan.caojing import DOCUMENT_NUMBER, YEARS

Json = dict[str, Any]
# How many of a year's three targets (保底, 确保, 贡献) an actual in each tier meets.
TARGETS_MET = {
    TierChoice.BELOW_FLOOR: 0,
    TierChoice.FLOOR: 1,
    TierChoice.COMMITTED: 2,
    TierChoice.STRETCH: 3,
}


def _indicators(today: date) -> tuple[list[Json], Json]:
    rows, met, missed, unknown = [], 0, 0, 0
    for row in scoreboard(today=today, years=YEARS):
        years = []
        for cell in row.cells:
            target = cell.target
            tier = cell.tier
            if target is not None:
                if tier is None:
                    unknown += 3
                else:
                    met += TARGETS_MET[tier]
                    missed += 3 - TARGETS_MET[tier]
            years.append(
                {
                    "year": cell.year,
                    "floor": number_text(target.floor) if target else None,
                    "committed": number_text(target.committed) if target else None,
                    "stretch": number_text(target.stretch) if target else None,
                    "actual": number_text(cell.value),
                    "tier": None if tier is None else str(tier.label),
                }
            )
        rows.append(
            {
                "number": row.indicator.number,
                "group": row.indicator.group,
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "years": years,
            }
        )
    return rows, {"met": met, "missed": missed, "unknown": unknown, "total": met + missed + unknown}


def _counted(rows: list[Json], key: str) -> Json:
    return {"rows": rows, "counts": sorted(Counter(r[key] for r in rows).items())}


def _projects(user: AnyUser, today: date) -> Json:
    rows = [
        {
            "name": r.project.name,
            "enterprise": str(r.project.enterprise),
            "state": str(ScheduleState(r.state.status).label) if r.state else "暂无数据",
        }
        for r in sorted(project_list(user=user, today=today), key=lambda r: r.project.pk)
    ]
    return _counted(rows, "state")


def _cultivation(user: AnyUser, today: date) -> list[Json]:
    entries = list(cultivation_list(user=user, today=today).order_by("kind", "planned_year", "pk"))
    out = []
    for kind in CultivationKind:
        rows = [
            {
                "name": e.project_name or str(e.enterprise),
                "enterprise": str(e.enterprise),
                "year": e.planned_year,
                "state": str(ListProgress(e.progress).label),  # type: ignore[attr-defined]
            }
            for e in entries
            if e.kind == kind
        ]
        out.append({"label": str(kind.label), **_counted(rows, "state")})
    return out


def _land(user: AnyUser) -> list[Json]:
    actions = list(actions_visible_to(user).order_by("planned_year", "pk"))
    out = []
    for kind in LandActionKind:
        rows = [
            {
                "name": a.name,
                "area_mu": number_text(a.area_mu),
                "year": a.planned_year,
                "state": str(LandActionStatus(a.status).label),
            }
            for a in actions
            if a.kind == kind
        ]
        out.append({"label": str(kind.label), **_counted(rows, "state")})
    return out


def _infrastructure(today: date) -> Json:
    rows = [
        {
            "name": p.name,
            "investment_wan": number_text(p.investment_wan),
            "spent_wan": number_text(p.spent_wan),  # type: ignore[attr-defined]
            "year": p.finish_year,
            "state": str(InfraStatus(p.status).label),
            "schedule": str(ScheduleState(p.schedule).label),  # type: ignore[attr-defined]
        }
        for p in infra_list(today=today).order_by("plan_row", "pk")
    ]
    return _counted(rows, "state")


def review_snapshot(*, user: AnyUser, today: date) -> Json:
    """The whole plan period as the data stands on `today` (at most the plan's last day)."""
    as_of = min(today, date(max(YEARS), 12, 31))
    with translation.override("zh-hans"):
        indicators, targets = _indicators(as_of)
        return {
            "kind": "review",
            "years": list(YEARS),
            "plan": DOCUMENT_NUMBER,
            "issuer": ISSUER,
            "dated": today.isoformat(),
            "as_of": as_of.isoformat(),
            "indicators": indicators,
            "targets": targets,
            "projects": _projects(user, as_of),
            "cultivation": _cultivation(user, as_of),
            "land": _land(user),
            "infrastructure": _infrastructure(as_of),
        }

"""Who is due a visit and who is overdue, and the monthly coverage per road and grid.

The enterprises' tiers come from the registry (key industry, 规上 in the latest reported year),
the visits (never visited: a new arrival) and the latest published evaluation (D class, bottom
30), read through evaluation.selectors; the arithmetic is parkops/core/visitcycle.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Cast

from parkops.common.records import enterprise_flags
from parkops.common.types import AnyUser
from parkops.core import visitcycle as vc
from parkops.evaluation.selectors import latest_standing
from parkops.registry.choices import EnterpriseStatus, KeyIndustry
from parkops.registry.models import EnterpriseYear, Grid, Road
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits.choices import DueStatus, VisitTier
from parkops.visits.models import Visit, VisitCycle

KEY_INDUSTRIES = (
    KeyIndustry.BIOMEDICINE,
    KeyIndustry.INTELLIGENT_MANUFACTURING,
    KeyIndustry.NEW_MATERIALS,
)


@dataclass(slots=True)
class DueRow:
    enterprise_id: int
    name: str
    is_demo: bool
    road_id: int | None
    road: str
    grid_id: int | None
    grid: str
    tiers: tuple[VisitTier, ...]
    cycle: VisitCycle | None
    last_visit: date | None
    next_due: date | None
    status: DueStatus
    flags: tuple[str, ...] = ()  # other apps' warnings (parkops.common.records.enterprise_flags)


def cycles() -> dict[vc.Tier, tuple[vc.Cycle, VisitCycle]]:
    return {vc.Tier(c.tier): (vc.Cycle(c.interval, c.unit), c) for c in VisitCycle.objects.all()}


FIELDS = (
    "pk", "name", "is_demo", "road_id", "grid_id", "key_industry", "cluster", "registered",
    "above_scale", "last_visit",
)  # fmt: skip


def _enterprises(
    user: AnyUser, *, q: str = "", road_id: int | None = None, grid_id: int | None = None
) -> list[dict[str, Any]]:
    """The operating enterprises in the user's scope (narrowed by name, road and grid in SQL),
    each with its 规上 flag of the latest year, its last visit and the date it was registered.

    Read for 10,000 enterprises on every due-list page, so kept narrow: no join (the road's and
    grid's names come from their small tables), the registration as a date cast in SQL (parsing
    10,000 timestamps in Python cost more than the query), the newest visit through the
    (enterprise, visited_on) index."""
    latest = EnterpriseYear.objects.filter(enterprise=OuterRef("pk")).order_by("-year")
    last_visit = Visit.objects.filter(enterprise=OuterRef("pk")).order_by("-visited_on")
    qs = enterprises_visible_to(user).filter(status=EnterpriseStatus.OPERATING)
    if q:
        qs = qs.filter(name__icontains=q)
    if road_id is not None:
        qs = qs.filter(road_id=road_id)
    if grid_id is not None:
        qs = qs.filter(grid_id=grid_id)
    rows = list(
        qs.annotate(
            above_scale=Subquery(latest.values("is_above_scale")[:1]),
            last_visit=Subquery(last_visit.values("visited_on")[:1]),
            registered=Cast("created_at", DateField()),
        )
        .order_by()  # the callers sort (by status and date); SQL need not
        .values(*FIELDS)
    )
    roads = dict(Road.objects.values_list("pk", "name"))
    grids = dict(Grid.objects.values_list("pk", "name"))
    for row in rows:
        row["road__name"] = roads.get(row["road_id"], "")
        row["grid__name"] = grids.get(row["grid_id"], "")
    return rows


def _profile(row: dict[str, Any], standing: dict[int, tuple[Any, int | None]]) -> vc.Profile:
    cls, position = standing.get(row["pk"], (None, None))
    return vc.Profile(
        key_industry=row["key_industry"] in KEY_INDUSTRIES or bool(row["cluster"]),
        above_scale=bool(row["above_scale"]),
        visited_before=row["last_visit"] is not None,
        evaluation_class=str(cls) if cls is not None else None,
        park_position=position,
    )


def due_rows(
    *,
    user: AnyUser,
    today: date,
    q: str = "",
    road_id: int | None = None,
    grid_id: int | None = None,
) -> list[DueRow]:
    """Every operating enterprise in the user's scope (whose name contains `q`, on the road,
    in the grid, when given) with its tiers, cycle and next due date.

    The straightforward computation, every row in Python: the export writes it, and the tests
    hold the page's list (due_query.DueList, the same sums in SQL) to it."""
    known = cycles()
    plain = {tier: cycle for tier, (cycle, _row) in known.items()}
    _year, standing = latest_standing()
    month_end = vc.month_end(today)
    # Few distinct profiles: their tiers and cycle are worked out once each, looked up by the
    # facts that make the profile (building a Profile per enterprise cost more than the rest).
    chosen_for: dict[
        tuple[Any, ...], tuple[tuple[VisitTier, ...], vc.Cycle | None, VisitCycle | None]
    ]
    chosen_for = {}
    # Many enterprises share a cycle and a last visit date: each next date is worked out once.
    after: dict[tuple[vc.Cycle, date], date] = {}
    rows = []
    for e in _enterprises(user, q=q, road_id=road_id, grid_id=grid_id):
        facts = (
            e["key_industry"], e["cluster"], e["above_scale"], e["last_visit"] is None,
            standing.get(e["pk"]),
        )  # fmt: skip
        if facts not in chosen_for:
            tiers = vc.tiers_of(_profile(e, standing))
            chosen = vc.shortest(tiers, plain)
            chosen_for[facts] = (
                tuple(VisitTier(t.value) for t in tiers),
                chosen[1] if chosen else None,
                known[chosen[0]][1] if chosen else None,
            )
        tiers_shown, cycle, cycle_row = chosen_for[facts]
        next_due = None
        if cycle is not None:
            since = e["last_visit"] or e["registered"]
            next_due = after.get((cycle, since))
            if next_due is None:
                next_due = after[(cycle, since)] = cycle.after(since)
        if next_due is None or next_due > month_end:
            status = DueStatus.OK
        else:
            status = DueStatus.OVERDUE if next_due < today else DueStatus.DUE
        rows.append(
            DueRow(
                enterprise_id=e["pk"],
                name=e["name"],
                is_demo=e["is_demo"],
                road_id=e["road_id"],
                road=e["road__name"] or "",
                grid_id=e["grid_id"],
                grid=e["grid__name"] or "",
                tiers=tiers_shown,
                cycle=cycle_row,
                last_visit=e["last_visit"],
                next_due=next_due,
                status=status,
            )
        )
    flags = enterprise_flags((r.enterprise_id for r in rows), today)
    for row in rows:
        if row.enterprise_id in flags:
            row.flags = tuple(flags[row.enterprise_id])
    return rows


@dataclass(frozen=True)
class CoverageRow:
    month: date  # first day of the month
    group: str  # the road's or grid's name ("" for none)
    enterprises: int
    due: int
    visited: int
    due_visited: int
    overdue: int

    @property
    def rate(self) -> float | None:
        """Share of the enterprises due this month that were visited, in %."""
        return round(100 * self.due_visited / self.due, 1) if self.due else None


def coverage(*, user: AnyUser, year: int, by: str, today: date) -> list[CoverageRow]:
    """Per month of `year` (up to today's) and per road (`by="road"`) or grid: enterprises,
    due (the next visit fell due by the month's end), visited, due and visited, and overdue
    (due, not visited by the month's end or, this month, by today). Tiers are today's."""
    plain = {tier: cycle for tier, (cycle, _row) in cycles().items()}
    _year, standing = latest_standing()
    enterprises = _enterprises(user)
    dates: dict[int, list[date]] = defaultdict(list)
    # The same enterprises as a subquery: a list of 100,000 ids as parameters cost seconds.
    scope = enterprises_visible_to(user).filter(status=EnterpriseStatus.OPERATING)
    for enterprise_id, day in (
        Visit.objects.filter(enterprise__in=scope.values("pk"), visited_on__lte=date(year, 12, 31))
        .order_by("visited_on")
        .values_list("enterprise_id", "visited_on")
    ):
        dates[enterprise_id].append(day)
    counts: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    group_key = "road__name" if by == "road" else "grid__name"
    # Few distinct profiles and dates: the cycle of each profile and each next date once.
    chosen_for: dict[tuple[Any, ...], tuple[vc.Tier, vc.Cycle] | None] = {}
    after: dict[tuple[vc.Cycle, date], date] = {}
    months = [(date(year, m, 1), vc.month_end(date(year, m, 1))) for m in range(1, 13)]
    for e in enterprises:
        visits = dates.get(e["pk"], [])
        registered = e["registered"]
        for start, end in months:
            if start > today or registered > end:
                continue
            first = bisect_left(visits, start)  # visits[:first] came before the month
            last_before = visits[first - 1] if first else None
            facts = (
                e["key_industry"], e["cluster"], e["above_scale"], last_before is None,
                standing.get(e["pk"]),
            )  # fmt: skip
            if facts not in chosen_for:
                profile = _profile({**e, "last_visit": last_before}, standing)
                chosen_for[facts] = vc.shortest(vc.tiers_of(profile), plain)
            chosen = chosen_for[facts]
            if chosen is None:
                continue
            since = last_before or registered
            next_due = after.get((chosen[1], since))
            if next_due is None:
                next_due = after[(chosen[1], since)] = chosen[1].after(since)
            horizon = min(end, today)
            visited = first < len(visits) and visits[first] <= horizon
            due = next_due <= end
            overdue = due and not visited and (next_due < today if end >= today else True)
            c = counts[(start, e[group_key] or "")]
            c[0] += 1
            c[1] += due
            c[2] += visited
            c[3] += due and visited
            c[4] += overdue
    return [CoverageRow(month, group, *c) for (month, group), c in sorted(counts.items())]

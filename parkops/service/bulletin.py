"""The monthly bulletin in the 12345 style, by department and by road.

For the requests first dispatched in the month (as they stand now):
- 派单数: how many; 按时办结 / 超时办结: closed, answered by / after the deadline; 未办结: the rest;
- 结案率 = (按时 + 超时) / 派单数; 按时结案率 = 按时 / 派单数;
- 满意率 = (满意 + 0.9 × 基本满意) / 有效回访, where each follow-up (its latest rating) counts
  once and its three items (效率 / 态度 / 结果) weigh a third each.
Rates are percentages rounded half up to one decimal; a rate of nothing is None (shown "—").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.service.choices import EventKind, Rating, RequestState
from parkops.service.models import RequestEvent, Satisfaction, ServiceRequest

WEIGHT = {
    Rating.SATISFIED: Decimal(1),
    Rating.BASIC: Decimal("0.9"),
    Rating.UNSATISFIED: Decimal(0),
}


def _rate(part: Decimal | int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class BulletinRow:
    name: str
    dispatched: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    rated: int = 0
    score: Decimal = field(default_factory=Decimal)

    @property
    def closure_rate(self) -> Decimal | None:
        return _rate(self.on_time + self.late, self.dispatched)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _rate(self.on_time, self.dispatched)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return _rate(self.score, self.rated)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    start = datetime.combine(month.replace(day=1), time.min, timezone.get_current_timezone())
    following = month.replace(
        day=1, month=month.month % 12 + 1, year=month.year + month.month // 12
    )
    end = datetime.combine(following, time.min, timezone.get_current_timezone())
    return start, end


def bulletin(
    requests: QuerySet[ServiceRequest], month: date
) -> tuple[list[BulletinRow], list[BulletinRow]]:
    """(by department, by road) for the requests first dispatched in `month`, plus a total row
    at the end of each."""
    start, end = month_bounds(month)
    first = (
        RequestEvent.objects.filter(kind=EventKind.DISPATCH, request__in=requests)
        .values("request")
        .annotate(first=Min("at"))
        .filter(first__gte=start, first__lt=end)
        .values("request")
    )
    rows = list(
        requests.filter(pk__in=first)
        .select_related("department", "enterprise__road")
        .order_by("pk")
    )
    last_dept = _last_departments([r.pk for r in rows])
    latest = _latest_ratings([r.pk for r in rows])
    by_dept: dict[str, BulletinRow] = defaultdict(lambda: BulletinRow(""))
    by_road: dict[str, BulletinRow] = defaultdict(lambda: BulletinRow(""))
    total_d, total_r = BulletinRow(_("合计")), BulletinRow(_("合计"))
    for req in rows:
        dept = str(req.department) if req.department else last_dept.get(req.pk, _("未派单"))
        road = req.enterprise.road.name if req.enterprise.road else _("未分路")
        for row, name in (
            (by_dept[dept], dept),
            (by_road[road], road),
            (total_d, ""),
            (total_r, ""),
        ):
            row.name = row.name or name
            _count(row, req, latest.get(req.pk))
    return (
        [by_dept[k] for k in sorted(by_dept)] + [total_d],
        [by_road[k] for k in sorted(by_road)] + [total_r],
    )


def _count(row: BulletinRow, req: ServiceRequest, rating: Satisfaction | None) -> None:
    row.dispatched += 1
    if req.state == RequestState.CLOSED and req.answered_at is not None:
        if req.answered_at <= req.due_at:
            row.on_time += 1
        else:
            row.late += 1
    else:
        row.open += 1
    if rating is not None:
        row.rated += 1
        row.score += sum((WEIGHT[Rating(i)] for i in rating.items), Decimal()) / 3


def _last_departments(pks: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    events = (
        RequestEvent.objects.filter(
            request__in=pks, kind__in=(EventKind.DISPATCH, EventKind.TRANSFER)
        )
        .select_related("department")
        .order_by("at", "pk")
    )
    for event in events:
        found[event.request_id] = str(event.department)
    return found


def _latest_ratings(pks: list[int]) -> dict[int, Satisfaction]:
    found: dict[int, Satisfaction] = {}
    for rating in Satisfaction.objects.filter(request__in=pks).order_by("recorded_at", "pk"):
        found[rating.request_id] = rating
    return found
